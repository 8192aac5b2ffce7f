import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../engine/journal/sqlite-journal';
import type { JournalEntry } from '../../engine/journal/types';
import {
  cleanupTempDirs,
  killChildren,
  runCli,
  tempDir,
  tempJournalPath,
  wheelResult,
  withRawDb,
} from './journal-helpers';

/** `studio-desk audit` as a user runs it: `node bin/studio-desk.mjs audit ...` in a child process. */
afterEach(async () => {
  await killChildren();
  cleanupTempDirs();
});

function journalOf(n: number): { path: string; entries: JournalEntry[] } {
  const path = tempJournalPath();
  const j = openJournal(path, { clock: { now: () => Date.UTC(2025, 5, 1, 20, 0, 0) } });
  const entries: JournalEntry[] = [];
  for (let i = 1; i <= n; i++) {
    entries.push(j.append(wheelResult(i)));
    entries.push(
      j.append({
        kind: 'command.closeBetting',
        actor: { id: 'dealer-7', role: 'dealer' },
        data: { roundId: `r-${i}` },
      }),
    );
  }
  j.close();
  return { path, entries };
}

describe('studio-desk audit verify', () => {
  it('an intact journal: exit 0, entries checked and the head printed', async () => {
    const { path, entries } = journalOf(3);
    const r = await runCli(['audit', 'verify', '--journal', path]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('entries checked: 6');
    expect(r.stdout).toContain(`head: seq 6 sha256 ${entries[5]?.hash}`);
    expect(r.stdout).toContain('OK: the hash chain is intact.');
  });

  it('--json: one report line', async () => {
    const { path, entries } = journalOf(2);
    const r = await runCli(['audit', 'verify', '--journal', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      journal: path,
      ok: true,
      entries: 4,
      problems: [],
      headSeq: 4,
      headHash: entries[3]?.hash,
    });
  });

  it('a tampered journal: exit 1, each problem named by seq', async () => {
    const { path } = journalOf(3);
    withRawDb(path, (db) => {
      db.prepare("UPDATE journal SET data = json_set(data, '$.number', 36) WHERE seq = 3").run();
      db.prepare('DELETE FROM journal WHERE seq = 5').run();
    });
    const r = await runCli(['audit', 'verify', '--journal', path]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^TAMPERED: 3 problems$/m);
    expect(r.stdout).toMatch(/^ {2}seq 3: hash mismatch/m);
    expect(r.stdout).toMatch(/^ {2}seq 5: missing: seq jumps from 4 to 6/m);
    expect(r.stdout).toMatch(/^ {2}seq 6: prev_hash/m);
    const json = await runCli(['audit', 'verify', '--journal', path, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { problems: { seq: number }[] }).problems.map((p) => p.seq)).toEqual([
      3, 5, 6,
    ]);
  });

  it('--head SEQ:HASH catches a tail deleted together with the head in meta', async () => {
    const { path, entries } = journalOf(3);
    const head = `6:${entries[5]?.hash}`;
    withRawDb(path, (db) => {
      db.prepare('DELETE FROM journal WHERE seq = 6').run();
      db.prepare("UPDATE meta SET value = '5' WHERE key = 'head_seq'").run();
      db.prepare("UPDATE meta SET value = ? WHERE key = 'head_hash'").run(entries[4]?.hash);
    });
    expect((await runCli(['audit', 'verify', '--journal', path])).code).toBe(0);
    const r = await runCli(['audit', 'verify', '--journal', path, '--head', head]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/seq 6: missing: the expected head is seq 6/);
  });

  it('a file that cannot be read: exit 2 with the reason, and no file is created', async () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.journal');
    const r = await runCli(['audit', 'verify', '--journal', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`studio-desk audit: journal ${missing} does not exist\n`);
    expect(existsSync(missing)).toBe(false);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, not a database, just some text long enough to be read as a header\n');
    const t = await runCli(['audit', 'verify', '--journal', text]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/not a journal: not an SQLite database/);
  });

  it('a journal in use by a running desk: exit 2, "in use by another desk"', async () => {
    const path = tempJournalPath();
    const desk = openJournal(path);
    try {
      desk.append(wheelResult(1));
      const r = await runCli(['audit', 'verify', '--journal', path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/journal is in use by another desk/);
    } finally {
      desk.close();
    }
  });

  it.each([
    [['audit', 'verify'], /--journal FILE is required/],
    [['audit', 'verify', '--journal'], /argument missing/],
    [['audit', 'verify', '--journal', 'x', '--from', '2'], /Unknown option '--from'/],
    [['audit', 'verify', '--journal', 'x', '--head', '6:abc'], /--head must be SEQ:HASH/],
    [['audit', 'verify', 'extra', '--journal', 'x'], /unexpected argument "extra"/],
    [['audit'], /say what to do: verify or show/],
    [['audit', 'prune'], /unknown audit command "prune"/],
  ])('usage error %j: exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('studio-desk audit show', () => {
  it('prints every entry: seq, time, kind, actor, data', async () => {
    const { path } = journalOf(2);
    const r = await runCli(['audit', 'show', '--journal', path]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '     2  2025-06-01T20:00:00.000Z  command.closeBetting  dealer:dealer-7  {"roundId":"r-1"}',
    );
    expect(lines[2]).toMatch(
      /^ {5}3 {2}2025-06-01T20:00:00\.000Z {2}device\.wheel\.result {2}device:wheel-1 {2}\{"ballRevs":18,/,
    );
  });

  it('--from and --kind select, --json prints the entries as stored', async () => {
    const { path, entries } = journalOf(3);
    const r = await runCli([
      'audit',
      'show',
      '--journal',
      path,
      '--from',
      '3',
      '--kind',
      'device.wheel',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const shown = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as JournalEntry);
    expect(shown).toEqual([entries[2], entries[4]]);
    const commands = await runCli(['audit', 'show', '--journal', path, '--kind', 'command.']);
    expect(commands.stdout.trimEnd().split('\n')).toHaveLength(3);
    const none = await runCli(['audit', 'show', '--journal', path, '--kind', 'device.wheelchair']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('an entry that cannot be parsed: exit 2, naming it', async () => {
    const { path } = journalOf(2);
    withRawDb(path, (db) => db.prepare("UPDATE journal SET data = 'nope' WHERE seq = 2").run());
    const r = await runCli(['audit', 'show', '--journal', path]);
    expect(r.code).toBe(2);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/entry 2: data is not valid JSON/);
  });

  it('--from must be a whole number from 1', async () => {
    const r = await runCli(['audit', 'show', '--journal', 'x', '--from', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--from must be a number from 1/);
  });
});
