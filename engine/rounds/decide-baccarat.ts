/**
 * What the shoe's events mean for the shoe and the hand. The rules say where each card goes; a card
 * they cannot place is refused and holds the round for a floor manager (a misdeal), except a card
 * the reader sends again (a resend after a reconnect), which is only refused.
 */
import type { ShoeEvent } from '../../hardware/protocols/types';
import { cutCardReached, drawCard, handOutcome, nextDraw } from '../games/baccarat';
import type { RoundConfig } from './config';
import { roundError, type RoundError } from './errors';
import { isFinished, underlyingPhase, type InterruptionCode } from './state';
import type { Verdict } from './verdict';
import { startVerification } from './decide-vision';

type CardEvent = Extract<ShoeEvent, { type: 'card' }>;

export function decideShoe(v: Verdict, event: ShoeEvent, config: RoundConfig): void {
  switch (event.type) {
    case 'shoeInserted':
      v.add('shoe.inserted', { shoe: event.shoe, decks: event.decks ?? config.decks, at: event.at });
      holdOpenHand(v, 'shoe_changed', `shoe ${event.shoe} was inserted while the hand was open`);
      return;
    case 'shoeRemoved':
      if (v.state.shoe?.id !== event.shoe) return;
      v.add('shoe.removed', { shoe: event.shoe, at: event.at });
      holdOpenHand(v, 'shoe_changed', `shoe ${event.shoe} was removed while the hand was open`);
      return;
    case 'cutCard': {
      const shoe = v.state.shoe;
      if (!shoe) v.reject(roundError('no_shoe', 'cut card refused: no shoe is in the reader'));
      else if (shoe.id !== event.shoe) v.reject(otherShoe(event.shoe, shoe.id));
      else {
        const cut = cutCardReached(shoe.rules);
        if (!cut.ok) v.reject(cut.error);
        else v.add('shoe.cutCard', { shoe: event.shoe, index: event.index, at: event.at });
      }
      return;
    }
    case 'card':
      onCard(v, event, config);
      return;
    default:
      // hello, readerError: journaled only.
      return;
  }
}

function onCard(v: Verdict, event: CardEvent, config: RoundConfig): void {
  const shoe = v.state.shoe;
  if (!shoe) {
    v.reject(roundError('no_shoe', `${event.card} refused: no shoe is in the reader`));
    return;
  }
  if (event.shoe !== shoe.id) {
    refuseAndHold(v, otherShoe(event.shoe, shoe.id), 'misdeal');
    return;
  }
  if (event.index <= shoe.lastIndex) {
    v.reject(
      roundError('duplicate_card', `card ${event.index} (${event.card}) of shoe ${shoe.id} was already read`),
    );
    return;
  }
  if (event.index > shoe.lastIndex + 1) {
    const missed = `cards ${shoe.lastIndex + 1}–${event.index - 1} of shoe ${shoe.id} were never read`;
    refuseAndHold(v, roundError('card_sequence_gap', `${event.card} refused: ${missed}`), 'cards_missed');
    return;
  }
  const stage = shoe.rules.stage;
  if (stage.kind === 'awaiting_burn_card' || stage.kind === 'burning') {
    const burned = drawCard(shoe.rules, event.card);
    if (!burned.ok) refuseAndHold(v, burned.error, 'misdeal');
    else v.add('shoe.burnCard', { shoe: shoe.id, card: event.card, index: event.index, at: event.at });
    return;
  }
  const round = v.state.round;
  if (stage.kind === 'in_hand' && round?.game === 'baccarat') {
    if (round.interruption) {
      v.reject(
        roundError('round_interrupted', `${event.card} refused: round ${round.id} waits for a floor manager`),
      );
      return;
    }
    const slot = nextDraw(stage.hand);
    const drawn = drawCard(shoe.rules, event.card);
    if (!drawn.ok || slot.done) {
      refuseAndHold(
        v,
        drawn.ok ? roundError('hand_complete', 'the hand is complete') : drawn.error,
        'misdeal',
      );
      return;
    }
    v.add('round.card', {
      roundId: round.id,
      at: event.at,
      card: event.card,
      index: event.index,
      to: slot.to,
      position: slot.position,
    });
    const after = v.state.round;
    if (after?.game === 'baccarat' && v.state.shoe?.rules.stage.kind !== 'in_hand') {
      const outcome = handOutcome(after.hand);
      if (outcome.ok && config.vision) {
        startVerification(v, config.vision, round.id, event.at, { hand: after.hand, outcome: outcome.value });
      } else if (outcome.ok) {
        v.add('round.result', { roundId: round.id, at: event.at, outcome: outcome.value });
      }
    }
    return;
  }
  // Between hands: no card belongs to a hand now.
  const phase = round && !isFinished(round) ? underlyingPhase(round) : undefined;
  if (round?.verification && phase !== undefined) {
    // The hand is complete and under the camera's check: a further card is a stray.
    refuseAndHold(
      v,
      roundError('hand_complete', `${event.card} refused: the hand is complete`),
      'stray_card',
    );
  } else if (phase === 'betting_open') {
    refuseAndHold(
      v,
      roundError('card_before_no_more_bets', `${event.card} refused: betting is still open`),
      'stray_card',
    );
  } else if (phase === 'result') {
    refuseAndHold(
      v,
      roundError('hand_complete', `${event.card} refused: the hand is complete`),
      'stray_card',
    );
  } else {
    const drawn = drawCard(shoe.rules, event.card);
    v.reject(
      drawn.ok
        ? roundError('no_hand_in_progress', `${event.card} refused: no hand is being dealt`)
        : drawn.error,
    );
  }
}

/** Refuses the card; a round in progress waits for a floor manager. */
function refuseAndHold(v: Verdict, error: RoundError, code: InterruptionCode): void {
  v.reject(error);
  const round = v.state.round;
  if (round && !isFinished(round) && !round.interruption) {
    v.add('round.interrupted', { roundId: round.id, at: v.at, code, reason: error.message });
  }
}

/** A shoe change with betting open or a hand being dealt: the hand cannot go on. */
function holdOpenHand(v: Verdict, code: InterruptionCode, reason: string): void {
  const round = v.state.round;
  if (round?.game !== 'baccarat' || round.interruption || round.verification) return;
  if (round.phase === 'betting_open' || round.phase === 'dealing') {
    v.add('round.interrupted', { roundId: round.id, at: v.at, code, reason });
  }
}

function otherShoe(reported: string, current: string): RoundError {
  return roundError(
    'shoe_mismatch',
    `the card is from shoe ${reported}, but shoe ${current} is in the reader`,
  );
}
