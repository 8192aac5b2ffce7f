/**
 * The automatic director's switching policy, pure: cues (a phase change, a sensor event) propose a
 * scene with a priority; a scene stays on air at least `minDwellMs` unless a cue of strictly higher
 * priority cuts through. A cue blocked by the dwell waits and airs when the dwell is over (the
 * latest of the highest priority wins), so a noisy sensor cannot make the picture flicker, yet the
 * last thing that happened is what ends up on air.
 */
export interface Cue {
  scene: string;
  /** The camera picked, when the cue named one. */
  camera?: string;
  priority: number;
  /** 'phase spinning', 'cue ballLaunched'. */
  reason: string;
}

export interface AutoState {
  onAir: Cue | null;
  /** Monotonic ms when the scene on air was put there. */
  since: number;
  /** The cue waiting for the dwell to end. */
  pending: Cue | null;
}

/** Priority of phase cues; sensor cues default to 50, so a sensor event beats a phase change. */
export const PHASE_PRIORITY = 40;

export const NO_AUTO: AutoState = { onAir: null, since: 0, pending: null };

export function offerCue(s: AutoState, cue: Cue, now: number, minDwellMs: number): AutoState {
  const on = s.onAir;
  if (!on) return { onAir: cue, since: now, pending: null };
  if (cue.scene === on.scene) {
    // Same picture: keep its air time, keep the stronger priority, and drop what was waiting.
    const onAir = cue.priority >= on.priority ? cue : { ...on, reason: on.reason };
    return { onAir, since: s.since, pending: null };
  }
  if (now - s.since >= minDwellMs || cue.priority > on.priority)
    return { onAir: cue, since: now, pending: null };
  const pending = s.pending && s.pending.priority > cue.priority ? s.pending : cue;
  return { ...s, pending };
}

/** Airs the waiting cue once the dwell is over. */
export function tickAuto(s: AutoState, now: number, minDwellMs: number): AutoState {
  if (!s.pending || now - s.since < minDwellMs) return s;
  return { onAir: s.pending, since: now, pending: null };
}

/** When tickAuto has something to do (monotonic ms), or null. */
export function autoDueAt(s: AutoState, minDwellMs: number): number | null {
  return s.pending ? s.since + minDwellMs : null;
}
