/**
 * What the wheel's events mean for the round. The wheel drives the spin (launch, no more bets,
 * number, misspin); betting opens only by command (or auto-open), never by the wheel's gameStart.
 */
import type { MisspinReason as WheelMisspinReason, WheelEvent } from '../../hardware/protocols/types';
import {
  applyRouletteEvent,
  hasValidLaunch,
  rouletteEvents as ev,
  type MisspinReason,
  type RouletteEvent,
} from '../games/roulette';
import type { RoundConfig } from './config';
import { roundError, type RoundError } from './errors';
import { spinDirection } from './evolve';
import { ballInPlay, isFinished, type RouletteRoundRecord } from './state';
import type { Verdict } from './verdict';
import { startVerification } from './decide-vision';

/** Sensor errors after which the spin's number will not come: the round waits for a floor manager. */
const NUMBER_LOST = new Set(['result_missed', 'rim_sensor']);

const MISSPIN_REASON: Readonly<Record<WheelMisspinReason, MisspinReason>> = {
  no_spin: 'no_spin',
  ball_out: 'ball_out',
  same_direction: 'launched_with_rotor',
  too_slow: 'misspin',
  void: 'misspin',
  unknown: 'misspin',
};

export function decideWheel(v: Verdict, event: WheelEvent, config: RoundConfig): void {
  const round = v.state.round?.game === 'roulette' ? v.state.round : undefined;
  switch (event.type) {
    case 'gameStart':
      // Normally the number ends a game before the next starts; a new game with our ball in play
      // means its number was lost (e.g. while the desk was down).
      if (ballInPlay(round) && !round.interruption) {
        interrupt(
          v,
          round,
          `the wheel started game ${event.game} before this round's winning number was received`,
        );
      }
      return;
    case 'noMoreBets':
      if (!round || isFinished(round) || round.interruption) return;
      impliedRelaunch(v, round, event);
      if (round.rules.phase === 'betting_open') {
        v.add('round.bettingClosed', { roundId: round.id, at: event.at, by: 'wheel' });
      }
      return;
    case 'ballLaunched': {
      const live = liveRound(v, round, 'ball launched');
      if (!live) return;
      const direction = event.direction === undefined ? undefined : spinDirection(event.direction);
      const rotorDirection = direction === undefined ? undefined : v.state.rotorDirection;
      const launch = ev.ballLaunched(event.at, direction, rotorDirection);
      if (!accepted(v, live, launch)) return;
      v.add('round.ballLaunched', {
        roundId: live.id,
        at: event.at,
        ...(direction === undefined ? {} : { direction }),
        ...(rotorDirection === undefined ? {} : { rotorDirection }),
        wheelGame: event.game,
      });
      checkMisspinLimit(v, config);
      return;
    }
    case 'result': {
      const live = liveRound(v, round, `winning number ${event.label}`);
      if (!live) return;
      if (accepted(v, live, ev.result(event.at, event.number))) {
        if (config.vision) startVerification(v, config.vision, live.id, event.at, { number: event.number });
        else v.add('round.result', { roundId: live.id, at: event.at, number: event.number });
      } else if (live.rules.phase === 'betting_open' && ballInPlay(live)) {
        // The ball landed while bets were still taken: a floor manager decides (void, or accept).
        v.add('round.interrupted', {
          roundId: live.id,
          at: v.at,
          code: 'result_during_betting',
          reason: `the wheel reported ${event.label} while betting was still open`,
        });
      }
      return;
    }
    case 'misspin':
      onMisspin(v, round, event, config);
      return;
    case 'sensorError':
      if (NUMBER_LOST.has(event.code) && ballInPlay(round) && !round.interruption) {
        interrupt(v, round, `${event.code}: ${event.text}`);
      }
      return;
    default:
      // hello, rotor (a fact folded by evolve), warning, wheelState, tableClosed: journaled only.
      return;
  }
}

/**
 * The wheel calls "no more bets" only with a ball in the track. A Cammegh wheel reports one launch
 * per game, so after a misspin the relaunch shows only as this call: with the round's last launch
 * misspun, it stands for the relaunch (journaled as a launch implied by no more bets).
 */
function impliedRelaunch(
  v: Verdict,
  round: RouletteRoundRecord,
  event: Extract<WheelEvent, { type: 'noMoreBets' }>,
): void {
  if (hasValidLaunch(round.rules) || round.rules.launches.length === 0) return;
  if (!applyRouletteEvent(round.rules, ev.ballLaunched(event.at)).ok) return;
  v.add('round.ballLaunched', {
    roundId: round.id,
    at: event.at,
    wheelGame: event.game,
    impliedBy: 'noMoreBets',
  });
}

function onMisspin(
  v: Verdict,
  round: RouletteRoundRecord | undefined,
  event: Extract<WheelEvent, { type: 'misspin' }>,
  config: RoundConfig,
): void {
  // Nothing to respin: no round in progress (e.g. voided after a sensor error), the round already
  // waits for a floor manager, or its launch was already found misspun (the rules spot a launch
  // with the rotor before the wheel reports it). The event is journaled, nothing else.
  if (!round || isFinished(round) || round.interruption) return;
  if (!hasValidLaunch(round.rules) && round.rules.launches.length > 0) return;
  const live = liveRound(v, round, `misspin ${event.reason}`);
  if (!live) return;
  const reason = MISSPIN_REASON[event.reason];
  if (!accepted(v, live, ev.misspin(event.at, reason))) return;
  v.add('round.misspin', { roundId: live.id, at: event.at, reason, detail: event.detail });
  checkMisspinLimit(v, config);
}

/** The round the wheel event belongs to, or a rejection when none is open or it is interrupted. */
function liveRound(
  v: Verdict,
  round: RouletteRoundRecord | undefined,
  what: string,
): RouletteRoundRecord | undefined {
  let problem: RoundError | undefined;
  if (!round || isFinished(round)) problem = roundError('no_round', `${what} refused: no round is open`);
  else if (round.verification) {
    problem = roundError(
      'round_verifying',
      `${what} refused: round ${round.id} already has its number, ${round.verification.sensor.join(' ')}, ${
        round.verification.hold ? "held for a floor manager's review" : 'being checked by the camera'
      }`,
    );
  } else if (round.interruption?.code === 'misspin_limit') {
    problem = roundError(
      'respin_not_approved',
      `${what} refused: the misspin limit was reached; a floor manager must allow the respin`,
    );
  } else if (round.interruption) {
    problem = roundError('round_interrupted', `${what} refused: round ${round.id} waits for a floor manager`);
  }
  if (problem) {
    v.reject(problem);
    return undefined;
  }
  return round;
}

/** Whether the rules take the event; a refusal is journaled with the rules' reason. */
function accepted(v: Verdict, round: RouletteRoundRecord, event: RouletteEvent): boolean {
  const result = applyRouletteEvent(round.rules, event);
  if (!result.ok) v.reject(result.error);
  return result.ok;
}

function interrupt(v: Verdict, round: RouletteRoundRecord, reason: string): void {
  v.add('round.interrupted', { roundId: round.id, at: v.at, code: 'result_missed', reason });
}

/** After a misspin: beyond the respins the policy allows, the round waits for a floor manager. */
function checkMisspinLimit(v: Verdict, config: RoundConfig): void {
  const round = v.state.round;
  if (round?.game !== 'roulette' || round.interruption) return;
  const misspins = round.rules.misspins.length;
  const allowed =
    (config.misspin.policy === 'respin' ? config.misspin.maxRespins : 0) + round.respinsApproved;
  if (misspins <= allowed) return;
  v.add('round.interrupted', {
    roundId: round.id,
    at: v.at,
    code: 'misspin_limit',
    reason: `misspin ${misspins} of the round; ${allowed} respin(s) allowed: a floor manager must allow the respin or void`,
  });
}
