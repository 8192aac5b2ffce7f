/**
 * The wheel calibration wizard as a pure state machine: (1) the rotor's direction as the wheel
 * reports it against what the technician sees, (2) test spins: each number the wheel reports beside
 * the pocket the technician sees the ball in, the first spin setting the pocket offset (how many
 * pockets the sensor's zero is off, clockwise), (3) a pass/fail report. A profile can be saved only
 * from a passing report. I/O (the wheel's events, the journal) is in wheel-wizard.ts.
 */
import { pocketIndex, pocketOrder, type WheelLayout, type WheelNumber } from '../../hardware/wheel/layout';

/** Test spins a passing report needs. */
export const MIN_TEST_SPINS = 3;
/** Spins kept by one run of the wizard. */
export const MAX_TEST_SPINS = 20;

export interface TestSpin {
  n: number;
  at: number;
  /** What the wheel's sensor reported. */
  reported: WheelNumber;
  /** Where the technician saw the ball; null until entered. */
  observed: WheelNumber | null;
}

export interface WheelCalibration {
  layout: WheelLayout;
  startedBy: string;
  startedAt: number;
  /** The rotor direction the wheel last reported ('cw' | 'ccw'), with its speed. */
  rotor: { direction: 'cw' | 'ccw'; rpm: number } | null;
  /** The technician's answer: the wheel reports the direction inverted. null: not answered yet. */
  directionInverted: boolean | null;
  spins: TestSpin[];
}

export interface CalibrationReport {
  /** Pockets to add (clockwise, in the layout's order) to the reported number; null before any observed spin. */
  pocketOffset: number | null;
  spins: (TestSpin & { expected: WheelNumber | null; pass: boolean | null })[];
  passed: boolean;
  /** Why it does not pass yet, in words. */
  problems: string[];
}

export function startCalibration(layout: WheelLayout, user: string, at: number): WheelCalibration {
  return { layout, startedBy: user, startedAt: at, rotor: null, directionInverted: null, spins: [] };
}

export function onRotor(c: WheelCalibration, direction: 'cw' | 'ccw', rpm: number): WheelCalibration {
  return { ...c, rotor: { direction, rpm } };
}

export function onReportedResult(c: WheelCalibration, reported: WheelNumber, at: number): WheelCalibration {
  if (c.spins.length >= MAX_TEST_SPINS) return c;
  return { ...c, spins: [...c.spins, { n: c.spins.length + 1, at, reported, observed: null }] };
}

export function setDirection(c: WheelCalibration, inverted: boolean): WheelCalibration {
  return { ...c, directionInverted: inverted };
}

export type ObserveError = 'no_such_spin' | 'not_on_wheel';

export function observe(
  c: WheelCalibration,
  spin: number,
  observed: WheelNumber,
): { ok: true; value: WheelCalibration } | { ok: false; code: ObserveError; message: string } {
  if (!c.spins.some((s) => s.n === spin))
    return { ok: false, code: 'no_such_spin', message: `no test spin ${spin}` };
  if (pocketIndex(c.layout, observed) < 0)
    return { ok: false, code: 'not_on_wheel', message: `${String(observed)} is not on a ${c.layout} wheel` };
  return { ok: true, value: { ...c, spins: c.spins.map((s) => (s.n === spin ? { ...s, observed } : s)) } };
}

/** Pockets from `from` to `to`, clockwise in the layout's order. */
export function pocketDistance(layout: WheelLayout, from: WheelNumber, to: WheelNumber): number {
  const n = pocketOrder(layout).length;
  return (((pocketIndex(layout, to) - pocketIndex(layout, from)) % n) + n) % n;
}

export function applyOffset(layout: WheelLayout, reported: WheelNumber, offset: number): WheelNumber {
  const order = pocketOrder(layout);
  const i = (pocketIndex(layout, reported) + offset) % order.length;
  return order[(i + order.length) % order.length] as WheelNumber;
}

export function report(c: WheelCalibration): CalibrationReport {
  const first = c.spins.find((s) => s.observed !== null);
  const pocketOffset = first ? pocketDistance(c.layout, first.reported, first.observed as WheelNumber) : null;
  const spins = c.spins.map((s) => {
    const expected = pocketOffset === null ? null : applyOffset(c.layout, s.reported, pocketOffset);
    return {
      ...s,
      expected,
      pass: s.observed === null || expected === null ? null : s.observed === expected,
    };
  });
  const checked = spins.filter((s) => s.pass !== null);
  const problems: string[] = [];
  if (c.directionInverted === null) problems.push('confirm the rotor direction');
  if (checked.length < MIN_TEST_SPINS)
    problems.push(`${MIN_TEST_SPINS - checked.length} more test spin(s) with the pocket you saw`);
  const failed = checked.filter((s) => s.pass === false);
  if (failed.length > 0)
    problems.push(`spin ${failed.map((s) => s.n).join(', ')}: the ball was not where the offset says`);
  return { pocketOffset, spins, passed: problems.length === 0, problems };
}
