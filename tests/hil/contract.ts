import { expect } from 'vitest';
import type { SerialDevice } from '../../hardware/drivers/device';
import type { ShoeEvent, ShoeEventBody, WheelEvent, WheelEventBody } from '../../hardware/protocols/types';

/**
 * What any wheel or shoe must satisfy, simulated or real: checks that need no knowledge of the
 * truth, only of the protocol's promises. Run against the simulator on a pty in every test run, and
 * against real hardware when WHEEL_PORT / SHOE_PORT name a port.
 */
export async function observe<B extends WheelEventBody | ShoeEventBody>(
  device: SerialDevice<B>,
  ms: number,
): Promise<{ events: (WheelEvent | ShoeEvent)[]; states: string[] }> {
  const events: (WheelEvent | ShoeEvent)[] = [];
  const states: string[] = [device.status.state];
  const onEvent = (e: WheelEvent | ShoeEvent) => events.push(e);
  const onStatus = (s: { state: string }) => states.push(s.state);
  device.on('event', onEvent as never);
  device.on('status', onStatus);
  await new Promise((r) => setTimeout(r, ms));
  device.off('event', onEvent as never);
  device.off('status', onStatus);
  return { events, states };
}

export function checkWheelContract(
  device: SerialDevice<WheelEventBody>,
  events: WheelEvent[],
  states: string[],
): void {
  // It talks: the driver reached ok, and saw valid frames.
  expect(states).toContain('ok');
  expect(device.stats.validFrames).toBeGreaterThan(0);
  // Results: at most one per game, each on the wheel, each with its frame as evidence.
  const results = events.filter((e): e is Extract<WheelEvent, { type: 'result' }> => e.type === 'result');
  expect(new Set(results.map((r) => r.game)).size).toBe(results.length);
  for (const r of results) {
    expect(r.frames.length).toBeGreaterThan(0);
    expect(r.pocket).toBeGreaterThanOrEqual(0);
  }
  // Every result that is not 'late' had its ball launch reported first, in the same game.
  for (const r of results.filter((x) => !x.late)) {
    const launch = events.findIndex((e) => e.type === 'ballLaunched' && e.game === r.game);
    expect(launch, `launch of game ${r.game}`).toBeGreaterThanOrEqual(0);
    expect(launch).toBeLessThan(events.indexOf(r));
  }
  // The line is mostly clean: a device whose frames are mostly rejected is misconfigured (baud, protocol).
  const rejected = Object.values(device.stats.rejected).reduce((a, b) => a + (b ?? 0), 0);
  expect(rejected).toBeLessThan(Math.max(5, device.stats.lines / 2));
}

export function checkShoeContract(
  device: SerialDevice<ShoeEventBody>,
  events: ShoeEvent[],
  states: string[],
): void {
  expect(states).toContain('ok');
  expect(device.stats.validFrames).toBeGreaterThan(0);
  const cards = events.filter((e): e is Extract<ShoeEvent, { type: 'card' }> => e.type === 'card');
  // Within a shoe, card indexes strictly increase by one, and none repeats.
  const byShoe = new Map<string, number[]>();
  for (const c of cards) byShoe.set(c.shoe, [...(byShoe.get(c.shoe) ?? []), c.index]);
  for (const [, idx] of byShoe) {
    for (let i = 1; i < idx.length; i++) expect(idx[i]).toBe((idx[i - 1] as number) + 1);
  }
}
