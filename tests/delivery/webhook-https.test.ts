/**
 * Webhook delivery over HTTPS to the reference receiver (`platform-receiver --tls-cert --tls-key`),
 * with a throw-away CA and a server certificate for 127.0.0.1/localhost made by the openssl CLI.
 * A desk that does not trust the CA refuses the certificate (status says why) and delivers nothing;
 * given the CA (`platform.webhook.caFile`), it delivers everything once, in order. Verification is
 * never switched off.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTableConfig } from '../../engine/config/demo';
import { PlatformSchema } from '../../engine/config/platform';
import type { TableConfig } from '../../engine/config/schema';
import { startAutopilot } from '../../engine/desk/autopilot';
import { startDesk } from '../../engine/desk/desk';
import { KeyStore } from '../../engine/outcomes/keys';
import { JwksSource } from '../../engine/platform/jwks-source';
import { PlatformReceiver } from '../../engine/platform/receiver';
import { DeliveryWorker, type DeliveryStatus } from '../../engine/delivery/worker';
import { WebhookTarget } from '../../engine/delivery/webhook-target';
import { ReceiverStore } from '../../engine/platform/receiver-store';
import { cleanupTempDirs, tempDir } from '../outcomes/outcome-fixtures';
import { SignedTable } from '../outcomes/support/signed-table';
import { havePeer } from '../support/peers';
import { killAllCli, spawnCli } from '../support/spawn-cli';
import { SECRET, until } from './support';

const SECRET_ENV = 'STUDIO_DESK_TEST_HTTPS_SECRET';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await killAllCli();
  cleanupTempDirs();
});

/** ca.pem (CA:TRUE) and server.pem/server.key signed by it for IP 127.0.0.1 and DNS localhost. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const p = (f: string) => join(dir, f);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Studio Desk throw-away test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  openssl('req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(
    p('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '1',
    '-extfile',
    p('server.ext'),
  );
  return { ca: p('ca.pem'), cert: p('server.pem'), key: p('server.key') };
}

function worker(t: SignedTable, target: WebhookTarget) {
  const w = new DeliveryWorker(t.journal, target, {
    backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
    alarmBacklog: 3,
    statusEveryMs: 50,
    pollMs: 100,
  });
  const statuses: DeliveryStatus[] = [];
  w.on('status', (s) => statuses.push(s));
  cleanups.push(() => w.stop());
  return { w, statuses };
}

describe.runIf(havePeer('openssl', 'the HTTPS webhook test (throw-away CA and certificate)'))(
  'webhook delivery over HTTPS',
  () => {
    it(
      'untrusted certificate: refused with the reason, nothing delivered; with the CA: all once, in order',
      { timeout: 60_000 },
      async () => {
        const t = await SignedTable.create();
        cleanups.push(() => t.close());
        const files = makeCertificates(t.dir);
        writeFileSync(join(t.dir, 'jwks.json'), JSON.stringify(t.keys.jwks()));
        const storePath = join(t.dir, 'received.sqlite');
        const receiver = spawnCli(
          [
            'platform-receiver',
            '--port',
            '0',
            '--jwks',
            join(t.dir, 'jwks.json'),
            '--store',
            storePath,
            '--secret-env',
            SECRET_ENV,
            '--tls-cert',
            files.cert,
            '--tls-key',
            files.key,
            '--json',
          ],
          { env: { [SECRET_ENV]: SECRET } },
        );
        const listening = () => receiver.json().find((l) => l.type === 'listening');
        await receiver.until(() => listening() !== undefined, 20_000, 'the receiver to listen');
        const url = String(listening()?.url);
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/outcomes$/);
        const verdicts = () => receiver.json().filter((l) => l.type === 'verdict');

        for (let i = 0; i < 6; i++) t.playRound(i);

        // 1. Without the CA: the system's trust store does not know it. Refused, retried, nothing sent.
        const untrusted = worker(t, new WebhookTarget({ url, secret: SECRET, timeoutMs: 2000 }));
        untrusted.w.start();
        await until(() => untrusted.statuses.some((s) => s.alarm), 15_000, 'the backlog alarm');
        const last = untrusted.statuses.at(-1)!;
        expect(last.state).not.toBe('ok');
        expect(last.reason).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify the first certificate/);
        expect(last.backlog).toBe(6);
        expect(last.deliveredSeq).toBe(0);
        await untrusted.w.stop();
        expect(verdicts()).toEqual([]); // the TLS handshake failed: not one request reached the receiver

        // 2. The config names the CA file (https only); the desk's webhook target trusts it.
        const platform = PlatformSchema.parse({ webhook: { url, secretEnv: SECRET_ENV, caFile: files.ca } });
        expect(
          PlatformSchema.safeParse({ webhook: { url: 'http://127.0.0.1:1/o', caFile: files.ca } }).success,
        ).toBe(false);
        const ca = readFileSync(platform.webhook!.caFile!, 'utf8');
        const trusted = worker(t, new WebhookTarget({ url, secret: SECRET, timeoutMs: 2000, ca }));
        trusted.w.start();
        await until(() => verdicts().length >= 6, 20_000, '6 verdicts at the receiver');
        await until(() => trusted.statuses.at(-1)?.backlog === 0, 10_000, 'an empty backlog');
        expect(trusted.statuses.at(-1)).toMatchObject({ state: 'ok', deliveredSeq: 6, alarm: false });
        expect(verdicts().map((v) => [v.status, v.outcomeId, v.duplicate ?? false])).toEqual(
          Array.from({ length: 6 }, (_, i) => [200, `rt1-${i + 1}`, false]),
        );
        await trusted.w.stop();
        await receiver.stop(10_000);
        const store = ReceiverStore.open(storePath);
        try {
          expect(store.list({ table: 'rt1' }).map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
        } finally {
          store.close();
        }
      },
    );

    it(
      'the desk with platform.webhook.caFile delivers over HTTPS; an unusable caFile is bad_config',
      { timeout: 60_000 },
      async () => {
        const dir = tempDir();
        const files = makeCertificates(dir);
        const keys = await KeyStore.open(join(dir, 'keys'));
        const receiver = await PlatformReceiver.start({
          port: 0,
          jwks: JwksSource.of(keys.jwks()),
          storePath: join(dir, 'received.sqlite'),
          tls: { cert: readFileSync(files.cert), key: readFileSync(files.key) },
        });
        cleanups.push(() => receiver.stop());
        const base = demoTableConfig();
        const deskConfig = (caFile: string, journal: string): TableConfig => ({
          ...base,
          rules: { ...base.rules, roulette: { ...base.rules.roulette, autoOpen: true } },
          journal: { path: join(dir, journal) },
          platform: { webhook: { url: receiver.url, caFile }, signingKeyDir: join(dir, 'keys') },
        });

        writeFileSync(join(dir, 'not-a-cert.pem'), 'hello\n');
        const bad = await startDesk(deskConfig(join(dir, 'not-a-cert.pem'), 'bad.sqlite'), {
          timeScale: 0.05,
        });
        cleanups.push(() => bad.stop());
        expect(bad.outcomes?.status()[0]).toMatchObject({
          target: 'webhook',
          state: 'bad_config',
          reason: expect.stringMatching(/caFile .*not-a-cert\.pem holds no PEM certificate/),
        });
        await bad.stop();

        const desk = await startDesk(deskConfig(files.ca, 'journal.sqlite'), { timeScale: 0.05 });
        const stopPilot = startAutopilot(
          desk.engine,
          { id: 'demo-dealer', role: 'dealer' },
          { settleAfterMs: 50, floorManager: { id: 'demo-floor', role: 'floor_manager' } },
        );
        cleanups.push(
          () => desk.stop(),
          () => stopPilot(),
        );
        await until(() => receiver.store.count() >= 3, 45_000, '3 outcomes at the HTTPS platform');
        expect(receiver.stats.rejected).toEqual({});
        const rows = receiver.store.list({ table: 'demo' });
        expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
      },
    );
  },
);
