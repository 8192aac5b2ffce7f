/**
 * The vision worker (a worker_threads thread): holds one onnxruntime session per model, created once
 * from the verified bytes, on one intra-op thread, and warmed up (batch 1 and batch 6) before it says
 * it is loaded. Decoding and resizing of crops (sharp) also run here, so the desk's main thread only
 * passes buffers. Started through worker-entry.mjs (see there); never imported by the main thread.
 */
import { parentPort, threadId } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import type { ModelName } from '../types';
import type { ModelEntry } from './manifest';
import { CropError, preprocessBatch } from './preprocess';
import type { FromWorker, LoadModel, LoadedModel, ToWorker, WorkerReading } from './protocol';

interface Loaded {
  entry: ModelEntry;
  session: ort.InferenceSession;
}

const port = parentPort;
if (!port) throw new Error('engine/vision/runtime/worker.ts must run in a worker thread');

const sessions = new Map<ModelName, Loaded>();

function reply(msg: FromWorker): void {
  port?.postMessage(msg);
}

async function run(loaded: Loaded, input: Float32Array, n: number): Promise<Float32Array> {
  const { entry, session } = loaded;
  const tensor = new ort.Tensor('float32', input, [n, 3, entry.input.height, entry.input.width]);
  const out = await session.run({ [entry.input.name]: tensor });
  const probs = out[entry.output.name];
  if (!probs) throw new Error(`the model has no output "${entry.output.name}"`);
  const data = probs.data;
  if (!(data instanceof Float32Array) || data.length !== n * entry.labels.length)
    throw new Error(
      `the model's output has ${data.length} values for ${n} crops, expected ${n * entry.labels.length} (${entry.labels.length} labels)`,
    );
  return data;
}

async function load(m: LoadModel): Promise<LoadedModel> {
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(m.bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const loadMs = performance.now() - t0;
  const loaded: Loaded = { entry: m.entry, session };
  const size = 3 * m.entry.input.height * m.entry.input.width;
  const t1 = performance.now();
  for (const n of [1, 6, 1]) await run(loaded, new Float32Array(size * n), n);
  const warmupMs = performance.now() - t1;
  sessions.set(m.name, loaded);
  return { name: m.name, loadMs, warmupMs };
}

function readings(data: Float32Array, labels: readonly string[], n: number): WorkerReading[] {
  const k = labels.length;
  const out: WorkerReading[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from(data.subarray(i * k, (i + 1) * k));
    let best = 0;
    for (let j = 1; j < k; j++) if ((row[j] as number) > (row[best] as number)) best = j;
    const confidence = row[best] as number;
    if (!Number.isFinite(confidence)) throw new Error('the model returned a value that is not a number');
    out.push({ label: labels[best] as string, confidence, probs: row });
  }
  return out;
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'load') {
    const models: LoadedModel[] = [];
    const failed: { name: ModelName; reason: string }[] = [];
    for (const m of msg.models) {
      try {
        models.push(await load(m));
      } catch (e) {
        failed.push({ name: m.name, reason: `onnxruntime cannot load it: ${(e as Error).message}` });
      }
    }
    reply({ type: 'loaded', id: msg.id, models, failed, threadId });
    return;
  }
  if (msg.type === 'close') {
    for (const s of sessions.values()) await s.session.release().catch(() => undefined);
    sessions.clear();
    reply({ type: 'closed', id: msg.id });
    return;
  }
  const loaded = sessions.get(msg.name);
  if (!loaded) {
    reply({ type: 'failed', id: msg.id, kind: 'session', reason: `model ${msg.name} is not loaded` });
    return;
  }
  let input: Float32Array;
  const t0 = performance.now();
  try {
    input = await preprocessBatch(msg.crops, loaded.entry);
  } catch (e) {
    const kind = e instanceof CropError ? 'input' : 'session';
    reply({ type: 'failed', id: msg.id, kind, reason: (e as Error).message });
    return;
  }
  const t1 = performance.now();
  try {
    const data = await run(loaded, input, msg.crops.length);
    const t2 = performance.now();
    reply({
      type: 'classified',
      id: msg.id,
      readings: readings(data, loaded.entry.labels, msg.crops.length),
      preprocessMs: t1 - t0,
      inferenceMs: t2 - t1,
    });
  } catch (e) {
    reply({
      type: 'failed',
      id: msg.id,
      kind: 'session',
      reason: `inference failed: ${(e as Error).message}`,
    });
  }
}

port.on('message', (msg: ToWorker) => {
  handle(msg).catch((e: Error) =>
    reply({ type: 'failed', id: msg.id, kind: 'session', reason: `vision worker: ${e.message}` }),
  );
});
