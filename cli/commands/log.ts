import {
  allOutcomes,
  latestTreeHead,
  outcomeById,
  readFrontier,
  treeHeads,
} from '../../engine/outcomes/outbox';
import { consistencyProof, inclusionProof, verifyInclusion } from '../../engine/transparency/merkle';
import { verifyLog } from '../../engine/transparency/verify-log';
import { toHex } from '../../engine/transparency/tree-head';
import { UsageError, jsonLine, numberOption, parse } from '../args';
import { loadJwks, withLog } from './log-source';

export const LOG_USAGE = `studio-desk log proof OUTCOME_ID --journal FILE [--size N]
studio-desk log consistency --journal FILE --from M [--to N]
studio-desk log verify --journal FILE [--jwks FILE | --keys DIR] [--json]

The transparency log of a table's signed outcomes (RFC 9162 Merkle tree, a signed tree head
after every outcome), kept in the table's journal file.

proof        the inclusion proof of an outcome, as JSON: leaf index, leaf hash (SHA-256 of 0x00 and
             the outcome's JWS), the audit path, and the signed tree head it is proven against
             (the latest, or the one of --size N)
consistency  the consistency proof between the signed tree heads of sizes M and N (default the latest)
verify       every outcome (signature, canonical form, stored hashes), the chain (sequence, links),
             every signed tree head against the leaves, the journal's hash chain, and that every
             round the journal made final has its outcome; names each problem. Exit 0 intact,
             1 tampered, 2 unreadable. Keys: --jwks FILE, or the keys/ folder beside the journal.

The journal is opened read-only. A running desk holds its journal locked: stop the desk first.`;

export async function logCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'proof') return proof(rest);
  if (sub === 'consistency') return consistency(rest);
  if (sub === 'verify') return verify(rest);
  throw new UsageError(
    `${sub === undefined ? 'say what to do: proof, consistency or verify' : `unknown log command "${sub}"`}\n\n${LOG_USAGE}`,
  );
}

function journalOf(values: Record<string, unknown>): string {
  if (typeof values.journal !== 'string' || values.journal === '')
    throw new UsageError(`--journal FILE is required\n\n${LOG_USAGE}`);
  return values.journal;
}

const hex = (b: Uint8Array) => toHex(b);
const bytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

async function proof(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { journal: { type: 'string' }, size: { type: 'string' } },
    LOG_USAGE,
  );
  const id = positionals[0];
  if (!id || positionals.length > 1) throw new UsageError(`give one OUTCOME_ID\n\n${LOG_USAGE}`);
  const path = journalOf(values);
  const size = numberOption(values.size as string | undefined, 'size', [1, Number.MAX_SAFE_INTEGER]);
  return withLog('log proof', path, async (journal) => {
    const { row, leaves, head } = journal.sideTx((tx) => {
      const heads = treeHeads(tx);
      return {
        row: outcomeById(tx, id),
        leaves: allOutcomes(tx).map((r) => bytes(r.leaf_hash)),
        head: size === undefined ? latestTreeHead(tx) : heads.find((h) => h.tree_size === size),
      };
    });
    if (!row) {
      process.stderr.write(`studio-desk log proof: no outcome ${id} in ${path}\n`);
      return 1;
    }
    if (!head || head.tree_size < row.sequence) {
      process.stderr.write(
        `studio-desk log proof: no signed tree head of size ${size ?? '?'} that includes ${id}\n`,
      );
      return 1;
    }
    const index = row.sequence - 1;
    const path_ = inclusionProof(leaves.slice(0, head.tree_size), index);
    const ok = verifyInclusion(bytes(row.leaf_hash), index, head.tree_size, path_, bytes(head.root_hash));
    jsonLine({
      outcomeId: row.outcome_id,
      leafIndex: index,
      leafHash: row.leaf_hash,
      treeSize: head.tree_size,
      rootHash: head.root_hash,
      treeHead: head.jws,
      inclusionPath: path_.map(hex),
      outcome: row.jws,
      verified: ok,
    });
    return ok ? 0 : 1;
  });
}

async function consistency(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { journal: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    LOG_USAGE,
  );
  const path = journalOf(values);
  const from = numberOption(values.from as string | undefined, 'from', [1, Number.MAX_SAFE_INTEGER]);
  if (from === undefined) throw new UsageError(`--from M is required\n\n${LOG_USAGE}`);
  const to = numberOption(values.to as string | undefined, 'to', [1, Number.MAX_SAFE_INTEGER]);
  return withLog('log consistency', path, async (journal) => {
    const { leaves, heads } = journal.sideTx((tx) => ({
      leaves: allOutcomes(tx).map((r) => bytes(r.leaf_hash)),
      heads: treeHeads(tx),
    }));
    const second = to === undefined ? heads.at(-1) : heads.find((h) => h.tree_size === to);
    const first = heads.find((h) => h.tree_size === from);
    if (!first || !second || first.tree_size > second.tree_size) {
      process.stderr.write(
        `studio-desk log consistency: no signed tree heads of sizes ${from} and ${to ?? 'latest'}\n`,
      );
      return 1;
    }
    jsonLine({
      first: { treeSize: first.tree_size, rootHash: first.root_hash, treeHead: first.jws },
      second: { treeSize: second.tree_size, rootHash: second.root_hash, treeHead: second.jws },
      consistencyPath: consistencyProof(leaves.slice(0, second.tree_size), first.tree_size).map(hex),
    });
    return 0;
  });
}

async function verify(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      journal: { type: 'string' },
      jwks: { type: 'string' },
      keys: { type: 'string' },
      json: { type: 'boolean' },
    },
    LOG_USAGE,
  );
  const path = journalOf(values);
  const jwks = await loadJwks(values, path);
  return withLog('log verify', path, async (journal) => {
    const { rows, heads, frontier } = journal.sideTx((tx) => ({
      rows: allOutcomes(tx),
      heads: treeHeads(tx),
      frontier: readFrontier(tx),
    }));
    const finals = journal.sideTx((tx) =>
      tx.all<{ seq: number; roundId: string }>(
        "SELECT seq, json_extract(data, '$.roundId') AS roundId FROM journal WHERE kind IN ('round.settled', 'round.voided') ORDER BY seq",
      ),
    );
    const report = await verifyLog(rows, heads, jwks, frontier, finals);
    const chain = journal.verify();
    if (!chain.ok)
      report.problems.unshift(
        ...chain.problems.map((p) => ({ where: `journal entry ${p.seq}`, problem: p.problem })),
      );
    report.ok = report.problems.length === 0;
    if (values.json) jsonLine({ journal: path, ...report });
    else {
      process.stdout.write(
        `log: ${path}\noutcomes: ${report.outcomes}, signed tree heads: ${report.treeHeads}, root ${report.rootHash}\n`,
      );
      for (const p of report.problems) process.stdout.write(`  ${p.where}: ${p.problem}\n`);
      process.stdout.write(report.ok ? 'intact\n' : `TAMPERED: ${report.problems.length} problem(s)\n`);
    }
    return report.ok ? 0 : 1;
  });
}
