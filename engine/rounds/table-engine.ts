/**
 * The round engine of one table. One entry point, `handle(input)`, for device events, operator
 * commands and timer ticks. Journal first: the input is appended, then its decisions (one atomic
 * append), and only then does the in-memory state move — by folding the entries just written
 * through the same `evolve` a rebuild uses. So the state is always the fold of the journal, and a
 * result is announced only once its 'round.result' entry is durable.
 *
 * If the journal throws, the engine stops taking inputs (every `handle` answers 'journal_failed')
 * and emits 'error': reopening it from the journal is the only way back to a state known to match.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import type { AppendInput, Journal, JournalEntry, JournalTx } from '../journal/types';
import { resolveConfig, type RoundConfig, type TableConfig } from './config';
import { decide, decideTimer } from './decide';
import type { Decision, DecisionDataMap } from './decisions';
import { roundError, type RoundError } from './errors';
import { evolve } from './evolve';
import type { TableEngineEvents, VerificationRequest } from './events';
import { inputEntry, inputFromEntry, type TableInput } from './inputs';
import { jsonData } from './json-data';
import { publicResult, publicState, type PublicTableState } from './public-state';
import { replay, resumeDecisions, undecidedInput } from './recovery';
import { roundPhase, type TableState } from './state';

export type HandleOutcome =
  | { readonly ok: true; readonly entries: readonly JournalEntry[] }
  | { readonly ok: false; readonly error: RoundError; readonly entries: readonly JournalEntry[] };

export interface RecoveryReport {
  readonly entriesReplayed: number;
  /** Decisions of the journal's last input, re-derived because the desk stopped before writing them. */
  readonly rederived: readonly JournalEntry[];
  /** The 'round.interrupted' entry of a round that could not be resumed safely, if any. */
  readonly interrupted: JournalEntry | null;
}

export interface EngineOptions {
  clock?: Clock;
  /**
   * Extra writes for the transaction of each append, given the entries about to be written (with
   * their seq): the signed outcome of a round whose final entry is among them (engine/outcomes).
   */
  finalWrites?: (
    pending: readonly (AppendInput & { seq: number })[],
  ) => ((tx: JournalTx) => void) | undefined;
}

const ENGINE = { id: 'engine', role: 'system' } as const;

export class TableEngine extends EventEmitter<TableEngineEvents> {
  readonly config: RoundConfig;
  private recovered: RecoveryReport = { entriesReplayed: 0, rederived: [], interrupted: null };
  private current: TableState;
  private failure: RoundError | undefined;
  private timer: TimerHandle | undefined;
  private finalWrites: EngineOptions['finalWrites'];
  /** Seq of the last 'round.verifying' entry (the request's seq). */
  private verifyingSeq: number | undefined;

  private constructor(
    private readonly journal: Journal,
    config: RoundConfig,
    private readonly clock: Clock,
    state: TableState,
  ) {
    super();
    this.config = config;
    this.current = state;
  }

  /**
   * Rebuilds the table from its journal (see `recovery.ts` for what resumes and what is
   * interrupted) and journals whatever recovery decides. Results re-derived here are durable but
   * were never announced: they are listed in `recovery.rederived` for the caller to publish.
   */
  static open(journal: Journal, config: TableConfig, options: EngineOptions = {}): TableEngine {
    const resolved = resolveConfig(config);
    const clock = options.clock ?? systemClock;
    const replayed = replay(journal.entries(), resolved);
    const engine = new TableEngine(journal, resolved, clock, replayed.state);
    engine.finalWrites = options.finalWrites;
    engine.verifyingSeq = replayed.verifyingSeq;
    const pending = undecidedInput(replayed);
    const rederived =
      pending && replayed.last
        ? engine.commit(decide(replayed.before, pending, resolved).decisions, replayed.last.seq)
        : [];
    // Downtime is measured from the last entry written before the restart.
    const lastAt = replayed.last?.at;
    const [interrupted] = engine.commit(resumeDecisions(engine.current, lastAt, clock.now(), resolved), null);
    engine.recovered = { entriesReplayed: replayed.entries, rederived, interrupted: interrupted ?? null };
    return engine;
  }

  /** What `open` found and did. */
  get recovery(): RecoveryReport {
    return this.recovered;
  }

  /**
   * The result still waiting for its verdict (phase 'verifying'), as the 'verifying' event gave
   * it. After a restart before the check's deadline the round resumes verifying and the desk's
   * check asks for this to run again (the event was emitted by the desk that died). Undefined
   * when no result is verifying (held, final, none).
   */
  pendingVerification(): VerificationRequest | undefined {
    const round = this.current.round;
    const ver = round?.verification;
    if (!round || !ver || this.failure || roundPhase(round) !== 'verifying') return undefined;
    return {
      tableId: this.current.tableId,
      roundId: round.id,
      game: this.current.game,
      seq: this.verifyingSeq ?? 0,
      sensor: [...ver.sensor],
      slots: [...ver.slots],
      at: ver.since,
      deadline: ver.deadline,
      minConfidence: ver.minConfidence,
    };
  }

  /** The engine's state: the fold of the journal. */
  get state(): TableState {
    return this.current;
  }

  publicState(): PublicTableState {
    return publicState(this.current, this.config, this.clock.now());
  }

  handle(input: TableInput): HandleOutcome {
    if (this.failure) return { ok: false, error: this.failure, entries: [] };
    let entries: JournalEntry[];
    let refusal: RoundError | undefined;
    try {
      [entries, refusal] = this.record(input);
    } catch (e) {
      return { ok: false, error: this.fail(e), entries: [] };
    }
    // Subscribers run after the journal work: one that throws cannot undo or fail a decision.
    if (entries.length > 0) this.publish(entries);
    return refusal ? { ok: false, error: refusal, entries } : { ok: true, entries };
  }

  /** Ticks the betting timer every `tickMs` on the engine's clock until `stop()`. */
  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      this.handle({ source: 'timer' });
      if (!this.failure) this.timer = this.clock.setTimeout(tick, this.config.tickMs);
    };
    this.timer = this.clock.setTimeout(tick, this.config.tickMs);
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Timer decisions due now, then the input and its decisions: journaled, then folded. */
  private record(input: TableInput): [JournalEntry[], RoundError | undefined] {
    const now = this.clock.now();
    const timed = this.commit(decideTimer(this.current, now), null);
    if (input.source === 'timer') return [timed, undefined];
    // The input and its decisions go into the journal in one transaction (one fsync): the input is
    // still written before anything takes effect, and a crash can no longer fall between the two.
    // Decisions are made on the input exactly as it will read back from the journal.
    const append = inputEntry(input, now);
    const seq = this.journal.headSeq() + 1;
    const preview: JournalEntry = {
      seq,
      at: now,
      kind: append.kind,
      actor: append.actor,
      data: JSON.parse(JSON.stringify(append.data)) as unknown,
      prevHash: '',
      hash: '',
    };
    const asRead = inputFromEntry(preview);
    if (!asRead) throw new Error(`input ${append.kind} does not read back as an input`);
    const decided = decide(this.current, asRead, this.config);
    const batch = [append, ...this.decisionEntries(decided.decisions, seq)];
    const written = this.journal.appendMany(batch, this.extraWrites(batch));
    if (written[0]?.seq !== seq)
      throw new Error(`the journal numbered the input ${written[0]?.seq}, expected ${seq}`);
    this.fold(written);
    return [[...timed, ...written], decided.refusal];
  }

  private decisionEntries(decisions: readonly Decision[], cause: number | null): AppendInput[] {
    return decisions.map((d) => ({ kind: d.kind, actor: ENGINE, data: jsonData({ ...d.data, cause }) }));
  }

  private extraWrites(batch: readonly AppendInput[]): ((tx: JournalTx) => void) | undefined {
    const first = this.journal.headSeq() + 1;
    return this.finalWrites?.(batch.map((e, i) => ({ ...e, seq: first + i })));
  }

  /** Journals decisions in one atomic append, then folds the entries as written into the state. */
  private commit(decisions: readonly Decision[], cause: number | null): JournalEntry[] {
    if (decisions.length === 0) return [];
    const batch = this.decisionEntries(decisions, cause);
    const entries = this.journal.appendMany(batch, this.extraWrites(batch));
    this.fold(entries);
    return entries;
  }

  private fold(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      this.current = evolve(this.current, entry);
      if (entry.kind === 'round.verifying') this.verifyingSeq = entry.seq;
    }
  }

  private publish(entries: readonly JournalEntry[]): void {
    const tableId = this.current.tableId;
    for (const entry of entries) {
      if (entry.kind === 'round.result') {
        const data = entry.data as DecisionDataMap['round.result'];
        const record = this.current.lastResults.find((r) => r.roundId === data.roundId);
        if (record)
          this.emit('result', {
            tableId,
            roundId: data.roundId,
            seq: entry.seq,
            result: publicResult(record),
          });
      } else if (entry.kind === 'round.rejected') {
        const data = entry.data as DecisionDataMap['round.rejected'];
        this.emit('rejected', {
          tableId,
          roundId: data.roundId,
          input: data.input,
          code: data.code,
          message: data.message,
          seq: entry.seq,
        });
      } else if (entry.kind === 'round.verifying') {
        const d = entry.data as DecisionDataMap['round.verifying'];
        const { roundId, sensor, slots, at, deadline, minConfidence } = d;
        const game = this.current.game;
        this.emit('verifying', {
          tableId,
          roundId,
          game,
          seq: entry.seq,
          sensor,
          slots,
          at,
          deadline,
          minConfidence,
        });
      }
    }
    this.emit('state', this.publicState());
  }

  private fail(e: unknown): RoundError {
    const error = e instanceof Error ? e : new Error(String(e));
    this.failure = roundError('journal_failed', `the journal failed (${error.message}); reopen the table`);
    this.stop();
    if (this.listenerCount('error') > 0) this.emit('error', error);
    return this.failure;
  }
}
