/**
 * Roulette wheel layouts: the exact pocket orders (clockwise from 0) and colours.
 * Source: ../shared/protocols.md ("Wheel orders (exact)").
 */

export type WheelLayout = 'european' | 'american';
/** A pocket's number as the wheel shows it: 0..36, and '00' on an American wheel. */
export type WheelNumber = number | '00';
export type PocketColour = 'red' | 'black' | 'green';

const EUROPEAN_ORDER: readonly WheelNumber[] = [
  0, 32, 15, 19, 4, 21, 2, 25, 17, 34, 6, 27, 13, 36, 11, 30, 8, 23, 10, 5, 24, 16, 33, 1, 20, 14, 31, 9, 22,
  18, 29, 7, 28, 12, 35, 3, 26,
];

const AMERICAN_ORDER: readonly WheelNumber[] = [
  0,
  28,
  9,
  26,
  30,
  11,
  7,
  20,
  32,
  17,
  5,
  22,
  34,
  15,
  3,
  24,
  36,
  13,
  1,
  '00',
  27,
  10,
  25,
  29,
  12,
  8,
  19,
  31,
  18,
  6,
  21,
  33,
  16,
  4,
  23,
  35,
  14,
  2,
];

const RED = new Set([1, 3, 5, 7, 9, 12, 14, 16, 18, 19, 21, 23, 25, 27, 30, 32, 34, 36]);

export function pocketOrder(layout: WheelLayout): readonly WheelNumber[] {
  return layout === 'american' ? AMERICAN_ORDER : EUROPEAN_ORDER;
}

export function colourOf(n: WheelNumber): PocketColour {
  if (n === 0 || n === '00') return 'green';
  return RED.has(n) ? 'red' : 'black';
}

/** The label a number carries on screen and in JSON: '0'..'36', '00'. */
export function numberLabel(n: WheelNumber): string {
  return String(n);
}

/** Index of a number in the layout's clockwise order, or -1 if the wheel has no such pocket. */
export function pocketIndex(layout: WheelLayout, n: WheelNumber): number {
  return pocketOrder(layout).indexOf(n);
}

export function isOnWheel(layout: WheelLayout, n: WheelNumber): boolean {
  return pocketIndex(layout, n) >= 0;
}

/**
 * Parses a number as devices and operators write it. '00' is double zero on an American wheel;
 * on a European wheel '00' (zero-padded) means 0. Returns undefined for anything else.
 */
export function parseWheelNumber(text: string, layout: WheelLayout): WheelNumber | undefined {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return undefined;
  if (t === '00') return layout === 'american' ? '00' : 0;
  const n = Number(t);
  return n <= 36 ? n : undefined;
}
