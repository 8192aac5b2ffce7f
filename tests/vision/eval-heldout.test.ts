import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxClassifier } from '../../engine/vision/runtime/classifier';
import { evaluate, readEvalSet } from '../../engine/vision/runtime/evaluate';
import { EVAL_DIR } from './support';

/**
 * The committed held-out set (models/eval: font designs, suit designs, deck and wheel styles and seeds
 * that training never saw) through the desk's own runtime. Fails when a model reads fewer than
 * 99.5 % right, or reads a `none` image as a card or number with the check's default confidence.
 */
const MIN_CONFIDENCE = 0.9;
let classifier: OnnxClassifier;
beforeAll(async () => {
  classifier = OnnxClassifier.open();
  expect((await classifier.ready).state).toBe('ok');
});
afterAll(() => classifier.close());

describe.each(['card', 'roulette'] as const)('held-out accuracy of the %s model', (model) => {
  it('top-1 >= 99.5 %, and no `none` image read as a label with confidence >= 0.9', async () => {
    const labels = classifier.model(model)?.labels ?? [];
    const items = await readEvalSet(join(EVAL_DIR, model), labels);
    expect(new Set(items.map((i) => i.label)).size).toBe(labels.length);
    const r = await evaluate(classifier, model, items, MIN_CONFIDENCE);
    const summary = `${model}: top-1 ${(r.top1 * 100).toFixed(2)} % of ${r.n}; confusions ${JSON.stringify(r.confusions)}`;
    expect(r.noneReadAsLabel, summary).toEqual([]);
    expect(r.top1, summary).toBeGreaterThanOrEqual(0.995);
  }, 120_000);
});
