/** How long things take on a simulated table, in real-table milliseconds; scaled for tests and demos. */
export interface SimTiming {
  /** Multiplies every duration: 1 is real time, 0.01 runs a spin in about 0.1-0.2 s. */
  scale: number;
  /** Betting time before the dealer launches the ball. */
  bettingMs: number;
  /** Ball launch to ball in pocket (drawn uniformly from this range). */
  spinMs: [number, number];
  /** No more bets is called this far before the ball drops (about 3.5 ball revolutions). */
  noMoreBetsBeforeDropMs: number;
  /** The winning number stays up this long before the next game. */
  resultShownMs: number;
  /** Status line period of protocols that repeat their state (Cammegh Advanced: 500 ms). */
  statusEveryMs: number;
  /** SDLP heartbeat period. */
  heartbeatMs: number;
  /** SDLP: resend unacknowledged events after this long. */
  retransmitMs: number;
  /** Shoe: time between two cards, and the pause between hands. */
  cardMs: number;
  handPauseMs: number;
}

export const REALISTIC_TIMING: SimTiming = {
  scale: 1,
  bettingMs: 12_000,
  spinMs: [8_000, 20_000],
  noMoreBetsBeforeDropMs: 3_000,
  resultShownMs: 4_000,
  statusEveryMs: 500,
  heartbeatMs: 1_000,
  retransmitMs: 300,
  cardMs: 1_500,
  handPauseMs: 6_000,
};

/** The floor below which a scaled period is not shrunk, so that a fast run stays a sane byte rate. */
const MIN_PERIOD_MS = 1;
/** A phase lasts at least this many status periods, so that timer jitter in fast runs cannot hide it. */
const MIN_PHASE_PERIODS = 8;

/** The retransmission timeout is never scaled below a round trip through a pty and an event loop. */
export const MIN_RETRANSMIT_MS = 25;
/** Heartbeats say "still here": more than 50 a second says nothing more, at any time scale. */
export const MIN_HEARTBEAT_MS = 20;

/** Scales a duration; periodic timers never go below 1 ms, and a scaled phase lasts at least 8 status periods (or its real length, if shorter). */
export function scaled(t: SimTiming, ms: number, kind: 'phase' | 'period' = 'phase'): number {
  const v = ms * t.scale;
  if (kind === 'period') return Math.max(MIN_PERIOD_MS, v);
  // The floor only lifts phases that scaling made shorter than 8 periods: at real time it never applies.
  return Math.max(v, Math.min(ms, MIN_PHASE_PERIODS * scaled(t, t.statusEveryMs, 'period')));
}
