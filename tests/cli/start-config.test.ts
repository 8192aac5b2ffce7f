import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllCli, runCli, spawnCli } from '../support/spawn-cli';

describe('studio-desk start with a table file', () => {
  afterEach(() => killAllCli());
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-start-'));

  it('refuses to start on a wrong file, naming the field and its line', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'table:\n  id: t1\n  name: T1\n  studio: s\n  game: roulette\ndevices:\n  wheel:\n    simulate: true\n    protocol: cammeg-extended\n',
    );
    const r = await runCli(['start', '--config', file], 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not start on this configuration/);
    expect(r.stderr).toMatch(/devices\.wheel\.protocol: .*cammeg-extended.*line 9/);
  });

  it('runs the example roulette table file and journals its rounds', async () => {
    const desk = spawnCli([
      'start',
      '--config',
      'config/demo-roulette.yaml',
      '--journal',
      join(dir, 'j.sqlite'),
      '--time-scale',
      '0.05',
      '--autopilot',
      '--json',
    ]);
    await desk.until(() => desk.json().some((l) => l.type === 'result'), 30_000, 'a result');
    expect((await desk.stop(10_000)).code).toBe(0);
    const verify = await runCli(['audit', 'verify', '--journal', join(dir, 'j.sqlite')], 20_000);
    expect(verify.code).toBe(0);
    // Device links are in the audit trail: the wheel came up, and was stopped with the desk.
    const links = await runCli(
      ['audit', 'show', '--journal', join(dir, 'j.sqlite'), '--kind', 'link.wheel', '--json'],
      20_000,
    );
    const states = links.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { data: { state: string; reason: string } }).data);
    expect(states.map((d) => d.state)).toContain('ok');
    expect(states.at(-1)).toEqual({ state: 'disconnected', reason: 'stopped' });
  });
});
