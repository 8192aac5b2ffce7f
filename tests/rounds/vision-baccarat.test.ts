import { describe, expect, it } from 'vitest';
import type { VisionVerdict } from '../../engine/vision/verdict';
import { shoe } from './support/device-events';
import { BACCARAT, codeOf, Table } from './support/table';
import { FLOOR_MANAGER } from './support/users';
import { verdict } from './support/verdicts';

const VISION = { ...BACCARAT, vision: { minConfidence: 0.9, verdictTimeoutMs: 5000 } };
const HAND = ['4S', '3H', '5S', '4H'];

function dealt(cards: string[] = HAND): Table {
  const t = new Table(VISION);
  t.shoe(shoe.inserted('S1'));
  t.deal('S1', ['3H', '7C', 'KD', '2S']);
  t.command({ cmd: 'openBetting', roundId: null });
  t.command({ cmd: 'closeBetting', roundId: t.roundId });
  t.deal('S1', cards as never[]);
  return t;
}

const send = (t: Table, v: VisionVerdict) => t.engine.handle({ source: 'vision', verdict: v });

describe('baccarat with the vision check: one verdict for the whole hand', () => {
  it('the complete hand is verifying, its cards in deal order, one slot per dealt position', () => {
    const t = dealt();
    expect(t.phase).toBe('verifying');
    expect(t.results).toHaveLength(0);
    expect(t.engine.publicState().round?.vision?.sensor).toEqual([
      { slot: 'player1', label: '4S' },
      { slot: 'banker1', label: '3H' },
      { slot: 'player2', label: '5S' },
      { slot: 'banker2', label: '4H' },
    ]);
  });

  it('third cards get their own slots', () => {
    // Player 2+3=5 draws 6C → 11 → 1; banker 10+J=0 draws: hand of six cards.
    const t = dealt(['2S', '10D', '3C', 'JH', '6C', '9D']);
    expect(t.engine.publicState().round?.vision?.sensor.map((s) => s.slot)).toEqual([
      'player1',
      'banker1',
      'player2',
      'banker2',
      'player3',
      'banker3',
    ]);
  });

  it('every card agreeing → final with the sensor outcome', () => {
    const t = dealt();
    expect(codeOf(send(t, verdict('BC1-1', HAND, HAND)))).toBe('ok');
    expect(t.phase).toBe('result');
    expect(t.results.map((r) => r.result)).toMatchObject([{ outcome: { winner: 'player', playerTotal: 9 } }]);
  });

  it('compared card by card: one card read differently holds the hand', () => {
    const t = dealt();
    send(t, verdict('BC1-1', HAND, ['4S', '3H', '5S', '5H']));
    expect(t.phase).toBe('needs_review');
    const hold = t.engine.publicState().round?.vision?.hold;
    expect(hold?.code).toBe('disagree');
    expect(hold?.reason).toContain('camera 5H');
    expect(hold?.camera.map((c) => c.slot)).toEqual(['player1', 'banker1', 'player2', 'banker2']);
  });

  it('one card below the confidence holds the hand', () => {
    const t = dealt();
    const v = verdict('BC1-1', HAND, HAND);
    v.readings[2] = { label: '5S', confidence: 0.4 };
    v.status = 'low_confidence';
    send(t, v);
    expect(t.engine.publicState().round?.vision?.hold?.code).toBe('low_confidence');
  });

  it('a card slot the camera sees empty holds the hand (none)', () => {
    const t = dealt();
    send(t, verdict('BC1-1', HAND, ['4S', 'none', '5S', '4H']));
    expect(t.engine.publicState().round?.vision?.hold?.code).toBe('none');
  });

  it('accept the camera: the outcome by the camera cards is final', () => {
    const t = dealt();
    // Camera: banker 3H is 5H → banker 9, a tie at 9.
    send(t, verdict('BC1-1', HAND, ['4S', '5H', '5S', '4H']));
    expect(t.engine.publicState().round?.vision?.decisions).toContain('accept_camera');
    t.command(
      { cmd: 'review', roundId: 'BC1-1', decision: 'accept_camera', reason: 'reader misread' },
      FLOOR_MANAGER,
    );
    expect(t.results.map((r) => r.result)).toMatchObject([
      { outcome: { winner: 'tie', playerTotal: 9, bankerTotal: 9, bankerCards: ['5H', '4H'] } },
    ]);
  });

  it('a camera hand the tableau cannot deal in these slots cannot be accepted', () => {
    const t = dealt(['2S', '10D', '3C', 'JH', '6C', '9D']);
    // With 6S as player 2 the player has 8, a natural: no third cards, so six slots are impossible.
    send(
      t,
      verdict(
        'BC1-1',
        t.engine.publicState().round!.vision!.sensor.map((s) => s.label),
        ['2S', '10D', '6S', 'JH', '6C', '9D'],
      ),
    );
    expect(t.engine.publicState().round?.vision?.decisions).toEqual(['accept_sensor', 'void']);
    expect(
      codeOf(
        t.command({ cmd: 'review', roundId: 'BC1-1', decision: 'accept_camera', reason: 'x' }, FLOOR_MANAGER),
      ),
    ).toBe('invalid_command');
  });

  it('void: the hand is voided, the shoe goes on; the next hand opens', () => {
    const t = dealt();
    send(t, verdict('BC1-1', HAND, ['4S', '5H', '5S', '4H']));
    t.command({ cmd: 'review', roundId: 'BC1-1', decision: 'void', reason: 'cards exposed' }, FLOOR_MANAGER);
    expect(t.phase).toBe('void');
    expect(codeOf(t.command({ cmd: 'openBetting', roundId: 'BC1-1' }))).toBe('ok');
  });

  it('a card while the hand is verified is a stray card: held for a floor manager', () => {
    const t = dealt();
    expect(codeOf(t.deal('S1', ['9C'])[0]!)).toBe('hand_complete');
    expect(t.phase).toBe('interrupted');
    t.command({ cmd: 'acceptResult', roundId: 'BC1-1', reason: 'burned' }, FLOOR_MANAGER);
    expect(t.phase).toBe('verifying');
  });

  it('removing the shoe after the last card does not hold the verified hand', () => {
    const t = dealt();
    t.shoe(shoe.removed('S1'));
    expect(t.phase).toBe('verifying');
  });

  it('vision off: the hand is final at once, as before', () => {
    const t = new Table(BACCARAT);
    t.shoe(shoe.inserted('S1'));
    t.deal('S1', ['3H', '7C', 'KD', '2S']);
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: t.roundId });
    t.deal('S1', HAND as never[]);
    expect(t.phase).toBe('result');
  });
});
