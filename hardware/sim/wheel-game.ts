import { randomInt } from 'node:crypto';
import { pocketOrder, type WheelLayout, type WheelNumber } from '../wheel/layout';
import type { Direction, MisspinReason } from '../protocols/types';
import type { WheelStep } from './scripts';
import { StoppableSleep } from './stoppable-sleep';
import { scaled, type SimTiming } from './timing';

export type WheelAction =
  | { kind: 'start'; game: number }
  | { kind: 'launch'; game: number }
  | { kind: 'nmb'; game: number }
  | { kind: 'result'; game: number; number: WheelNumber }
  | { kind: 'misspin'; game: number; reason: MisspinReason }
  | { kind: 'error'; game: number; code: string }
  | { kind: 'closed' };

/** What the wheel's own controller knows at any moment (what status lines report). */
export interface WheelState {
  /** Cammegh game state 1..7. */
  state: number;
  game: number;
  /** Game count 0..255 wrapping, as Cammegh reports it. */
  count: number;
  last?: WheelNumber;
  /** Cammegh warning flags. */
  warnings: number;
  rotorRpm: number;
  rotorDirection: Direction;
  ballDirection?: Direction;
  ballSpins: number;
  ballRevTime?: number;
  pocket?: WheelNumber;
}

export interface WheelGameOptions {
  layout: WheelLayout;
  timing: SimTiming;
  script?: WheelStep[];
  /** Replay the script from the start when it ends (otherwise the simulator stops). */
  loop?: boolean;
  /** Stop after this many results (for test rigs). */
  maxResults?: number;
  onAction: (a: WheelAction, s: WheelState) => void;
  onFinished?: () => void;
}

const WARN = { sameDirection: 0x2, rim: 0x4, void: 0x8 } as const;

/**
 * A roulette wheel's game cycle: place bets, ball launch, no more bets, winning number, with
 * misspins and sensor errors on demand. Results come from crypto.randomInt (fair) or a script.
 */
export class WheelGame {
  readonly state: WheelState = {
    state: 1,
    game: 0,
    count: 0,
    warnings: 0,
    rotorRpm: 24,
    rotorDirection: 'cw',
    ballSpins: 0,
  };
  private readonly clock = new StoppableSleep();
  private step = 0;
  private results = 0;
  private injected: { misspin?: MisspinReason; error?: string } = {};

  constructor(private readonly opts: WheelGameOptions) {}

  /** Fault on demand: the next spin misspins, or ends in a sensor error. */
  inject(fault: { misspin?: MisspinReason; error?: string }): void {
    Object.assign(this.injected, fault);
  }

  stop(): void {
    this.clock.stop();
  }

  get resultsShown(): number {
    return this.results;
  }

  async run(): Promise<void> {
    const t = this.opts.timing;
    const s = this.state;
    s.rotorRpm = 20 + randomInt(0, 80) / 10;
    await this.clock.sleep(scaled(t, 1000));
    while (!this.clock.stopped) {
      if (this.opts.maxResults !== undefined && this.results >= this.opts.maxResults) break;
      s.game++;
      s.count = (s.count + 1) % 256;
      s.state = 2;
      s.warnings = 0;
      s.ballSpins = 0;
      s.ballDirection = undefined;
      s.ballRevTime = undefined;
      s.pocket = undefined;
      s.rotorDirection = s.rotorDirection === 'cw' ? 'ccw' : 'cw';
      this.emit({ kind: 'start', game: s.game });
      if (!(await this.clock.sleep(scaled(t, t.bettingMs)))) break;
      const outcome = await this.spinUntilResolved();
      if (outcome === 'stopped') break;
      if (outcome === 'closed') {
        s.state = 6;
        this.emit({ kind: 'closed' });
        break;
      }
      if (!(await this.clock.sleep(scaled(t, t.resultShownMs)))) break;
    }
    this.opts.onFinished?.();
  }

  /** Launches (and relaunches after misspins) until a number, a sensor error, or the end. */
  private async spinUntilResolved(): Promise<'result' | 'error' | 'closed' | 'stopped'> {
    const t = this.opts.timing;
    const s = this.state;
    for (;;) {
      const plan = this.nextPlan();
      if (!plan) {
        this.stop();
        return 'stopped';
      }
      if (plan.kind === 'closed') return 'closed';
      s.state = 3;
      s.warnings = 0;
      s.ballDirection =
        plan.kind === 'misspin' && plan.reason === 'same_direction'
          ? s.rotorDirection
          : opposite(s.rotorDirection);
      s.ballRevTime = 16_000 + randomInt(0, 8_000);
      this.emit({ kind: 'launch', game: s.game });
      // Ball in the track until no more bets, then a few more revolutions until it drops.
      const total = t.spinMs[0] + randomInt(0, Math.max(1, t.spinMs[1] - t.spinMs[0]));
      const inTrackMs = Math.max(total - t.noMoreBetsBeforeDropMs, total / 2);
      if (plan.kind === 'misspin') {
        if (!(await this.clock.sleep(scaled(t, inTrackMs / 2)))) return 'stopped';
        s.warnings |= plan.reason === 'same_direction' ? WARN.sameDirection : WARN.void;
        this.emit({ kind: 'misspin', game: s.game, reason: plan.reason });
        if (!(await this.clock.sleep(scaled(t, 2000)))) return 'stopped';
        continue; // respin
      }
      if (!(await this.clock.sleep(scaled(t, inTrackMs)))) return 'stopped';
      s.ballSpins = Math.min(255, Math.round((total / 1000) * 1.5)); // about 1.5 ball revolutions a second
      if (plan.kind === 'error') {
        s.warnings |= WARN.rim;
        this.emit({ kind: 'error', game: s.game, code: plan.code });
        return 'error';
      }
      s.state = 4;
      this.emit({ kind: 'nmb', game: s.game });
      if (!(await this.clock.sleep(scaled(t, total - inTrackMs)))) return 'stopped';
      s.state = 5;
      s.last = plan.number;
      s.pocket = plan.number;
      this.results++;
      this.emit({ kind: 'result', game: s.game, number: plan.number });
      return 'result';
    }
  }

  private nextPlan(): WheelStep | undefined {
    if (this.injected.misspin) {
      const reason = this.injected.misspin;
      this.injected.misspin = undefined;
      return { kind: 'misspin', reason };
    }
    if (this.injected.error) {
      const code = this.injected.error;
      this.injected.error = undefined;
      return { kind: 'error', code };
    }
    const script = this.opts.script;
    if (!script) {
      const order = pocketOrder(this.opts.layout);
      return { kind: 'number', number: order[randomInt(0, order.length)] as WheelNumber };
    }
    if (this.step >= script.length) {
      if (!this.opts.loop || script.length === 0) return undefined;
      this.step = 0;
    }
    return script[this.step++];
  }

  private emit(a: WheelAction): void {
    this.opts.onAction(a, this.state);
  }
}

function opposite(d: Direction): Direction {
  return d === 'cw' ? 'ccw' : 'cw';
}
