/** The audit search (bounded, newest first, words and kind prefixes) and the static file resolver. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { queryAudit, summarise } from '../../engine/api/audit';
import { resolveStatic } from '../../engine/api/static-files';
import { hexOf, textOf } from '../../engine/api/traffic-format';
import { openJournal } from '../../engine/journal/sqlite-journal';

const dir = mkdtempSync(join(tmpdir(), 'desk-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit search', () => {
  const journal = openJournal(join(dir, 'j.sqlite'));
  for (let i = 1; i <= 2500; i++)
    journal.append({
      kind: i % 100 === 0 ? 'command.void' : 'device.wheel.rotor',
      actor: i % 100 === 0 ? { id: 'floor-ann', role: 'floor_manager' } : { id: 'wheel', role: 'device' },
      data:
        i % 100 === 0 ? { command: { cmd: 'void', roundId: `t-${i}`, reason: `ball out ${i}` } } : { rpm: i },
    });

  it('finds newest first across chunks, by kind prefix and every word', () => {
    const page = queryAudit(journal, { kind: 'command.', limit: 3 });
    expect(page.entries.map((e) => e.seq)).toEqual([2500, 2400, 2300]);
    expect(page.entries[0]?.summary).toBe(
      'floor-ann (floor_manager): void, round t-2500, reason: ball out 2500',
    );
    const words = queryAudit(journal, { text: 'BALL out 1200', limit: 10 });
    expect(words.entries.map((e) => e.seq)).toEqual([1200]);
    const several = queryAudit(journal, { kind: 'link.,command.', beforeSeq: 250, limit: 10 });
    expect(several.entries.map((e) => e.seq)).toEqual([200, 100]);
  });

  it('stops after a bounded scan and says so', () => {
    const page = queryAudit(journal, { text: 'nothing matches this', limit: 5 }, 1500);
    expect(page.entries).toEqual([]);
    expect(page.scanned).toBe(1500);
    expect(page.truncated).toBe(true);
  });

  it('summarises device links and refusals in words', () => {
    const e = {
      seq: 1,
      at: 0,
      kind: 'link.wheel.status',
      actor: { id: 'wheel', role: 'device' as const },
      data: { state: 'stale', reason: 'no frame for 3 s' },
      prevHash: '',
      hash: '',
    };
    expect(summarise(e)).toBe('wheel stale: no frame for 3 s');
  });
});

describe('static files', () => {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), 'x');
  writeFileSync(join(root, 'assets', 'a.js'), 'x');

  it('resolves only files inside the root', () => {
    expect(resolveStatic(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStatic(root, '/assets/a.js?v=1')).toBe(join(root, 'assets', 'a.js'));
    for (const bad of [
      '/../j.sqlite',
      '/assets/../../j.sqlite',
      '/%2e%2e/j.sqlite',
      '/assets',
      '/a%00.js',
      '/%E0%A4%A',
    ])
      expect(resolveStatic(root, bad), bad).toBeUndefined();
  });
});

describe('traffic format', () => {
  it('shows bytes as hex and printable text, line ends as symbols', () => {
    const b = Buffer.from('R,17\r\n\x01', 'latin1');
    expect(hexOf(b)).toBe('52 2c 31 37 0d 0a 01');
    expect(textOf(b)).toBe('R,17␍␊·');
  });
});
