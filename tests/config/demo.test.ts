import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySecret } from '../../engine/auth/secret';
import {
  DEMO_CREDENTIALS,
  DEMO_TABLE_INPUT,
  demoTableConfig,
  loadTableConfig,
} from '../../engine/config/load';
import { validateTableConfig } from '../../engine/config/validate';

const CONFIG_DIR = join(import.meta.dirname, '../../config');

describe('the embedded demo table', () => {
  it('passes the schema', () => {
    const r = validateTableConfig(DEMO_TABLE_INPUT);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it('is roulette on a simulated SDLP wheel, with a simulated shoe and its journal under ./var/demo/', () => {
    const c = demoTableConfig();
    expect(c.table.game).toBe('roulette');
    expect(c.devices.wheel).toMatchObject({ simulate: true, protocol: 'sdlp', layout: 'european' });
    expect(c.devices.shoe).toMatchObject({ simulate: true, protocol: 'sdlp' });
    expect(c.journal.path).toBe('./var/demo/journal.sqlite');
    expect(c.obs).toBeUndefined();
    expect(c.platform).toBeUndefined();
  });

  it('has one user per role', () => {
    expect(
      demoTableConfig()
        .users.map((u) => u.role)
        .sort(),
    ).toEqual(['dealer', 'floor_manager', 'technician']);
  });

  it('returns a fresh copy on each call', () => {
    const a = demoTableConfig();
    a.users.pop();
    expect(demoTableConfig().users).toHaveLength(3);
  });

  it("stores the demo users' documented secrets as hashes at the default cost", async () => {
    const users = demoTableConfig().users;
    for (const cred of DEMO_CREDENTIALS) {
      const user = users.find((u) => u.id === cred.id);
      expect(user?.role).toBe(cred.role);
      expect(user?.secret.startsWith('scrypt$32768$8$1$')).toBe(true);
      expect(await verifySecret(cred.secret, user?.secret ?? '')).toBe(true);
    }
  });
});

describe('the example files in config/', () => {
  it('are there', async () => {
    const files = await readdir(CONFIG_DIR);
    expect(files).toEqual(expect.arrayContaining(['demo-roulette.yaml', 'demo-baccarat.yaml']));
  });

  it.each(['demo-roulette.yaml', 'demo-baccarat.yaml'])('%s is valid', async (name) => {
    const c = await loadTableConfig(join(CONFIG_DIR, name));
    expect(c.table.id).toBe(name.replace(/\.yaml$/, ''));
    expect(c.journal.path).toBe(`./var/${c.table.id}/journal.sqlite`);
  });

  it('carry the demo users', async () => {
    const demo = demoTableConfig().users;
    for (const name of ['demo-roulette.yaml', 'demo-baccarat.yaml'])
      expect((await loadTableConfig(join(CONFIG_DIR, name))).users).toEqual(demo);
  });
});
