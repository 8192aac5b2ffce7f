/**
 * Rounds waiting for a floor manager, as the floor view lists them, from the round engine's public
 * state: interruptions (misspin limit, missed result, stray card…) and results the vision check
 * held for review (both readings, the frame). The frame image is inlined as a data: URL, so the
 * screen needs no file access and the CSP needs no other origin.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { HeldRound } from '../../contract/views';
import type { PublicTableState } from '../rounds/public-state';

/** Frames larger than this are not inlined (the screen says "no image"). */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Reads a held frame's image file as a data: URL; null when missing, too large or not an image. */
export function frameDataUrl(path: string | null): string | null {
  if (!path) return null;
  const type = IMAGE_TYPES[extname(path).toLowerCase()];
  if (!type) return null;
  try {
    if (statSync(path).size > MAX_FRAME_BYTES) return null;
    return `data:${type};base64,${readFileSync(path).toString('base64')}`;
  } catch {
    return null;
  }
}

export function heldRounds(state: PublicTableState, readImage = frameDataUrl): HeldRound[] {
  return [...interruptionHeld(state), ...reviewHeld(state, readImage)];
}

export function reviewHeld(state: PublicTableState, readImage = frameDataUrl): HeldRound[] {
  const round = state.round;
  const v = round?.vision;
  if (!round || !v || v.state !== 'needs_review' || !v.hold) return [];
  return [
    {
      roundId: round.id,
      kind: 'review',
      since: v.hold.at,
      reason: v.hold.reason,
      code: v.hold.code,
      resolutions: [],
      decisions: [...v.decisions],
      sensor: v.sensor.map((s) => s.label),
      camera: v.hold.camera.map((c) => ({ label: c.label, confidence: c.confidence })),
      frame: v.hold.frame
        ? { sha256: v.hold.frame.sha256, camera: v.hold.frame.camera, image: readImage(v.hold.framePath) }
        : null,
    },
  ];
}

export function interruptionHeld(state: PublicTableState): HeldRound[] {
  const round = state.round;
  if (!round || !round.interruption) return [];
  const sensor: string[] = [];
  if (round.roulette?.winningNumber !== undefined && round.roulette?.winningNumber !== null)
    sensor.push(String(round.roulette.winningNumber));
  if (round.baccarat) sensor.push(...round.baccarat.player, ...round.baccarat.banker);
  return [
    {
      roundId: round.id,
      kind: 'interruption',
      since: round.interruption.at,
      reason: round.interruption.reason,
      code: round.interruption.code,
      resolutions: [...round.interruption.resolutions],
      decisions: [],
      sensor,
      camera: [],
      frame: null,
    },
  ];
}
