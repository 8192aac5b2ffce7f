/** The outcome body from a round's journal entries: result, status, phases and each evidence part. */
import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../../engine/outcomes/document';
import {
  buildOutcomeBody,
  OutcomeBuildError,
  type OutcomeContext,
  type RoundEntry,
} from '../../engine/outcomes/round-evidence';

const ENGINE = { id: 'engine', role: 'system' } as const;
const T0 = Date.UTC(2025, 5, 1, 12);
const HEX = 'c'.repeat(64);

const ctx = (game: 'roulette' | 'baccarat'): OutcomeContext => ({
  studio: 'riga',
  table: 'bc1',
  game,
  deviceIds: { shoe: 'shoe sdlp@tcp://10.0.0.5:4001' },
  clock: { synced: true, source: 'timedatectl: NTPSynchronized=yes' },
});

function baccaratRound(extra: RoundEntry[] = []): RoundEntry[] {
  const cards = ['KH', '9C', 'KS', '10S', '5D'];
  const e: RoundEntry[] = [
    { seq: 10, kind: 'round.opened', actor: ENGINE, data: { roundId: 'bc1-3', at: T0, n: 3 } },
    { seq: 11, kind: 'device.shoe.cutCard', actor: { id: 'shoe', role: 'device' }, data: { frames: ['X'] } },
  ];
  cards.forEach((c, i) => {
    e.push({
      seq: 20 + 2 * i,
      kind: 'device.shoe.card',
      actor: { id: 'shoe', role: 'device' },
      data: { card: c, frames: [`C|${c}|${i}`] },
    });
    e.push({
      seq: 21 + 2 * i,
      kind: 'round.card',
      actor: ENGINE,
      data: { roundId: 'bc1-3', at: T0 + 1000 * i, card: c, cause: 20 + 2 * i },
    });
  });
  e.push({
    seq: 40,
    kind: 'round.result',
    actor: ENGINE,
    data: {
      roundId: 'bc1-3',
      at: T0 + 6000,
      cause: 28,
      outcome: {
        winner: 'banker',
        playerTotal: 5,
        bankerTotal: 9,
        playerNatural: false,
        bankerNatural: true,
        playerPair: true,
        bankerPair: false,
        playerCards: ['KH', 'KS', '5D'],
        bankerCards: ['9C', '10S'],
      },
    },
  });
  e.push(...extra);
  e.push({
    seq: 60,
    kind: 'round.settled',
    actor: ENGINE,
    data: { roundId: 'bc1-3', at: T0 + 8000, cause: null },
  });
  return e;
}

const complete = (body: ReturnType<typeof buildOutcomeBody>) =>
  parseOutcome({ ...body, outcomeId: 'bc1-1', sequence: 1, previousOutcomeHash: '0'.repeat(64) });

describe('outcome body from journal entries', () => {
  it('builds a baccarat outcome: cards, totals, winner, pairs, natural, and the shoe frames of its cards', () => {
    const body = buildOutcomeBody(baccaratRound(), 'bc1-3', ctx('baccarat'));
    expect(body.result).toEqual({
      player: ['KH', 'KS', '5D'],
      banker: ['9C', '10S'],
      playerTotal: 5,
      bankerTotal: 9,
      winner: 'banker',
      playerPair: true,
      bankerPair: false,
      natural: true,
    });
    expect(body.status).toBe('settled');
    expect(body.phases).toEqual({
      bettingOpened: new Date(T0).toISOString(),
      result: new Date(T0 + 6000).toISOString(),
      settled: new Date(T0 + 8000).toISOString(),
    });
    const sensor = body.evidence.sensor;
    expect(sensor.status === 'present' && sensor.events.map((x) => x.frames[0])).toEqual([
      'C|KH|0',
      'C|9C|1',
      'C|KS|2',
      'C|10S|3',
      'C|5D|4',
    ]);
    expect(sensor.status === 'present' && sensor.deviceId).toBe('shoe sdlp@tcp://10.0.0.5:4001');
    expect(body.evidence.journal).toEqual({ finalSeq: 60 });
    expect(complete(body).ok).toBe(true);
  });

  it('copies the vision verdict with model and frame hashes, and a review', () => {
    const verdict: RoundEntry = {
      seq: 50,
      kind: 'vision.verdict',
      actor: { id: 'vision', role: 'system' },
      data: {
        roundId: 'bc1-3',
        status: 'disagree',
        sensor: ['KH'],
        readings: [{ label: 'KD', confidence: 0.93 }],
        model: { id: 'cards-v2', sha256: HEX },
        frame: { sha256: HEX, camera: 'cam1', source: 'obs' },
        minConfidence: 0.9,
        ms: 12,
        reason: 'read KD',
      },
    };
    const review: RoundEntry = {
      seq: 55,
      kind: 'round.reviewed',
      actor: ENGINE,
      data: {
        roundId: 'bc1-3',
        at: T0 + 7000,
        decision: 'accept_sensor',
        reason: 'glare on the card',
        approver: { id: 'fm-ana', role: 'floor_manager' },
      },
    };
    const body = buildOutcomeBody(baccaratRound([verdict, review]), 'bc1-3', ctx('baccarat'));
    expect(body.evidence.vision).toMatchObject({
      status: 'disagree',
      model: { id: 'cards-v2', sha256: HEX },
      journalSeq: 50,
    });
    expect(body.evidence.review).toEqual({
      status: 'reviewed',
      decision: 'accept_sensor',
      reason: 'glare on the card',
      approver: { id: 'fm-ana', role: 'floor_manager' },
      journalSeq: 55,
    });
    expect(body.phases.reviewed).toBe(new Date(T0 + 7000).toISOString());
    expect(complete(body).ok).toBe(true);
  });

  it('says a malformed verdict is absent and why, instead of refusing to sign the round', () => {
    const verdict: RoundEntry = {
      seq: 50,
      kind: 'vision.verdict',
      actor: ENGINE,
      data: { roundId: 'bc1-3', status: 'agree', model: { id: 'm', sha256: 'short' } },
    };
    const body = buildOutcomeBody(baccaratRound([verdict]), 'bc1-3', ctx('baccarat'));
    expect(body.evidence.vision.status).toBe('absent');
    expect(body.evidence.vision.status === 'absent' && body.evidence.vision.reason).toMatch(
      /seq 50 is malformed/,
    );
    expect(complete(body).ok).toBe(true);
  });

  it('ignores entries of other rounds', () => {
    const other: RoundEntry = {
      seq: 45,
      kind: 'vision.verdict',
      actor: ENGINE,
      data: { roundId: 'bc1-2', status: 'agree' },
    };
    const body = buildOutcomeBody(baccaratRound([other]), 'bc1-3', ctx('baccarat'));
    expect(body.evidence.vision.status).toBe('absent');
  });

  it('refuses a round without a final entry, and a settle without a result', () => {
    const round = baccaratRound();
    expect(() => buildOutcomeBody(round.slice(0, -1), 'bc1-3', ctx('baccarat'))).toThrow(OutcomeBuildError);
    expect(() =>
      buildOutcomeBody(
        round.filter((e) => e.kind !== 'round.result'),
        'bc1-3',
        ctx('baccarat'),
      ),
    ).toThrow(/without a round.result/);
  });
});
