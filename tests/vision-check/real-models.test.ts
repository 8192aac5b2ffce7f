/**
 * The check with the real vision runtime (the ONNX models of models/, verified against the
 * manifest, in their worker) on frames of the simulated camera drawn from models/samples. Whatever
 * the model's accuracy, the check must hand it the crop of what the camera showed: the label it
 * reads through the check (draw, crop) is the label it reads on the sample itself; the verdict
 * cites the manifest's model; the engine finalises exactly the results its own reading confirms.
 * Skipped, with the reason printed, while a model or its samples are not in models/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VisionSchema } from '../../engine/config/vision';
import { checkPlan } from '../../engine/vision/check/plan';
import { VisionCheck } from '../../engine/vision/check/vision-check';
import { SimulatedCamera } from '../../engine/vision/frames/simulated-camera';
import { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import type { ModelName } from '../../engine/vision/types';
import { assessReadings, type VisionVerdict } from '../../engine/vision/verdict';
import { shoe, wheel } from '../rounds/support/device-events';
import { BACCARAT, ROULETTE, Table } from '../rounds/support/table';
import { FLOOR_MANAGER } from '../rounds/support/users';

const MANIFEST = 'models/manifest.json';
type Manifest = { models: Partial<Record<ModelName, { id: string; sha256: string; file: string }>> };

function manifestEntry(name: ModelName): { id: string; sha256: string } | undefined {
  const why = (m: string) => (console.warn(`SKIPPED on this machine: ${m}`), undefined);
  if (!existsSync(MANIFEST)) return why(`${MANIFEST} is missing (the ${name} model is not trained yet)`);
  const entry = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest).models[name];
  if (!entry || !existsSync(`models/${entry.file}`)) return why(`no ${name} model in ${MANIFEST}`);
  if (!existsSync(`models/samples/${name}`)) return why(`models/samples/${name} is missing`);
  return entry;
}

const POLICY = { minConfidence: 0.9, verdictTimeoutMs: 30_000 };
const POCKET = { x: 0.4, y: 0.3, w: 0.2, h: 0.355 }; // 128×128 px of the 640×360 frame
const card = (x: number) => ({ x, y: 0.55, w: 0.1, h: 0.222 });
const SLOTS = {
  player1: card(0.05),
  player2: card(0.17),
  player3: card(0.29),
  banker1: card(0.55),
  banker2: card(0.67),
  banker3: card(0.79),
};

function rigFor(name: ModelName, classifier: OnnxClassifier, t: Table) {
  const vision =
    name === 'roulette'
      ? VisionSchema.parse({ regions: { wheel: POCKET }, models: { roulette: 'models/roulette.onnx' } })
      : VisionSchema.parse({ camera: 'overhead', cardSlots: SLOTS, models: { card: 'models/card.onnx' } });
  const plan = checkPlan(vision, name === 'roulette' ? 'roulette' : 'baccarat');
  const regions = plan.ok ? plan.plan.regions : {};
  const camera = new SimulatedCamera({ samples: 'models/samples', model: name, regions });
  const check = new VisionCheck({
    engine: t.engine,
    plan,
    frames: camera,
    classifier,
    onRequest: (r) => camera.show({ labels: r.sensor, slots: r.slots }),
  });
  check.start();
  return { check, next: () => new Promise<VisionVerdict>((r) => check.once('verdict', r)) };
}

const roulette = manifestEntry('roulette');
describe.runIf(roulette !== undefined)('the check with the real roulette model', () => {
  let classifier: OnnxClassifier;
  beforeAll(async () => {
    classifier = OnnxClassifier.open({ names: ['roulette'] });
    expect((await classifier.ready).state).toBe('ok');
  }, 60_000);
  afterAll(async () => classifier?.close());

  it('every pocket drawn by the camera is read as the model reads its sample', async () => {
    const t = new Table({ ...ROULETTE, layout: 'american', vision: POLICY });
    const { check, next } = rigFor('roulette', classifier, t);
    const numbers = [...Array.from({ length: 37 }, (_, i) => i), '00' as const];
    const direct = await classifier.classify(
      'roulette',
      numbers.map((n) => readFileSync(`models/samples/roulette/${n}.png`)),
    );
    const verdicts: VisionVerdict[] = [];
    for (const n of numbers) {
      const verdict = next();
      t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null });
      t.wheel(wheel.launched(t.nextGame(), 'cw'));
      t.wheel(wheel.noMoreBets('g1'));
      t.wheel(wheel.result('g1', n, 'american'));
      verdicts.push(await verdict);
      if (t.phase === 'needs_review')
        t.command({ cmd: 'void', roundId: t.roundId, reason: 'test' }, FLOOR_MANAGER);
      else t.command({ cmd: 'settle', roundId: t.roundId });
    }
    await check.stop();
    expect(verdicts[0]?.model).toEqual({ id: roulette?.id, sha256: roulette?.sha256 });
    const same = verdicts.filter((v, i) => v.readings[0]?.label === direct[i]?.label).length;
    const pairs = JSON.stringify(
      verdicts.map((v, i) => [v.sensor[0], v.readings[0]?.label, direct[i]?.label]),
    );
    expect(same, pairs).toBeGreaterThanOrEqual(numbers.length - 2);
    const agreeing = verdicts.filter((v) => assessReadings(v.sensor, v.readings, 0.9).status === 'agree');
    expect(t.results.map((r) => r.roundId)).toEqual(agreeing.map((v) => v.roundId));
  }, 180_000);
});

const cards = manifestEntry('card');
describe.runIf(cards !== undefined)('the check with the real card model', () => {
  let classifier: OnnxClassifier;
  beforeAll(async () => {
    classifier = OnnxClassifier.open({ names: ['card'] });
    expect((await classifier.ready).state).toBe('ok');
  }, 60_000);
  afterAll(async () => classifier?.close());

  it('a six-card hand composited by the camera is read card by card as its samples are', async () => {
    const t = new Table({ ...BACCARAT, vision: POLICY });
    const { check, next } = rigFor('card', classifier, t);
    t.shoe(shoe.inserted('S1'));
    t.deal('S1', ['3H', '7C', 'KD', '2S']);
    t.command({ cmd: 'openBetting', roundId: null });
    t.command({ cmd: 'closeBetting', roundId: t.roundId });
    const verdict = next();
    const hand = ['2S', '10D', '3C', 'JH', '6C', '9D'] as const;
    t.deal('S1', [...hand]);
    const v = await verdict;
    await check.stop();
    const direct = await classifier.classify(
      'card',
      hand.map((c) => readFileSync(`models/samples/card/${c}.png`)),
    );
    expect(v.model).toEqual({ id: cards?.id, sha256: cards?.sha256 });
    expect(v.readings.map((r) => r.label)).toEqual(direct.map((r) => r.label));
    expect(t.phase).toBe(
      assessReadings([...hand], v.readings, 0.9).status === 'agree' ? 'result' : 'needs_review',
    );
  }, 60_000);
});
