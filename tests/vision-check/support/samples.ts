/**
 * Sample images and a fake Classifier that really reads them. Each label has its own solid colour
 * (`colourOf`); the fake decodes a crop's mean colour back to the nearest label, so a test passes
 * only if the frame was drawn, cropped at the right place and handed over in the right order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { fullDeck } from '../../../hardware/cards';
import type { Classifier, ModelInfo, ModelName, Reading, VisionStatus } from '../../../engine/vision/types';
import { VisionUnavailableError } from '../../../engine/vision/types';

export const ROULETTE_LABELS = [...Array.from({ length: 37 }, (_, i) => String(i)), '00', 'none'];
export const CARD_LABELS = [...fullDeck(), 'none'];

export function labelsOf(model: ModelName): string[] {
  return model === 'card' ? CARD_LABELS : ROULETTE_LABELS;
}

export function colourOf(model: ModelName, label: string): { r: number; g: number; b: number } {
  const i = labelsOf(model).indexOf(label);
  if (i < 0) throw new Error(`test: ${label} is not a ${model} label`);
  return { r: 20 + (i % 10) * 23, g: 20 + Math.floor(i / 10) * 23, b: 200 };
}

export async function solidPng(colour: { r: number; g: number; b: number }, size = 24): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** Writes `<dir>/<model>/<label>.png` for every label of the model. */
export async function writeSamples(dir: string, model: ModelName): Promise<void> {
  mkdirSync(join(dir, model), { recursive: true });
  for (const label of labelsOf(model))
    writeFileSync(join(dir, model, `${label}.png`), await solidPng(colourOf(model, label)));
}

export type FakeMode = 'ok' | 'loading' | 'unavailable' | 'rejects' | 'hangs';

export class FakeClassifier implements Classifier {
  mode: FakeMode = 'ok';
  confidence = 0.97;
  calls: { name: ModelName; crops: number }[] = [];
  /** Models whose file is broken (as the runtime reports them): only these are unavailable. */
  broken = new Set<ModelName>();

  status(name?: ModelName): VisionStatus {
    if (this.mode === 'loading') return { state: 'loading', reason: 'loading the vision models', since: 0 };
    if (this.mode === 'unavailable')
      return {
        state: 'unavailable',
        reason: 'models/roulette.onnx: sha256 does not match the manifest',
        since: 0,
      };
    const broken = name === undefined ? [...this.broken] : [name].filter((n) => this.broken.has(n));
    return broken.length > 0
      ? {
          state: 'unavailable',
          reason: broken.map((n) => `${n}: models/${n}.onnx: sha256 does not match the manifest`).join('; '),
          since: 0,
        }
      : { state: 'ok', reason: '', since: 0 };
  }

  model(name: ModelName): ModelInfo | undefined {
    return { name, id: `${name}-fake-1`, sha256: 'c'.repeat(64), labels: labelsOf(name) };
  }

  async classify(name: ModelName, crops: readonly Buffer[]): Promise<Reading[]> {
    this.calls.push({ name, crops: crops.length });
    if (this.mode === 'rejects') throw new VisionUnavailableError('the ONNX session failed: out of memory');
    if (this.mode === 'hangs') return new Promise<never>(() => {});
    const out: Reading[] = [];
    for (const crop of crops) {
      const { channels } = await sharp(crop).stats();
      const [r, g] = [channels[0]?.mean ?? 0, channels[1]?.mean ?? 0];
      let best = { label: 'none', d: Infinity };
      for (const label of labelsOf(name)) {
        const c = colourOf(name, label);
        const d = (c.r - r) ** 2 + (c.g - g) ** 2;
        if (d < best.d) best = { label, d };
      }
      out.push({ label: best.label, confidence: best.d < 50 ? this.confidence : 0.3 });
    }
    return out;
  }

  async close(): Promise<void> {}
}
