/**
 * What a winning number is for the outside bets: colour, odd/even, low/high, dozen and column.
 * 0 and 00 belong to none of these (`null`), only to their green colour.
 */
import { colourOf, type PocketColour, type WheelNumber } from '../../../hardware/wheel/layout';

export type Parity = 'odd' | 'even';
export type HighLow = 'low' | 'high';
/** 1: 1–12, 2: 13–24, 3: 25–36. */
export type Dozen = 1 | 2 | 3;
/** 1: 1, 4, …, 34; 2: 2, 5, …, 35; 3: 3, 6, …, 36. */
export type Column = 1 | 2 | 3;

export interface NumberFacts {
  readonly number: WheelNumber;
  readonly colour: PocketColour;
  readonly parity: Parity | null;
  readonly highLow: HighLow | null;
  readonly dozen: Dozen | null;
  readonly column: Column | null;
}

/** The number as 1–36, or null for 0, 00 and anything that is not a numbered pocket. */
function numbered(n: WheelNumber): number | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 36 ? n : null;
}

export function parityOf(n: WheelNumber): Parity | null {
  const k = numbered(n);
  return k === null ? null : k % 2 === 1 ? 'odd' : 'even';
}

/** Low is 1–18, high is 19–36. */
export function highLowOf(n: WheelNumber): HighLow | null {
  const k = numbered(n);
  return k === null ? null : k <= 18 ? 'low' : 'high';
}

export function dozenOf(n: WheelNumber): Dozen | null {
  const k = numbered(n);
  return k === null ? null : (Math.ceil(k / 12) as Dozen);
}

export function columnOf(n: WheelNumber): Column | null {
  const k = numbered(n);
  return k === null ? null : ((((k - 1) % 3) + 1) as Column);
}

export function describeNumber(n: WheelNumber): NumberFacts {
  return {
    number: n,
    colour: colourOf(n),
    parity: parityOf(n),
    highLow: highLowOf(n),
    dozen: dozenOf(n),
    column: columnOf(n),
  };
}
