/**
 * A floor manager's review of a result the vision check held (the role was checked by the guard:
 * dealers get 'forbidden', journaled). 'round.reviewed' records the decision and its reason, then
 * the result is made final as the sensor or the camera read it, or the round is voided.
 */
import { applyRouletteEvent, rouletteEvents as ev } from '../games/roulette';
import type { Command } from './commands';
import { final } from './decide-vision';
import { roundError } from './errors';
import { roundPhase, type RoundRecord } from './state';
import { cameraHand, cameraNumber } from './verification';
import type { Verdict } from './verdict';

export function review(v: Verdict, command: Extract<Command, { cmd: 'review' }>, round: RoundRecord): void {
  const ver = round.verification;
  if (!ver?.hold || round.interruption) {
    v.reject(
      roundError(
        'illegal_phase',
        `review refused: round ${round.id} is ${roundPhase(round)}; no result waits for review`,
      ),
    );
    return;
  }
  const reason = command.reason.trim();
  const reviewed = {
    roundId: round.id,
    at: v.at,
    decision: command.decision,
    reason,
    approver: command.user,
  };
  switch (command.decision) {
    case 'accept_sensor':
      v.add('round.reviewed', reviewed);
      final(v, round, ver, 'sensor');
      return;
    case 'accept_camera': {
      if (round.game === 'roulette') {
        const number = cameraNumber(ver, round.rules.layout);
        if (number === undefined) {
          v.reject(noCamera(round.id));
          return;
        }
        v.add('round.reviewed', reviewed);
        v.add('round.result', { roundId: round.id, at: v.at, number, verifiedBy: 'camera' });
        return;
      }
      const camera = cameraHand(ver);
      if (!camera) {
        v.reject(noCamera(round.id));
        return;
      }
      v.add('round.reviewed', reviewed);
      v.add('round.result', { roundId: round.id, at: v.at, outcome: camera.outcome, verifiedBy: 'camera' });
      return;
    }
    case 'void': {
      const ruled =
        round.game === 'roulette' && applyRouletteEvent(round.rules, ev.void(v.at, reason, command.user));
      if (ruled && !ruled.ok) {
        v.reject(ruled.error);
        return;
      }
      v.add('round.reviewed', reviewed);
      v.add('round.voided', { roundId: round.id, at: v.at, reason, approver: command.user });
      return;
    }
  }
}

function noCamera(id: string) {
  return roundError(
    'invalid_command',
    `review refused: the camera gave no complete reading of round ${id} to accept; accept the sensor or void`,
  );
}
