/**
 * The desk with a `platform` section, as `studio-desk start` runs it: the demo table's simulated
 * wheel and demo dealer, outcomes signed in the settle's transaction and delivered to the reference
 * receiver; with the webhook secret's variable unset, the target says bad_config and raises the
 * alarm, while outcomes are still signed and kept for later.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import type { TableConfig } from '../../engine/config/schema';
import { startAutopilot } from '../../engine/desk/autopilot';
import { startDesk, type Desk } from '../../engine/desk/desk';
import type { SqliteJournal } from '../../engine/journal/sqlite-journal';
import { KeyStore } from '../../engine/outcomes/keys';
import { allOutcomes } from '../../engine/outcomes/outbox';
import { JwksSource } from '../../engine/platform/jwks-source';
import { PlatformReceiver } from '../../engine/platform/receiver';
import { until } from './support';

const SECRET_ENV = 'STUDIO_DESK_TEST_WEBHOOK_SECRET';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  delete process.env[SECRET_ENV];
});

async function deskWith(platformUrl: string, dir: string): Promise<Desk> {
  const base = demoTableConfig();
  const config: TableConfig = {
    ...base,
    rules: { ...base.rules, roulette: { ...base.rules.roulette, autoOpen: true } },
    journal: { path: join(dir, 'journal.sqlite') },
    platform: { webhook: { url: platformUrl, secretEnv: SECRET_ENV }, signingKeyDir: join(dir, 'keys') },
  };
  const desk = await startDesk(config, { timeScale: 0.05 });
  const stopPilot = startAutopilot(
    desk.engine,
    { id: 'demo-dealer', role: 'dealer' },
    {
      settleAfterMs: 50,
      floorManager: { id: 'demo-floor', role: 'floor_manager' },
    },
  );
  cleanups.push(
    () => desk.stop(),
    () => stopPilot(),
  );
  return desk;
}

describe('desk with a platform section', () => {
  it('signs every finished round and delivers it to the platform', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-outcomes-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    process.env[SECRET_ENV] = 'whsec_' + Buffer.from('desk test secret').toString('base64');
    const keys = await KeyStore.open(join(dir, 'keys'));
    const receiver = await PlatformReceiver.start({
      port: 0,
      jwks: JwksSource.of(keys.jwks()),
      storePath: join(dir, 'received.sqlite'),
      secret: process.env[SECRET_ENV],
    });
    cleanups.push(() => receiver.stop());
    const desk = await deskWith(receiver.url, dir);
    await until(() => receiver.store.count() >= 3, 45_000, '3 outcomes at the platform');
    expect(desk.outcomes?.status()[0]).toMatchObject({ target: 'webhook' });
    expect(receiver.stats.rejected).toEqual({});
    const rows = receiver.store.list({ table: 'demo' });
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
  });

  it(
    'without the webhook secret: bad_config and the alarm, outcomes still kept',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'desk-outcomes-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const desk = await deskWith('http://127.0.0.1:9/outcomes', dir);
      const status = desk.outcomes?.status()[0];
      expect(status).toMatchObject({ target: 'webhook', state: 'bad_config', alarm: true });
      expect(status?.reason).toMatch(new RegExp(`${SECRET_ENV}.*not set`));
      const outcomes = () => (desk.journal as SqliteJournal).sideTx((tx) => allOutcomes(tx)).length;
      await until(() => outcomes() >= 2, 45_000, '2 outcomes kept in the outbox');
    },
  );
});
