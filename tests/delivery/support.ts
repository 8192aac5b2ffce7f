/** A signed table delivering to a real reference receiver (through a fault proxy when asked). */
import { join } from 'node:path';
import { expect } from 'vitest';
import { DeliveryWorker, type DeliveryStatus } from '../../engine/delivery/worker';
import { WebhookTarget } from '../../engine/delivery/webhook-target';
import { JwksSource } from '../../engine/platform/jwks-source';
import { PlatformReceiver } from '../../engine/platform/receiver';
import type { SignedTable } from '../outcomes/support/signed-table';

export const SECRET = 'whsec_' + Buffer.from('a test secret of 32 bytes.......').toString('base64');

export async function receiverFor(t: SignedTable, name = 'receiver.sqlite'): Promise<PlatformReceiver> {
  return PlatformReceiver.start({
    port: 0,
    jwks: JwksSource.of(t.keys.jwks()),
    storePath: join(t.dir, name),
    secret: SECRET,
  });
}

export function webhookWorker(
  t: SignedTable,
  url: string,
  timeoutMs = 1000,
): { worker: DeliveryWorker; statuses: DeliveryStatus[] } {
  const worker = new DeliveryWorker(t.journal, new WebhookTarget({ url, secret: SECRET, timeoutMs }), {
    backoff: { initialMs: 20, maxMs: 250, factor: 2, jitter: 0.5 },
    alarmBacklog: 5,
    statusEveryMs: 50,
    pollMs: 100,
  });
  t.recorder.on('enqueued', () => worker.notify());
  const statuses: DeliveryStatus[] = [];
  worker.on('status', (s) => statuses.push(s));
  return { worker, statuses };
}

export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The receiver holds exactly outcomes 1..n of the table, in order, each once. */
export function expectExactlyOnce(receiver: PlatformReceiver, n: number): void {
  const rows = receiver.store.list({ table: 'rt1' });
  expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(new Set(rows.map((r) => r.outcome_id)).size).toBe(n);
}
