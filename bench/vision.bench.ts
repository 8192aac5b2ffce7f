/**
 * Vision runtime: session load time, and per-crop inference on one core (intraOpNumThreads 1, in the
 * worker) with batch 1 and batch 6 (a baccarat hand), for both models, on the sample gallery's crops.
 * "inference" is session.run alone, timed inside the worker; "end to end" is classify() as the desk's
 * check calls it (message to the worker, sharp decode + resize + normalise, run, reply).
 *
 *   npm run bench -- vision
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OnnxClassifier } from '../engine/vision/runtime/classifier';
import type { ModelName } from '../engine/vision/types';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 300);
const SAMPLES = fileURLToPath(new URL('../models/samples/', import.meta.url));

async function crops(model: ModelName): Promise<Buffer[]> {
  const dir = join(SAMPLES, model);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
  return Promise.all(files.map((f) => readFile(join(dir, f))));
}

export async function run(): Promise<void> {
  console.log(
    `# vision (${N} samples per figure, Node ${process.version}, onnxruntime on 1 intra-op thread)`,
  );
  const t0 = performance.now();
  const classifier = OnnxClassifier.open();
  const status = await classifier.ready;
  const openMs = performance.now() - t0;
  if (status.state !== 'ok') throw new Error(`vision unavailable: ${status.reason}`);
  for (const l of classifier.loadTimes)
    console.log(`${l.name}: session load ${fmt(l.loadMs)}, warm-up (batch 1, 6, 1) ${fmt(l.warmupMs)}`);
  console.log(
    `open → ready (manifest, sha256 of both files, worker start, both sessions, warm-up): ${fmt(openMs)}`,
  );
  for (const model of ['card', 'roulette'] as const) {
    const all = await crops(model);
    for (const batch of [1, 6]) {
      const inference: number[] = [];
      const endToEnd: number[] = [];
      for (let i = 0; i < N; i++) {
        const part = Array.from({ length: batch }, (_, k) => all[(i * batch + k) % all.length] as Buffer);
        const t = performance.now();
        const r = await classifier.classifyDetailed(model, part);
        endToEnd.push((performance.now() - t) / batch);
        inference.push(r.inferenceMs / batch);
      }
      const s = summary(inference);
      const e = summary(endToEnd);
      console.log(
        `${model} batch ${batch}: inference per crop p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}   |   end to end per crop p50 ${fmt(e.p50)}  p99 ${fmt(e.p99)}   (target p99 < 5 ms)`,
      );
    }
  }
  await classifier.close();
}
