import { afterEach, describe, expect, it } from 'vitest';
import { JournalError, openJournal } from '../../engine/journal/sqlite-journal';
import { Child, cleanupTempDirs, killChildren, tempJournalPath, wheelResult } from './journal-helpers';

/**
 * Two desks must never write the same journal: the first one to open it holds SQLite's exclusive
 * lock (locking_mode = EXCLUSIVE) until it closes or dies. These tests use real second processes.
 */
afterEach(async () => {
  await killChildren();
  cleanupTempDirs();
});

function openError(path: string, readOnly = false): JournalError {
  try {
    openJournal(path, { readOnly, busyTimeoutMs: 100 }).close();
  } catch (e) {
    if (e instanceof JournalError) return e;
    throw e;
  }
  throw new Error('the journal opened: expected it to be in use');
}

describe('one desk per journal, across processes', () => {
  it('while another process holds the journal, opening it fails with "journal is in use by another desk"', async () => {
    const path = tempJournalPath();
    const other = new Child(['hold', path]);
    await other.until(() => other.lines().includes('ready'), 'the other desk to open the journal');

    const e = openError(path);
    expect(e.code).toBe('IN_USE');
    expect(e.message).toMatch(/^journal is in use by another desk/);
    expect(e.message).toContain(path);
    // Not even reading (an audit) gets in while a desk has it.
    expect(openError(path, true).code).toBe('IN_USE');
  });

  it('a desk killed with SIGKILL leaves no stale lock: the next desk opens the journal at once and continues it', async () => {
    const path = tempJournalPath();
    const other = new Child(['hold', path]);
    await other.until(() => other.lines().includes('ready'), 'the other desk to open the journal');
    other.proc.kill('SIGKILL');
    await other.exited;

    // An audit of the crashed desk's journal (its WAL not yet checkpointed) reads it as it is.
    const audit = openJournal(path, { readOnly: true, busyTimeoutMs: 100 });
    expect(audit.verify()).toMatchObject({ ok: true, entries: 1 });
    audit.close();

    const j = openJournal(path, { busyTimeoutMs: 100 });
    try {
      expect(j.last()).toMatchObject({ seq: 1, kind: 'desk.started' });
      expect(j.append(wheelResult(1)).seq).toBe(2);
      expect(j.verify().ok).toBe(true);
    } finally {
      j.close();
    }
  });

  it('while this process holds the journal, a second process cannot open it to write', async () => {
    const path = tempJournalPath();
    const mine = openJournal(path);
    try {
      mine.append(wheelResult(1));
      const other = new Child(['try-open', path]);
      const exit = await other.exited;
      expect(exit.code, other.report()).toBe(3);
      expect(JSON.parse(other.lines()[0] ?? '{}')).toEqual({
        code: 'IN_USE',
        message: expect.stringMatching(/^journal is in use by another desk/),
      });
      // The refused desk wrote nothing: this one carries on.
      expect(mine.append(wheelResult(2)).seq).toBe(2);
    } finally {
      mine.close();
    }
    // Closed: the lock is released and another process may open it.
    const after = new Child(['try-open', path]);
    expect((await after.exited).code, after.report()).toBe(0);
  });
});
