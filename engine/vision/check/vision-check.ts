/**
 * The vision check service of one table. When the engine puts a sensor result under verification
 * ('verifying' event) it grabs a frame of the game's camera (with a timeout), stores it under its
 * sha256, crops the slots' regions, has the Classifier read them (with a timeout), builds the
 * verdict and hands it to the engine as a 'vision.verdict' input. Whatever fails becomes the
 * verdict's status and reason — no_frame, unavailable — never an exception and never a pass: the
 * engine then holds the result for a floor manager.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../../../lib/logger';
import type { VerificationRequest } from '../../rounds/events';
import type { TableInput } from '../../rounds/inputs';
import { withTimeout } from '../frames/timeout';
import type { Classifier, Frame, FrameSource, ModelName, Reading } from '../types';
import { assessReadings, type VisionVerdict } from '../verdict';
import { cropRegions } from './crop';
import type { FrameStore } from './frame-store';
import type { CheckPlan, PlanResult } from './plan';
import type { VisionCheckEvents, VisionCheckState, VisionCheckStatus } from './status';

/** What the check needs of the round engine. */
export interface CheckedEngine {
  on(event: 'verifying', listener: (request: VerificationRequest) => void): unknown;
  off(event: 'verifying', listener: (request: VerificationRequest) => void): unknown;
  handle(input: TableInput): unknown;
  /**
   * The result still verifying when the check starts: a desk restarted before the check's deadline
   * (the request's 'verifying' event was emitted by the process that died).
   */
  pendingVerification?(): VerificationRequest | undefined;
}

export interface VisionCheckOptions {
  engine: CheckedEngine;
  plan: PlanResult;
  frames: FrameSource;
  /** null: no vision runtime on this desk; every verdict is 'unavailable'. */
  classifier: Classifier | null;
  store?: FrameStore;
  /** Called before each grab: the simulated camera is told the sensor's result here. */
  onRequest?: (request: VerificationRequest, plan: CheckPlan) => void;
  now?: () => number;
  logger?: Logger;
}

export class VisionCheck extends EventEmitter<VisionCheckEvents> {
  private current: VisionCheckStatus;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly listener = (request: VerificationRequest) => {
    this.track(this.run(request));
  };
  private attached = false;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: VisionCheckOptions) {
    super();
    this.now = opts.now ?? Date.now;
    this.current = { ...this.baseline(), since: this.now() };
  }

  status(): VisionCheckStatus {
    return this.current;
  }

  /**
   * Replaces what the check looks at (a technician's saved vision regions). A check under way keeps
   * the plan it started with; the next 'verifying' request crops with the new regions.
   */
  setPlan(plan: PlanResult): void {
    this.opts.plan = plan;
    this.refresh();
  }

  /** The plan in force. */
  plan(): PlanResult {
    return this.opts.plan;
  }

  /** Re-reads the plan and the classifier's status (call when the classifier's status changes). */
  refresh(): void {
    const b = this.baseline();
    this.setStatus(b.state, b.reason);
  }

  /**
   * Attaches to the engine. A result already verifying (the desk restarted mid-check, before the
   * deadline) is checked again now, on a frame grabbed now; the engine takes one verdict per result
   * and refuses any other, so a result is never final twice.
   */
  start(): void {
    if (this.attached || this.stopped) return;
    this.opts.engine.on('verifying', this.listener);
    this.attached = true;
    const pending = this.opts.engine.pendingVerification?.();
    if (pending) {
      this.opts.logger?.info({ roundId: pending.roundId }, 'vision check re-run after a restart');
      this.emit('rerun', pending);
      this.listener(pending);
    }
  }

  /** Detaches from the engine and waits for checks under way (each bounded by its timeouts). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.attached) this.opts.engine.off('verifying', this.listener);
    this.attached = false;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Checks one request and hands the verdict to the engine; resolves the verdict. */
  async run(request: VerificationRequest): Promise<VisionVerdict> {
    const verdict = await this.check(request);
    if (!this.stopped) {
      this.opts.engine.handle({ source: 'vision', verdict });
      this.emit('verdict', verdict);
    }
    return verdict;
  }

  /** Builds the verdict of one request. Never rejects. */
  async check(request: VerificationRequest): Promise<VisionVerdict> {
    const started = performance.now();
    const base = {
      roundId: request.roundId,
      sensor: [...request.sensor],
      slots: [...request.slots],
      minConfidence: request.minConfidence,
    };
    const done = (
      v: Pick<VisionVerdict, 'status' | 'reason' | 'readings' | 'model' | 'frame'> & { framePath?: string },
    ): VisionVerdict => ({ ...base, ...v, ms: Math.round((performance.now() - started) * 10) / 10 });

    if (!this.opts.plan.ok) {
      const reason = this.opts.plan.reason;
      this.setStatus('bad_config', reason);
      return done({ status: 'unavailable', reason, readings: [], model: null, frame: null });
    }
    const plan = this.opts.plan.plan;
    const classifier = this.opts.classifier;
    // A desk that just started may still be loading its models: wait for them (bounded), rather
    // than hold the first results of the day as 'unavailable'.
    if (classifier) await waitWhileLoading(classifier, plan.model, plan.classifyTimeoutMs);
    const model = classifier?.model(plan.model);
    const unavailable = this.unavailableReason(model !== undefined);
    const regions = request.slots.map((slot) => plan.regions[slot]);
    if (regions.some((r) => r === undefined)) {
      const missing = request.slots.filter((s) => !plan.regions[s]).join(', ');
      return done({
        status: 'unavailable',
        reason: `no region for ${missing}`,
        readings: [],
        model: null,
        frame: null,
      });
    }

    if (plan.grabDelayMs > 0) await new Promise((r) => setTimeout(r, plan.grabDelayMs));
    let frame: Frame;
    try {
      this.opts.onRequest?.(request, plan);
      frame = await this.opts.frames.grab(plan.camera, { timeoutMs: plan.frameTimeoutMs });
    } catch (e) {
      const reason = `no frame from camera ${plan.camera}: ${(e as Error).message}`;
      this.setStatus(unavailable ? 'unavailable' : 'error', unavailable ?? reason);
      return done({ status: 'no_frame', reason, readings: [], model: modelRef(model), frame: null });
    }
    const frameRef = { sha256: frame.sha256, camera: frame.camera, source: frame.source };
    const framePath = await this.store(frame);
    const stored = framePath === undefined ? {} : { framePath };

    if (unavailable || !classifier || !model) {
      const reason = unavailable ?? 'vision unavailable';
      this.setStatus('unavailable', reason);
      return done({ status: 'unavailable', reason, readings: [], model: null, frame: frameRef, ...stored });
    }
    let crops: Buffer[];
    try {
      crops = await cropRegions(frame.image, regions as NonNullable<(typeof regions)[number]>[]);
    } catch (e) {
      const reason = `frame ${frame.sha256.slice(0, 12)} from ${frame.source}: ${(e as Error).message}`;
      this.setStatus('error', reason);
      return done({
        status: 'no_frame',
        reason,
        readings: [],
        model: modelRef(model),
        frame: frameRef,
        ...stored,
      });
    }
    let readings: Reading[];
    try {
      readings = await withTimeout(
        classifier.classify(plan.model, crops),
        plan.classifyTimeoutMs,
        `${plan.model} model`,
      );
    } catch (e) {
      const reason = `the ${plan.model} model could not read the frame: ${(e as Error).message}`;
      this.setStatus('unavailable', reason);
      return done({
        status: 'unavailable',
        reason,
        readings: [],
        model: modelRef(model),
        frame: frameRef,
        ...stored,
      });
    }
    this.setStatus('ok', '');
    const assessed = assessReadings(request.sensor, readings, request.minConfidence);
    return done({ ...assessed, readings, model: modelRef(model), frame: frameRef, ...stored });
  }

  private unavailableReason(hasModel: boolean): string | undefined {
    const { classifier, plan } = this.opts;
    if (!classifier) return 'no vision runtime on this desk: results need a floor manager';
    // This desk's model only: another model's broken file does not take this desk's check down.
    const s = plan.ok ? classifier.status(plan.plan.model) : classifier.status();
    if (s.state !== 'ok') return `vision ${s.state}: ${s.reason}`;
    if (!hasModel && plan.ok) return `no ${plan.plan.model} model is loaded`;
    return undefined;
  }

  private baseline(): Omit<VisionCheckStatus, 'since'> {
    const { plan } = this.opts;
    if (!plan.ok) return { state: 'bad_config', reason: plan.reason };
    const reason = this.unavailableReason(this.opts.classifier?.model(plan.plan.model) !== undefined);
    return reason ? { state: 'unavailable', reason } : { state: 'ok', reason: '' };
  }

  private async store(frame: Frame): Promise<string | undefined> {
    if (!this.opts.store) return undefined;
    try {
      return await this.opts.store.save(frame);
    } catch (e) {
      this.opts.logger?.error(
        { err: (e as Error).message, sha256: frame.sha256 },
        'checked frame not stored',
      );
      return undefined;
    }
  }

  private setStatus(state: VisionCheckState, reason: string): void {
    if (state === this.current.state && reason === this.current.reason) return;
    this.current = { state, reason, since: this.now() };
    this.emit('status', this.current);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((e: unknown) =>
      this.opts.logger?.error({ err: (e as Error).message }, 'vision check failed'),
    );
    this.inFlight.add(tracked);
    void tracked.finally(() => this.inFlight.delete(tracked));
  }
}

async function waitWhileLoading(classifier: Classifier, model: ModelName, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (classifier.status(model).state === 'loading' && performance.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
  }
}

function modelRef(model: { id: string; sha256: string } | undefined): VisionVerdict['model'] {
  return model ? { id: model.id, sha256: model.sha256 } : null;
}
