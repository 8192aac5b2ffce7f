/**
 * The regulator's tools on a table's log and on delivered outcomes, as a user runs them: an intact
 * log verifies; a changed byte, a removed outcome, a reordering each fail and name what is wrong;
 * an inclusion proof printed by `log proof` verifies against its signed tree head.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../engine/journal/sqlite-driver';
import { verifyInclusion } from '../../engine/transparency/merkle';
import { verifyTreeHead } from '../../engine/transparency/signed-tree-head';
import { leafHash } from '../../engine/transparency/merkle';
import { allOutcomes } from '../../engine/outcomes/outbox';
import { cleanupTempDirs } from '../outcomes/outcome-fixtures';
import { SignedTable } from '../outcomes/support/signed-table';
import { runCli } from '../support/spawn-cli';

let t: SignedTable;
let jws: string[];
beforeEach(async () => {
  t = await SignedTable.create();
  for (let i = 0; i < 6; i++) t.playRound(i + 3);
  jws = t.journal.sideTx((tx) => allOutcomes(tx)).map((r) => r.jws);
  writeFileSync(join(t.dir, 'jwks.json'), JSON.stringify(t.keys.jwks()));
  t.close();
});
afterEach(cleanupTempDirs);

/** Edits the journal file as an attacker with write access would. */
function tamper(sql: string, ...params: unknown[]): void {
  const Database = loadSqlite();
  const db = new Database(t.journalPath);
  db.prepare(sql).run(...params);
  db.close();
}

const logVerify = () =>
  runCli(['log', 'verify', '--journal', t.journalPath, '--jwks', join(t.dir, 'jwks.json')]);
const outcomeVerify = (lines: string[]) => {
  const file = join(t.dir, `outcomes-${Math.random()}.txt`);
  writeFileSync(file, lines.join('\n'));
  return runCli(['outcome', 'verify', file, '--jwks', join(t.dir, 'jwks.json')]);
};

describe('studio-desk log and outcome verify', () => {
  it('an intact log verifies, and so do the outcomes as delivered', async () => {
    const r = await logVerify();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/outcomes: 6, signed tree heads: 6/);
    const o = await outcomeVerify(jws);
    expect(o.code, o.stdout).toBe(0);
    expect(o.stdout).toMatch(/OK: 6 outcome\(s\) verified/);
  });

  it('a changed byte of a stored outcome fails and names it', async () => {
    const changed = (jws[2] as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    tamper('UPDATE outcome_outbox SET jws = ? WHERE sequence = 3', changed);
    const r = await logVerify();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/outcome rt1-3 \(sequence 3\): .*(bad_signature|leaf hash)/);
    expect(r.stdout).toMatch(/tree head of size 3: .*not the root of the first 3 outcomes/);
  });

  it('a removed outcome fails: the chain names the missing sequence, the tree heads no longer match', async () => {
    tamper('DELETE FROM outcome_outbox WHERE sequence = 4');
    const r = await logVerify();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/sequence 4: chain: missing/);
    expect(r.stdout).toMatch(/tree head of size 4: .*not the root of the first 4 outcomes/);
    const o = await outcomeVerify(jws.filter((_, i) => i !== 3));
    expect(o.code).toBe(1);
    expect(o.stdout).toMatch(/table rt1, sequence 4: missing/);
  });

  it('reordered outcomes fail and say so', async () => {
    const swapped = [...jws];
    [swapped[1], swapped[2]] = [swapped[2] as string, swapped[1] as string];
    const o = await outcomeVerify(swapped);
    expect(o.code).toBe(1);
    expect(o.stdout).toMatch(/sequence 2: out_of_order/);
  });

  it('a changed byte of a delivered outcome fails its signature check', async () => {
    const [h, p, s] = (jws[0] as string).split('.') as [string, string, string];
    const text = Buffer.from(p, 'base64url').toString().replace('"studio":"riga"', '"studio":"rigb"');
    const o = await outcomeVerify([`${h}.${Buffer.from(text).toString('base64url')}.${s}`, ...jws.slice(1)]);
    expect(o.code).toBe(1);
    expect(o.stdout).toMatch(/outcome #1 of the file: bad_signature/);
  });

  it('log proof prints an inclusion proof that verifies against the signed tree head it names', async () => {
    const r = await runCli(['log', 'proof', 'rt1-2', '--journal', t.journalPath]);
    expect(r.code, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout) as {
      leafIndex: number;
      treeSize: number;
      rootHash: string;
      treeHead: string;
      inclusionPath: string[];
      outcome: string;
    };
    expect(p.treeSize).toBe(6);
    const head = await verifyTreeHead(p.treeHead, t.keys.jwks());
    expect(head.ok && head.head.rootHash).toBe(p.rootHash);
    const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
    const leaf = leafHash(Buffer.from(p.outcome));
    expect(
      verifyInclusion(leaf, p.leafIndex, p.treeSize, p.inclusionPath.map(bytes), bytes(p.rootHash)),
    ).toBe(true);
    expect(
      verifyInclusion(leaf, p.leafIndex + 1, p.treeSize, p.inclusionPath.map(bytes), bytes(p.rootHash)),
    ).toBe(false);
    const c = await runCli(['log', 'consistency', '--journal', t.journalPath, '--from', '3']);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).consistencyPath.length).toBeGreaterThan(0);
  });

  it('keys export prints the public JWKS and no private key', async () => {
    const r = await runCli(['keys', 'export', '--dir', join(t.dir, 'keys')]);
    expect(r.code, r.stderr).toBe(0);
    const jwks = JSON.parse(r.stdout) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([t.keys.current().kid]);
    expect(r.stdout).not.toMatch(/"d"/);
  });

  it('removing the last outcome with its tree head and log state is still caught by the journal', async () => {
    tamper('DELETE FROM outcome_outbox WHERE sequence = 6');
    tamper('DELETE FROM outcome_tree_heads WHERE tree_size = 6');
    tamper('DELETE FROM outcome_log_state');
    const r = await logVerify();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/round rt1-6: final in the journal at seq \d+, but it has no outcome/);
  });
});
