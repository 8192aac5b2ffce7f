import { describe, expect, it } from 'vitest';
import {
  canonicalBytes,
  GENESIS_OUTCOME_HASH,
  outcomeHash,
  parseOutcome,
  type OutcomeDocument,
} from '../../engine/outcomes/document';
import { baccaratOutcome, rouletteOutcome } from './outcome-fixtures';

/** A copy of `doc` with `patch` applied at a dotted path ('result.number'); undefined deletes. */
function withField(doc: OutcomeDocument, path: string, value: unknown): unknown {
  const copy = structuredClone(doc) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

function badField(value: unknown): string {
  const r = parseOutcome(value);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.field;
}

describe('outcome document schema', () => {
  it('accepts a settled roulette outcome with vision and recording evidence', () => {
    expect(parseOutcome(rouletteOutcome()).ok).toBe(true);
  });

  it('accepts a settled baccarat outcome whose vision and recording are explicitly absent', () => {
    expect(parseOutcome(baccaratOutcome()).ok).toBe(true);
  });

  it("accepts American '00' and a void round without a result", () => {
    const doc = withField(rouletteOutcome(), 'result', { number: '00', colour: 'green' });
    expect(parseOutcome(doc).ok).toBe(true);
    const voided = {
      ...rouletteOutcome(),
      result: null,
      status: {
        void: { reason: 'ball left the wheel twice', approver: { id: 'fm-anna', role: 'floor_manager' } },
      },
    };
    expect(parseOutcome(voided).ok).toBe(true);
  });

  it.each([
    ['result.number', 37, 'result.number'],
    ['result.number', '0', 'result.number'],
    ['result.colour', 'red', 'result.colour'], // 17 is black
    ['sequence', 0, 'sequence'],
    ['sequence', 1.5, 'sequence'],
    ['outcomeId', 'roulette-1-2', 'outcomeId'], // must be <table>-<sequence>
    ['previousOutcomeHash', 'ABC', 'previousOutcomeHash'],
    ['phases.result', '2025-01-31 20:15:38', 'phases.result'],
    ['phases.result', '2025-01-31T20:15:38.250+00:00', 'phases.result'],
    ['clock.synced', 'yes', 'clock.synced'],
    ['evidence.vision.model.sha256', 'nope', 'evidence.vision.model.sha256'],
    ['evidence.vision.minConfidence', 1.2, 'evidence.vision.minConfidence'],
    ['evidence.vision.status', 'fine', 'evidence.vision.status'],
    ['evidence.sensor.deviceId', undefined, 'evidence.sensor.deviceId'],
    ['evidence.review', undefined, 'evidence.review'], // absent must be said, not left out
    ['evidence.journal.finalSeq', 0, 'evidence.journal.finalSeq'],
    ['status', 'pending', 'status'],
    ['game', 'poker', 'game'],
    ['studio', 'Riga Studio', 'studio'],
    ['result', null, 'result'], // settled needs a result
    ['surprise', 1, 'surprise'], // unknown keys are refused, not dropped
  ])('roulette: %s = %j is refused at %s', (path, value, field) => {
    expect(badField(withField(rouletteOutcome(), path, value))).toBe(field);
  });

  it.each([
    ['result.playerTotal', 4, 'result.playerTotal'],
    ['result.winner', 'player', 'result.winner'],
    ['result.playerPair', false, 'result.playerPair'],
    ['result.natural', false, 'result.natural'],
    ['result.banker', ['9C'], 'result.banker'],
    ['result.player', ['KH', 'KS', 'ZZ'], 'result.player[2]'],
  ])('baccarat: %s = %j is refused at %s', (path, value, field) => {
    expect(badField(withField(baccaratOutcome(), path, value))).toBe(field);
  });

  it('a roulette result on a baccarat outcome is refused at the result', () => {
    const doc = withField(baccaratOutcome(), 'result', { number: 17, colour: 'black' });
    expect(badField(doc)).toMatch(/^result\./);
  });
});

describe('canonical bytes and hash', () => {
  it('are the JCS form: sorted keys, no whitespace, independent of key order', () => {
    const doc = rouletteOutcome();
    const text = new TextDecoder().decode(canonicalBytes(doc));
    expect(
      text.startsWith('{"clock":{"offsetMs":0.4,"source":"chrony","synced":true},"evidence":{"journal":'),
    ).toBe(true);
    expect(text.replace(/"(?:[^"\\]|\\.)*"/g, '""')).not.toMatch(/\s/); // none outside strings
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as OutcomeDocument;
    expect(outcomeHash(reordered)).toBe(outcomeHash(doc));
  });

  it('the hash is 64 lower-case hex digits and changes with any field', () => {
    const doc = rouletteOutcome();
    expect(outcomeHash(doc)).toMatch(/^[0-9a-f]{64}$/);
    expect(outcomeHash(doc)).not.toBe(GENESIS_OUTCOME_HASH);
    expect(outcomeHash({ ...doc, roundId: 'roulette-1-42' })).not.toBe(outcomeHash(doc));
  });
});
