/** Outcome documents for the tests: a settled roulette round, a settled baccarat hand, a chain. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENESIS_OUTCOME_HASH, outcomeHash, type OutcomeDocument } from '../../engine/outcomes/document';

const HEX_A = 'a'.repeat(64);
const HEX_B = 'b'.repeat(64);

export function rouletteOutcome(sequence = 1, previousOutcomeHash = GENESIS_OUTCOME_HASH): OutcomeDocument {
  return {
    outcomeId: `roulette-1-${sequence}`,
    studio: 'riga',
    table: 'roulette-1',
    game: 'roulette',
    roundId: `roulette-1-${sequence + 40}`,
    sequence,
    phases: {
      bettingOpened: '2025-01-31T20:15:00.000Z',
      bettingClosed: '2025-01-31T20:15:15.000Z',
      ballLaunched: '2025-01-31T20:15:16.120Z',
      result: '2025-01-31T20:15:38.250Z',
      settled: '2025-01-31T20:15:40.003Z',
    },
    clock: { synced: true, source: 'chrony', offsetMs: 0.4 },
    result: { number: 17, colour: 'black' },
    status: 'settled',
    evidence: {
      sensor: {
        status: 'present',
        device: 'wheel',
        deviceId: 'wheel sdlp@/dev/serial/by-id/usb-wheel-1',
        events: [{ journalSeq: 12, kind: 'device.wheel.result', frames: ['$RES,17,BLK,CW,412*5A'] }],
      },
      vision: {
        status: 'agree',
        sensor: ['17'],
        readings: [{ label: '17', confidence: 0.987 }],
        model: { id: 'pocket-reader-v3', sha256: HEX_A },
        frame: { sha256: HEX_B, camera: 'wheel-cam', source: 'obs' },
        minConfidence: 0.9,
        reason: 'the camera read 17',
        journalSeq: 13,
      },
      recording: {
        status: 'present',
        timecodes: [
          {
            phase: 'result',
            journalSeq: 14,
            recording: { active: true, timecode: '01:02:03.040' },
            streaming: { active: false, timecode: null },
          },
        ],
      },
      review: { status: 'absent', reason: 'not reviewed by a floor manager' },
      journal: { finalSeq: 15 },
    },
    previousOutcomeHash,
  };
}

export function baccaratOutcome(): OutcomeDocument {
  return {
    outcomeId: 'baccarat-2-7',
    studio: 'riga',
    table: 'baccarat-2',
    game: 'baccarat',
    roundId: 'baccarat-2-9',
    sequence: 7,
    phases: { bettingOpened: '2025-01-31T20:15:00.000Z', settled: '2025-01-31T20:15:52.500Z' },
    clock: { synced: false },
    result: {
      player: ['KH', 'KS', '5D'],
      banker: ['9C', '10S'],
      playerTotal: 5,
      bankerTotal: 9,
      winner: 'banker',
      playerPair: true,
      bankerPair: false,
      natural: true,
    },
    status: 'settled',
    evidence: {
      sensor: {
        status: 'present',
        device: 'shoe',
        deviceId: 'shoe-2',
        events: ['KH', '9C', 'KS', '10S', '5D'].map((c, i) => ({
          journalSeq: 30 + i,
          kind: 'device.shoe.card',
          frames: [`C,${c}`],
        })),
      },
      vision: { status: 'absent', reason: 'vision check off' },
      recording: { status: 'absent', reason: 'no OBS' },
      review: { status: 'absent', reason: 'not reviewed by a floor manager' },
      journal: { finalSeq: 40 },
    },
    previousOutcomeHash: HEX_A,
  };
}

/** Outcomes 1..n of one table, each linking the hash of the one before. */
export function chainOf(n: number): OutcomeDocument[] {
  const docs: OutcomeDocument[] = [];
  let prev = GENESIS_OUTCOME_HASH;
  for (let s = 1; s <= n; s++) {
    const doc = rouletteOutcome(s, prev);
    docs.push(doc);
    prev = outcomeHash(doc);
  }
  return docs;
}

const dirs: string[] = [];

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'outcome-keys-'));
  dirs.push(d);
  return d;
}

export function cleanupTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}
