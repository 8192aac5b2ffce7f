import { describe, expect, it } from 'vitest';
import type { CardCode } from '../../hardware/cards';
import { shoe } from './support/device-events';
import { BACCARAT, codeOf, Table } from './support/table';
import { FLOOR_MANAGER } from './support/users';

/** Shoe S1 in the reader, burn done: 3H face up, then three cards burned. */
function burned(decks?: number): Table {
  const t = new Table(decks === undefined ? BACCARAT : { ...BACCARAT, decks });
  t.shoe(shoe.inserted('S1'));
  t.deal('S1', ['3H', '7C', 'KD', '2S']);
  return t;
}

/** Opens betting, closes it and deals `cards`; returns the next-card labels seen before each card. */
function playHand(t: Table, cards: readonly CardCode[]): (string | null)[] {
  const roundId = t.engine.state.round?.id ?? null;
  expect(codeOf(t.command({ cmd: 'openBetting', roundId }))).toBe('ok');
  expect(codeOf(t.command({ cmd: 'closeBetting', roundId: t.roundId }))).toBe('ok');
  const labels: (string | null)[] = [];
  for (const card of cards) {
    labels.push(t.engine.publicState().nextCard);
    expect(codeOf(t.deal('S1', [card])[0]!)).toBe('ok');
  }
  labels.push(t.engine.publicState().nextCard);
  return labels;
}

describe('baccarat: shoe and burn', () => {
  it('a new shoe is burned from the cards the shoe reports; betting cannot open before the burn is done', () => {
    const t = new Table(BACCARAT);
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null }))).toBe('no_shoe');
    t.shoe(shoe.inserted('S1', 6));
    expect(t.engine.publicState().nextCard).toBe('burn card');
    t.deal('S1', ['4D']);
    expect(t.engine.publicState().nextCard).toBe('burn (4 left)');
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null }))).toBe('burn_incomplete');
    t.deal('S1', ['2C', '9H', 'JS', 'AC']);
    expect(t.engine.publicState()).toMatchObject({
      nextCard: null,
      shoe: { id: 'S1', decks: 6, cardsRemaining: 6 * 52 - 5, stage: 'between_hands' },
    });
    expect(t.count('shoe.burnCard')).toBe(5);
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: null }))).toBe('ok');
  });

  it('a card between hands (no round) is refused, without holding anything', () => {
    const t = burned();
    expect(codeOf(t.deal('S1', ['5C'])[0]!)).toBe('no_hand_in_progress');
    expect(t.engine.state.round).toBeUndefined();
  });
});

describe('baccarat hands from scripted card sequences', () => {
  it('natural: player 9 against banker 7 on four cards; the engine names each card', () => {
    const t = burned();
    const labels = playHand(t, ['4S', '3H', '5S', '4H']);
    expect(labels).toEqual(['player 1', 'banker 1', 'player 2', 'banker 2', null]);
    expect(t.phase).toBe('result');
    expect(t.results).toHaveLength(1);
    expect(t.results[0]?.result).toMatchObject({
      game: 'baccarat',
      outcome: {
        winner: 'player',
        playerTotal: 9,
        bankerTotal: 7,
        playerNatural: true,
        bankerNatural: false,
        playerPair: false,
        bankerPair: false,
        playerCards: ['4S', '5S'],
        bankerCards: ['3H', '4H'],
      },
    });
    expect(t.engine.publicState().round?.baccarat).toMatchObject({
      player: ['4S', '5S'],
      banker: ['3H', '4H'],
    });
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'BC1-1' }))).toBe('ok');
  });

  it('player third card: player 5 draws, banker 7 stands', () => {
    const t = burned();
    const labels = playHand(t, ['2C', '10H', '3C', '7D', '4D']);
    expect(labels).toEqual(['player 1', 'banker 1', 'player 2', 'banker 2', 'player 3', null]);
    expect(t.results[0]?.result).toMatchObject({
      outcome: { winner: 'player', playerTotal: 9, bankerTotal: 7, playerCards: ['2C', '3C', '4D'] },
    });
  });

  it("banker third card: banker 5 draws on the player's third card 6", () => {
    const t = burned();
    const labels = playHand(t, ['10S', '2H', 'KS', '3D', '6C', '3S']);
    expect(labels).toEqual(['player 1', 'banker 1', 'player 2', 'banker 2', 'player 3', 'banker 3', null]);
    expect(t.results[0]?.result).toMatchObject({
      outcome: { winner: 'banker', playerTotal: 6, bankerTotal: 8, bankerCards: ['2H', '3D', '3S'] },
    });
  });

  it('player stands on 7, banker draws on 3: a tie', () => {
    const t = burned();
    expect(playHand(t, ['7H', 'AC', 'KC', '2D', '4C']).at(-2)).toBe('banker 3');
    expect(t.results[0]?.result).toMatchObject({
      outcome: { winner: 'tie', playerTotal: 7, bankerTotal: 7 },
    });
  });

  it('pairs on both sides', () => {
    const t = burned();
    playHand(t, ['8S', 'QH', '8D', 'QD', '5H']);
    expect(t.results[0]?.result).toMatchObject({
      outcome: { winner: 'player', playerPair: true, bankerPair: true, playerTotal: 6, bankerTotal: 5 },
    });
  });

  it('cards are dealt only after betting closes (by the timer here)', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    t.advance(10_000).tick();
    expect(t.phase).toBe('dealing');
    expect(t.engine.publicState().nextCard).toBe('player 1');
  });
});

describe('baccarat: illegal draws hold the round', () => {
  it('an extra card after the hand is complete is refused and holds the round; the floor manager accepts it as burned', () => {
    const t = burned();
    playHand(t, ['4S', '3H', '5S', '4H']);
    const out = t.deal('S1', ['9C'])[0]!;
    expect(out).toMatchObject({ ok: false, error: { code: 'hand_complete' } });
    expect(t.kindsFrom(t.journal.size - 2)).toEqual([
      'device.shoe.card',
      'round.rejected',
      'round.interrupted',
    ]);
    expect(t.phase).toBe('interrupted');
    expect(t.engine.publicState().round?.interruption).toMatchObject({ code: 'stray_card' });
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'BC1-1' }))).toBe('round_interrupted');
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: 'BC1-1' }))).toBe('round_interrupted');
    expect(t.results).toHaveLength(1);

    t.command(
      { cmd: 'acceptResult', roundId: 'BC1-1', reason: 'card dropped face down, burned' },
      FLOOR_MANAGER,
    );
    expect(t.phase).toBe('result');
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'BC1-1' }))).toBe('ok');
    expect(t.results).toHaveLength(1);
  });

  it('a card before no more bets is refused and holds the round; the floor manager may void', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    expect(codeOf(t.deal('S1', ['2H'])[0]!)).toBe('card_before_no_more_bets');
    expect(t.phase).toBe('interrupted');
    t.command({ cmd: 'void', roundId: 'BC1-1', reason: 'card exposed before no more bets' }, FLOOR_MANAGER);
    expect(t.phase).toBe('void');
    // the next hand deals normally from the following card
    playHand(t, ['4S', '3H', '5S', '4H']);
    expect(t.results).toHaveLength(1);
  });

  it('a card the shoe cannot hold (a second AS in one deck) is a misdeal: void only', () => {
    const t = burned(1);
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    t.deal('S1', ['AS']);
    expect(codeOf(t.deal('S1', ['AS'])[0]!)).toBe('card_exhausted');
    expect(t.engine.publicState().round?.interruption).toMatchObject({
      code: 'misdeal',
      resolutions: ['void'],
    });
    expect(codeOf(t.deal('S1', ['2D'])[0]!)).toBe('round_interrupted');
    expect(codeOf(t.command({ cmd: 'acceptResult', roundId: 'BC1-1', reason: 'x' }, FLOOR_MANAGER))).toBe(
      'illegal_phase',
    );
    t.command({ cmd: 'void', roundId: 'BC1-1', reason: 'foreign card' }, FLOOR_MANAGER);
    expect(t.engine.publicState().shoe?.stage).toBe('between_hands');
  });

  it('a card sent again (same number) is refused but holds nothing; a gap in the numbers holds the hand', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    t.shoe(shoe.card('S1', 5, '4S'));
    expect(codeOf(t.shoe(shoe.card('S1', 5, '4S')))).toBe('duplicate_card');
    expect(t.phase).toBe('dealing');
    expect(codeOf(t.shoe(shoe.card('S1', 8, '5S')))).toBe('card_sequence_gap');
    expect(t.engine.publicState().round?.interruption).toMatchObject({ code: 'cards_missed' });
  });

  it('a card from another shoe is refused and holds the hand', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    expect(codeOf(t.shoe(shoe.card('S2', 1, '4S')))).toBe('shoe_mismatch');
    expect(t.phase).toBe('interrupted');
  });
});

describe('baccarat: cut card, last hand, shoe change', () => {
  it('the cut card during a hand: that hand completes, one more is dealt, then the shoe must change', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    t.deal('S1', ['4S', '3H']);
    t.shoe(shoe.cut('S1', 6));
    t.deal('S1', ['5S', '4H']);
    expect(t.engine.publicState().round?.baccarat?.lastHand).toBe(false);
    t.command({ cmd: 'settle', roundId: 'BC1-1' });

    playHand(t, ['2C', '10H', '3C', '7D', '4D']);
    expect(t.engine.publicState().round?.baccarat?.lastHand).toBe(true);
    expect(t.engine.publicState().shoe).toMatchObject({ cutCardOut: true, changeRequired: true });
    t.command({ cmd: 'settle', roundId: 'BC1-2' });
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: 'BC1-2' }))).toBe('shoe_change_required');
    expect(codeOf(t.deal('S1', ['6H'])[0]!)).toBe('shoe_change_required');

    t.shoe(shoe.removed('S1'));
    expect(t.engine.publicState().shoe).toBeNull();
    t.shoe(shoe.inserted('S2'));
    expect(t.engine.publicState().nextCard).toBe('burn card');
    t.shoe(shoe.card('S2', 1, 'AH'));
    t.shoe(shoe.card('S2', 2, '9S'));
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: 'BC1-2' }))).toBe('ok');
    expect(t.roundId).toBe('BC1-3');
  });

  it('the cut card between hands makes the next hand the last', () => {
    const t = burned();
    t.shoe(shoe.cut('S1', 4));
    expect(codeOf(t.shoe(shoe.cut('S1', 4)))).toBe('cut_card_already_out');
    t.command({ cmd: 'openBetting', roundId: null });
    expect(t.engine.publicState().round?.baccarat?.lastHand).toBe(true);
  });

  it('auto-open does not open a hand once the shoe must change', () => {
    const t = new Table({ ...BACCARAT, autoOpen: true });
    t.shoe(shoe.inserted('S1'));
    t.deal('S1', ['AH', '9S']);
    t.shoe(shoe.cut('S1', 2));
    playHand(t, ['4S', '3H', '5S', '4H']);
    t.command({ cmd: 'settle', roundId: 'BC1-1' });
    expect(t.phase).toBe('settled');
    expect(t.count('round.opened')).toBe(1);
  });

  it('removing the shoe while a hand is dealt holds the hand', () => {
    const t = burned();
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: 'BC1-1' });
    t.deal('S1', ['4S']);
    t.shoe(shoe.removed('S1'));
    expect(t.engine.publicState().round?.interruption).toMatchObject({ code: 'shoe_changed' });
  });
});
