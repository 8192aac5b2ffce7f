/** What the technician's screen shows of the wheel calibration: types only (shared with the contract). */
import type { ShoeTest, ShoeTestReport } from './shoe-test';
import type { CalibrationReport, WheelCalibration } from './wheel-calibration';
import type { WheelProfile } from './wheel-profiles';

export interface WizardView {
  /** The run in progress, or null. */
  active: WheelCalibration | null;
  report: CalibrationReport | null;
  /** Saved profiles, oldest first (the last one is in force). */
  profiles: WheelProfile[];
}

export interface ShoeTestView {
  active: ShoeTest | null;
  report: ShoeTestReport | null;
  /** The last test saved on this desk since it started. */
  last: { at: number; by: string; passed: boolean; cards: number; seq: number } | null;
}
