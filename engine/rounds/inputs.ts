/**
 * What the engine takes in — device events, operator commands, timer ticks — and how an input is
 * written to the journal and read back from it. Decisions are always taken from the input as read
 * back, so a decision re-derived after a crash is the one the live engine would have taken.
 */
import type { ShoeEvent, WheelEvent } from '../../hardware/protocols/types';
import type { Actor, AppendInput, JournalEntry } from '../journal/types';
import type { VisionVerdict } from '../vision/verdict';
import type { Command } from './commands';
import { jsonData } from './json-data';

export type TableInput =
  | { readonly source: 'wheel'; readonly event: WheelEvent }
  | { readonly source: 'shoe'; readonly event: ShoeEvent }
  | { readonly source: 'operator'; readonly command: Command }
  /** The vision check's verdict on a result under verification. */
  | { readonly source: 'vision'; readonly verdict: VisionVerdict }
  | { readonly source: 'timer' };

/** An input as journaled: a command carries the time the engine received it. */
export type RecordedInput =
  | { readonly source: 'wheel'; readonly event: WheelEvent }
  | { readonly source: 'shoe'; readonly event: ShoeEvent }
  | { readonly source: 'operator'; readonly command: Command; readonly at: number }
  /** `receivedAt`: when the engine took the verdict (the time of the decisions it leads to). */
  | { readonly source: 'vision'; readonly verdict: VisionVerdict; readonly at: number };

const WHEEL: Actor = { id: 'wheel', role: 'device' };
const SHOE: Actor = { id: 'shoe', role: 'device' };
const VISION: Actor = { id: 'vision', role: 'system' };

/** The journal kind of a vision verdict (a cross-team contract). */
export const VERDICT_KIND = 'vision.verdict';

/** The journal entry for an input: 'device.wheel.result', 'device.shoe.card', 'command.closeBetting'. */
export function inputEntry(input: Exclude<TableInput, { source: 'timer' }>, now: number): AppendInput {
  switch (input.source) {
    case 'wheel':
      return { kind: `device.wheel.${input.event.type}`, actor: WHEEL, data: jsonData(input.event) };
    case 'shoe':
      return { kind: `device.shoe.${input.event.type}`, actor: SHOE, data: jsonData(input.event) };
    case 'vision':
      return { kind: VERDICT_KIND, actor: VISION, data: jsonData({ ...input.verdict, receivedAt: now }) };
    case 'operator': {
      const { user } = input.command;
      return {
        kind: `command.${input.command.cmd}`,
        actor: { id: user.id, role: user.role },
        data: jsonData({ command: input.command, at: now }),
      };
    }
  }
}

/** Whether an entry records an input (as opposed to a decision). */
export function isInputKind(kind: string): boolean {
  return kind.startsWith('device.') || kind.startsWith('command.') || kind === VERDICT_KIND;
}

/** The input an entry records, or undefined for any other entry. */
export function inputFromEntry(entry: Pick<JournalEntry, 'kind' | 'data'>): RecordedInput | undefined {
  if (entry.kind.startsWith('device.wheel.')) return { source: 'wheel', event: entry.data as WheelEvent };
  if (entry.kind.startsWith('device.shoe.')) return { source: 'shoe', event: entry.data as ShoeEvent };
  if (entry.kind === VERDICT_KIND) {
    const data = entry.data as VisionVerdict & { receivedAt: number };
    return { source: 'vision', verdict: data, at: data.receivedAt };
  }
  if (entry.kind.startsWith('command.')) {
    const data = entry.data as { command: Command; at: number };
    return { source: 'operator', command: data.command, at: data.at };
  }
  return undefined;
}

/** A short name of the input for messages and 'round.rejected' entries: 'wheel result', 'closeBetting'. */
export function inputName(input: RecordedInput): string {
  if (input.source === 'operator') return input.command.cmd;
  if (input.source === 'vision') return 'vision verdict';
  return `${input.source} ${input.event.type}`;
}
