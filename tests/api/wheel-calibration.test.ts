import { describe, expect, it } from 'vitest';
import {
  applyOffset,
  observe,
  onReportedResult,
  pocketDistance,
  report,
  setDirection,
  startCalibration,
  type WheelCalibration,
} from '../../engine/calibration/wheel-calibration';

function spins(c: WheelCalibration, pairs: [number, number][]): WheelCalibration {
  for (const [reported] of pairs) c = onReportedResult(c, reported, 0);
  pairs.forEach(([, seen], i) => {
    const r = observe(c, i + 1, seen);
    if (!r.ok) throw new Error(r.message);
    c = r.value;
  });
  return c;
}

describe('wheel calibration (pure)', () => {
  it('measures pockets clockwise in the layout order, wrapping round', () => {
    expect(pocketDistance('european', 0, 32)).toBe(1);
    expect(pocketDistance('european', 26, 0)).toBe(1);
    expect(pocketDistance('european', 32, 0)).toBe(36);
    expect(applyOffset('european', 26, 2)).toBe(32);
    expect(applyOffset('european', 17, 0)).toBe(17);
  });

  it('passes when every test spin lands where the first spin’s offset says, with the direction confirmed', () => {
    // A sensor two pockets behind: it reports 26 when the ball is in 32, 0 when in 15, 17 when in 6
    let c = spins(startCalibration('european', 'tech', 0), [
      [26, 32],
      [0, 15],
      [17, 6],
    ]);
    expect(report(c)).toMatchObject({
      pocketOffset: 2,
      passed: false,
      problems: ['confirm the rotor direction'],
    });
    c = setDirection(c, false);
    expect(report(c)).toMatchObject({ pocketOffset: 2, passed: true, problems: [] });
  });

  it('fails a spin that disagrees with the offset, and asks for enough spins', () => {
    let c = setDirection(startCalibration('european', 'tech', 0), true);
    expect(report(c).problems).toEqual(['3 more test spin(s) with the pocket you saw']);
    c = spins(c, [
      [17, 17],
      [5, 5],
      [9, 22],
    ]);
    const r = report(c);
    expect(r.passed).toBe(false);
    expect(r.spins.map((s) => s.pass)).toEqual([true, true, false]);
    expect(r.problems).toEqual(['spin 3: the ball was not where the offset says']);
  });

  it('refuses a pocket not on the wheel and a spin that does not exist', () => {
    const c = onReportedResult(startCalibration('european', 'tech', 0), 3, 0);
    expect(observe(c, 1, '00')).toMatchObject({ ok: false, code: 'not_on_wheel' });
    expect(observe(c, 2, 3)).toMatchObject({ ok: false, code: 'no_such_spin' });
  });
});
