/**
 * Turns a round's final journal entry into its signed outcome, in the same SQLite transaction.
 *
 * The round engine calls `finalWrites(pending)` with the entries it is about to append; when one of
 * them is `round.settled` / `round.voided`, the recorder builds the outcome body from the round's
 * journal entries (committed ones, read now, plus the pending ones), and returns the extra writes
 * for `appendMany`: inside the transaction it reads the table's last outcome (sequence, hash) and
 * the log frontier, signs the document and the new tree head (synchronous Ed25519), and inserts the
 * outbox row, the log state and the signed tree head. A failure there (no key, a document that is
 * not valid) aborts the whole append: the round is not final without its outcome.
 */
import { EventEmitter } from 'node:events';
import type { JournalTx } from '../journal/types';
import type { SqliteJournal } from '../journal/sqlite-journal';
import { appendLeaf, frontierRoot } from '../transparency/compact-range';
import { leafHash } from '../transparency/merkle';
import { signTreeHeadSync } from '../transparency/signed-tree-head';
import { toHex } from '../transparency/tree-head';
import type { ClockSync } from './clock-sync';
import { outcomeHash, type OutcomeDocument } from './document';
import type { KeyStore, SyncSigner } from './keys';
import {
  ensureOutboxSchema,
  insertOutcome,
  insertTreeHead,
  lastOutcome,
  outcomeOfRound,
  readFrontier,
  writeFrontier,
  type OutboxRow,
} from './outbox';
import { buildOutcomeBody, isFinalKind, type OutcomeContext, type RoundEntry } from './round-evidence';
import { signOutcomeSync } from './sign-sync';

export type FinalWrites = (pending: readonly RoundEntry[]) => ((tx: JournalTx) => void) | undefined;

export interface RecorderEvents {
  /** After the transaction that wrote outcomes (they may be read now). */
  enqueued: [];
  /** A second final entry for a round that already has an outcome (not signed again). */
  warning: [message: string];
}

export interface RecorderOptions {
  context: Omit<OutcomeContext, 'clock'>;
  clockSync: () => ClockSync;
  now?: () => number;
}

export class OutcomeRecorder extends EventEmitter<RecorderEvents> {
  private readonly openedSeq = new Map<string, number>();
  private signerCache: SyncSigner | undefined;
  private notifyScheduled = false;

  private constructor(
    private readonly journal: SqliteJournal,
    private readonly keys: KeyStore,
    private readonly opts: RecorderOptions,
  ) {
    super();
  }

  /** Creates the outbox tables if needed. */
  static open(journal: SqliteJournal, keys: KeyStore, opts: RecorderOptions): OutcomeRecorder {
    journal.sideTx((tx) => ensureOutboxSchema(tx));
    return new OutcomeRecorder(journal, keys, opts);
  }

  /** The hook for the round engine (EngineOptions.finalWrites). */
  readonly finalWrites: FinalWrites = (pending) => {
    for (const e of pending) {
      const roundId = (e.data as { roundId?: unknown } | null)?.roundId;
      if (e.kind === 'round.opened' && typeof roundId === 'string') this.openedSeq.set(roundId, e.seq);
    }
    const finals = pending.filter((e) => isFinalKind(e.kind));
    if (finals.length === 0) return undefined;
    const context: OutcomeContext = { ...this.opts.context, clock: this.opts.clockSync() };
    const bodies = finals.map((final) => {
      const roundId = String((final.data as { roundId?: unknown }).roundId);
      const upTo = pending.filter((p) => p.seq <= final.seq);
      const entries = [...this.committedEntriesOf(roundId, pending[0]?.seq ?? Infinity), ...upTo];
      return { roundId, finalSeq: final.seq, body: buildOutcomeBody(entries, roundId, context) };
    });
    const signer = this.signer();
    const now = this.opts.now ?? Date.now;
    return (tx) => {
      for (const { roundId, finalSeq, body } of bodies) {
        if (outcomeOfRound(tx, roundId)) {
          setImmediate(() =>
            this.emit('warning', `round ${roundId} already has an outcome: not signed again`),
          );
          continue;
        }
        const last = lastOutcome(tx);
        const sequence = last.sequence + 1;
        const doc = {
          ...body,
          outcomeId: `${body.table}-${sequence}`,
          sequence,
          previousOutcomeHash: last.hash,
        } as OutcomeDocument;
        const jws = signOutcomeSync(doc, signer);
        const leaf = leafHash(Buffer.from(jws, 'utf8'));
        const before = readFrontier(tx);
        if (before.size !== last.sequence)
          throw new Error(
            `outcome log has ${before.size} leaves but the outbox ${last.sequence} outcomes: run studio-desk log verify`,
          );
        const frontier = appendLeaf(before, leaf);
        const createdAt = now();
        const head = {
          treeSize: frontier.size,
          rootHash: toHex(frontierRoot(frontier)),
          timestamp: createdAt,
        };
        const row: OutboxRow = {
          sequence,
          outcome_id: doc.outcomeId,
          round_id: roundId,
          journal_seq: finalSeq,
          created_at: createdAt,
          hash: outcomeHash(doc),
          leaf_hash: toHex(leaf),
          jws,
        };
        insertOutcome(tx, row);
        writeFrontier(tx, frontier);
        insertTreeHead(tx, {
          tree_size: head.treeSize,
          root_hash: head.rootHash,
          timestamp: head.timestamp,
          jws: signTreeHeadSync(head, signer),
        });
      }
      this.scheduleNotify();
    };
  };

  private signer(): SyncSigner {
    const current = this.keys.current();
    if (this.signerCache?.kid !== current.kid) this.signerCache = this.keys.signer();
    return this.signerCache;
  }

  /** After the transaction commits (or rolls back: then the workers simply find nothing new). */
  private scheduleNotify(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setImmediate(() => {
      this.notifyScheduled = false;
      this.emit('enqueued');
    });
  }

  /** The round's committed entries, from its 'round.opened' (or nothing if it opens in `pending`). */
  private committedEntriesOf(roundId: string, firstPendingSeq: number): RoundEntry[] {
    let from = this.openedSeq.get(roundId);
    if (from === undefined) {
      from = this.journal.sideTx(
        (tx) =>
          tx.get<{ seq: number }>(
            "SELECT seq FROM journal WHERE kind = 'round.opened' AND json_extract(data, '$.roundId') = ? ORDER BY seq DESC LIMIT 1",
            roundId,
          )?.seq,
      );
      if (from === undefined) return [];
    }
    if (from >= firstPendingSeq) return [];
    const out: RoundEntry[] = [];
    for (const e of this.journal.entries(from)) out.push(e);
    // Keep the cache small: only open rounds need their start.
    if (this.openedSeq.size > 16)
      for (const k of [...this.openedSeq.keys()].slice(0, 8)) this.openedSeq.delete(k);
    return out;
  }
}
