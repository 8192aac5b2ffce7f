/**
 * The outcome document: what the desk publishes to the platform for every finished round (settled or
 * void), and the only thing that is signed. Its bytes are the RFC 8785 (JCS) form of the document, so
 * anyone holding the JSON can recompute the hash and check the signature.
 *
 * Choices:
 * - `outcomeId` is `<table>-<sequence>`, not a random UUID v7: it is derived from the two fields that
 *   already identify the outcome, so a desk that crashes after signing and builds the outcome again
 *   gets the same id, and the receivers (Standard Webhooks `webhook-id`, JetStream `Nats-Msg-Id`)
 *   absorb the duplicate. A random id minted twice would deliver the round twice. Table ids are
 *   unique within a studio; across studios the key is (studio, outcomeId).
 * - Timestamps are `Date.prototype.toISOString()` strings (UTC, milliseconds, `Z`): one spelling per
 *   instant, so the canonical bytes do not depend on who formatted the time.
 * - The result is checked against itself (colour of the number; totals, winner, pairs and natural
 *   against the cards), so a document cannot be signed with a result that contradicts its evidence.
 * - A void round may have no result (`result: null`); a settled one must have one.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseCard, type CardCode } from '../../hardware/cards';
import { colourOf } from '../../hardware/wheel/layout';
import { always, slug } from '../config/fields';
import { strictObject } from '../config/strict';
import { handTotal, isNatural } from '../games/baccarat/card-points';
import { isPair } from '../games/baccarat/outcome';
import { canonicalJson } from '../journal/canonical-json';
import { EvidenceSchema } from './evidence';

/** previousOutcomeHash of a table's first outcome. */
export const GENESIS_OUTCOME_HASH = '0'.repeat(64);

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be 64 lower-case hex digits (sha256)' });

/** Exactly what `Date.prototype.toISOString()` produces for years 0000-9999. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isoUtc = z.string().refine((s) => ISO_UTC.test(s) && new Date(s).toISOString() === s, {
  error: 'must be a UTC timestamp as toISOString() writes it, e.g. "2025-01-31T20:15:03.250Z"',
});

const nonEmpty = z.string().min(1, { error: 'must not be empty' });

/** Round phases as lower-camel words ('bettingOpened', 'bettingClosed', 'ballLaunched', 'result', 'settled'). */
const PHASE_NAME = /^[a-z][A-Za-z]*$/;

const cardCode = z.string().refine((s) => parseCard(s) === s, {
  error: 'must be a card code: rank A 2-10 J Q K then suit S H D C, e.g. "10H"',
}) as unknown as z.ZodType<CardCode, string>;

export const RouletteResultSchema = strictObject({
  number: z.union([z.int().min(0).max(36), z.literal('00')], {
    error: 'must be an integer 0..36 or "00"',
  }),
  colour: z.enum(['red', 'black', 'green']),
}).superRefine((r, ctx) => {
  const valid = r.number === '00' || (Number.isInteger(r.number) && r.number >= 0 && r.number <= 36);
  if (valid && r.colour !== colourOf(r.number))
    ctx.addIssue({ code: 'custom', path: ['colour'], message: `${r.number} is ${colourOf(r.number)}` });
});

const hand = z
  .array(cardCode)
  .min(2, { error: 'a side has 2 or 3 cards' })
  .max(3, { error: 'a side has 2 or 3 cards' });

export const BaccaratResultSchema = strictObject({
  player: hand,
  banker: hand,
  playerTotal: z.int().min(0).max(9),
  bankerTotal: z.int().min(0).max(9),
  winner: z.enum(['player', 'banker', 'tie']),
  playerPair: z.boolean(),
  bankerPair: z.boolean(),
  /** Either side's first two cards total 8 or 9 (the hand ended on them). */
  natural: z.boolean(),
}).superRefine((r, ctx) => {
  const sideOk = (cards: unknown) =>
    Array.isArray(cards) &&
    cards.length >= 2 &&
    cards.length <= 3 &&
    cards.every((c) => parseCard(String(c)) === c);
  if (!sideOk(r.player) || !sideOk(r.banker)) return; // the cards' own issues say what is wrong
  const expect = <K extends keyof typeof r>(key: K, value: (typeof r)[K]) => {
    if (r[key] !== value)
      ctx.addIssue({ code: 'custom', path: [key], message: `the cards give ${String(value)}` });
  };
  const p = handTotal(r.player);
  const b = handTotal(r.banker);
  expect('playerTotal', p);
  expect('bankerTotal', b);
  expect('winner', p > b ? 'player' : b > p ? 'banker' : 'tie');
  expect('playerPair', isPair(r.player));
  expect('bankerPair', isPair(r.banker));
  expect('natural', isNatural(r.player.slice(0, 2)) || isNatural(r.banker.slice(0, 2)));
});

const StatusSchema = z.union(
  [
    z.literal('settled'),
    strictObject({
      void: strictObject({
        reason: nonEmpty,
        approver: strictObject({ id: nonEmpty, role: nonEmpty }),
      }),
    }),
  ],
  { error: 'must be "settled" or {"void": {"reason", "approver"}}' },
);

const baseShape = {
  outcomeId: nonEmpty,
  studio: slug,
  table: slug,
  roundId: nonEmpty,
  /** Per table, gap-free, from 1. */
  sequence: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  phases: z
    .record(z.string().regex(PHASE_NAME, { error: 'a phase name is a lower-camel word' }), isoUtc)
    .refine((p) => Object.keys(p).length > 0, { error: 'at least one phase time' }),
  clock: strictObject({
    synced: z.boolean(),
    /** How the desk knows: 'timedatectl: NTPSynchronized=yes', or why it does not know. */
    source: nonEmpty.optional(),
    offsetMs: z.number().optional(),
  }),
  status: StatusSchema,
  evidence: EvidenceSchema,
  previousOutcomeHash: sha256Hex,
};

const RouletteOutcomeSchema = strictObject({
  ...baseShape,
  game: z.literal('roulette'),
  result: RouletteResultSchema.nullable(),
});

const BaccaratOutcomeSchema = strictObject({
  ...baseShape,
  game: z.literal('baccarat'),
  result: BaccaratResultSchema.nullable(),
});

export const OutcomeDocumentSchema = z
  .discriminatedUnion('game', [RouletteOutcomeSchema, BaccaratOutcomeSchema], {
    error: (iss) => (iss.code === 'invalid_union' ? 'game must be "roulette" or "baccarat"' : undefined),
  })
  .superRefine((doc, ctx) => {
    if (doc.outcomeId !== `${doc.table}-${doc.sequence}`)
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeId'],
        message: `must be "<table>-<sequence>" = "${doc.table}-${doc.sequence}"`,
      });
    if (doc.status === 'settled' && doc.result === null)
      ctx.addIssue({ code: 'custom', path: ['result'], message: 'a settled outcome has a result' });
  }, always);

export type OutcomeDocument = z.infer<typeof OutcomeDocumentSchema>;
export type RouletteResult = z.infer<typeof RouletteResultSchema>;
export type BaccaratResult = z.infer<typeof BaccaratResultSchema>;

export type ParseOutcomeResult =
  | { ok: true; doc: OutcomeDocument }
  | { ok: false; field: string; message: string; issues: { field: string; message: string }[] };

/** Dotted path of a zod issue ('evidence.vision.modelSha256', 'result.player[2]'), '$' for the root. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '$' : out;
}

/** Validates a parsed JSON value as an outcome document; on failure names the first bad field. */
export function parseOutcome(value: unknown): ParseOutcomeResult {
  const r = OutcomeDocumentSchema.safeParse(value);
  if (r.success) return { ok: true, doc: r.data };
  const issues = r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const first = issues[0] ?? { field: '$', message: 'invalid' };
  return { ok: false, field: first.field, message: first.message, issues };
}

/** The signed bytes: UTF-8 of the RFC 8785 canonical JSON of the document. */
export function canonicalBytes(doc: OutcomeDocument): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(doc));
}

/** sha256 (lower-case hex) of the canonical bytes: what the next outcome of the table links to. */
export function outcomeHash(doc: OutcomeDocument): string {
  return createHash('sha256').update(canonicalBytes(doc)).digest('hex');
}
