import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TABLE_INPUT } from '../../engine/config/demo';
import { TableConfigSchema, type TableConfigInput } from '../../engine/config/schema';
import { roundConfigOf } from '../../engine/desk/round-config';
import { TableEngine } from '../../engine/rounds';
import { openDeskVision } from '../../engine/vision/check/desk-vision';
import type { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import type { VisionVerdict } from '../../engine/vision/verdict';
import { MemoryJournal } from '../support/memory-journal';
import { wheel } from '../rounds/support/device-events';
import { FakeClassifier, writeSamples } from './support/samples';
import { DEALER } from '../rounds/support/users';
import { copyOfModels } from '../vision/support';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'desk-vision-'));
  await writeSamples(join(dir, 'samples'), 'roulette');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tableWith(vision: TableConfigInput['vision']) {
  return TableConfigSchema.parse({
    ...structuredClone(DEMO_TABLE_INPUT),
    journal: { path: join(dir, 'journal.sqlite') },
    vision,
  });
}

function playTo17(engine: TableEngine): void {
  const at = Date.now();
  const ev = (body: object) => ({ ...body, at, mono: 0, frames: [] }) as never;
  engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId: null, user: DEALER } });
  engine.handle({ source: 'wheel', event: ev(wheel.launched('g1', 'cw')) });
  engine.handle({ source: 'wheel', event: ev(wheel.noMoreBets('g1')) });
  engine.handle({ source: 'wheel', event: ev(wheel.result('g1', 17)) });
}

describe('the desk wiring of the vision check', () => {
  it('no vision section, or vision disabled: no check, results final as before', () => {
    const off = tableWith({ enabled: false, models: { roulette: 'models/roulette.onnx' } });
    expect(roundConfigOf(off).vision).toBeNull();
    const journal = new MemoryJournal();
    const engine = TableEngine.open(journal, roundConfigOf(off));
    expect(openDeskVision(off, journal, engine)).toBeUndefined();
    playTo17(engine);
    expect(engine.publicState().round?.phase).toBe('result');
  });

  it('simulated camera + classifier: the verdict comes back through the engine; the light is journaled', async () => {
    const config = tableWith({
      minConfidence: 0.9,
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
      frames: { source: 'simulated', samples: join(dir, 'samples') },
      framesDir: join(dir, 'frames'),
    });
    expect(roundConfigOf(config).vision).toEqual({ minConfidence: 0.9, verdictTimeoutMs: 10_000 });
    const journal = new MemoryJournal();
    const engine = TableEngine.open(journal, roundConfigOf(config));
    const vision = openDeskVision(config, journal, engine, { openClassifier: () => new FakeClassifier() })!;
    expect(vision.camera).toBeDefined();
    const verdict = new Promise<VisionVerdict>((r) => vision.check.once('verdict', r));
    playTo17(engine);
    expect((await verdict).status).toBe('agree');
    expect(engine.publicState().round?.phase).toBe('result');
    expect(journal.kinds()[0]).toBe('link.vision.status');
    await vision.stop();
  });

  it('vision on without a runtime: the light says unavailable, every result is held for review', async () => {
    const config = tableWith({
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
      frames: { source: 'simulated', samples: join(dir, 'samples') },
      framesDir: join(dir, 'frames'),
    });
    const journal = new MemoryJournal();
    const engine = TableEngine.open(journal, roundConfigOf(config));
    const vision = openDeskVision(config, journal, engine, { openClassifier: () => null })!;
    expect(vision.check.status().state).toBe('unavailable');
    const verdict = new Promise<VisionVerdict>((r) => vision.check.once('verdict', r));
    playTo17(engine);
    await verdict;
    expect(engine.publicState().round?.phase).toBe('needs_review');
    expect(engine.publicState().round?.vision?.hold?.code).toBe('unavailable');
    await vision.stop();
  });

  it('the default runtime on a model file that does not exist: unavailable with the reason', async () => {
    const config = tableWith({
      models: { roulette: join(dir, 'no-models', 'roulette.onnx') },
      regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
      frames: { source: 'simulated', samples: join(dir, 'samples') },
      framesDir: join(dir, 'frames'),
    });
    const journal = new MemoryJournal();
    const engine = TableEngine.open(journal, roundConfigOf(config));
    const vision = openDeskVision(config, journal, engine)!;
    expect(vision.classifier).not.toBeNull();
    const verdict = new Promise<VisionVerdict>((r) => vision.check.once('verdict', r));
    playTo17(engine);
    const v = await verdict;
    expect(v.status).toBe('unavailable');
    expect(v.reason).toMatch(/manifest/);
    expect(engine.publicState().round?.phase).toBe('needs_review');
    expect(vision.check.status().state).toBe('unavailable');
    await vision.stop();
  });

  it('the default runtime beside a corrupt card.onnx: a roulette desk keeps its check (own model ok)', async () => {
    const models = copyOfModels();
    try {
      writeFileSync(join(models.dir, 'card.onnx'), Buffer.from('truncated'));
      const config = tableWith({
        models: { roulette: join(models.dir, 'roulette.onnx') },
        regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
        frames: { source: 'simulated', samples: join(dir, 'samples') },
        framesDir: join(dir, 'frames'),
      });
      const journal = new MemoryJournal();
      const engine = TableEngine.open(journal, roundConfigOf(config));
      const vision = openDeskVision(config, journal, engine)!;
      const runtime = vision.classifier as OnnxClassifier;
      await runtime.ready;
      expect(runtime.status('roulette').state).toBe('ok');
      expect(vision.check.status()).toMatchObject({ state: 'ok' });
      await vision.stop();
    } finally {
      models.remove();
    }
  });

  it('frames from OBS without an OBS connection: no_frame with the reason', async () => {
    const config = tableWith({
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
      framesDir: join(dir, 'frames'),
    });
    const journal = new MemoryJournal();
    const engine = TableEngine.open(journal, roundConfigOf(config));
    const vision = openDeskVision(config, journal, engine, { openClassifier: () => new FakeClassifier() })!;
    const verdict = new Promise<VisionVerdict>((r) => vision.check.once('verdict', r));
    playTo17(engine);
    expect(await verdict).toMatchObject({
      status: 'no_frame',
      reason: expect.stringContaining('no OBS connection'),
    });
    await vision.stop();
  });
});
