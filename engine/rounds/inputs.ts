/**
 * What the engine takes in — device events, operator commands, timer ticks — and how an input is
 * written to the journal and read back from it. Decisions are always taken from the input as read
 * back, so a decision re-derived after a crash is the one the live engine would have taken.
 */
import type { ShoeEvent, WheelEvent } from '../../hardware/protocols/types';
import type { Actor, AppendInput, JournalEntry } from '../journal/types';
import type { Command } from './commands';
import { jsonData } from './json-data';

export type TableInput =
  | { readonly source: 'wheel'; readonly event: WheelEvent }
  | { readonly source: 'shoe'; readonly event: ShoeEvent }
  | { readonly source: 'operator'; readonly command: Command }
  | { readonly source: 'timer' };

/** An input as journaled: a command carries the time the engine received it. */
export type RecordedInput =
  | { readonly source: 'wheel'; readonly event: WheelEvent }
  | { readonly source: 'shoe'; readonly event: ShoeEvent }
  | { readonly source: 'operator'; readonly command: Command; readonly at: number };

const WHEEL: Actor = { id: 'wheel', role: 'device' };
const SHOE: Actor = { id: 'shoe', role: 'device' };

/** The journal entry for an input: 'device.wheel.result', 'device.shoe.card', 'command.closeBetting'. */
export function inputEntry(input: Exclude<TableInput, { source: 'timer' }>, now: number): AppendInput {
  switch (input.source) {
    case 'wheel':
      return { kind: `device.wheel.${input.event.type}`, actor: WHEEL, data: jsonData(input.event) };
    case 'shoe':
      return { kind: `device.shoe.${input.event.type}`, actor: SHOE, data: jsonData(input.event) };
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
  return kind.startsWith('device.') || kind.startsWith('command.');
}

/** The input an entry records, or undefined for any other entry. */
export function inputFromEntry(entry: Pick<JournalEntry, 'kind' | 'data'>): RecordedInput | undefined {
  if (entry.kind.startsWith('device.wheel.')) return { source: 'wheel', event: entry.data as WheelEvent };
  if (entry.kind.startsWith('device.shoe.')) return { source: 'shoe', event: entry.data as ShoeEvent };
  if (entry.kind.startsWith('command.')) {
    const data = entry.data as { command: Command; at: number };
    return { source: 'operator', command: data.command, at: data.at };
  }
  return undefined;
}

/** A short name of the input for messages and 'round.rejected' entries: 'wheel result', 'closeBetting'. */
export function inputName(input: RecordedInput): string {
  return input.source === 'operator' ? input.command.cmd : `${input.source} ${input.event.type}`;
}
