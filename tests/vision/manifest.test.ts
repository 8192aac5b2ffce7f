import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ManifestError,
  parseManifest,
  readManifest,
  sha256,
  verifyModel,
} from '../../engine/vision/runtime/manifest';
import { MODELS_DIR, copyOfModels, editManifest } from './support';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function models() {
  const c = copyOfModels();
  cleanups.push(c.remove);
  return c.dir;
}

describe('model manifest', () => {
  it('the committed manifest is valid and names both models with their labels and input', async () => {
    const m = await readManifest(join(MODELS_DIR, 'manifest.json'));
    expect(m.models.card?.labels).toHaveLength(53);
    expect(m.models.card?.labels).toContain('10H');
    expect(m.models.card?.labels).toContain('none');
    expect(m.models.roulette?.labels).toHaveLength(39);
    expect(m.models.roulette?.labels).toEqual(expect.arrayContaining(['0', '00', '36', 'none']));
    expect(m.models.card?.input.layout).toBe('NCHW');
  });

  it('the committed model files match their sha256 and are under 5 MB', async () => {
    const path = join(MODELS_DIR, 'manifest.json');
    const m = await readManifest(path);
    for (const name of ['card', 'roulette'] as const) {
      const v = await verifyModel(m, path, name);
      expect(v.info.sha256).toBe(sha256(readFileSync(join(MODELS_DIR, `${name}.onnx`))));
      expect(v.bytes.length).toBeLessThan(5 * 1024 * 1024);
    }
  });

  it('names each wrong field', () => {
    const good = JSON.parse(readFileSync(join(MODELS_DIR, 'manifest.json'), 'utf8'));
    const bad = structuredClone(good);
    bad.models.card.sha256 = 'abc';
    bad.models.card.labels = ['AS', 'KS'];
    bad.models.roulette.normalisation.std = [0.5, 0, 0.5];
    let err: Error | undefined;
    try {
      parseManifest(bad, 'm.json');
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(ManifestError);
    expect(err?.message).toContain('models.card.sha256: must be 64 lowercase hex digits');
    expect(err?.message).toContain('models.card.labels: must include "none"');
    expect(err?.message).toContain('models.roulette.normalisation.std: must be more than 0');
    expect(() => parseManifest({ version: 2, models: {} }, 'm.json')).toThrow(/version/);
  });

  it('a model file that is missing, truncated or replaced is refused, saying which and why', async () => {
    const dir = models();
    const path = join(dir, 'manifest.json');
    const m = await readManifest(path);
    const card = join(dir, 'card.onnx');
    const bytes = readFileSync(card);
    writeFileSync(card, bytes.subarray(0, 1000));
    await expect(verifyModel(m, path, 'card')).rejects.toThrow(
      `${card}: sha256 does not match the manifest (1000 bytes, the manifest says ${bytes.length})`,
    );
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] = (flipped[flipped.length - 10] as number) ^ 0xff;
    writeFileSync(card, flipped);
    await expect(verifyModel(m, path, 'card')).rejects.toThrow(
      /sha256 does not match the manifest: the file is corrupt/,
    );
    await expect(verifyModel(m, path, 'card', join(dir, 'nope.onnx'))).rejects.toThrow(
      `${join(dir, 'nope.onnx')}: model file is missing`,
    );
    // another file named for the model must still be the manifest's model
    await expect(verifyModel(m, path, 'card', join(dir, 'roulette.onnx'))).rejects.toThrow(
      /sha256 does not match/,
    );
  });

  it('a manifest without the model, or not JSON, is refused', async () => {
    const dir = models();
    const path = join(dir, 'manifest.json');
    editManifest(dir, (m) => delete m.models.card);
    await expect(verifyModel(await readManifest(path), path, 'card')).rejects.toThrow(
      `${path}: has no "card" model`,
    );
    writeFileSync(path, '{ not json');
    await expect(readManifest(path)).rejects.toThrow(/the model manifest is not JSON/);
    await expect(readManifest(join(dir, 'none.json'))).rejects.toThrow(
      /cannot read the model manifest \(ENOENT\)/,
    );
  });
});
