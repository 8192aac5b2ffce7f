/**
 * JetStream delivery against a real nats-server (Debian's, -js): subject per studio and table,
 * Nats-Msg-Id = outcome id, a server restart in the middle, and a desk whose delivered cursor was
 * lost (as after a kill -9 before the cursor write): the stream still holds each outcome once.
 */
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterEach, describe, expect, it } from 'vitest';
import { NatsTarget } from '../../engine/delivery/nats-target';
import { JwksSource } from '../../engine/platform/jwks-source';
import { NatsIntake } from '../../engine/platform/nats-intake';
import { PlatformReceiver } from '../../engine/platform/receiver';
import { join } from 'node:path';
import { DeliveryWorker } from '../../engine/delivery/worker';
import { verifyOutcome } from '../../engine/outcomes/sign';
import { cleanupTempDirs } from '../outcomes/outcome-fixtures';
import { SignedTable } from '../outcomes/support/signed-table';
import { NatsServer } from '../support/nats-server';
import { havePeer } from '../support/peers';
import { until } from './support';

const HAVE = havePeer('nats-server', 'the JetStream delivery test');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  cleanupTempDirs();
});

const SUBJECT = 'outcomes.riga.rt1';

function worker(t: SignedTable, server: NatsServer): DeliveryWorker {
  const w = new DeliveryWorker(
    t.journal,
    new NatsTarget({ servers: [server.url], subject: SUBJECT, timeoutMs: 500 }),
    {
      backoff: { initialMs: 20, maxMs: 300, factor: 2, jitter: 0.5 },
      pollMs: 100,
    },
  );
  t.recorder.on('enqueued', () => w.notify());
  return w;
}

async function streamContents(server: NatsServer): Promise<{ ids: string[]; seqs: string[] }> {
  const nc = await connect({ servers: server.url });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info('OUTCOMES');
    const ids: string[] = [];
    const seqs: string[] = [];
    for (let s = info.state.first_seq; s <= info.state.last_seq && info.state.messages > 0; s++) {
      const m = await jsm.streams.getMessage('OUTCOMES', { seq: s });
      if (!m) continue;
      expect(m.subject).toBe(SUBJECT);
      ids.push(m.header.get('Nats-Msg-Id'));
      seqs.push(m.header.get('Studio-Desk-Sequence'));
    }
    return { ids, seqs };
  } finally {
    await nc.close();
  }
}

describe.skipIf(!HAVE)('NATS JetStream delivery', () => {
  it('publishes every outcome once, in order, through a server restart', { timeout: 60_000 }, async () => {
    const server = await NatsServer.start();
    const t = await SignedTable.create();
    const w = worker(t, server);
    cleanups.push(
      () => server.stop(),
      () => t.close(),
      () => w.stop(),
    );
    w.start();
    for (let i = 0; i < 5; i++) t.playRound(i);
    await until(() => w.current.deliveredSeq === 5, 15_000, '5 published');
    await server.down();
    for (let i = 0; i < 5; i++) t.playRound(i + 5);
    await until(() => w.current.state !== 'ok', 10_000, 'the worker to see the server gone');
    await server.up();
    await until(() => w.current.deliveredSeq === 10 && w.current.backlog === 0, 20_000, '10 published');
    const { ids } = await streamContents(server);
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `rt1-${i + 1}`));
  });

  it(
    'absorbs a redelivery of everything (cursor lost) without a duplicate in the stream',
    { timeout: 60_000 },
    async () => {
      const server = await NatsServer.start();
      const t = await SignedTable.create();
      cleanups.push(
        () => server.stop(),
        () => t.close(),
      );
      const first = worker(t, server);
      first.start();
      for (let i = 0; i < 4; i++) t.playRound(i);
      await until(() => first.current.deliveredSeq === 4, 15_000, '4 published');
      await first.stop();
      // As if the desk died before writing its cursor: it starts over from 0.
      t.journal.sideTx((tx) => tx.run("DELETE FROM outcome_delivery WHERE target = 'nats'"));
      const again = worker(t, server);
      cleanups.push(() => again.stop());
      expect(again.current.deliveredSeq).toBe(0);
      again.start();
      t.playRound(9);
      await until(() => again.current.deliveredSeq === 5, 15_000, '5 published');
      const { ids, seqs } = await streamContents(server);
      expect(ids).toEqual(['rt1-1', 'rt1-2', 'rt1-3', 'rt1-4', 'rt1-5']);
      expect(seqs).toEqual(['1', '2', '3', '4', '5']);
      // And what is in the stream verifies.
      const nc = await connect({ servers: server.url });
      const jsm = await jetstreamManager(nc);
      const m = await jsm.streams.getMessage('OUTCOMES', { last_by_subj: SUBJECT });
      const body = m?.json<{ data: { jws: string } }>();
      const v = await verifyOutcome(String(body?.data.jws), t.keys.jwks());
      expect(v.ok && v.doc.sequence).toBe(5);
      await nc.close();
    },
  );

  it(
    'the reference receiver takes them from the stream and checks them like webhooks',
    { timeout: 60_000 },
    async () => {
      const server = await NatsServer.start();
      const t = await SignedTable.create();
      const w = worker(t, server);
      cleanups.push(
        () => server.stop(),
        () => t.close(),
        () => w.stop(),
      );
      w.start();
      for (let i = 0; i < 6; i++) t.playRound(i);
      await until(() => w.current.deliveredSeq === 6, 15_000, '6 published');
      const receiver = await PlatformReceiver.start({
        port: 0,
        jwks: JwksSource.of(t.keys.jwks()),
        storePath: join(t.dir, 'r.sqlite'),
      });
      const intake = await NatsIntake.start(receiver, { servers: [server.url], subject: 'outcomes.>' });
      cleanups.push(
        () => receiver.stop(),
        () => intake.stop(),
      );
      await until(() => receiver.store.count() === 6, 15_000, '6 taken from the stream');
      expect(receiver.store.list({ table: 'rt1' }).map((r) => [r.sequence, r.via])).toEqual(
        Array.from({ length: 6 }, (_, i) => [i + 1, 'nats']),
      );
      expect(receiver.stats.rejected).toEqual({});
    },
  );
});
