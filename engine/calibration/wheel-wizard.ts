/**
 * The wheel calibration wizard on a live desk: feeds the wheel's reported rotor direction and
 * results into the pure wizard (wheel-calibration.ts) while it is open, and saves a passing report
 * as the next profile version in the journal. One wizard per desk; who started it is kept.
 */
import { EventEmitter } from 'node:events';
import type { SerialDevice } from '../../hardware/drivers/device';
import type { WheelEventBody } from '../../hardware/protocols/types';
import type { WheelLayout, WheelNumber } from '../../hardware/wheel/layout';
import type { Journal } from '../journal/types';
import type { User } from '../rounds/commands';
import {
  observe,
  onReportedResult,
  onRotor,
  report,
  setDirection,
  startCalibration,
  type WheelCalibration,
} from './wheel-calibration';
import type { WizardView } from './view';
import { PROFILE_KIND, readProfiles, type WheelProfile } from './wheel-profiles';

export type { WizardView } from './view';

export type WizardResult =
  { ok: true } | { ok: false; code: 'invalid_command' | 'illegal_phase'; message: string };

export class WheelWizard extends EventEmitter<{ changed: [WizardView]; saved: [WheelProfile] }> {
  private state: WheelCalibration | null = null;
  private profiles: WheelProfile[] | null = null;
  private readonly onEvent = (ev: WheelEventBody & { at: number }) => {
    if (!this.state) return;
    if (ev.type === 'rotor')
      this.set(onRotor(this.state, ev.direction, ev.rpm), this.state.rotor?.direction !== ev.direction);
    else if (ev.type === 'result') this.set(onReportedResult(this.state, ev.number, ev.at), true);
  };

  constructor(
    private readonly journal: Journal,
    private readonly wheel: SerialDevice<WheelEventBody>,
    private readonly layout: WheelLayout,
    private readonly now: () => number = Date.now,
  ) {
    super();
    wheel.on('event', this.onEvent);
  }

  view(): WizardView {
    this.profiles ??= readProfiles(this.journal);
    return {
      active: this.state,
      report: this.state ? report(this.state) : null,
      profiles: [...this.profiles],
    };
  }

  start(user: User): WizardResult {
    this.set(startCalibration(this.layout, user.id, this.now()), true);
    return { ok: true };
  }

  cancel(): WizardResult {
    this.state = null;
    this.emit('changed', this.view());
    return { ok: true };
  }

  direction(inverted: boolean): WizardResult {
    if (!this.state) return { ok: false, code: 'illegal_phase', message: 'start the calibration first' };
    this.set(setDirection(this.state, inverted), true);
    return { ok: true };
  }

  observe(spin: number, observed: WheelNumber): WizardResult {
    if (!this.state) return { ok: false, code: 'illegal_phase', message: 'start the calibration first' };
    const r = observe(this.state, spin, observed);
    if (!r.ok) return { ok: false, code: 'invalid_command', message: r.message };
    this.set(r.value, true);
    return { ok: true };
  }

  /** Saves the report as the next profile version (journaled with the technician as actor). */
  save(
    user: User,
  ): { ok: true; profile: WheelProfile } | { ok: false; code: 'illegal_phase'; message: string } {
    if (!this.state) return { ok: false, code: 'illegal_phase', message: 'start the calibration first' };
    const r = report(this.state);
    if (!r.passed || r.pocketOffset === null)
      return {
        ok: false,
        code: 'illegal_phase',
        message: `the report does not pass: ${r.problems.join('; ')}`,
      };
    const profiles = this.view().profiles;
    const data = {
      version: (profiles[profiles.length - 1]?.version ?? 0) + 1,
      directionInverted: this.state.directionInverted === true,
      pocketOffset: r.pocketOffset,
      spins: r.spins
        .filter((s) => s.pass !== null)
        .map((s) => ({
          n: s.n,
          reported: s.reported,
          observed: s.observed as WheelNumber,
          pass: s.pass === true,
        })),
    };
    const entry = this.journal.append({ kind: PROFILE_KIND, actor: { id: user.id, role: user.role }, data });
    const profile: WheelProfile = { ...data, at: entry.at, by: user.id, seq: entry.seq };
    this.profiles = [...profiles, profile];
    this.state = null;
    this.emit('saved', profile);
    this.emit('changed', this.view());
    return { ok: true, profile };
  }

  close(): void {
    this.wheel.off('event', this.onEvent);
  }

  private set(next: WheelCalibration, notify: boolean): void {
    this.state = next;
    if (notify) this.emit('changed', this.view());
  }
}
