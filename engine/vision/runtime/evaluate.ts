/**
 * Held-out evaluation of a model through the desk's own runtime (files decoded by sharp in the
 * worker, the ONNX session, the manifest's labels): top-1 accuracy, the confusions between labels,
 * `none` images read as a label at or above the check's confidence, and per-crop latency.
 * Used by `npm run eval:vision` and by the accuracy test. The set is models/eval/<model>/<label>/*.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelName } from '../types';
import type { OnnxClassifier } from './classifier';

export interface EvalItem {
  file: string;
  label: string;
}

export interface EvalReport {
  model: ModelName;
  n: number;
  correct: number;
  top1: number;
  /** "true->read" → count, most frequent first. */
  confusions: [string, number][];
  noneImages: number;
  /** `none` images read as a card/number with confidence ≥ minConfidence (must be 0). */
  noneReadAsLabel: { file: string; label: string; confidence: number }[];
  /** Wrong readings with confidence ≥ minConfidence (these would pass the check unheld). */
  confidentWrong: { file: string; truth: string; label: string; confidence: number }[];
  minConfidence: number;
  /** Per-crop wall time of classify() with batch 1, ms (decode + resize + inference + messaging). */
  latencyMs: number[];
}

/** The eval set: every file under <dir>/<label>/, labels checked against the model's. */
export async function readEvalSet(dir: string, labels: readonly string[]): Promise<EvalItem[]> {
  const items: EvalItem[] = [];
  for (const label of (await readdir(dir)).sort()) {
    if (!labels.includes(label))
      throw new Error(`${join(dir, label)}: "${label}" is not a label of the model`);
    for (const f of (await readdir(join(dir, label))).sort())
      if (/\.(png|jpe?g|webp)$/i.test(f)) items.push({ file: join(dir, label, f), label });
  }
  return items;
}

export async function evaluate(
  classifier: OnnxClassifier,
  model: ModelName,
  items: readonly EvalItem[],
  minConfidence = 0.9,
): Promise<EvalReport> {
  const confusions = new Map<string, number>();
  const report: EvalReport = {
    model,
    n: items.length,
    correct: 0,
    top1: 0,
    confusions: [],
    noneImages: 0,
    noneReadAsLabel: [],
    confidentWrong: [],
    minConfidence,
    latencyMs: [],
  };
  for (const item of items) {
    const bytes = await readFile(item.file);
    const t0 = performance.now();
    const [r] = await classifier.classify(model, [bytes]);
    report.latencyMs.push(performance.now() - t0);
    if (!r) throw new Error(`${item.file}: no reading`);
    if (item.label === 'none') report.noneImages++;
    if (r.label === item.label) {
      report.correct++;
      continue;
    }
    const key = `${item.label}->${r.label}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
    if (r.confidence >= minConfidence) {
      if (item.label === 'none')
        report.noneReadAsLabel.push({ file: item.file, label: r.label, confidence: r.confidence });
      report.confidentWrong.push({
        file: item.file,
        truth: item.label,
        label: r.label,
        confidence: r.confidence,
      });
    }
  }
  report.top1 = report.n > 0 ? report.correct / report.n : 0;
  report.confusions = [...confusions.entries()].sort((a, b) => b[1] - a[1]);
  return report;
}
