import type { Clock } from '../../lib/clock';
import { DecodePipeline, type PipelineStats } from '../drivers/pipeline';
import { createShoeDecoder, createWheelDecoder } from '../protocols/registry';
import type { DeviceEventBody, EventMeta, Rejection } from '../protocols/types';
import type { CaptureHeader, CaptureRecord } from './capture';

export type ReplayItem =
  { kind: 'event'; event: DeviceEventBody & EventMeta } | { kind: 'frameError'; rejection: Rejection };

/**
 * Feeds a capture's received chunks through the same decode pipeline as the live driver, on the
 * capture's own clock, and returns what the driver would have reported.
 */
export function replayCapture(
  header: CaptureHeader,
  records: CaptureRecord[],
  opts: { protocol?: string; startedAt?: number } = {},
): { items: ReplayItem[]; stats: PipelineStats } {
  const started = opts.startedAt ?? Date.parse(header.started);
  let t = 0;
  const clock: Clock = {
    now: () => started + t,
    monotonic: () => t,
    setTimeout: () => {
      throw new Error('no timers in replay');
    },
    clearTimeout: () => undefined,
  };
  const protocol = opts.protocol ?? header.protocol;
  const decoder =
    header.device === 'wheel'
      ? createWheelDecoder(protocol, header.layout ?? 'european')
      : createShoeDecoder(protocol);
  const pipeline = new DecodePipeline<DeviceEventBody>(decoder, clock);
  pipeline.connected();
  const items: ReplayItem[] = [];
  for (const rec of records) {
    t = rec.t;
    if (rec.dir === 'open') pipeline.connected();
    if (rec.dir !== 'rx') continue;
    const out = pipeline.push(Buffer.from(rec.hex, 'hex'));
    // Same order as the live driver: events first, then rejected frames.
    for (const e of out.events) items.push({ kind: 'event', event: e });
    for (const r of out.rejections) items.push({ kind: 'frameError', rejection: r });
  }
  return { items, stats: pipeline.stats };
}
