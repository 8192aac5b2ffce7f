import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed models, manifest, eval set and sample gallery. */
export const MODELS_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
export const SAMPLES_DIR = join(MODELS_DIR, 'samples');
export const EVAL_DIR = join(MODELS_DIR, 'eval');

/** A throw-away copy of models/manifest.json and the .onnx files, to break on purpose. */
export function copyOfModels(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-models-'));
  for (const f of ['manifest.json', 'card.onnx', 'roulette.onnx']) cpSync(join(MODELS_DIR, f), join(dir, f));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A manifest as loose JSON, to break on purpose. */
interface LooseManifest {
  models: Record<string, Record<string, unknown>>;
}

export function editManifest(dir: string, edit: (m: LooseManifest) => void): void {
  const path = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as LooseManifest;
  edit(m);
  writeFileSync(path, JSON.stringify(m));
}

/** The sample gallery of a model: `<label>.png` → bytes. */
export function samples(model: 'card' | 'roulette'): { label: string; bytes: Buffer }[] {
  const dir = join(SAMPLES_DIR, model);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => ({ label: f.slice(0, -4), bytes: readFileSync(join(dir, f)) }));
}
