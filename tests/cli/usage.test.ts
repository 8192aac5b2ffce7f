import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllCli, runCli } from '../support/spawn-cli';

/** How `studio-desk` answers a wrong or missing argument: a message that says what is wrong, exit 2. */
const dir = mkdtempSync(join(tmpdir(), 'studio-desk-cli-usage-'));
afterEach(killAllCli);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS = ['demo', 'sim', 'monitor', 'ports'];

describe('studio-desk usage', () => {
  it('no arguments: the usage on stdout, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^studio-desk <command> \[options\]/);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    expect(r.stderr).toBe('');
  });

  it('--help: the usage on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^studio-desk <command> \[options\]/);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it("a command's --help: that command's usage, exit 0", async () => {
    const r = await runCli(['monitor', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^studio-desk monitor wheel\|shoe --port PORT/);
    expect(r.stdout).toContain('--replay FILE');
  });

  it('an unknown command is named on stderr, exit 2', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(r.stdout).toBe('');
  });

  it('monitor without a device: asks for wheel or shoe, exit 2', async () => {
    const r = await runCli(['monitor']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^studio-desk monitor: .*wheel or shoe/);
  });

  it('monitor wheel --port nowhere: says what a port looks like, exit 2', async () => {
    const r = await runCli(['monitor', 'wheel', '--port', 'nowhere']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"nowhere" is not a port');
    expect(r.stderr).toContain('tcp://host:port');
    expect(r.stdout).toBe('');
  });

  it('monitor with an unknown protocol names the known ones, exit 2', async () => {
    const r = await runCli(['monitor', 'wheel', '--port', 'tcp://127.0.0.1:1', '--protocol', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown wheel protocol "bogus"');
    expect(r.stderr).toContain('known: sdlp, cammegh-basic, cammegh-advanced, cammegh-extended');
    expect(r.stdout).toBe('');
  });

  it('monitor --stale-ms that is not a number: the range, exit 2 (not a silently disabled watchdog)', async () => {
    const r = await runCli(['monitor', 'wheel', '--port', 'tcp://127.0.0.1:1', '--stale-ms', 'soon'], 10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--stale-ms must be a number from 0 to');
    expect(r.stderr).toContain('(got "soon")');
  });

  it('monitor --record into a directory that does not exist: a message, exit 2 (not a crash)', async () => {
    const r = await runCli(
      ['monitor', 'wheel', '--port', 'tcp://127.0.0.1:1', '--json', '--record', join(dir, 'no/such/dir.cap')],
      10_000,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^studio-desk monitor: cannot write --record: ENOENT/);
    expect(r.stderr).not.toContain('Unhandled');
  });

  it('sim wheel without --port or --listen: exit 2', async () => {
    const r = await runCli(['sim', 'wheel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give exactly one of --port or --listen');
  });

  it('sim with a bad script line names the line, exit 2', async () => {
    const script = join(dir, 'bad.script');
    writeFileSync(script, '# a script with one mistake\n17\n\n99\n5\n');
    const r = await runCli(['sim', 'wheel', '--listen', 'tcp://127.0.0.1:0', '--script', script]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 4: "99" is not a pocket of the european wheel');
    expect(r.stdout).toBe('');
  });

  it('sim --noise 2: the allowed range, exit 2', async () => {
    const r = await runCli(['sim', 'wheel', '--listen', 'tcp://127.0.0.1:0', '--noise', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--noise must be a number from 0 to 1 (got "2")');
  });
});
