/**
 * Wheel calibration profiles: saved in the journal (`calibration.wheel.saved`, actor = the
 * technician), so they are versioned (1, 2, 3… per table) and audited like everything else, and the
 * latest is found by reading the journal back.
 */
import type { Journal, JournalEntry } from '../journal/types';
import type { WheelNumber } from '../../hardware/wheel/layout';

export const PROFILE_KIND = 'calibration.wheel.saved';

export interface WheelProfile {
  version: number;
  at: number;
  by: string;
  directionInverted: boolean;
  pocketOffset: number;
  spins: { n: number; reported: WheelNumber; observed: WheelNumber; pass: boolean }[];
  seq: number;
}

/** Every saved profile, oldest first (one pass over the journal). */
export function readProfiles(journal: Journal): WheelProfile[] {
  const out: WheelProfile[] = [];
  for (const e of journal.entries() as Iterable<JournalEntry>) {
    if (e.kind !== PROFILE_KIND) continue;
    const d = e.data as Omit<WheelProfile, 'seq' | 'at' | 'by'>;
    out.push({ ...d, at: e.at, by: e.actor.id, seq: e.seq });
  }
  return out;
}

/**
 * The profile in force on a running desk: the latest saved version, read from the journal at start
 * and replaced when the wizard saves a new one. The wheel's readings are calibrated with it
 * (apply-profile.ts) before they reach the round engine.
 */
export class ActiveWheelProfile {
  private profile: WheelProfile | null;

  constructor(journal: Journal) {
    this.profile = readProfiles(journal).at(-1) ?? null;
  }

  current(): WheelProfile | null {
    return this.profile;
  }

  set(profile: WheelProfile): void {
    this.profile = profile;
  }
}
