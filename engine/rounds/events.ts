/** What a TableEngine tells its subscribers (typed EventEmitter). */
import type { RoundErrorCode } from './errors';
import type { PublicResult, PublicTableState } from './public-state';

/** A final result: its 'round.result' entry is durable in the journal. Emitted once per result. */
export interface ResultAnnouncement {
  tableId: string;
  roundId: string;
  /** Seq of the 'round.result' journal entry. */
  seq: number;
  result: PublicResult;
}

/** An input the engine refused, as journaled ('round.rejected'). */
export interface RejectionNotice {
  tableId: string;
  roundId: string | null;
  /** The input: 'closeBetting', 'wheel result', 'shoe card'. */
  input: string;
  code: RoundErrorCode;
  message: string;
  seq: number;
}

/** A sensor result now waits for the vision check ('round.verifying' is durable). */
export interface VerificationRequest {
  tableId: string;
  roundId: string;
  game: 'roulette' | 'baccarat';
  /** Seq of the 'round.verifying' entry. */
  seq: number;
  /** The sensor's labels in crop order, and the slot each belongs to ('pocket', 'player1', …). */
  sensor: string[];
  slots: string[];
  at: number;
  deadline: number;
  minConfidence: number;
}

export interface TableEngineEvents {
  state: [PublicTableState];
  result: [ResultAnnouncement];
  rejected: [RejectionNotice];
  verifying: [VerificationRequest];
  /** The journal failed; the engine takes no more inputs until reopened. */
  error: [Error];
}
