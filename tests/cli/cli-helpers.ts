import { expect } from 'vitest';
import type { CliProcess } from '../support/spawn-cli';

/** What the tests read from `sim --json` (the truth) and `monitor --json` (what the desk decoded). */
export type Json = Record<string, unknown>;

export const simActions = (sim: CliProcess, kind: string): Json[] =>
  sim.json().filter((a) => a.kind === kind);

export const monitorEvents = (mon: CliProcess, type: string): Json[] =>
  mon.json().filter((e) => e.type === type);

export const numbersOf = (items: Json[]): unknown[] => items.map((i) => i.number);

/** A monitor stopped with Ctrl-C exits 0 and ends with its statistics. */
export async function stopMonitor(mon: CliProcess): Promise<Json> {
  const exit = await mon.stop(10_000);
  expect(exit, mon.report()).toEqual({ code: 0, signal: null });
  const last = mon.json().at(-1);
  expect(last?.type, mon.report()).toBe('stats');
  return last as Json;
}

/** A simulator stopped with Ctrl-C exits 0 and says why it stopped. */
export async function stopSim(sim: CliProcess): Promise<void> {
  const exit = await sim.stop(10_000);
  expect(exit, sim.report()).toEqual({ code: 0, signal: null });
  expect(sim.stderr).toMatch(/stopped \((SIGINT|finished)\)/);
}

/** Where `run` occurs as a contiguous slice of `all` (compared as JSON), or -1. */
export function sliceIndex(all: unknown[], run: unknown[]): number {
  const a = all.map((x) => JSON.stringify(x));
  const r = run.map((x) => JSON.stringify(x));
  for (let i = 0; i + r.length <= a.length; i++) if (r.every((x, j) => a[i + j] === x)) return i;
  return -1;
}
