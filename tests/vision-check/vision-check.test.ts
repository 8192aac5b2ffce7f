import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationRequest } from '../../engine/rounds';
import { FrameStore } from '../../engine/vision/check/frame-store';
import { checkPlan, type CheckPlan, type PlanResult } from '../../engine/vision/check/plan';
import type { VisionCheckStatus } from '../../engine/vision/check/status';
import { VisionCheck } from '../../engine/vision/check/vision-check';
import { FileFrameSource } from '../../engine/vision/frames/file-source';
import { ObsFrameSource } from '../../engine/vision/frames/obs-source';
import { SimulatedCamera } from '../../engine/vision/frames/simulated-camera';
import type { FrameSource } from '../../engine/vision/types';
import type { VisionVerdict } from '../../engine/vision/verdict';
import { VisionSchema } from '../../engine/config/vision';
import { shoe, wheel } from '../rounds/support/device-events';
import { BACCARAT, ROULETTE, Table } from '../rounds/support/table';
import { FakeClassifier, writeSamples } from './support/samples';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vision-check-'));
  await writeSamples(join(dir, 'samples'), 'roulette');
  await writeSamples(join(dir, 'samples'), 'card');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const POLICY = { minConfidence: 0.9, verdictTimeoutMs: 10_000 };
const ROULETTE_PLAN = checkPlan(
  VisionSchema.parse({
    models: { roulette: 'models/roulette.onnx' },
    regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
  }),
  'roulette',
);
const CARD_SLOTS = {
  player1: { x: 0.05, y: 0.1, w: 0.1, h: 0.3 },
  player2: { x: 0.2, y: 0.1, w: 0.1, h: 0.3 },
  player3: { x: 0.35, y: 0.1, w: 0.1, h: 0.3 },
  banker1: { x: 0.55, y: 0.1, w: 0.1, h: 0.3 },
  banker2: { x: 0.7, y: 0.1, w: 0.1, h: 0.3 },
  banker3: { x: 0.85, y: 0.1, w: 0.1, h: 0.3 },
};

interface Rig {
  t: Table;
  check: VisionCheck;
  classifier: FakeClassifier;
  statuses: VisionCheckStatus[];
  verdicts: VisionVerdict[];
  /** Resolves the verdict of the next check. */
  next(): Promise<VisionVerdict>;
}

function rig(opts: {
  game?: 'roulette' | 'baccarat';
  plan?: PlanResult;
  frames?: FrameSource | ((plan: CheckPlan) => FrameSource);
  classifier?: FakeClassifier | null;
  disagreeRate?: number;
}): Rig {
  const game = opts.game ?? 'roulette';
  const t = new Table({ ...(game === 'roulette' ? ROULETTE : BACCARAT), vision: POLICY });
  const plan = opts.plan ?? ROULETTE_PLAN;
  let camera: SimulatedCamera | undefined;
  let frames: FrameSource;
  if (typeof opts.frames === 'function')
    frames = plan.ok ? opts.frames(plan.plan) : opts.frames({} as CheckPlan);
  else if (opts.frames) frames = opts.frames;
  else {
    camera = new SimulatedCamera({
      samples: join(dir, 'samples'),
      model: plan.ok ? plan.plan.model : 'roulette',
      regions: plan.ok ? plan.plan.regions : {},
      disagreeRate: opts.disagreeRate ?? 0,
      seed: 3,
    });
    frames = camera;
  }
  const classifier = opts.classifier === undefined ? new FakeClassifier() : opts.classifier;
  const check = new VisionCheck({
    engine: t.engine,
    plan,
    frames,
    classifier,
    store: new FrameStore(join(dir, 'frames')),
    onRequest: (r: VerificationRequest) => camera?.show({ labels: r.sensor, slots: r.slots }),
  });
  const statuses: VisionCheckStatus[] = [];
  const verdicts: VisionVerdict[] = [];
  check.on('status', (s) => statuses.push(s));
  check.on('verdict', (v) => verdicts.push(v));
  check.start();
  const next = () => new Promise<VisionVerdict>((resolve) => check.once('verdict', resolve));
  return { t, check, classifier: classifier ?? new FakeClassifier(), statuses, verdicts, next };
}

function spin(t: Table, n = 17): void {
  t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null });
  t.wheel(wheel.launched(t.nextGame(), 'cw'));
  t.wheel(wheel.noMoreBets('g1'));
  t.wheel(wheel.result('g1', n));
}

describe('the vision check service on a round engine', () => {
  it('agree: the camera confirms 17, the result is final, the verdict cites model and frame', async () => {
    const r = rig({});
    const verdict = r.next();
    spin(r.t);
    expect(r.t.phase).toBe('verifying');
    const v = await verdict;
    expect(v).toMatchObject({
      roundId: 'RT1-1',
      status: 'agree',
      sensor: ['17'],
      readings: [{ label: '17', confidence: 0.97 }],
      model: { id: 'roulette-fake-1', sha256: 'c'.repeat(64) },
      frame: { camera: 'wheel', source: 'simulated:roulette' },
      minConfidence: 0.9,
    });
    expect(v.ms).toBeGreaterThan(0);
    expect(r.t.phase).toBe('result');
    expect(r.t.results.map((x) => x.result)).toMatchObject([{ number: 17 }]);
    expect(r.t.journal.kinds().slice(-2)).toEqual(['vision.verdict', 'round.result']);
    await r.check.stop();
  });

  it('grabDelayMs: the frame is grabbed that long after the result (the ball settles)', async () => {
    const plan = checkPlan(
      VisionSchema.parse({
        models: { roulette: 'models/r.onnx' },
        regions: { wheel: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
        grabDelayMs: 200,
      }),
      'roulette',
    );
    let grabbedAt = 0;
    const camera = new SimulatedCamera({
      samples: join(dir, 'samples'),
      model: 'roulette',
      regions: { pocket: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } },
    });
    const frames: FrameSource = { grab: (c, o) => ((grabbedAt = Date.now()), camera.grab(c, o)) };
    const r = rig({ plan, frames });
    const verdict = r.next();
    const t0 = Date.now();
    camera.show({ labels: ['17'], slots: ['pocket'] });
    spin(r.t);
    const v = await verdict;
    expect(grabbedAt - t0).toBeGreaterThanOrEqual(190);
    expect(v.ms).toBeGreaterThanOrEqual(190);
    expect(v.status).toBe('agree');
    await r.check.stop();
  });

  it('the checked frame is stored under its sha256 and its path is in the verdict', async () => {
    const r = rig({});
    const verdict = r.next();
    spin(r.t, 8);
    const v = await verdict;
    expect(v.framePath).toBe(join(dir, 'frames', `${v.frame?.sha256}.png`));
    const stored = readFileSync(v.framePath!);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(v.frame?.sha256);
    await r.check.stop();
  });

  it('disagree: the simulated camera shows another number → needs_review with both readings', async () => {
    const r = rig({ disagreeRate: 1 });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v.status).toBe('disagree');
    expect(r.t.phase).toBe('needs_review');
    const vision = r.t.engine.publicState().round?.vision;
    expect(vision?.sensor).toEqual([{ slot: 'pocket', label: '17' }]);
    expect(vision?.hold?.camera[0]?.label).toBe(v.readings[0]?.label);
    expect(vision?.hold?.camera[0]?.label).not.toBe('17');
    expect(vision?.hold?.framePath).toBe(v.framePath);
    await r.check.stop();
  });

  it('low confidence: a model unsure of the right number holds the round', async () => {
    const classifier = new FakeClassifier();
    classifier.confidence = 0.6;
    const r = rig({ classifier });
    const verdict = r.next();
    spin(r.t);
    expect((await verdict).status).toBe('low_confidence');
    expect(r.t.engine.publicState().round?.vision?.hold?.code).toBe('low_confidence');
    await r.check.stop();
  });

  it('no runtime (no classifier): unavailable, a clear reason, the light says so, the round needs a floor manager', async () => {
    const r = rig({ classifier: null });
    expect(r.check.status()).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining('no vision runtime'),
    });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v).toMatchObject({ status: 'unavailable', model: null, readings: [] });
    // The frame is still grabbed and kept, for the floor manager to look at.
    expect(v.frame).not.toBeNull();
    expect(r.t.phase).toBe('needs_review');
    expect(r.t.engine.publicState().round?.vision?.decisions).toEqual(['accept_sensor', 'void']);
    await r.check.stop();
  });

  it('a model reported unavailable (bad file): unavailable with its reason; status event', async () => {
    const classifier = new FakeClassifier();
    classifier.mode = 'unavailable';
    const r = rig({ classifier });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v.status).toBe('unavailable');
    expect(v.reason).toContain('sha256 does not match the manifest');
    expect(classifier.calls).toEqual([]);
    await r.check.stop();
  });

  it('another model broken (card.onnx corrupt): the roulette check still reads; its own model broken: held', async () => {
    const classifier = new FakeClassifier();
    classifier.broken.add('card');
    expect(classifier.status().state).toBe('unavailable');
    const r = rig({ classifier });
    expect(r.check.status().state).toBe('ok');
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v.status).toBe('agree');
    expect(r.t.phase).toBe('result');
    expect(classifier.calls).toEqual([{ name: 'roulette', crops: 1 }]);
    await r.check.stop();

    const own = new FakeClassifier();
    own.broken.add('roulette');
    const r2 = rig({ classifier: own });
    expect(r2.check.status()).toMatchObject({
      state: 'unavailable',
      reason: expect.stringContaining('roulette:'),
    });
    const verdict2 = r2.next();
    spin(r2.t);
    expect(await verdict2).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('roulette.onnx'),
    });
    expect(r2.t.phase).toBe('needs_review');
    expect(own.calls).toEqual([]);
    await r2.check.stop();
  });

  it('models still loading when the result comes: the check waits for them (bounded)', async () => {
    const classifier = new FakeClassifier();
    classifier.mode = 'loading';
    const r = rig({ classifier });
    const verdict = r.next();
    spin(r.t);
    setTimeout(() => (classifier.mode = 'ok'), 150);
    expect((await verdict).status).toBe('agree');
    // Never loaded within classifyTimeoutMs: unavailable, saying it is still loading.
    const stuck = new FakeClassifier();
    stuck.mode = 'loading';
    const plan = checkPlan(
      VisionSchema.parse({
        models: { roulette: 'models/r.onnx' },
        regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } },
        classifyTimeoutMs: 100,
      }),
      'roulette',
    );
    const s = rig({ classifier: stuck, plan });
    const held = s.next();
    spin(s.t);
    expect(await held).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('loading') });
    await r.check.stop();
    await s.check.stop();
  });

  it('a failing session: unavailable with the error, never a crash, never a pass', async () => {
    const classifier = new FakeClassifier();
    classifier.mode = 'rejects';
    const r = rig({ classifier });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('out of memory') });
    expect(r.statuses.at(-1)).toMatchObject({ state: 'unavailable' });
    expect(r.t.phase).toBe('needs_review');
    await r.check.stop();
  });

  it('a classifier that never answers: unavailable at classifyTimeoutMs', async () => {
    const classifier = new FakeClassifier();
    classifier.mode = 'hangs';
    const plan = checkPlan(
      VisionSchema.parse({
        models: { roulette: 'models/r.onnx' },
        regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } },
        classifyTimeoutMs: 100,
      }),
      'roulette',
    );
    const r = rig({ classifier, plan });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('within 100 ms') });
    await r.check.stop();
  });

  it('no frame in time: no_frame at frameTimeoutMs, the round is held', async () => {
    const plan = checkPlan(
      VisionSchema.parse({
        models: { roulette: 'models/r.onnx' },
        regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } },
        frameTimeoutMs: 100,
      }),
      'roulette',
    );
    const r = rig({
      plan,
      frames: new ObsFrameSource(() => new Promise<Buffer>(() => {}), { wheel: 'Wheel' }),
    });
    const verdict = r.next();
    const t0 = Date.now();
    spin(r.t);
    const v = await verdict;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(v).toMatchObject({
      status: 'no_frame',
      frame: null,
      reason: expect.stringContaining('within 100 ms'),
    });
    expect(r.t.engine.publicState().round?.vision?.hold?.code).toBe('no_frame');
    expect(r.statuses.at(-1)?.state).toBe('error');
    await r.check.stop();
  });

  it('a corrupt frame: no_frame naming the frame, kept for the audit', async () => {
    const path = join(dir, 'corrupt.png');
    writeFileSync(path, 'this is not a png');
    const r = rig({ frames: new FileFrameSource(path) });
    const verdict = r.next();
    spin(r.t);
    const v = await verdict;
    expect(v).toMatchObject({ status: 'no_frame', reason: expect.stringContaining('not a readable image') });
    expect(v.frame?.source).toBe(`file:${path}`);
    await r.check.stop();
  });

  it('a vision section that cannot be checked: bad_config light, unavailable verdicts', async () => {
    const plan = checkPlan(VisionSchema.parse({ models: { card: 'models/card.onnx' } }), 'baccarat');
    expect(plan).toMatchObject({ ok: false, reason: expect.stringContaining('vision.cardSlots') });
    const r = rig({ plan });
    expect(r.check.status().state).toBe('bad_config');
    const verdict = r.next();
    spin(r.t);
    expect((await verdict).status).toBe('unavailable');
    await r.check.stop();
  });

  it('baccarat: one frame, one crop per dealt card, compared card by card', async () => {
    const plan = checkPlan(
      VisionSchema.parse({ models: { card: 'models/card.onnx' }, camera: 'overhead', cardSlots: CARD_SLOTS }),
      'baccarat',
    );
    const r = rig({ game: 'baccarat', plan });
    r.t.shoe(shoe.inserted('S1'));
    r.t.deal('S1', ['3H', '7C', 'KD', '2S']);
    r.t.command({ cmd: 'openBetting', roundId: null });
    r.t.command({ cmd: 'closeBetting', roundId: r.t.roundId });
    const verdict = r.next();
    // Player 2+3 draws 6C; banker 10+J draws 9D: six cards, six slots.
    r.t.deal('S1', ['2S', '10D', '3C', 'JH', '6C', '9D']);
    const v = await verdict;
    expect(v.slots).toEqual(['player1', 'banker1', 'player2', 'banker2', 'player3', 'banker3']);
    expect(v.readings.map((x) => x.label)).toEqual(['2S', '10D', '3C', 'JH', '6C', '9D']);
    expect(r.classifier.calls).toEqual([{ name: 'card', crops: 6 }]);
    expect(v.status).toBe('agree');
    expect(r.t.phase).toBe('result');
    await r.check.stop();
  });

  it('a desk restarted mid-check (before the deadline): the check runs again on a new frame, final once', async () => {
    const t = new Table({ ...ROULETTE, vision: POLICY });
    spin(t); // verifying; the desk dies before its check answers
    expect(t.phase).toBe('verifying');
    const r = t.reopen(800);
    expect(r.phase).toBe('verifying');
    const camera = new SimulatedCamera({
      samples: join(dir, 'samples'),
      model: 'roulette',
      regions: ROULETTE_PLAN.ok ? ROULETTE_PLAN.plan.regions : {},
      disagreeRate: 0,
      seed: 3,
    });
    const check = new VisionCheck({
      engine: r.engine,
      plan: ROULETTE_PLAN,
      frames: camera,
      classifier: new FakeClassifier(),
      onRequest: (q: VerificationRequest) => camera.show({ labels: q.sensor, slots: q.slots }),
    });
    const reruns: VerificationRequest[] = [];
    check.on('rerun', (q) => reruns.push(q));
    const verdict = new Promise<VisionVerdict>((res) => check.once('verdict', res));
    check.start();
    check.start();
    expect(reruns.map((q) => q.roundId)).toEqual(['RT1-1']);
    const v = await verdict;
    expect(v).toMatchObject({ roundId: 'RT1-1', status: 'agree', sensor: ['17'] });
    expect(v.frame?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.phase).toBe('result');
    expect(r.count('round.result')).toBe(1);
    expect(r.count('vision.verdict')).toBe(1);
    await check.stop();
  });

  it('restarted mid-check and the camera gives no frame: held (no_frame) naming the camera', async () => {
    const t = new Table({ ...ROULETTE, vision: POLICY });
    spin(t);
    const r = t.reopen(800);
    const check = new VisionCheck({
      engine: r.engine,
      plan: ROULETTE_PLAN,
      frames: { grab: () => Promise.reject(new Error('OBS is not connected')) },
      classifier: new FakeClassifier(),
    });
    const verdict = new Promise<VisionVerdict>((res) => check.once('verdict', res));
    check.start();
    expect(await verdict).toMatchObject({
      status: 'no_frame',
      reason: expect.stringContaining('OBS is not connected'),
    });
    expect(r.phase).toBe('needs_review');
    expect(r.engine.publicState().round?.vision?.hold?.code).toBe('no_frame');
    expect(r.count('round.result')).toBe(0);
    await check.stop();
  });

  it('after stop() a verdict still in flight is not handed to the engine', async () => {
    const classifier = new FakeClassifier();
    classifier.mode = 'hangs';
    const plan = checkPlan(
      VisionSchema.parse({
        models: { roulette: 'models/r.onnx' },
        regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } },
        classifyTimeoutMs: 100,
      }),
      'roulette',
    );
    const r = rig({ classifier, plan });
    spin(r.t);
    await r.check.stop();
    expect(r.verdicts).toEqual([]);
    expect(r.t.count('vision.verdict')).toBe(0);
    expect(r.t.phase).toBe('verifying');
  });
});
