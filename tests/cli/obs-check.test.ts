/**
 * `studio-desk obs check` and `obs screenshot` as a technician runs them, against the fake OBS
 * (real obs-websocket v5 over a real socket), with the demo roulette table file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeObs, type FakeSceneSpec } from '../obs/support/fake-obs';
import { killAllCli, REPO_ROOT, runCli } from '../support/spawn-cli';

const FULL: FakeSceneSpec[] = [
  { name: 'Table Wide', sources: ['Wide Camera'] },
  { name: 'Betting', sources: ['Betting Board'] },
  { name: 'Wheel Close-up', sources: ['Wheel Camera', 'No More Bets'] },
  { name: 'Result', sources: ['Result Camera', 'Result Text'] },
];
const TEXTS = { 'Result Text': '', 'Last Results': '', 'Round Id': '', 'Table Status': '' };

let dir: string;
const fakes: FakeObs[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'obs-check-'));
});
afterEach(async () => {
  await killAllCli();
  for (const f of fakes.splice(0)) await f.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tableFile(url: string): string {
  const file = join(dir, `table-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    readFileSync(join(REPO_ROOT, 'config/demo-roulette.yaml'), 'utf8').replace('ws://127.0.0.1:4455', url),
  );
  return file;
}

async function fake(scenes: FakeSceneSpec[]): Promise<FakeObs> {
  const f = await FakeObs.start({ scenes, texts: TEXTS, password: 'tech-pw' });
  fakes.push(f);
  return f;
}

describe('studio-desk obs', { timeout: 40_000 }, () => {
  it('check: exit 0 when the plan fits this OBS', async () => {
    const f = await fake(FULL);
    const r = await runCli(['obs', 'check', '--config', tableFile(f.url)], 20_000, {
      env: { OBS_PASSWORD: 'tech-pw' },
    });
    expect(r.stdout).toContain('the scene plan fits this OBS');
    expect(r.code).toBe(0);
  });

  it('check: exit 1 and every problem named when OBS lacks scenes and sources', async () => {
    const f = await fake([{ name: 'Table Wide' }, { name: 'Wheel Close-up', sources: ['No More Bets'] }]);
    const r = await runCli(['obs', 'check', '--config', tableFile(f.url), '--json'], 20_000, {
      env: { OBS_PASSWORD: 'tech-pw' },
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout.trim()) as { problems: string[] };
    expect(out.problems).toEqual(
      expect.arrayContaining([
        'scene "Betting" does not exist in OBS',
        'scene "Result" does not exist in OBS',
        'camera wheel: scene "Wheel Close-up" has no source "Wheel Camera"',
      ]),
    );
  });

  it('check: exit 2 with the reason on a wrong password', async () => {
    const f = await fake(FULL);
    const bad = await runCli(['obs', 'check', '--config', tableFile(f.url)], 20_000, {
      env: { OBS_PASSWORD: 'wrong' },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/authentication_failure: OBS refused the password/);
  }, 40_000);

  it('check: exit 2 with the reason when no OBS runs there', async () => {
    const f = await fake(FULL);
    const port = f.port;
    await f.close();
    fakes.splice(0);
    const none = await runCli(['obs', 'check', '--config', tableFile(`ws://127.0.0.1:${port}`)], 20_000, {
      env: { OBS_PASSWORD: 'tech-pw' },
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/disconnected: OBS is not running/);
  }, 40_000);

  it('screenshot: writes the PNG of a camera source', async () => {
    const f = await fake(FULL);
    const out = join(dir, 'wheel.png');
    const r = await runCli(
      [
        'obs',
        'screenshot',
        '--config',
        tableFile(f.url),
        '--camera',
        'wheel',
        '--out',
        out,
        '--width',
        '224',
      ],
      20_000,
      {
        env: { OBS_PASSWORD: 'tech-pw' },
      },
    );
    expect(r.code).toBe(0);
    const png = readFileSync(out);
    expect(png.readUInt32BE(16)).toBe(224);
    expect(r.stdout).toContain('obs:Wheel Camera');
  });
});
