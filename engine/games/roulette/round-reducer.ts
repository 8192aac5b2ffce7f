/**
 * The roulette round's phase machine: `applyRouletteEvent(round, event)` returns the next round or
 * a typed refusal, and never changes the round it is given.
 */
import { isOnWheel } from '../../../hardware/wheel/layout';
import { accept, refuse, type RuleResult } from '../rule-result';
import type { RouletteEvent } from './round-events';
import type { BallLaunch, RouletteRound } from './round-state';
import { accepts, hasValidLaunch, WITHOUT_VALID_LAUNCH } from './transitions';

/** The role that may void a round. */
export const VOID_APPROVER_ROLE = 'floor_manager';

export type RouletteErrorCode =
  | 'illegal_transition'
  | 'betting_open'
  | 'invalid_time'
  | 'invalid_duration'
  | 'no_ball_launched'
  | 'not_on_wheel'
  | 'reason_required'
  | 'approver_required'
  | 'approver_not_authorised';

export type RouletteResult = RuleResult<RouletteRound, RouletteErrorCode>;

/**
 * Applies one event. Enforces: events only in the phases `ACCEPTED_IN` lists; the ball may be
 * launched while betting is open (betting stays open) but only one ball is in play at a time; closing
 * betting with a valid launch standing goes straight to spinning; a winning number only once betting
 * is closed, after a valid launch in this round, and only if the configured wheel has that pocket; a
 * launch in the rotor's direction (both known) is a misspin; a void needs a reason and a floor manager's approval.
 */
export function applyRouletteEvent(round: RouletteRound, event: RouletteEvent): RouletteResult {
  if (!Number.isFinite(event.at))
    return refuse('invalid_time', `${event.type}: time ${event.at} is not a number`);
  if (event.type === 'result' && round.phase === 'betting_open') {
    return refuse('betting_open', 'winning number refused: betting is still open');
  }
  if (event.type === 'result' && WITHOUT_VALID_LAUNCH.includes(round.phase)) {
    return refuse(
      'no_ball_launched',
      round.phase === 'respin_required'
        ? `winning number ${event.number} refused: the last spin was a misspin and no new ball was launched`
        : `winning number ${event.number} refused: no ball was launched in this round`,
    );
  }
  if (!accepts(round.phase, event.type)) {
    return refuse('illegal_transition', `${event.type} is not allowed while the round is ${round.phase}`);
  }
  const bettingOpen = round.phase === 'betting_open';
  if (bettingOpen && event.type === 'ballLaunched' && hasValidLaunch(round)) {
    return refuse('illegal_transition', 'ballLaunched is not allowed: a ball is already in play');
  }
  if (bettingOpen && event.type === 'misspin' && !hasValidLaunch(round)) {
    return refuse('illegal_transition', 'misspin is not allowed: no ball is in play');
  }

  switch (event.type) {
    case 'openBetting':
      if (!Number.isFinite(event.durationMs) || event.durationMs <= 0) {
        return refuse(
          'invalid_duration',
          `betting time must be a positive number of ms (got ${event.durationMs})`,
        );
      }
      return accept({
        ...round,
        phase: 'betting_open',
        betting: { openedAt: event.at, closesAt: event.at + event.durationMs },
      });

    case 'closeBetting':
      return accept({
        ...round,
        phase: hasValidLaunch(round) ? 'spinning' : 'no_more_bets',
        betting: round.betting && { ...round.betting, closedAt: event.at },
      });

    case 'ballLaunched': {
      const launch: BallLaunch = {
        at: event.at,
        ...(event.direction === undefined ? {} : { direction: event.direction }),
        ...(event.rotorDirection === undefined ? {} : { rotorDirection: event.rotorDirection }),
      };
      // Only one ball is in play, so any launch after the first follows a misspin: a respin.
      const launched: RouletteRound = {
        ...round,
        launches: [...round.launches, launch],
        respins: round.launches.length > 0 ? round.respins + 1 : round.respins,
      };
      if (event.direction !== undefined && event.rotorDirection === event.direction) {
        const misspin = { at: event.at, reason: 'launched_with_rotor' } as const;
        return accept({
          ...launched,
          phase: bettingOpen ? 'betting_open' : 'respin_required',
          misspins: [...round.misspins, misspin],
        });
      }
      return accept({ ...launched, phase: bettingOpen ? 'betting_open' : 'spinning' });
    }

    case 'result':
      if (!isOnWheel(round.layout, event.number)) {
        return refuse('not_on_wheel', `${event.number} is not a pocket of the ${round.layout} wheel`);
      }
      return accept({ ...round, phase: 'result', winningNumber: event.number, resultAt: event.at });

    case 'misspin':
      // While betting is open the round stays open for bets; the dealer simply launches again.
      return accept({
        ...round,
        phase: bettingOpen ? 'betting_open' : 'respin_required',
        misspins: [...round.misspins, { at: event.at, reason: event.reason }],
      });

    case 'settle':
      return accept({ ...round, phase: 'settled', settledAt: event.at });

    case 'void': {
      const reason = event.reason.trim();
      if (reason === '') return refuse('reason_required', 'a round can only be voided with a reason');
      if (event.approver.id.trim() === '') {
        return refuse('approver_required', 'a void must name the floor manager who approved it');
      }
      if (event.approver.role !== VOID_APPROVER_ROLE) {
        return refuse(
          'approver_not_authorised',
          `only a floor manager may void a round (${event.approver.id} is ${event.approver.role})`,
        );
      }
      return accept({
        ...round,
        phase: 'void',
        voided: { at: event.at, reason, approver: event.approver, from: round.phase },
      });
    }
  }
}

/** Applies events in order, stopping at the first refusal. */
export function replayRoulette(round: RouletteRound, events: readonly RouletteEvent[]): RouletteResult {
  let current = round;
  for (const event of events) {
    const next = applyRouletteEvent(current, event);
    if (!next.ok) return next;
    current = next.value;
  }
  return accept(current);
}
