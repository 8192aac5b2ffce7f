/**
 * The reference receiver's checks, on real signed outcomes of a table: every kind of bad delivery
 * is refused with a code naming it, duplicates are absorbed, and nothing refused is stored.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outcomeMessage } from '../../engine/delivery/message';
import { webhookHeaders } from '../../engine/delivery/standard-webhooks';
import { pendingAfter, type PendingOutcome } from '../../engine/outcomes/outbox';
import { JwksSource } from '../../engine/platform/jwks-source';
import { PlatformReceiver } from '../../engine/platform/receiver';
import { cleanupTempDirs } from '../outcomes/outcome-fixtures';
import { SignedTable } from '../outcomes/support/signed-table';

const SECRET = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
let t: SignedTable;
let receiver: PlatformReceiver;
let outcomes: PendingOutcome[];

beforeEach(async () => {
  t = await SignedTable.create();
  for (let i = 0; i < 4; i++) t.playRound(i + 10);
  outcomes = t.journal.sideTx((tx) => pendingAfter(tx, 0, 100));
  receiver = await PlatformReceiver.start({
    port: 0,
    jwks: JwksSource.of(t.keys.jwks()),
    storePath: join(t.dir, 'r.sqlite'),
    secret: SECRET,
    aheadWaitMs: 300,
  });
});
afterEach(async () => {
  await receiver.stop();
  t.close();
  cleanupTempDirs();
});

const o = (i: number) => outcomes[i] as PendingOutcome;
function deliver(
  row: PendingOutcome,
  patch: { body?: string; secret?: string; id?: string; at?: number } = {},
) {
  const body = patch.body ?? outcomeMessage(row, row.tree_head_jws);
  const headers = webhookHeaders(
    patch.id ?? row.outcome_id,
    body,
    patch.secret ?? SECRET,
    patch.at ?? Date.now(),
  );
  return receiver.receive(headers, body);
}
const errorOf = async (p: ReturnType<typeof deliver>) => {
  const v = await p;
  return 'error' in v.body ? v.body.error : 'ok';
};

describe('reference receiver', () => {
  it('accepts a table in order, and answers a redelivery as a duplicate without storing it twice', async () => {
    for (let i = 0; i < 4; i++) expect((await deliver(o(i))).status).toBe(200);
    expect(await deliver(o(2))).toEqual({ status: 200, body: { duplicate: true, outcomeId: 'rt1-3' } });
    expect(receiver.store.count()).toBe(4);
    expect(receiver.stats).toMatchObject({ accepted: 4, duplicates: 1 });
  });

  it('refuses a gap (an outcome removed) and a reordering, naming the sequence it needs', async () => {
    await deliver(o(0));
    const gap = await deliver(o(2));
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: 'gap', message: expect.stringContaining('expected sequence 2') });
    expect(receiver.store.count()).toBe(1);
  });

  it('a delivery that overtook its predecessor (pipelined desk) waits for it: both accepted, in order', async () => {
    const third = deliver(o(2));
    const second = deliver(o(1));
    const first = deliver(o(0));
    const verdicts = await Promise.all([first, second, third]);
    expect(verdicts.map((v) => v.body)).toEqual([
      { accepted: true, outcomeId: 'rt1-1', sequence: 1 },
      { accepted: true, outcomeId: 'rt1-2', sequence: 2 },
      { accepted: true, outcomeId: 'rt1-3', sequence: 3 },
    ]);
    expect(receiver.store.list({}).map((r) => r.sequence)).toEqual([1, 2, 3]);
  });

  it('a resend that arrives before the original is committed is a duplicate, not a conflict', async () => {
    const [a, b] = await Promise.all([deliver(o(0)), deliver(o(0))]);
    expect([a.body, b.body]).toEqual([
      { accepted: true, outcomeId: 'rt1-1', sequence: 1 },
      { duplicate: true, outcomeId: 'rt1-1' },
    ]);
    expect(receiver.store.count()).toBe(1);
  });

  it('refuses any changed byte of the signed outcome', async () => {
    const row = o(0);
    const [h, p, s] = row.jws.split('.') as [string, string, string];
    const payload = Buffer.from(p, 'base64url').toString('utf8').replace('"number":10', '"number":11');
    const forged = { ...row, jws: `${h}.${Buffer.from(payload).toString('base64url')}.${s}` };
    expect(await errorOf(deliver(forged))).toBe('bad_signature');
    // One character of the signature changed (the third from the end carries only signature bits).
    const at = row.jws.length - 3;
    const flipped = {
      ...row,
      jws: row.jws.slice(0, at) + (row.jws[at] === 'A' ? 'B' : 'A') + row.jws.slice(at + 1),
    };
    expect(flipped.jws).not.toBe(row.jws);
    expect(await errorOf(deliver(flipped))).toMatch(/bad_signature|malformed/);
    expect(receiver.store.count()).toBe(0);
  });

  it('refuses a wrong webhook secret, a changed body, a stale timestamp and a mismatched webhook-id', async () => {
    expect(await errorOf(deliver(o(0), { secret: 'whsec_' + Buffer.from('other').toString('base64') }))).toBe(
      'webhook_signature',
    );
    expect(await errorOf(deliver(o(0), { at: Date.now() - 3600_000 }))).toBe('webhook_signature');
    expect(await errorOf(deliver(o(0), { id: 'rt1-9' }))).toBe('bad_request');
    expect(await errorOf(deliver(o(0), { body: '{"type":"round.outcome"}' }))).toBe('bad_request');
  });

  it('refuses a tree head that is not the log of what it received, and an outcome signed by an unknown key', async () => {
    await deliver(o(0));
    expect(await errorOf(deliver({ ...o(1), tree_head_jws: o(2).tree_head_jws }))).toBe('tree_head');
    await deliver(o(1));
    // Another table's desk with the same id but other keys cannot slip in: unknown kid.
    const other = await SignedTable.create();
    other.playRound(1);
    const foreign = other.journal.sideTx((tx) => pendingAfter(tx, 0, 1))[0] as PendingOutcome;
    expect(await errorOf(deliver(foreign))).toBe('unknown_kid');
    other.close();
  });

  it('rebuilds each table chain from its store after a restart', async () => {
    await deliver(o(0));
    await deliver(o(1));
    const path = join(t.dir, 'r.sqlite');
    await receiver.stop();
    receiver = await PlatformReceiver.start({
      port: 0,
      jwks: JwksSource.of(t.keys.jwks()),
      storePath: path,
      secret: SECRET,
    });
    expect((await deliver(o(1))).body).toMatchObject({ duplicate: true });
    expect((await deliver(o(2))).status).toBe(200);
    expect(receiver.store.count()).toBe(3);
  });
});
