import { parseCard, type CardCode } from '../cards';
import { parseWheelNumber, isOnWheel, type WheelLayout, type WheelNumber } from '../wheel/layout';
import type { MisspinReason } from '../protocols/types';

/**
 * Scripted sequences for the simulators, one step per line, '#' starts a comment.
 *
 * Wheel:  17 | 00 | misspin same_direction | error rim_sensor | closed
 *   a number is one spin's result; "misspin R" makes the next spin a misspin (a respin follows and
 *   takes the next line); "error CODE" makes the next spin end in a sensor error (void game).
 * Shoe:   QH | 10D | burn 5C | cut | out | in [DECKS]
 */
export type WheelStep =
  | { kind: 'number'; number: WheelNumber }
  | { kind: 'misspin'; reason: MisspinReason }
  | { kind: 'error'; code: string }
  | { kind: 'closed' };

export type ShoeStep =
  | { kind: 'card'; card: CardCode; burn: boolean }
  | { kind: 'cut' }
  | { kind: 'out' }
  | { kind: 'in'; decks?: number };

export class ScriptError extends Error {}

/** Error codes go on the wire (SDLP field values): a safe, short alphabet. */
export const ERROR_CODE = /^[a-z0-9_]{1,32}$/;

export const MISSPIN_REASONS: readonly MisspinReason[] = [
  'no_spin',
  'ball_out',
  'same_direction',
  'too_slow',
  'void',
];

function lines(text: string): [number, string[]][] {
  return text
    .split(/\r?\n/)
    .map((l, i) => [i + 1, l.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean)] as [number, string[]])
    .filter(([, w]) => w.length > 0);
}

export function parseWheelScript(text: string, layout: WheelLayout): WheelStep[] {
  return lines(text).map(([n, w]) => {
    const [head, arg] = w;
    if (head === 'misspin') {
      const reason = (arg ?? 'same_direction') as MisspinReason;
      if (!MISSPIN_REASONS.includes(reason))
        throw new ScriptError(`line ${n}: misspin reason "${arg}" (known: ${MISSPIN_REASONS.join(', ')})`);
      return { kind: 'misspin', reason };
    }
    if (head === 'error') {
      const code = arg ?? 'rim_sensor';
      if (!ERROR_CODE.test(code))
        throw new ScriptError(`line ${n}: error code "${code}" must be 1-32 of a-z, 0-9, _`);
      return { kind: 'error', code };
    }
    if (head === 'closed') return { kind: 'closed' };
    const number = parseWheelNumber(head ?? '', layout);
    if (number === undefined || !isOnWheel(layout, number))
      throw new ScriptError(`line ${n}: "${head}" is not a pocket of the ${layout} wheel`);
    return { kind: 'number', number };
  });
}

export function parseShoeScript(text: string): ShoeStep[] {
  return lines(text).map(([n, w]) => {
    const [head, arg] = w;
    if (head === 'cut') return { kind: 'cut' };
    if (head === 'out') return { kind: 'out' };
    if (head === 'in') {
      const decks = arg === undefined ? undefined : Number(arg);
      if (decks !== undefined && !(Number.isInteger(decks) && decks >= 1 && decks <= 12))
        throw new ScriptError(`line ${n}: deck count "${arg}"`);
      return { kind: 'in', decks };
    }
    const burn = head === 'burn';
    const card = parseCard((burn ? arg : head) ?? '');
    if (!card) throw new ScriptError(`line ${n}: "${w.join(' ')}" is not a card`);
    return { kind: 'card', card, burn };
  });
}
