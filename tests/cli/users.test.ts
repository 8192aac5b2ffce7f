import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifySecret } from '../../engine/auth/secret';
import { loadTableConfig } from '../../engine/config/load';
import { REPO_ROOT, killAllCli, spawnCli } from '../support/spawn-cli';

async function usersAdd(file: string, args: string[], secret: string) {
  const p = spawnCli(['users', 'add', '--config', file, ...args], { stdin: 'pipe' });
  p.child.stdin?.end(`${secret}\n`);
  const exit = await p.waitExit(20_000);
  return { code: exit.code, stderr: p.stderr };
}

describe('studio-desk users add', () => {
  afterEach(() => killAllCli());
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-users-'));

  it('adds a dealer with the hash of the PIN read from stdin, keeping the YAML comments, and the file stays valid', async () => {
    const file = join(dir, 'table.yaml');
    copyFileSync(join(REPO_ROOT, 'config/demo-roulette.yaml'), file);
    const r = await usersAdd(
      file,
      ['--id', 'dealer-2', '--name', 'Second Dealer', '--role', 'dealer'],
      '5678',
    );
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# A roulette table on simulated devices');
    expect(text).not.toContain('5678');
    const cfg = await loadTableConfig(file);
    const user = cfg.users.find((u) => u.id === 'dealer-2');
    expect(user).toMatchObject({ name: 'Second Dealer', role: 'dealer' });
    expect(await verifySecret('5678', user?.secret ?? '')).toBe(true);
    expect(await verifySecret('5679', user?.secret ?? '')).toBe(false);
  });

  it('refuses a PIN that is too short, and leaves the file untouched', async () => {
    const file = join(dir, 'short.yaml');
    copyFileSync(join(REPO_ROOT, 'config/demo-roulette.yaml'), file);
    const before = readFileSync(file, 'utf8');
    const r = await usersAdd(file, ['--id', 'd3', '--role', 'dealer'], '12');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least 4 digits/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
