/**
 * Webhook delivery through a misbehaving platform (a fault proxy in front of the real reference
 * receiver): down, answering 500, answering too slowly, cutting connections. Afterwards every
 * outcome is stored once, in order; while it lasts the backlog grows and raises the alarm.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformReceiver } from '../../engine/platform/receiver';
import { cleanupTempDirs } from '../outcomes/outcome-fixtures';
import { SignedTable } from '../outcomes/support/signed-table';
import { FaultProxy, type FaultMode } from '../support/fault-proxy';
import { expectExactlyOnce, receiverFor, until, webhookWorker } from './support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  cleanupTempDirs();
});

async function setup() {
  const t = await SignedTable.create();
  const receiver = await receiverFor(t);
  const proxy = new FaultProxy(new URL(receiver.url));
  await proxy.start();
  const { worker, statuses } = webhookWorker(t, proxy.url, 300);
  cleanups.push(
    () => t.close(),
    () => receiver.stop(),
    () => proxy.stop(),
    () => worker.stop(),
  );
  return { t, receiver, proxy, worker, statuses };
}

const delivered = (r: PlatformReceiver) => r.store.count();

describe('webhook delivery through faults', () => {
  it('delivers everything in order when the platform is healthy', async () => {
    const { t, receiver, worker } = await setup();
    worker.start();
    for (let i = 0; i < 8; i++) t.playRound(i);
    await until(() => delivered(receiver) === 8, 10_000, '8 outcomes stored');
    expectExactlyOnce(receiver, 8);
    expect(receiver.stats.rejected).toEqual({});
  });

  it.each<FaultMode>(['down', 'error500', 'slow', 'reset'])(
    'platform %s for a while: the backlog grows and alarms, then all is delivered once, in order',
    async (mode) => {
      const { t, receiver, proxy, worker, statuses } = await setup();
      proxy.slowMs = 600; // twice the desk's 300 ms timeout
      if (mode === 'down') await proxy.down();
      else proxy.mode = mode;
      worker.start();
      for (let i = 0; i < 10; i++) t.playRound(i);
      await until(() => statuses.some((s) => s.alarm && s.backlog >= 5), 10_000, 'the backlog alarm');
      const failing = statuses.filter((s) => s.state !== 'ok');
      expect(failing.length).toBeGreaterThan(0);
      expect(failing.at(-1)?.reason).toMatch(
        mode === 'error500' ? /answered 500/ : /ECONNREFUSED|ECONNRESET|socket hang up|no answer within/,
      );
      if (mode !== 'slow') expect(delivered(receiver)).toBe(0);
      await new Promise((r) => setTimeout(r, 500)); // still failing a while: retries keep their backoff
      await proxy.up('pass');
      await until(() => delivered(receiver) === 10, 15_000, '10 outcomes stored');
      await until(() => worker.current.backlog === 0 && worker.current.state === 'ok', 5000, 'backlog 0');
      expectExactlyOnce(receiver, 10);
      expect(worker.current.alarm).toBe(false);
      if (mode === 'slow') expect(receiver.stats.duplicates).toBeGreaterThan(0); // accepted, but answered too late
      expect(Object.keys(receiver.stats.rejected)).toEqual([]);
      expect(proxy.seen[mode]).toBeGreaterThan(mode === 'down' ? -1 : 1);
    },
  );

  it('resumes from the delivered cursor after a restart of the desk, without resending the delivered', async () => {
    const { t, receiver, worker } = await setup();
    worker.start();
    for (let i = 0; i < 4; i++) t.playRound(i);
    await until(() => delivered(receiver) === 4, 10_000, '4 stored');
    await worker.stop();
    t.close();
    t.open();
    const again = webhookWorker(t, receiver.url);
    cleanups.push(() => again.worker.stop());
    expect(again.worker.current.deliveredSeq).toBe(4);
    again.worker.start();
    t.playRound(9);
    await until(() => delivered(receiver) === 5, 10_000, '5 stored');
    expectExactlyOnce(receiver, 5);
    expect(receiver.stats.duplicates).toBe(0);
  });
});
