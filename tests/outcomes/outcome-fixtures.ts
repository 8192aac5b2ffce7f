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
      sensorFrames: ['$RES,17,BLK,CW,412*5A'],
      deviceId: 'wheel-1',
      vision: {
        verdict: 'match',
        label: '17',
        confidence: 0.987,
        modelId: 'pocket-reader-v3',
        modelSha256: HEX_A,
        frameSha256: HEX_B,
      },
      recording: { timecode: '01:02:03.040' },
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
    evidence: { sensorFrames: ['C,KH', 'C,9C', 'C,KS', 'C,10S', 'C,5D'], deviceId: 'shoe-2' },
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
