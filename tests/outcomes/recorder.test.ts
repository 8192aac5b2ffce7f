/**
 * Outcomes built from the engine: a round's final entry, its signed outcome, the log leaf and the
 * signed tree head commit together; sequence and chain come from the outbox, so they survive a
 * reopen; evidence is copied from the round's own journal entries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../engine/outcomes/chain';
import { allOutcomes, treeHeads } from '../../engine/outcomes/outbox';
import { verifyOutcome } from '../../engine/outcomes/sign';
import { rootOf } from '../../engine/transparency/merkle';
import { verifyTreeHead } from '../../engine/transparency/signed-tree-head';
import { toHex } from '../../engine/transparency/tree-head';
import type { OutcomeDocument } from '../../engine/outcomes/document';
import { cleanupTempDirs } from './outcome-fixtures';
import { SignedTable } from './support/signed-table';

afterEach(cleanupTempDirs);

async function docsOf(t: SignedTable): Promise<OutcomeDocument[]> {
  const rows = t.journal.sideTx((tx) => allOutcomes(tx));
  const docs: OutcomeDocument[] = [];
  for (const r of rows) {
    const v = await verifyOutcome(r.jws, t.keys.jwks());
    if (!v.ok) throw new Error(`${r.outcome_id}: ${v.message}`);
    docs.push(v.doc);
  }
  return docs;
}

describe('outcome recorder on the round engine', () => {
  it('signs one outcome per finished round, gap-free and chained, with the sensor frames as evidence', async () => {
    const t = await SignedTable.create();
    t.playRound(17);
    t.playRound(0);
    const voided = t.playRound(5, 'void');
    const docs = await docsOf(t);
    expect(docs.map((d) => d.sequence)).toEqual([1, 2, 3]);
    expect(docs.map((d) => d.outcomeId)).toEqual(['rt1-1', 'rt1-2', 'rt1-3']);
    expect(verifyChain(docs).ok).toBe(true);
    const [first, second, third] = docs as [OutcomeDocument, OutcomeDocument, OutcomeDocument];
    expect(first.result).toEqual({ number: 17, colour: 'black' });
    expect(second.result).toEqual({ number: 0, colour: 'green' });
    expect(first.status).toBe('settled');
    expect(third.roundId).toBe(voided);
    expect(third.result).toBeNull();
    expect(third.status).toEqual({
      void: { reason: 'ball jumped out', approver: { id: 'fm-ana', role: 'floor_manager' } },
    });
    expect(Object.keys(first.phases).sort()).toEqual([
      'ballLaunched',
      'bettingClosed',
      'bettingOpened',
      'result',
      'settled',
    ]);
    expect(String(first.phases.settled) > String(first.phases.result)).toBe(true);
    const sensor = first.evidence.sensor;
    expect(sensor.status).toBe('present');
    if (sensor.status === 'present') {
      expect(sensor.deviceId).toBe('wheel sdlp@sim');
      expect(sensor.events.map((e) => e.kind)).toEqual(['device.wheel.ballLaunched', 'device.wheel.result']);
      expect(sensor.events[1]?.frames[0]).toContain('"number":17');
    }
    expect(first.evidence.vision.status).toBe('absent');
    expect(first.evidence.recording.status).toBe('absent');
    expect(first.clock).toEqual({ synced: false, source: 'unknown: test clock' });
    // The final entry the evidence names is the round's settle.
    const final = [...t.journal.entries(first.evidence.journal.finalSeq)][0];
    expect(final?.kind).toBe('round.settled');
    t.close();
  });

  it('keeps numbering and the chain across a reopen of the journal', async () => {
    const t = await SignedTable.create();
    t.playRound(1);
    t.playRound(2);
    t.close();
    t.open();
    t.playRound(3);
    const docs = await docsOf(t);
    expect(docs.map((d) => d.sequence)).toEqual([1, 2, 3]);
    expect(verifyChain(docs).ok).toBe(true);
    t.close();
  });

  it('signs a tree head after every outcome whose root is the RFC 9162 root of the leaves so far', async () => {
    const t = await SignedTable.create();
    for (let i = 0; i < 5; i++) t.playRound(i + 1);
    const rows = t.journal.sideTx((tx) => allOutcomes(tx));
    const heads = t.journal.sideTx((tx) => treeHeads(tx));
    expect(heads.map((h) => h.tree_size)).toEqual([1, 2, 3, 4, 5]);
    const leaves = rows.map((r) => Uint8Array.from(Buffer.from(r.leaf_hash, 'hex')));
    for (const h of heads) {
      expect(h.root_hash).toBe(toHex(rootOf(leaves.slice(0, h.tree_size))));
      const v = await verifyTreeHead(h.jws, t.keys.jwks());
      expect(v.ok && v.head.rootHash).toBe(h.root_hash);
    }
    t.close();
  });

  it('copies OBS timecodes of the round into the evidence', async () => {
    const t = await SignedTable.create();
    t.engine.handle({
      source: 'operator',
      command: { cmd: 'openBetting', roundId: null, user: { id: 'dl-bo', role: 'dealer' } },
    });
    t.journal.append({
      kind: 'studio.timecode',
      actor: { id: 'obs', role: 'system' },
      data: {
        roundId: 'rt1-1',
        phase: 'betting_open',
        at: t.clock.now(),
        recording: { active: true, timecode: '00:10:00.250', outputPath: '/rec/a.mkv' },
        streaming: { active: false, timecode: null },
      },
    });
    t.engine.handle({
      source: 'operator',
      command: {
        cmd: 'void',
        roundId: 'rt1-1',
        user: { id: 'fm-ana', role: 'floor_manager' },
        reason: 'test',
      },
    });
    const [doc] = await docsOf(t);
    expect(doc?.evidence.recording).toEqual({
      status: 'present',
      timecodes: [
        {
          phase: 'betting_open',
          journalSeq: 3, // after command.openBetting and round.opened
          recording: { active: true, timecode: '00:10:00.250', outputPath: '/rec/a.mkv' },
          streaming: { active: false, timecode: null },
        },
      ],
    });
    t.close();
  });

  it('does not make a round final when its outcome cannot be signed: nothing of the settle is written', async () => {
    const t = await SignedTable.create();
    t.playRound(7);
    const head = t.journal.headSeq();
    const rid = 'rt1-2';
    const keys = t.keys as unknown as { signer: () => unknown };
    const dealer = { id: 'dl-bo', role: 'dealer' } as const;
    t.engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId: 'rt1-1', user: dealer } });
    keys.signer = () => {
      throw new Error('key store unavailable');
    };
    (t.recorder as unknown as { signerCache: undefined }).signerCache = undefined;
    const r = t.engine.handle({
      source: 'operator',
      command: { cmd: 'void', roundId: rid, user: { id: 'fm-ana', role: 'floor_manager' }, reason: 'x' },
    });
    expect(r.ok).toBe(false);
    expect([...t.journal.entries(head + 1)].map((e) => e.kind)).toEqual([
      'command.openBetting',
      'round.opened',
    ]);
    expect(t.journal.sideTx((tx) => allOutcomes(tx))).toHaveLength(1);
    t.close();
  });
});
