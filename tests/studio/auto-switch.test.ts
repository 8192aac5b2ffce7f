import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autoDueAt,
  NO_AUTO,
  offerCue,
  tickAuto,
  type AutoState,
  type Cue,
} from '../../engine/studio/auto-switch';

const cue = (scene: string, priority = 50, reason = `cue ${scene}`): Cue => ({ scene, priority, reason });
const DWELL = 1500;

describe('automatic switching: dwell and priorities', () => {
  it('airs the first cue at once', () => {
    const s = offerCue(NO_AUTO, cue('Wide'), 100, DWELL);
    expect(s.onAir?.scene).toBe('Wide');
    expect(s.since).toBe(100);
  });

  it('a cue of the same priority within the dwell waits, then airs when the dwell ends', () => {
    let s = offerCue(NO_AUTO, cue('Wide'), 0, DWELL);
    s = offerCue(s, cue('Wheel'), 500, DWELL);
    expect(s.onAir?.scene).toBe('Wide');
    expect(autoDueAt(s, DWELL)).toBe(1500);
    expect(tickAuto(s, 1499, DWELL).onAir?.scene).toBe('Wide');
    s = tickAuto(s, 1500, DWELL);
    expect(s.onAir?.scene).toBe('Wheel');
    expect(s.since).toBe(1500);
    expect(autoDueAt(s, DWELL)).toBeNull();
  });

  it('a higher priority cuts through the dwell', () => {
    let s = offerCue(NO_AUTO, cue('Wheel', 60), 0, DWELL);
    s = offerCue(s, cue('Result', 80), 10, DWELL);
    expect(s.onAir?.scene).toBe('Result');
  });

  it('after the dwell any cue airs', () => {
    let s = offerCue(NO_AUTO, cue('Result', 80), 0, DWELL);
    s = offerCue(s, cue('Wide', 40), 1500, DWELL);
    expect(s.onAir?.scene).toBe('Wide');
  });

  it('a repeat of the scene on air keeps its air time and drops the waiting cue', () => {
    let s = offerCue(NO_AUTO, cue('Wide'), 0, DWELL);
    s = offerCue(s, cue('Wheel'), 200, DWELL);
    s = offerCue(s, cue('Wide'), 300, DWELL);
    expect(s).toMatchObject({ since: 0, pending: null });
  });

  it('a noisy sensor never changes the picture more often than the dwell allows (property)', () => {
    const scenes = ['A', 'B', 'C'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 400 }), scene: fc.constantFrom(...scenes) }), {
          maxLength: 200,
        }),
        (events) => {
          let s: AutoState = NO_AUTO;
          let now = 0;
          const airings: number[] = [];
          let last: string | null = null;
          for (const e of events) {
            now += e.dt;
            s = tickAuto(s, now, DWELL);
            s = offerCue(s, cue(e.scene, 50), now, DWELL);
            if (s.onAir?.scene !== last) {
              airings.push(now);
              last = s.onAir?.scene ?? null;
            }
          }
          for (let i = 1; i < airings.length; i++)
            expect(airings[i]! - airings[i - 1]!).toBeGreaterThanOrEqual(DWELL);
        },
      ),
    );
  });
});
