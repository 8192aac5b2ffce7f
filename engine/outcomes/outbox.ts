/**
 * The outbox and transparency log, side tables of the table's journal file (one SQLite file: the
 * final round entry, its signed outcome, its log leaf and the new signed tree head commit in one
 * transaction, or none of them do).
 *
 *   outcome_outbox      one row per outcome: sequence (gap-free, = log leaf index + 1), ids, the JWS,
 *                       sha256 of the canonical document (what the next outcome links to), leaf hash
 *   outcome_tree_heads  a signed tree head per tree size
 *   outcome_log_state   the log's frontier (compact-range.ts), so the next root costs O(log n)
 *   outcome_delivery    per delivery target, the highest sequence delivered (delivery is in order,
 *                       so one number is the whole delivered state)
 *
 * Sequence and previous hash are read from `outcome_outbox` inside the transaction that writes the
 * next row: a desk killed at any moment can neither skip a number nor use one twice.
 */
import type { JournalSideTx, JournalTx } from '../journal/types';
import { EMPTY_FRONTIER, type Frontier } from '../transparency/compact-range';
import { GENESIS_OUTCOME_HASH } from './document';

export const OUTBOX_SCHEMA = `
CREATE TABLE IF NOT EXISTS outcome_outbox (
  sequence INTEGER PRIMARY KEY,
  outcome_id TEXT NOT NULL UNIQUE,
  round_id TEXT NOT NULL UNIQUE,
  journal_seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  hash TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  jws TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcome_tree_heads (
  tree_size INTEGER PRIMARY KEY,
  root_hash TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  jws TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcome_log_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  frontier TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcome_delivery (
  target TEXT PRIMARY KEY,
  delivered_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);`;

export interface OutboxRow {
  sequence: number;
  outcome_id: string;
  round_id: string;
  journal_seq: number;
  created_at: number;
  hash: string;
  leaf_hash: string;
  jws: string;
}

export interface TreeHeadRow {
  tree_size: number;
  root_hash: string;
  timestamp: number;
  jws: string;
}

/** Creates the tables (idempotent). Statement by statement: JournalTx runs one at a time. */
export function ensureOutboxSchema(tx: JournalTx): void {
  for (const stmt of OUTBOX_SCHEMA.split(';')) if (stmt.trim() !== '') tx.run(stmt);
}

/** Whether this journal has outcome tables at all (a read-only journal of an older desk may not). */
export function hasOutbox(tx: JournalSideTx): boolean {
  return (
    tx.get("SELECT 1 AS x FROM sqlite_schema WHERE type = 'table' AND name = 'outcome_outbox'") !== undefined
  );
}

export function lastOutcome(tx: JournalTx): { sequence: number; hash: string } {
  const row = tx.get<{ sequence: number; hash: string }>(
    'SELECT sequence, hash FROM outcome_outbox ORDER BY sequence DESC LIMIT 1',
  );
  return row ?? { sequence: 0, hash: GENESIS_OUTCOME_HASH };
}

export function outcomeOfRound(tx: JournalTx, roundId: string): { sequence: number } | undefined {
  return tx.get<{ sequence: number }>('SELECT sequence FROM outcome_outbox WHERE round_id = ?', roundId);
}

export function readFrontier(tx: JournalTx): Frontier {
  const row = tx.get<{ frontier: string }>('SELECT frontier FROM outcome_log_state WHERE id = 1');
  return row ? (JSON.parse(row.frontier) as Frontier) : EMPTY_FRONTIER;
}

export function writeFrontier(tx: JournalTx, frontier: Frontier): void {
  tx.run(
    'INSERT INTO outcome_log_state (id, frontier) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier',
    JSON.stringify(frontier),
  );
}

export function insertOutcome(tx: JournalTx, row: OutboxRow): void {
  tx.run(
    'INSERT INTO outcome_outbox (sequence, outcome_id, round_id, journal_seq, created_at, hash, leaf_hash, jws) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    row.sequence,
    row.outcome_id,
    row.round_id,
    row.journal_seq,
    row.created_at,
    row.hash,
    row.leaf_hash,
    row.jws,
  );
}

export function insertTreeHead(tx: JournalTx, row: TreeHeadRow): void {
  tx.run(
    'INSERT INTO outcome_tree_heads (tree_size, root_hash, timestamp, jws) VALUES (?, ?, ?, ?)',
    row.tree_size,
    row.root_hash,
    row.timestamp,
    row.jws,
  );
}

/** Outcomes after `afterSequence`, in order, at most `limit`. */
export function outcomesAfter(tx: JournalSideTx, afterSequence: number, limit: number): OutboxRow[] {
  return tx.all<OutboxRow>(
    'SELECT * FROM outcome_outbox WHERE sequence > ? ORDER BY sequence LIMIT ?',
    afterSequence,
    limit,
  );
}

export function allOutcomes(tx: JournalSideTx): OutboxRow[] {
  return tx.all<OutboxRow>('SELECT * FROM outcome_outbox ORDER BY sequence');
}

export function outcomeById(tx: JournalSideTx, outcomeId: string): OutboxRow | undefined {
  return tx.get<OutboxRow>('SELECT * FROM outcome_outbox WHERE outcome_id = ?', outcomeId);
}

export function treeHeads(tx: JournalSideTx): TreeHeadRow[] {
  return tx.all<TreeHeadRow>('SELECT * FROM outcome_tree_heads ORDER BY tree_size');
}

export function latestTreeHead(tx: JournalSideTx): TreeHeadRow | undefined {
  return tx.get<TreeHeadRow>('SELECT * FROM outcome_tree_heads ORDER BY tree_size DESC LIMIT 1');
}

export function deliveredSeq(tx: JournalSideTx, target: string): number {
  return (
    tx.get<{ delivered_seq: number }>('SELECT delivered_seq FROM outcome_delivery WHERE target = ?', target)
      ?.delivered_seq ?? 0
  );
}

/** Moves a target's cursor forward (never back: a late write of an older cursor is ignored). */
export function markDelivered(tx: JournalSideTx, target: string, sequence: number, at: number): void {
  tx.run(
    `INSERT INTO outcome_delivery (target, delivered_seq, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (target) DO UPDATE SET delivered_seq = max(delivered_seq, excluded.delivered_seq), updated_at = excluded.updated_at`,
    target,
    sequence,
    at,
  );
}

/** Backlog of a target: how many outcomes wait, and when the oldest was made. */
export function backlogOf(tx: JournalSideTx, target: string): { count: number; oldestAt: number | null } {
  const after = deliveredSeq(tx, target);
  const row = tx.get<{ n: number; oldest: number | null }>(
    'SELECT count(*) AS n, min(created_at) AS oldest FROM outcome_outbox WHERE sequence > ?',
    after,
  );
  return { count: row?.n ?? 0, oldestAt: row?.oldest ?? null };
}

export interface PendingOutcome extends OutboxRow {
  tree_head_jws: string;
}

/** Outcomes after `afterSequence` with the signed tree head made with each (tree size = sequence). */
export function pendingAfter(tx: JournalSideTx, afterSequence: number, limit: number): PendingOutcome[] {
  return tx.all<PendingOutcome>(
    `SELECT o.*, h.jws AS tree_head_jws FROM outcome_outbox o JOIN outcome_tree_heads h ON h.tree_size = o.sequence
     WHERE o.sequence > ? ORDER BY o.sequence LIMIT ?`,
    afterSequence,
    limit,
  );
}

/** The highest sequence and the creation time of the outcome right after `afterSequence`. */
export function backlogAfter(
  tx: JournalSideTx,
  afterSequence: number,
): { last: number; nextCreatedAt: number | null } {
  const last = lastOutcome(tx).sequence;
  const next = tx.get<{ created_at: number }>(
    'SELECT created_at FROM outcome_outbox WHERE sequence = ?',
    afterSequence + 1,
  );
  return { last, nextCreatedAt: next?.created_at ?? null };
}
