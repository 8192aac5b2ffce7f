import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import { MODEL_NAMES } from '../../engine/vision/runtime/manifest';
import { VisionUnavailableError, type ModelName } from '../../engine/vision/types';
import { UsageError, jsonLine, numberOption, oneOf, parse } from '../args';

export const VISION_USAGE = `studio-desk vision classify --model card|roulette [--models DIR] [--top N] IMAGE...

classify   Reads each image (a crop of one card face, or of the winning pocket) with the on-device
           model and prints one JSON line per image, in the order given:
             {"file":"crop.png","label":"10H","confidence":0.998,"ms":1.9}
           ms is the time of that image's classification (decode, resize, inference) as the desk
           sees it. An image that cannot be read prints {"file":…,"error":…} and the exit code is 1.
  --model NAME   card or roulette
  --models DIR   folder of manifest.json and the .onnx files (default: the repository's models/)
  --top N        also print the N most likely labels ("top":[{"label","confidence"}…])

The models are checked against the manifest's sha256 first: a missing or corrupt model file prints
why on stderr and exits 2 (no reading is ever guessed).`;

export async function visionCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'classify')
    throw new UsageError(
      `${sub === undefined ? 'say what to do: classify' : `unknown vision command "${sub}"`}\n\n${VISION_USAGE}`,
    );
  const { values, positionals } = parse(
    rest,
    { model: { type: 'string' }, models: { type: 'string' }, top: { type: 'string' } },
    VISION_USAGE,
  );
  const model = oneOf(values.model as string | undefined, 'model', MODEL_NAMES) as ModelName | undefined;
  if (!model) throw new UsageError(`--model card|roulette is required\n\n${VISION_USAGE}`);
  const top = numberOption(values.top as string | undefined, 'top', [1, 100]);
  if (positionals.length === 0) throw new UsageError(`give at least one IMAGE\n\n${VISION_USAGE}`);
  const modelsDir = typeof values.models === 'string' ? resolve(values.models) : undefined;

  const classifier = OnnxClassifier.open({ ...(modelsDir ? { modelsDir } : {}), names: [model] });
  try {
    const status = await classifier.ready;
    if (status.state !== 'ok') {
      process.stderr.write(`studio-desk vision: vision is unavailable: ${status.reason}\n`);
      return 2;
    }
    const labels = classifier.model(model)?.labels ?? [];
    let failed = 0;
    for (const file of positionals) {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (e) {
        failed++;
        jsonLine({ file, error: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})` });
        continue;
      }
      const t0 = performance.now();
      try {
        const [r] = (await classifier.classifyDetailed(model, [bytes])).readings;
        const ms = Math.round((performance.now() - t0) * 1000) / 1000;
        if (!r) throw new Error('no reading');
        const line: Record<string, unknown> = { file, label: r.label, confidence: round(r.confidence), ms };
        if (top && r.probs) line.top = topOf(r.probs, labels, top);
        jsonLine(line);
      } catch (e) {
        if (e instanceof VisionUnavailableError) {
          process.stderr.write(`studio-desk vision: vision became unavailable: ${e.message}\n`);
          return 2;
        }
        failed++;
        jsonLine({ file, error: (e as Error).message });
      }
    }
    return failed > 0 ? 1 : 0;
  } finally {
    await classifier.close();
  }
}

function round(p: number): number {
  return Math.round(p * 1e6) / 1e6;
}

function topOf(
  probs: number[],
  labels: readonly string[],
  n: number,
): { label: string; confidence: number }[] {
  return probs
    .map((p, i) => ({ label: labels[i] ?? String(i), confidence: round(p) }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, n);
}
