import { describe, expect, it } from 'vitest';
import { DecodePipeline } from '../../hardware/drivers/pipeline';
import { createWheelDecoder } from '../../hardware/protocols/registry';
import { encodeFrame } from '../../hardware/protocols/sdlp/frame';
import type { WheelEventBody } from '../../hardware/protocols/types';
import { systemClock } from '../../lib/clock';

const frame = (seq: number, type: string, fields: Record<string, string>) =>
  Buffer.from(`${encodeFrame({ dev: 'W', seq, type, fields })}\r\n`, 'latin1');
const hello = (boot: string) => frame(0, 'HELLO', { model: 'T', fw: '1', layout: 'EU', boot, next: '1' });

describe('the pipeline guard on results', () => {
  it('drops a result resent under a new boot id as a duplicate, counted', () => {
    const p = new DecodePipeline<WheelEventBody>(createWheelDecoder('sdlp', 'european'), systemClock);
    p.push(hello('aaaa'));
    expect(p.push(frame(1, 'RESULT', { game: 'x-1', n: '17' })).events.map((e) => e.type)).toEqual([
      'result',
    ]);
    p.push(hello('bbbb'));
    const again = p.push(frame(1, 'RESULT', { game: 'x-1', n: '17' }));
    expect(again.events).toEqual([]);
    expect(again.rejections.map((r) => r.reason)).toEqual(['duplicate']);
    expect(p.stats.suppressedDuplicates).toBe(1);
  });

  it('turns a reused game id with another number into a conflict and a sensorError, never a second result', () => {
    const p = new DecodePipeline<WheelEventBody>(createWheelDecoder('sdlp', 'european'), systemClock);
    p.push(hello('aaaa'));
    p.push(frame(1, 'RESULT', { game: 'g-1', n: '17' }));
    p.push(hello('bbbb'));
    const out = p.push(frame(1, 'RESULT', { game: 'g-1', n: '22' }));
    expect(out.events.map((e) => e.type)).toEqual(['sensorError']);
    expect(out.events[0]).toMatchObject({ code: 'conflicting_result' });
    expect(out.rejections).toMatchObject([{ reason: 'conflict' }]);
  });
});
