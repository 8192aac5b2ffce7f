/**
 * The engine on the real journal (SQLite, canonical JSON): decoded device events carry optional
 * fields left `undefined`, which the journal refuses; the engine must write plain JSON, and a table
 * reopened from the file must have the state it had.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../engine/journal/sqlite-journal';
import { TableEngine } from '../../engine/rounds';
import type { WheelEvent } from '../../hardware/protocols/types';
import { StepClock } from './support/step-clock';
import { ROULETTE } from './support/table';
import { DEALER } from './support/users';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function journalPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rounds-'));
  dirs.push(dir);
  return join(dir, 'RT1.journal');
}

describe('round engine on the SQLite journal', () => {
  it('journals decoder events with undefined fields, and a reopened table has the same state', () => {
    const clock = new StepClock();
    const path = journalPath();
    const journal = openJournal(path, { clock });
    const engine = TableEngine.open(journal, ROULETTE, { clock });
    const meta = { at: clock.now(), mono: 0, frames: ['*X:05:017:0:0:17'] };
    const launched: WheelEvent = {
      type: 'ballLaunched',
      game: 'g1',
      direction: undefined,
      rotorRpm: undefined,
      ...meta,
    };
    const result: WheelEvent = {
      type: 'result',
      game: 'g1',
      number: 17,
      label: '17',
      colour: 'black',
      pocket: 8,
      ballDirection: undefined,
      rotorRpm: 24.5,
      rotorDirection: 'cw',
      ballRevolutions: undefined,
      late: false,
      ...meta,
    };
    engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId: null, user: DEALER } });
    expect(engine.handle({ source: 'wheel', event: launched }).ok).toBe(true);
    engine.handle({ source: 'operator', command: { cmd: 'closeBetting', roundId: 'RT1-1', user: DEALER } });
    const announced: number[] = [];
    engine.on('result', (r) => announced.push(r.seq));
    expect(engine.handle({ source: 'wheel', event: result }).ok).toBe(true);
    expect(engine.publicState().round?.phase).toBe('result');
    expect(announced).toHaveLength(1);
    const state = engine.state;
    journal.close();

    const again = openJournal(path, { clock });
    const reopened = TableEngine.open(again, ROULETTE, { clock });
    expect(reopened.state).toEqual(state);
    expect(again.verify().ok).toBe(true);
    again.close();
  });
});
