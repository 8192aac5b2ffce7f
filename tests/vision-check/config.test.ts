import { describe, expect, it } from 'vitest';
import { loadTableConfig } from '../../engine/config/load';
import { VisionSchema } from '../../engine/config/vision';
import { checkPlan } from '../../engine/vision/check/plan';

const slot = { x: 0.1, y: 0.1, w: 0.1, h: 0.2 };
const SLOTS = { player1: slot, banker1: slot, player2: slot, banker2: slot, player3: slot, banker3: slot };

describe('vision section: frame sources, card slots, timeouts', () => {
  it('defaults: OBS frames, 2 s to grab, 3 s to classify, 10 s for the verdict', () => {
    expect(VisionSchema.parse({})).toMatchObject({
      frames: { source: 'obs' },
      grabDelayMs: 0,
      frameTimeoutMs: 2000,
      classifyTimeoutMs: 3000,
      verdictTimeoutMs: 10_000,
    });
  });

  it('each frame source with its own fields; unknown sources and fields are errors', () => {
    expect(VisionSchema.parse({ frames: { source: 'simulated' } }).frames).toEqual({
      source: 'simulated',
      samples: 'models/samples',
      disagreeRate: 0,
    });
    expect(VisionSchema.parse({ frames: { source: 'folder', path: 'replays/' } }).frames).toEqual({
      source: 'folder',
      path: 'replays/',
      loop: true,
    });
    expect(VisionSchema.safeParse({ frames: { source: 'webcam' } }).success).toBe(false);
    expect(VisionSchema.safeParse({ frames: { source: 'file' } }).success).toBe(false);
    expect(VisionSchema.safeParse({ frames: { source: 'simulated', disagreeRate: 2 } }).success).toBe(false);
    expect(VisionSchema.safeParse({ frames: { source: 'obs', path: 'x' } }).success).toBe(false);
  });

  it('card slots: all six positions, each a valid region', () => {
    expect(VisionSchema.safeParse({ cardSlots: SLOTS }).success).toBe(true);
    const { player3: _p3, ...five } = SLOTS;
    const missing = VisionSchema.safeParse({ cardSlots: five });
    expect(missing.error?.issues[0]?.path).toEqual(['cardSlots', 'player3']);
    const outside = VisionSchema.safeParse({
      cardSlots: { ...SLOTS, banker3: { x: 0.95, y: 0, w: 0.1, h: 0.1 } },
    });
    expect(outside.error?.issues[0]?.message).toBe('x + w must be at most 1 (fractions of the frame)');
  });

  it('the engine waits longer for a verdict than the check can take', () => {
    const r = VisionSchema.safeParse({ frameTimeoutMs: 4000, classifyTimeoutMs: 3000 });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'verdictTimeoutMs',
        "must be more than grabDelayMs + frameTimeoutMs + 2 × classifyTimeoutMs (10000 ms), the check's own worst case",
      ],
    ]);
    expect(
      VisionSchema.safeParse({ frameTimeoutMs: 4000, classifyTimeoutMs: 3000, verdictTimeoutMs: 10_001 })
        .success,
    ).toBe(true);
  });

  it('timeouts out of range are refused', () => {
    expect(VisionSchema.safeParse({ frameTimeoutMs: 10 }).success).toBe(false);
    expect(VisionSchema.safeParse({ verdictTimeoutMs: 1e9 }).success).toBe(false);
  });
});

describe('the vision demo table file', () => {
  it('config/demo-roulette-vision.yaml is valid and plans a check on the simulated camera', async () => {
    const config = await loadTableConfig('config/demo-roulette-vision.yaml');
    expect(config.vision?.frames).toMatchObject({ source: 'simulated', disagreeRate: 0.2 });
    expect(checkPlan(config.vision!, 'roulette')).toMatchObject({ ok: true, plan: { camera: 'wheel' } });
  });
});

describe('check plan', () => {
  it('roulette: the only camera of regions, its region as the pocket', () => {
    const plan = checkPlan(VisionSchema.parse({ regions: { wheel: slot } }), 'roulette');
    expect(plan).toEqual({
      ok: true,
      plan: expect.objectContaining({ model: 'roulette', camera: 'wheel', regions: { pocket: slot } }),
    });
  });

  it('roulette: several cameras need vision.camera; a camera without a region is named', () => {
    const two = VisionSchema.parse({ regions: { wheel: slot, top: slot } });
    expect(checkPlan(two, 'roulette')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('vision.camera'),
    });
    expect(checkPlan({ ...two, camera: 'top' }, 'roulette')).toMatchObject({
      ok: true,
      plan: { camera: 'top' },
    });
    expect(checkPlan({ ...two, camera: 'side' }, 'roulette')).toMatchObject({
      ok: false,
      reason: 'vision.regions.side: required, the region of the winning pocket',
    });
  });

  it('baccarat: the card slots on the named camera', () => {
    const plan = checkPlan(VisionSchema.parse({ camera: 'overhead', cardSlots: SLOTS }), 'baccarat');
    expect(plan).toMatchObject({ ok: true, plan: { model: 'card', camera: 'overhead' } });
    expect(Object.keys(plan.ok ? plan.plan.regions : {})).toEqual(Object.keys(SLOTS));
  });
});
