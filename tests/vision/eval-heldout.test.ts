import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import { evaluate, readEvalSet } from '../../engine/vision/runtime/evaluate';
import { EVAL_DIR } from './support';

/**
 * The committed held-out set (models/eval: font designs, suit designs, deck and wheel styles and seeds
 * that training never saw) through the desk's own runtime.
 *
 * What CI holds the models to:
 * - no `none` image is read as a card or number at the check's default confidence (a non-card must
 *   never confirm a result);
 * - confident mistakes (a wrong label at >= 0.9, which would confirm a wrong sensor reading) stay
 *   under 0.5 % of the set;
 * - top-1 through the runtime is no worse than the manifest records for training's held-out set,
 *   less 2 points (the committed set is a 636/468-image sample of it): a preprocessing drift between
 *   training and the runtime, or a worse model committed, fails here.
 *
 * The target, top-1 >= 99.5 %, is NOT met by the committed models (card ≈ 94 %, roulette
 * ≈ 84 %): `npm run eval:vision` checks it and exits 1 with FAIL until they are retrained
 * (docs/vision.md). It is not asserted here, because a test that fails on every run proves nothing
 * new and would keep every other change from landing.
 */
const MIN_CONFIDENCE = 0.9;
const manifest = JSON.parse(readFileSync(join(EVAL_DIR, '..', 'manifest.json'), 'utf8')) as {
  models: Record<string, { heldout: { top1: number } }>;
};
let classifier: OnnxClassifier;
beforeAll(async () => {
  classifier = OnnxClassifier.open();
  expect((await classifier.ready).state).toBe('ok');
});
afterAll(() => classifier.close());

describe.each(['card', 'roulette'] as const)('held-out set of the %s model', (model) => {
  it('no `none` read as a label, confident mistakes < 0.5 %, top-1 as the manifest records', async () => {
    const labels = classifier.model(model)?.labels ?? [];
    const items = await readEvalSet(join(EVAL_DIR, model), labels);
    expect(new Set(items.map((i) => i.label)).size).toBe(labels.length);
    const r = await evaluate(classifier, model, items, MIN_CONFIDENCE);
    const summary = `${model}: top-1 ${(r.top1 * 100).toFixed(2)} % of ${r.n}; confusions ${JSON.stringify(r.confusions)}`;
    expect(r.noneReadAsLabel, summary).toEqual([]);
    expect(r.confidentWrong.length / r.n, summary).toBeLessThan(0.005);
    const recorded = manifest.models[model]?.heldout.top1;
    expect(recorded, `manifest has no held-out top-1 for ${model}`).toBeTypeOf('number');
    expect(r.top1, summary).toBeGreaterThanOrEqual((recorded ?? 1) - 0.02);
  }, 120_000);
});
