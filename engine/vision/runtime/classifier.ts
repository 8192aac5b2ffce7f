/**
 * The desk's Classifier: models checked against models/manifest.json (sha256), loaded once into a
 * worker thread (onnxruntime-node, one intra-op thread, warmed up), crops classified in batches.
 *
 * It never crashes the desk and never passes silently: a missing manifest or model file, a sha256
 * mismatch, a session that cannot be created, a worker that dies or a request that times out all make
 * the status 'unavailable' with a reason in words, and every classify() then rejects with
 * VisionUnavailableError. A dead or hung worker is restarted (capped backoff) and the models reloaded.
 *
 * Each model stands alone: a missing, corrupt or unloadable file makes only that model unavailable
 * (`status(name)`, with that model's reason); the others load and read. Only what all models share —
 * the manifest, the worker — makes every model unavailable.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  VisionUnavailableError,
  type Classifier,
  type ModelInfo,
  type ModelName,
  type Reading,
  type VisionStatus,
} from '../types';
import { ManifestError, readManifest, verifyModel, type VerifiedModel } from './manifest';
import type { FromWorker, LoadedModel, ToWorker, WorkerReading } from './protocol';

export const DEFAULT_WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);
/** Largest batch sent to the worker at once (a baccarat hand is 4 to 6 cards). */
export const MAX_BATCH = 16;

export interface ClassifierOptions {
  /** Folder of manifest.json and the .onnx files (default: models/ of the repository). */
  modelsDir?: string;
  /** The manifest (default `<modelsDir>/manifest.json`). */
  manifestPath?: string;
  /** Which models this desk needs (a roulette table: ['roulette']). Default both. */
  names?: readonly ModelName[];
  /** Another file for a model (config `vision.models`); it must still match the manifest's sha256. */
  files?: Partial<Record<ModelName, string>>;
  /** A classify() not answered within this time rejects and the worker is restarted. */
  timeoutMs?: number;
  /** Loading (hash, session creation, warm-up) not done within this time: unavailable. */
  loadTimeoutMs?: number;
  /** The worker's entry file (a bundle passes its own compiled worker). */
  workerUrl?: URL | string;
  /** Restart delays after a worker death, ms (capped at the last). Default 1 s, 5 s, 30 s. */
  restartDelaysMs?: readonly number[];
}

export interface ClassifyResult {
  readings: (Reading & { probs?: number[] })[];
  /** Time in the worker: decoding and resizing, and the session run, ms. */
  preprocessMs: number;
  inferenceMs: number;
}

export interface ClassifierEvents {
  status: [VisionStatus];
}

interface Pending {
  resolve: (msg: FromWorker) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export const REPO_MODELS_DIR = new URL('../../../models/', import.meta.url);

export class OnnxClassifier extends EventEmitter<ClassifierEvents> implements Classifier {
  private current: VisionStatus = {
    state: 'loading',
    reason: 'loading the vision models',
    since: Date.now(),
  };
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly infos = new Map<ModelName, ModelInfo>();
  private verified: VerifiedModel[] = [];
  /** What stops every model: the manifest, the worker. */
  private problems: string[] = [];
  /** What stops one model: its file, its sha256, its session. */
  private readonly modelProblems = new Map<ModelName, string>();
  private closed = false;
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  /** Load times of the last (re)load, for the benchmark and the technician's view. */
  loadTimes: LoadedModel[] = [];
  /** threadId of the worker holding the sessions (undefined before the first load). */
  workerThreadId: number | undefined;
  /** Settles (never rejects) when the first load has ended, ok or not. */
  readonly ready: Promise<VisionStatus>;

  private readonly manifestPath: string;
  private readonly names: readonly ModelName[];
  private readonly timeoutMs: number;
  private readonly loadTimeoutMs: number;

  private constructor(private readonly opts: ClassifierOptions) {
    super();
    const dir = opts.modelsDir ?? fileURLToPath(REPO_MODELS_DIR);
    this.manifestPath = opts.manifestPath ?? join(dir, 'manifest.json');
    this.names = opts.names ?? ['card', 'roulette'];
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.loadTimeoutMs = opts.loadTimeoutMs ?? 30_000;
    this.ready = this.load();
  }

  /** Starts loading at once; status() is 'loading' until `ready` settles. Never throws. */
  static open(opts: ClassifierOptions = {}): OnnxClassifier {
    return new OnnxClassifier(opts);
  }

  /**
   * Without a name: the runtime as a whole ('ok' only when every model asked for is loaded). With a
   * name: that model alone — 'ok' when it is loaded and reads, even if another model is broken.
   */
  status(name?: ModelName): VisionStatus {
    if (name === undefined || this.current.state === 'loading') return this.current;
    const { since } = this.current;
    if (this.closed) return { state: 'unavailable', reason: 'vision is closed', since };
    const problem = this.modelProblems.get(name);
    const info = this.infos.get(name);
    if (info && problem === undefined && this.worker)
      return { state: 'ok', reason: `model loaded: ${info.id}`, since };
    return { state: 'unavailable', reason: this.unavailableReason(name), since };
  }

  model(name: ModelName): ModelInfo | undefined {
    return this.infos.get(name);
  }

  async classify(name: ModelName, crops: readonly Buffer[]): Promise<Reading[]> {
    return (await this.classifyDetailed(name, crops)).readings.map(({ label, confidence }) => ({
      label,
      confidence,
    }));
  }

  /** As classify(), with the full probability rows and the time spent in the worker. */
  async classifyDetailed(name: ModelName, crops: readonly Buffer[]): Promise<ClassifyResult> {
    if (crops.length === 0) return { readings: [], preprocessMs: 0, inferenceMs: 0 };
    const info = this.infos.get(name);
    if (this.closed) throw new VisionUnavailableError('vision is closed');
    if (!info || !this.worker) throw new VisionUnavailableError(this.unavailableReason(name));
    const out: ClassifyResult = { readings: [], preprocessMs: 0, inferenceMs: 0 };
    for (let i = 0; i < crops.length; i += MAX_BATCH) {
      // Copies: the caller keeps its buffers, the worker gets its own (transferred, not cloned).
      const part = crops.slice(i, i + MAX_BATCH).map((b) => new Uint8Array(b));
      const reply = await this.request(
        { type: 'classify', id: 0, name, crops: part },
        this.timeoutMs,
        part.map((p) => p.buffer as ArrayBuffer),
      );
      if (reply.type === 'failed') {
        if (reply.kind === 'input') throw new Error(`vision ${name}: ${reply.reason}`);
        this.modelProblems.set(name, `${name}: the model failed: ${reply.reason}`);
        this.setStatus('unavailable', `the ${name} model failed: ${reply.reason}`);
        throw new VisionUnavailableError(`the ${name} model failed: ${reply.reason}`);
      }
      if (reply.type !== 'classified')
        throw new VisionUnavailableError(`vision worker: unexpected ${reply.type}`);
      out.readings.push(...reply.readings.map((r: WorkerReading) => ({ ...r })));
      out.preprocessMs += reply.preprocessMs;
      out.inferenceMs += reply.inferenceMs;
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (worker) {
      await this.request({ type: 'close', id: 0 }, 2000).catch(() => undefined);
      this.worker = undefined;
      await worker.terminate().catch(() => undefined);
    }
    this.failPending(new VisionUnavailableError('vision is closed'));
    this.setStatus('unavailable', 'vision is closed');
  }

  // ------------------------------------------------------------------ loading

  private async load(): Promise<VisionStatus> {
    this.problems = [];
    this.modelProblems.clear();
    this.verified = [];
    try {
      const manifest = await readManifest(this.manifestPath);
      for (const name of this.names) {
        try {
          this.verified.push(await verifyModel(manifest, this.manifestPath, name, this.opts.files?.[name]));
        } catch (e) {
          if (!(e instanceof ManifestError)) throw e;
          this.modelProblems.set(name, `${name}: ${e.message}`);
        }
      }
    } catch (e) {
      this.problems.push(
        e instanceof ManifestError ? e.message : `cannot read the models: ${(e as Error).message}`,
      );
    }
    if (this.verified.length > 0) await this.startWorker();
    return this.settleLoad();
  }

  private async startWorker(): Promise<void> {
    if (this.closed) return;
    this.infos.clear();
    let worker: Worker;
    try {
      worker = new Worker(this.opts.workerUrl ?? DEFAULT_WORKER_URL, { name: 'studio-desk-vision' });
    } catch (e) {
      this.problems.push(`cannot start the vision worker: ${(e as Error).message}`);
      return;
    }
    this.worker = worker;
    worker.unref(); // a library must not hold the process open; pending requests have their timers
    worker.on('message', (msg: FromWorker) => this.onMessage(msg));
    worker.on('error', (e) => this.onWorkerDeath(worker, `the vision worker failed: ${e.message}`));
    worker.on('exit', (code) => this.onWorkerDeath(worker, `the vision worker stopped (exit code ${code})`));
    try {
      const reply = await this.request(
        {
          type: 'load',
          id: 0,
          models: this.verified.map((v) => ({ name: v.info.name, entry: v.entry, bytes: v.bytes })),
        },
        this.loadTimeoutMs,
      );
      if (reply.type !== 'loaded') throw new Error(`unexpected reply ${reply.type}`);
      this.loadTimes = reply.models;
      this.workerThreadId = reply.threadId;
      for (const f of reply.failed) this.modelProblems.set(f.name, `${f.name}: ${f.reason}`);
      for (const m of reply.models) {
        const v = this.verified.find((x) => x.info.name === m.name);
        if (v) this.infos.set(m.name, v.info);
      }
    } catch (e) {
      this.problems.push(`loading the models in the vision worker: ${(e as Error).message}`);
      await this.stopWorker(worker);
    }
  }

  private settleLoad(): VisionStatus {
    if (this.closed) return this.current;
    const missing = this.names.filter((n) => !this.infos.has(n));
    if (missing.length === 0 && this.problems.length === 0 && this.modelProblems.size === 0) {
      this.restarts = 0;
      const ids = this.names.map((n) => this.infos.get(n)?.id).join(', ');
      this.setStatus('ok', `models loaded: ${ids}`);
    } else {
      const reasons = [
        ...this.problems,
        ...this.names.flatMap((n) => {
          const p = this.modelProblems.get(n);
          if (p !== undefined) return [p];
          return this.infos.has(n) || this.problems.length > 0 ? [] : [`${n}: not loaded`];
        }),
      ];
      this.setStatus('unavailable', `${reasons.join('; ')}. Results need a floor manager's confirmation.`);
    }
    return this.current;
  }

  private unavailableReason(name: ModelName): string {
    if (this.current.state === 'loading') return `vision is still loading (${name} model)`;
    const own = this.modelProblems.get(name);
    if (own !== undefined) return `${own}. Results need a floor manager's confirmation.`;
    if (!this.names.includes(name)) return `the ${name} model is not loaded on this desk`;
    if (this.current.state === 'unavailable') return this.current.reason;
    return `the ${name} model is not loaded on this desk`;
  }

  // ------------------------------------------------------------------ worker link

  private request(msg: ToWorker, timeoutMs: number, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new VisionUnavailableError('the vision worker is not running'));
    const id = this.nextId++;
    return new Promise<FromWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const reason = `the vision worker did not answer within ${timeoutMs} ms`;
        reject(new VisionUnavailableError(reason));
        // A worker that does not answer is presumed hung: replace it.
        if (msg.type === 'classify') this.onWorkerDeath(worker, reason);
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        worker.postMessage({ ...msg, id }, transfer);
      } catch (e) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new VisionUnavailableError(`cannot reach the vision worker: ${(e as Error).message}`));
      }
    });
  }

  private onMessage(msg: FromWorker): void {
    const p = this.pending.get(msg.id);
    if (!p) return; // timed out earlier: its answer is dropped
    this.pending.delete(msg.id);
    clearTimeout(p.timer);
    p.resolve(msg);
  }

  private failPending(e: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(e);
    }
  }

  private async stopWorker(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = undefined;
    worker.removeAllListeners('exit');
    await worker.terminate().catch(() => undefined);
  }

  private onWorkerDeath(worker: Worker, reason: string): void {
    if (this.worker !== worker || this.closed) return;
    this.worker = undefined;
    this.infos.clear();
    void worker.terminate().catch(() => undefined);
    this.failPending(new VisionUnavailableError(reason));
    this.setStatus('unavailable', `${reason}; restarting it. Results need a floor manager's confirmation.`);
    const delays = this.opts.restartDelaysMs ?? [1000, 5000, 30_000];
    const delay = delays[Math.min(this.restarts, delays.length - 1)] ?? 30_000;
    this.restarts++;
    this.restartTimer = setTimeout(() => {
      this.problems = [];
      for (const n of this.verified.map((v) => v.info.name)) this.modelProblems.delete(n);
      void this.startWorker().then(() => this.settleLoad());
    }, delay);
    this.restartTimer.unref();
  }

  private setStatus(state: VisionStatus['state'], reason: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    this.current = { state, reason, since: Date.now() };
    this.emit('status', this.current);
  }
}
