import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllCli, runCli, spawnCli, startTcpSim } from '../support/spawn-cli';
import { monitorEvents, stopMonitor, stopSim, type Json } from './cli-helpers';

/**
 * `monitor --record FILE` writes every byte of a live session; `monitor --replay FILE` must decode
 * that file into what the live monitor printed.
 */
const dir = mkdtempSync(join(tmpdir(), 'studio-desk-cli-capture-'));
afterEach(killAllCli);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Decoded events (without `at`: the replay runs on the capture's clock), and rejected frames. Each
 * is compared in order; how the two interleave within one received chunk is not (the live driver
 * reports a chunk's events before its rejections, the replay the other way round).
 */
const events = (lines: Json[]) =>
  lines
    .filter((l) => !['status', 'stats', 'frameError'].includes(String(l.type)))
    .map(({ at: _at, ...rest }) => rest);
const frameErrors = (lines: Json[]) => lines.filter((l) => l.type === 'frameError');
const resultKeys = (lines: Json[]) =>
  lines.filter((l) => l.type === 'result').map((r) => ({ type: r.type, number: r.number, game: r.game }));

async function recordLive(protocol: string, capture: string): Promise<Json[]> {
  const { sim, port } = await startTcpSim([
    'wheel',
    '--protocol',
    protocol,
    '--time-scale',
    '0.002',
    '--json',
  ]);
  const mon = spawnCli([
    'monitor',
    'wheel',
    '--port',
    `tcp://127.0.0.1:${port}`,
    '--protocol',
    protocol,
    '--json',
    '--record',
    capture,
  ]);
  await mon.until(() => monitorEvents(mon, 'result').length >= 8, 15_000, '8 results');
  await stopMonitor(mon);
  await stopSim(sim);
  return mon.json();
}

describe('monitor --record, then --replay', () => {
  for (const protocol of ['sdlp', 'cammegh-extended']) {
    it(
      `${protocol}: the replay prints the live run's results, and every other event and rejection`,
      { timeout: 30_000 },
      async () => {
        const capture = join(dir, `${protocol}.capture.jsonl`);
        const live = await recordLive(protocol, capture);

        const lines = readFileSync(capture, 'utf8').trim().split('\n');
        expect(JSON.parse(lines[0] as string)).toMatchObject({
          capture: 'studio-desk',
          version: 1,
          device: 'wheel',
          protocol,
          layout: 'european',
        });
        expect(lines.length).toBeGreaterThan(10);

        const r = await runCli(['monitor', 'wheel', '--replay', capture, '--json']);
        expect(r.code, r.stderr).toBe(0);
        const replayed = r.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as Json);
        expect(replayed.at(-1)?.type).toBe('stats');

        const liveResults = resultKeys(live);
        expect(liveResults.length).toBeGreaterThanOrEqual(8);
        expect(resultKeys(replayed)).toEqual(liveResults);
        expect(events(replayed)).toEqual(events(live));
        expect(frameErrors(replayed)).toEqual(frameErrors(live));
      },
    );
  }

  it('the text view of a replay: one line per result', { timeout: 30_000 }, async () => {
    const capture = join(dir, 'text.capture.jsonl');
    const live = await recordLive('sdlp', capture);
    const r = await runCli(['monitor', 'wheel', '--replay', capture]);
    expect(r.code, r.stderr).toBe(0);
    const resultLines = r.stdout.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{3} result /.test(l));
    expect(resultLines.map((l) => /\bnumber=(\S+)/.exec(l)?.[1])).toEqual(
      resultKeys(live).map((k) => String(k.number)),
    );
    expect(r.stderr).toMatch(/^stats: \{/m);
  });
});

describe('monitor --replay of a bad file', () => {
  const header = JSON.stringify({
    capture: 'studio-desk',
    version: 1,
    device: 'wheel',
    protocol: 'sdlp',
    port: 'tcp://127.0.0.1:7601',
    started: '2026-01-01T00:00:00.000Z',
  });

  it('a line that is not JSON: exit 2, naming the file and line', async () => {
    const file = join(dir, 'not-json.capture.jsonl');
    writeFileSync(file, `${header}\n{"t":0,"dir":"open","hex":""}\n{"t":1.5,"dir":"rx","hex":"24"\n`);
    const r = await runCli(['monitor', 'wheel', '--replay', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot replay: ${file}:3: not JSON`);
    expect(r.stdout).toBe('');
  });

  it('a record that is not a record: exit 2, naming the line and the field', async () => {
    const file = join(dir, 'bad-hex.capture.jsonl');
    writeFileSync(file, `${header}\n{"t":0,"dir":"open","hex":""}\n\n{"t":2,"dir":"rx","hex":"zz"}\n`);
    const r = await runCli(['monitor', 'wheel', '--replay', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:4: bad record (hex:`);
  });

  it('not a capture at all: exit 2, naming line 1', async () => {
    const file = join(dir, 'not-a-capture.jsonl');
    writeFileSync(file, '{"hello":"world"}\n');
    const r = await runCli(['monitor', 'wheel', '--replay', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: not a studio-desk capture header`);
  });

  it('a file that does not exist: exit 2', async () => {
    const r = await runCli(['monitor', 'wheel', '--replay', join(dir, 'missing.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot replay: ENOENT/);
  });

  it('an unknown --protocol: exit 2 naming the known ones (not a stack trace)', async () => {
    const file = join(dir, 'empty-session.capture.jsonl');
    writeFileSync(file, `${header}\n{"t":0,"dir":"open","hex":""}\n`);
    const r = await runCli(['monitor', 'wheel', '--replay', file, '--protocol', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'studio-desk monitor: unknown wheel protocol "bogus" (known: sdlp, cammegh-basic, cammegh-advanced, cammegh-extended)\n',
    );
  });
});
