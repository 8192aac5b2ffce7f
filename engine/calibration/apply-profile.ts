/**
 * What the active wheel calibration profile means for a reading, pure.
 *
 * - `directionInverted`: the technician saw the rotor turn the other way than the wheel reports.
 *   The rotor's reported direction (`rotor.direction`, `result.rotorDirection`) is inverted, so the
 *   engine's "ball launched with the rotor" misspin check compares the directions that are true.
 *   The ball's direction is not calibrated by the wizard and is left as reported.
 * - `pocketOffset`: NOT applied to the number. Every wheel protocol the desk speaks (SDLP, Cammegh
 *   Mercury 360 `nn`) reports the winning number itself, mapped by the wheel's own controller;
 *   rotating that number by the desk would rename every result on the word of three test spins and
 *   would double-correct the day the wheel is re-zeroed. A non-zero offset is a wheel fault to fix
 *   at the wheel: it is recorded beside each reading (and shown to the technician), never used to
 *   change a result.
 *
 * The calibrated event keeps the frames as received and carries `calibration` (profile version and
 * what was changed, with the reported values), so the journal, and the outcome's evidence, show
 * the raw reading, the profile version and what it did to the reading.
 */
import type { Direction, WheelEventBody } from '../../hardware/protocols/types';

export interface ActiveProfile {
  version: number;
  directionInverted: boolean;
  pocketOffset: number;
}

/** What a profile did to one reading (journaled with the reading). */
export interface CalibrationApplied {
  profile: number;
  directionInverted: boolean;
  pocketOffset: number;
  /** The offset is never applied to a number the wheel reports itself (see above). */
  pocketOffsetApplied: false;
  /** Fields changed, each with the value the wheel reported. */
  changed: Record<string, Direction>;
}

const flip = (d: Direction): Direction => (d === 'cw' ? 'ccw' : 'cw');

/** The events a profile is recorded on: those that carry a rotor direction or a number. */
function concerned(ev: WheelEventBody): boolean {
  return ev.type === 'rotor' || ev.type === 'result';
}

/** The reading as the profile says it is; unchanged (same object) without a profile or for other events. */
export function applyProfile<E extends WheelEventBody>(
  ev: E,
  profile: ActiveProfile | null,
): E | (E & { calibration: CalibrationApplied }) {
  if (!profile || !concerned(ev)) return ev;
  const changed: Record<string, Direction> = {};
  let out: E = ev;
  if (profile.directionInverted) {
    if (ev.type === 'rotor') {
      changed.direction = ev.direction;
      out = { ...ev, direction: flip(ev.direction) };
    } else if (ev.type === 'result' && ev.rotorDirection !== undefined) {
      changed.rotorDirection = ev.rotorDirection;
      out = { ...ev, rotorDirection: flip(ev.rotorDirection) };
    }
  }
  const calibration: CalibrationApplied = {
    profile: profile.version,
    directionInverted: profile.directionInverted,
    pocketOffset: profile.pocketOffset,
    pocketOffsetApplied: false,
    changed,
  };
  return { ...out, calibration };
}

/** The technician's words for a profile whose offset is not zero (the wheel's numbers are rotated). */
export function offsetWarning(profile: ActiveProfile | null): string | null {
  if (!profile || profile.pocketOffset === 0) return null;
  return (
    `calibration profile v${profile.version} found the wheel's numbers ${profile.pocketOffset} pocket(s) ` +
    `off: the wheel reports the number itself, so the desk does not rotate it; re-zero the wheel's controller`
  );
}
