/**
 * From a round's journal entries to the body of its outcome document (everything but the per-table
 * sequence, the id derived from it and the link to the previous outcome, which only the outbox
 * transaction can know). Pure: the same entries always give the same body, so an outcome rebuilt
 * after a crash is byte for byte the one that would have been signed.
 *
 * Never throws on odd evidence: a malformed `vision.verdict` or `studio.timecode` entry becomes an
 * explicit "absent" part naming the entry and what is wrong with it. Only a round that has no final
 * entry, or a settled round without a result, is refused (`OutcomeBuildError`): signing it would be
 * signing a lie.
 */
import { colourOf, type WheelNumber } from '../../hardware/wheel/layout';
import type { BaccaratOutcome } from '../games/baccarat';
import type { Actor } from '../journal/types';
import type { ClockSync } from './clock-sync';
import type { BaccaratResult, OutcomeDocument, RouletteResult } from './document';
import {
  absent,
  RecordingEvidenceSchema,
  ReviewEvidenceSchema,
  SensorEvidenceSchema,
  VisionEvidenceSchema,
  type Evidence,
} from './evidence';

export class OutcomeBuildError extends Error {
  override name = 'OutcomeBuildError';
}

/** A journal entry as the builder reads it (committed, or about to be in the same transaction). */
export interface RoundEntry {
  seq: number;
  kind: string;
  actor: Actor;
  data: unknown;
}

export interface OutcomeContext {
  studio: string;
  table: string;
  game: 'roulette' | 'baccarat';
  /** How the table's devices are named in the evidence ('wheel sdlp@/dev/serial/by-id/…'). */
  deviceIds: { wheel?: string; shoe?: string };
  clock: ClockSync;
}

export type OutcomeBody = Omit<OutcomeDocument, 'outcomeId' | 'sequence' | 'previousOutcomeHash'>;

export const FINAL_KINDS = ['round.settled', 'round.voided'] as const;

export function isFinalKind(kind: string): boolean {
  return (FINAL_KINDS as readonly string[]).includes(kind);
}

/** Phase names of decision kinds: the time of each phase is the `at` of its (last) entry. */
const PHASES: Record<string, string> = {
  'round.opened': 'bettingOpened',
  'round.bettingClosed': 'bettingClosed',
  'round.ballLaunched': 'ballLaunched',
  'round.misspin': 'misspin',
  'round.respinApproved': 'respinApproved',
  'round.interrupted': 'interrupted',
  'round.resultAccepted': 'resultAccepted',
  'round.result': 'result',
  'round.held': 'held',
  'round.reviewed': 'reviewed',
  'round.settled': 'settled',
  'round.voided': 'voided',
};

type Data = Record<string, unknown>;
const dataOf = (e: RoundEntry): Data =>
  typeof e.data === 'object' && e.data !== null ? (e.data as Data) : {};
const aboutRound = (e: RoundEntry, roundId: string) => dataOf(e).roundId === roundId;

/**
 * The outcome body of `roundId` from `entries`: the journal from (at least) the round's
 * 'round.opened' up to and including its final entry, in seq order. Entries of other rounds and
 * unrelated entries may be mixed in; they are ignored.
 */
export function buildOutcomeBody(
  entries: readonly RoundEntry[],
  roundId: string,
  ctx: OutcomeContext,
): OutcomeBody {
  const mine = entries.filter((e) => aboutRound(e, roundId));
  const final = mine.findLast((e) => isFinalKind(e.kind));
  if (!final)
    throw new OutcomeBuildError(`round ${roundId} has no final entry (round.settled / round.voided)`);

  const phases: Record<string, string> = {};
  for (const e of mine) {
    const name = PHASES[e.kind];
    const at = dataOf(e).at;
    if (name && typeof at === 'number' && Number.isFinite(at)) phases[name] = new Date(at).toISOString();
  }
  if (Object.keys(phases).length === 0) phases.final = new Date(0).toISOString();

  const resultEntry = mine.findLast((e) => e.kind === 'round.result');
  const result = resultEntry ? resultOf(ctx.game, dataOf(resultEntry), roundId) : null;
  let status: OutcomeBody['status'];
  if (final.kind === 'round.settled') {
    if (!result) throw new OutcomeBuildError(`round ${roundId} is settled without a round.result`);
    status = 'settled';
  } else {
    const d = dataOf(final);
    const approver = (d.approver ?? {}) as Partial<Actor>;
    status = {
      void: {
        reason: typeof d.reason === 'string' && d.reason !== '' ? d.reason : 'no reason journaled',
        approver: { id: String(approver.id ?? 'unknown'), role: String(approver.role ?? 'unknown') },
      },
    };
  }

  const evidence: Evidence = {
    sensor: sensorEvidence(entries, mine, ctx),
    vision: visionEvidence(entries, roundId),
    recording: recordingEvidence(entries, roundId),
    review: reviewEvidence(mine),
    journal: { finalSeq: final.seq },
  };
  const base = {
    studio: ctx.studio,
    table: ctx.table,
    roundId,
    phases,
    clock: { synced: ctx.clock.synced, source: ctx.clock.source },
    status,
    evidence,
  };
  return ctx.game === 'roulette'
    ? { ...base, game: 'roulette', result: result as RouletteResult | null }
    : { ...base, game: 'baccarat', result: result as BaccaratResult | null };
}

function resultOf(game: 'roulette' | 'baccarat', d: Data, roundId: string): RouletteResult | BaccaratResult {
  if (game === 'roulette') {
    const number = d.number as WheelNumber | undefined;
    if (number === undefined) throw new OutcomeBuildError(`round.result of ${roundId} has no number`);
    return { number, colour: colourOf(number) };
  }
  const o = d.outcome as BaccaratOutcome | undefined;
  if (!o) throw new OutcomeBuildError(`round.result of ${roundId} has no baccarat outcome`);
  return {
    player: [...o.playerCards],
    banker: [...o.bankerCards],
    playerTotal: o.playerTotal,
    bankerTotal: o.bankerTotal,
    winner: o.winner,
    playerPair: o.playerPair,
    bankerPair: o.bankerPair,
    natural: o.playerNatural || o.bankerNatural,
  };
}

/** The device inputs the round's decisions were caused by (their `cause` seq), with their frames. */
function sensorEvidence(all: readonly RoundEntry[], mine: readonly RoundEntry[], ctx: OutcomeContext) {
  const device = ctx.game === 'roulette' ? 'wheel' : 'shoe';
  const causes = new Set(mine.map((e) => dataOf(e).cause).filter((c): c is number => typeof c === 'number'));
  const prefix = `device.${device}.`;
  const events = all
    .filter((e) => causes.has(e.seq) && e.kind.startsWith(prefix))
    .map((e) => {
      const { frames, calibration } = dataOf(e);
      return {
        journalSeq: e.seq,
        kind: e.kind,
        frames: Array.isArray(frames) ? frames.map(String) : [],
        ...(calibration === undefined ? {} : { calibration }),
      };
    });
  if (events.length === 0)
    return absent(`no ${device} event decided this round (result entered or resolved by a person)`);
  const parsed = SensorEvidenceSchema.safeParse({
    status: 'present',
    device,
    deviceId: ctx.deviceIds[device] ?? device,
    events,
  });
  return parsed.success
    ? parsed.data
    : absent(`sensor evidence unreadable: ${parsed.error.issues[0]?.message}`);
}

function visionEvidence(all: readonly RoundEntry[], roundId: string) {
  const e = all.findLast((x) => x.kind === 'vision.verdict' && aboutRound(x, roundId));
  if (!e)
    return absent(
      'no vision.verdict for this round (vision check off, or no verdict before the round ended)',
    );
  const d = dataOf(e);
  const parsed = VisionEvidenceSchema.safeParse({
    status: d.status,
    sensor: d.sensor,
    readings: Array.isArray(d.readings)
      ? d.readings.map((r: Data) => ({ label: r.label, confidence: r.confidence }))
      : d.readings,
    model: d.model,
    frame: d.frame,
    minConfidence: d.minConfidence,
    reason: d.reason,
    journalSeq: e.seq,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return absent(`vision.verdict at seq ${e.seq} is malformed: ${issue?.path.join('.')}: ${issue?.message}`);
}

function recordingEvidence(all: readonly RoundEntry[], roundId: string) {
  const list = all.filter((x) => x.kind === 'studio.timecode' && aboutRound(x, roundId));
  if (list.length === 0)
    return absent('no studio.timecode for this round (no OBS director, or OBS unreachable)');
  const parsed = RecordingEvidenceSchema.safeParse({
    status: 'present',
    timecodes: list.map((e) => {
      const d = dataOf(e);
      const rec = (d.recording ?? {}) as Data;
      const str = (d.streaming ?? {}) as Data;
      return {
        phase: d.phase,
        journalSeq: e.seq,
        recording: {
          active: rec.active,
          timecode: rec.timecode,
          ...(rec.outputPath !== undefined ? { outputPath: rec.outputPath } : {}),
        },
        streaming: { active: str.active, timecode: str.timecode },
      };
    }),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return absent(`studio.timecode entries are malformed: ${issue?.path.join('.')}: ${issue?.message}`);
}

function reviewEvidence(mine: readonly RoundEntry[]) {
  const e = mine.findLast((x) => x.kind === 'round.reviewed');
  if (!e) return absent('not reviewed by a floor manager');
  const d = dataOf(e);
  const approver = (d.approver ?? {}) as Data;
  const parsed = ReviewEvidenceSchema.safeParse({
    status: 'reviewed',
    decision: d.decision,
    reason: d.reason,
    approver: { id: approver.id, role: approver.role },
    journalSeq: e.seq,
  });
  if (parsed.success) return parsed.data;
  return absent(`round.reviewed at seq ${e.seq} is malformed: ${parsed.error.issues[0]?.message}`);
}
