/**
 * Line shapes of the Cammegh Mercury 360 controller (public integration guide 1051-INT-02-L), as
 * summarised in docs/protocols/cammegh.md. Pure parsing only: what the lines mean over time is in
 * ./wheel.ts. Every detail the public text leaves open is a named constant or a small table here.
 */

export type CammeghVariant = 'basic' | 'advanced' | 'extended';

export interface ExtendedFields {
  /** eeee: extended flags, see EXTENDED_FLAGS. */
  flags: number;
  /** ss: ball spins in the outer track this game (hex). */
  ballSpins: number;
  /** b: ball direction, undefined when the wheel reports '?'. */
  ballDirection?: 'cw' | 'ccw';
  /** vvvvv: ball revolution time in 1/32768 s, undefined when '?????'. */
  ballRevTime?: number;
  /** pp: ball-in-pocket position as the wheel reports it, undefined when '??'. */
  pocket?: string;
}

export interface StatusLine {
  kind: 'status';
  state: number;
  count: number;
  /** nn: last winning number as two characters, undefined when blank. */
  last?: string;
  warnings: number;
  /** Rotor speed in rpm (the wheel sends tenths; 0 below 2.0 or above 60.0 rpm). */
  rotorRpm: number;
  rotorDirection: 'cw' | 'ccw';
  ext?: ExtendedFields;
}

export type CammeghLine =
  | { kind: 'legacy'; number: string }
  | { kind: 'start' }
  | { kind: 'noMoreBets' }
  | { kind: 'win'; number: string }
  | StatusLine
  | { kind: 'bonus'; text: string };

export type LineParse =
  | { ok: true; line: CammeghLine; garbage: number }
  | { ok: false; reason: 'malformed' | 'unknown_type' | 'out_of_range'; detail: string };

export const GAME_STATES: Record<number, string> = {
  1: 'start_game',
  2: 'place_bets',
  3: 'finish_betting',
  4: 'no_more_bets',
  5: 'winning_number',
  6: 'table_closed',
  7: 'dealer_lock',
};

export const WARNING_FLAGS = { rotorSpeed: 0x1, sameDirection: 0x2, rimSensor: 0x4, voidGame: 0x8 } as const;

export const EXTENDED_FLAGS: Record<number, string> = {
  0x01: 'rotor_stopped',
  0x02: 'legal_speed',
  0x04: 'too_fast',
  0x08: 'too_slow',
  0x10: 'clockwise',
  0x20: 'anti_clockwise',
  0x40: 'direction_unknown',
  0x80: 'no_ball_in_wheel',
  0x100: 'ball_in_pocket',
};

/** The winning number field: two characters, digits or spaces (padding not settled by the public text). */
const NUMBER_FIELD = /^[ 0-9]{1,2}$/;
const ADVANCED_RE = /^\*X;([1-7]);(\d{1,3});([ 0-9]{2});([0-9A-Fa-f]);(\d{3});([01])$/;
const EXTENDED_RE =
  /^\*X;([1-7]);(\d{1,3});([ 0-9]{2});([0-9A-Fa-f]);(\d{3});([01]);([0-9A-Fa-f]{4});([0-9A-Fa-f]{2});([?01]);([0-9A-Fa-f]{5}|\?{5});([ 0-9]{2}|\?\?)$/;

export function parseLine(raw: string, variant: CammeghVariant): LineParse {
  const star = raw.lastIndexOf('*');
  if (star < 0) {
    // The legacy winning-number line has no '*': "nn" for old display boards.
    if (NUMBER_FIELD.test(raw) && raw.trim() !== '')
      return { ok: true, line: { kind: 'legacy', number: raw }, garbage: 0 };
    return {
      ok: false,
      reason: 'malformed',
      detail: 'neither a *-packet nor a two-character winning-number line',
    };
  }
  const garbage = star;
  const text = raw.slice(star);
  const ok = (line: CammeghLine): LineParse => ({ ok: true, line, garbage });
  if (text === '*S') return ok({ kind: 'start' });
  if (text === '*N') return ok({ kind: 'noMoreBets' });
  if (text.startsWith('*W')) {
    const m = /^\*W ?([ 0-9]{1,2})$/.exec(text);
    if (!m || (m[1] ?? '').trim() === '')
      return { ok: false, reason: 'malformed', detail: 'winning number packet is not "*W nn"' };
    return ok({ kind: 'win', number: m[1] as string });
  }
  if (text.startsWith('*Y')) return ok({ kind: 'bonus', text });
  if (text.startsWith('*X')) {
    if (variant === 'basic')
      return {
        ok: false,
        reason: 'unknown_type',
        detail: 'status packet on a port set to Basic: is the port set to Advanced?',
      };
    const fields = text.split(';').length;
    if (variant === 'advanced' && fields !== 7) {
      return {
        ok: false,
        reason: 'malformed',
        detail: `status packet has ${fields} fields, Advanced has 7${fields === 12 ? ' (the port seems set to Extended)' : ''}`,
      };
    }
    if (variant === 'extended' && fields !== 12) {
      return {
        ok: false,
        reason: 'malformed',
        detail: `status packet has ${fields} fields, Extended has 12${fields === 7 ? ' (the port seems set to Advanced)' : ''}`,
      };
    }
    const status = parseStatus(text, variant);
    return status.ok ? { ...status, garbage } : status;
  }
  return { ok: false, reason: 'unknown_type', detail: `unknown packet ${JSON.stringify(text.slice(0, 8))}` };
}

function parseStatus(text: string, variant: CammeghVariant): LineParse {
  const m = (variant === 'extended' ? EXTENDED_RE : ADVANCED_RE).exec(text);
  if (!m)
    return {
      ok: false,
      reason: 'malformed',
      detail: 'status packet fields do not have the documented shape',
    };
  const count = Number(m[2]);
  if (count > 255) return { ok: false, reason: 'out_of_range', detail: `game count ${count} above 255` };
  const lastField = m[3] as string;
  const status: StatusLine = {
    kind: 'status',
    state: Number(m[1]),
    count,
    last: lastField.trim() === '' ? undefined : lastField,
    warnings: parseInt(m[4] as string, 16),
    rotorRpm: Number(m[5]) / 10,
    rotorDirection: m[6] === '1' ? 'ccw' : 'cw',
  };
  if (variant === 'extended') {
    const b = m[9] as string;
    const v = m[10] as string;
    const p = m[11] as string;
    status.ext = {
      flags: parseInt(m[7] as string, 16),
      ballSpins: parseInt(m[8] as string, 16),
      ballDirection: b === '?' ? undefined : b === '1' ? 'ccw' : 'cw',
      ballRevTime: v.startsWith('?') ? undefined : parseInt(v, 16),
      pocket: p === '??' || p.trim() === '' ? undefined : p,
    };
  }
  return { ok: true, line: status, garbage: 0 };
}

export function extendedFlagNames(flags: number): string[] {
  return Object.entries(EXTENDED_FLAGS)
    .filter(([bit]) => (flags & Number(bit)) !== 0)
    .map(([, name]) => name);
}
