import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { OnnxClassifier, type ClassifierOptions } from '../../engine/vision/runtime/classifier';
import { sha256 } from '../../engine/vision/runtime/manifest';
import { VisionUnavailableError, type VisionStatus } from '../../engine/vision/types';
import { MODELS_DIR, copyOfModels, editManifest, samples } from './support';

const open: OnnxClassifier[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  cleanups.splice(0).forEach((f) => f());
});

function classifier(opts: ClassifierOptions = {}): OnnxClassifier {
  const c = OnnxClassifier.open(opts);
  open.push(c);
  return c;
}

function models(): string {
  const c = copyOfModels();
  cleanups.push(c.remove);
  return c.dir;
}

describe('vision runtime on the committed models', () => {
  it('loads both models once in a worker thread, warmed up, and reads the sample gallery', async () => {
    const c = classifier();
    expect(c.status().state).toBe('loading');
    const statuses: VisionStatus[] = [];
    c.on('status', (s) => statuses.push(s));
    const status = await c.ready;
    expect(status.state).toBe('ok');
    expect(status.reason).toMatch(/models loaded: card-.*, roulette-/);
    expect(statuses.map((s) => s.state)).toEqual(['ok']);
    expect(c.workerThreadId).toBeGreaterThan(0);
    expect(c.workerThreadId).not.toBe(threadId);
    expect(c.loadTimes.map((l) => l.name)).toEqual(['card', 'roulette']);
    for (const name of ['card', 'roulette'] as const) {
      const info = c.model(name);
      expect(info?.sha256).toBe(sha256(readFileSync(join(MODELS_DIR, `${name}.onnx`))));
      const all = samples(name);
      const readings = await c.classify(
        name,
        all.map((s) => s.bytes),
      );
      expect(readings).toHaveLength(all.length);
      for (const r of readings) {
        expect(info?.labels).toContain(r.label);
        expect(r.confidence).toBeGreaterThan(0);
        expect(r.confidence).toBeLessThanOrEqual(1 + 1e-6);
      }
      // The trained models, not random weights (which read ~2 % right): most samples read right.
      // Accuracy itself is measured on the held-out set (eval-heldout.test.ts).
      const misses = all.flatMap((s, i) =>
        readings[i]?.label === s.label ? [] : [`${s.label}->${readings[i]?.label}`],
      );
      expect(misses.length / all.length, `misread samples: ${misses.join(', ')}`).toBeLessThanOrEqual(0.1);
    }
  });

  it('a batch of 6 crops gives the readings of the crops one by one, in order', async () => {
    const c = classifier({ names: ['card'] });
    await c.ready;
    const hand = samples('card').filter((s) => ['AS', '10H', 'QD', '7C', 'KS', 'none'].includes(s.label));
    expect(hand).toHaveLength(6);
    const batch = await c.classify(
      'card',
      hand.map((s) => s.bytes),
    );
    for (const [i, s] of hand.entries()) {
      const [one] = await c.classify('card', [s.bytes]);
      expect(batch[i]?.label).toBe(one?.label);
      expect(batch[i]?.confidence).toBeCloseTo(one?.confidence ?? -1, 5);
    }
    expect(await c.classify('card', [])).toEqual([]);
  });

  it('a crop that is not an image is refused alone: the model stays available', async () => {
    const c = classifier({ names: ['roulette'] });
    await c.ready;
    const good = samples('roulette')[0] as { label: string; bytes: Buffer };
    const err = await c
      .classify('roulette', [good.bytes, Buffer.from('not an image')])
      .catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(VisionUnavailableError);
    expect((err as Error).message).toMatch(/crop 2 of 2: cannot decode the crop as an image/);
    expect(c.status().state).toBe('ok');
    expect((await c.classify('roulette', [good.bytes]))[0]?.label).toBe(good.label);
    await expect(c.classify('card', [good.bytes])).rejects.toThrow(VisionUnavailableError);
  });
});

describe('vision runtime when models are broken: unavailable with the reason, never a reading', () => {
  it('a corrupt card model: card unavailable (sha256), roulette still reads', async () => {
    const dir = models();
    const card = join(dir, 'card.onnx');
    const bytes = readFileSync(card);
    bytes[5000] = (bytes[5000] as number) ^ 0x55;
    writeFileSync(card, bytes);
    const c = classifier({ modelsDir: dir });
    const status = await c.ready;
    expect(status.state).toBe('unavailable');
    expect(status.reason).toContain(`card: ${card}: sha256 does not match the manifest`);
    expect(status.reason).toContain("Results need a floor manager's confirmation");
    expect(c.model('card')).toBeUndefined();
    // Per model: only the card model is down, with its own reason; the roulette model is ok.
    expect(c.status('card')).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining(`card: ${card}: sha256 does not match the manifest`),
    });
    expect(c.status('card').reason).not.toContain('roulette');
    expect(c.status('roulette')).toMatchObject({
      state: 'ok',
      reason: expect.stringMatching(/^model loaded: roulette-/),
    });
    await expect(c.classify('card', [samples('card')[0]?.bytes as Buffer])).rejects.toThrow(
      /card: .*sha256 does not match the manifest/,
    );
    const r = samples('roulette')[3] as { label: string; bytes: Buffer };
    expect((await c.classify('roulette', [r.bytes]))[0]?.label).toBe(r.label);
  });

  it('a missing roulette file: roulette unavailable (file is missing), card loads and reads', async () => {
    const dir = models();
    rmSync(join(dir, 'roulette.onnx'));
    const c = classifier({ modelsDir: dir });
    const status = await c.ready;
    expect(status.state).toBe('unavailable');
    expect(c.status('roulette')).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining(`roulette: ${join(dir, 'roulette.onnx')}: model file is missing`),
    });
    expect(c.status('card').state).toBe('ok');
    const s = samples('card')[0] as { label: string; bytes: Buffer };
    expect((await c.classify('card', [s.bytes]))[0]?.label).toBe(s.label);
    await c.close();
    expect(c.status('card')).toMatchObject({ state: 'unavailable', reason: 'vision is closed' });
  });

  it('a missing model file, a missing manifest', async () => {
    const dir = models();
    rmSync(join(dir, 'roulette.onnx'));
    const c = classifier({ modelsDir: dir, names: ['roulette'] });
    expect((await c.ready).reason).toContain(
      `roulette: ${join(dir, 'roulette.onnx')}: model file is missing`,
    );
    const d = classifier({ modelsDir: join(tmpdir(), 'studio-desk-no-such-dir') });
    const s = await d.ready;
    expect(s.state).toBe('unavailable');
    expect(s.reason).toMatch(/manifest\.json: cannot read the model manifest \(ENOENT\)/);
    await expect(d.classify('card', [Buffer.from('x')])).rejects.toThrow(/cannot read the model manifest/);
  });

  it('a file that matches the manifest but is no ONNX model: the session cannot be created', async () => {
    const dir = models();
    const junk = Buffer.from('this is not an onnx model');
    writeFileSync(join(dir, 'card.onnx'), junk);
    editManifest(dir, (m) => {
      m.models.card!.sha256 = sha256(junk);
      m.models.card!.bytes = junk.length;
    });
    const c = classifier({ modelsDir: dir, names: ['card'] });
    const s = await c.ready;
    expect(s.state).toBe('unavailable');
    expect(s.reason).toMatch(/^card: onnxruntime cannot load it: /);
  });

  it('a manifest whose labels do not fit the model output: inference refused, unavailable', async () => {
    const dir = models();
    editManifest(dir, (m) => {
      m.models.roulette!.labels = ['0', 'none'];
    });
    const c = classifier({ modelsDir: dir, names: ['roulette'] });
    const s = await c.ready;
    expect(s.state).toBe('unavailable');
    expect(s.reason).toMatch(/output has 39 values for 1 crops, expected 2/);
  });
});

describe('vision worker that hangs or dies', () => {
  const fake = new URL('./fixtures/fake-worker.mjs', import.meta.url);
  function fakeClassifier(mode: 'hang' | 'crash'): OnnxClassifier {
    const state = join(tmpdir(), `studio-desk-fake-worker-${process.pid}-${mode}-${Date.now()}`);
    process.env.FAKE_WORKER_MODE = mode;
    process.env.FAKE_WORKER_STATE = state;
    cleanups.push(() => rmSync(state, { force: true }));
    return classifier({ names: ['card'], workerUrl: fake, timeoutMs: 300, restartDelaysMs: [100] });
  }

  it('no answer in time: the call rejects, vision is unavailable, the worker is replaced', async () => {
    const c = fakeClassifier('hang');
    expect((await c.ready).state).toBe('ok');
    const t0 = Date.now();
    const err = await c.classify('card', [Buffer.from('x')]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(VisionUnavailableError);
    expect((err as Error).message).toBe('the vision worker did not answer within 300 ms');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(c.status().state).toBe('unavailable');
    expect(c.status().reason).toMatch(/did not answer within 300 ms; restarting it/);
    await new Promise<void>((resolve) => c.once('status', (s) => s.state === 'ok' && resolve()));
    expect(await c.classify('card', [Buffer.from('x')])).toEqual([{ label: 'none', confidence: 1 }]);
  });

  it('a worker that exits: pending calls reject at once, then it is restarted', async () => {
    const c = fakeClassifier('crash');
    await c.ready;
    const t0 = Date.now();
    const err = await c.classify('card', [Buffer.from('x')]).catch((e: Error) => e);
    expect(err).toBeInstanceOf(VisionUnavailableError);
    expect((err as Error).message).toBe('the vision worker stopped (exit code 3)');
    expect(Date.now() - t0).toBeLessThan(1500);
    await new Promise<void>((resolve) => c.once('status', (s) => s.state === 'ok' && resolve()));
    expect((await c.classify('card', [Buffer.from('x')]))[0]?.label).toBe('none');
    await c.close();
    expect(c.status()).toMatchObject({ state: 'unavailable', reason: 'vision is closed' });
    await expect(c.classify('card', [Buffer.from('x')])).rejects.toThrow('vision is closed');
  });
});
