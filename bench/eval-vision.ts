/**
 * Held-out evaluation of the vision models through the desk's runtime:
 *
 *   npm run eval:vision                       both models, models/eval/<model>/<label>/*
 *   npm run eval:vision -- --model card --set DIR --models DIR
 *
 * Prints top-1 accuracy, every confusion (true -> read: count), the `none` images read as a label at
 * or above the check's default minConfidence (0.9), and the per-crop latency (batch 1, as the desk
 * calls it: decode + resize + inference + worker messaging). Exit code 1 when a model misses the
 * targets (top-1 >= 99.5 %, no `none` image read as a label with high confidence).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OnnxClassifier } from '../engine/vision/runtime/classifier';
import { evaluate, readEvalSet } from '../engine/vision/runtime/evaluate';
import type { ModelName } from '../engine/vision/types';
import { fmt, summary } from './stats';

const { values } = parseArgs({
  options: { model: { type: 'string' }, set: { type: 'string' }, models: { type: 'string' } },
});
const names: ModelName[] =
  values.model === 'card' || values.model === 'roulette' ? [values.model] : ['card', 'roulette'];
const setDir = values.set ?? fileURLToPath(new URL('../models/eval/', import.meta.url));

const classifier = OnnxClassifier.open({ names, ...(values.models ? { modelsDir: values.models } : {}) });
const status = await classifier.ready;
if (status.state !== 'ok') {
  console.error(`vision unavailable: ${status.reason}`);
  process.exit(2);
}
let ok = true;
for (const name of names) {
  const info = classifier.model(name);
  if (!info) throw new Error(`${name} not loaded`);
  const items = await readEvalSet(join(setDir, name), info.labels);
  const r = await evaluate(classifier, name, items);
  const lat = summary(r.latencyMs);
  const pass = r.top1 >= 0.995 && r.noneReadAsLabel.length === 0;
  ok &&= pass;
  console.log(`# ${name} (${info.id}, sha256 ${info.sha256.slice(0, 12)}…) on ${join(setDir, name)}`);
  console.log(
    `top-1 ${(r.top1 * 100).toFixed(2)} % (${r.correct}/${r.n})   target >= 99.50 %   ${pass ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `none: ${r.noneImages} images, ${r.noneReadAsLabel.length} read as a label with confidence >= ${r.minConfidence}`,
  );
  console.log(`wrong with confidence >= ${r.minConfidence}: ${r.confidentWrong.length}`);
  console.log(
    `confusions (true -> read: count): ${r.confusions.length ? r.confusions.map(([k, v]) => `${k}: ${v}`).join(', ') : 'none'}`,
  );
  for (const w of r.confidentWrong)
    console.log(`  confident wrong: ${w.file} ${w.truth} -> ${w.label} ${w.confidence.toFixed(3)}`);
  console.log(
    `latency per crop (batch 1, end to end): p50 ${fmt(lat.p50)}  p99 ${fmt(lat.p99)}  max ${fmt(lat.max)}`,
  );
}
await classifier.close();
process.exit(ok ? 0 : 1);
