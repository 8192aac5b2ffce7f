/**
 * What the check of one table looks at: the model for the game, the camera, and the region of
 * each slot (roulette: 'pocket'; baccarat: the six card positions). Resolved once from the
 * `vision` section; a section that cannot be checked gives the technician's reason instead.
 */
import type { VisionConfig } from '../../config/schema';
import { CARD_SLOTS } from '../../config/vision';
import type { ModelName, Region } from '../types';

export interface CheckPlan {
  model: ModelName;
  camera: string;
  /** Slot → region on `camera`. */
  regions: Readonly<Record<string, Region>>;
  minConfidence: number;
  /** Wait after the result before grabbing. */
  grabDelayMs: number;
  frameTimeoutMs: number;
  classifyTimeoutMs: number;
}

export type PlanResult = { ok: true; plan: CheckPlan } | { ok: false; reason: string };

export function checkPlan(vision: VisionConfig, game: 'roulette' | 'baccarat'): PlanResult {
  const cameras = Object.keys(vision.regions);
  const camera = vision.camera ?? (cameras.length === 1 ? cameras[0] : undefined);
  const common = {
    minConfidence: vision.minConfidence,
    grabDelayMs: vision.grabDelayMs,
    frameTimeoutMs: vision.frameTimeoutMs,
    classifyTimeoutMs: vision.classifyTimeoutMs,
  };
  if (game === 'roulette') {
    if (camera === undefined)
      return {
        ok: false,
        reason: 'vision.camera: name the camera to check (vision.regions has several or none)',
      };
    const region = vision.regions[camera];
    if (!region)
      return { ok: false, reason: `vision.regions.${camera}: required, the region of the winning pocket` };
    return { ok: true, plan: { model: 'roulette', camera, regions: { pocket: region }, ...common } };
  }
  if (!vision.cardSlots)
    return { ok: false, reason: `vision.cardSlots: required on a baccarat table (${CARD_SLOTS.join(', ')})` };
  return {
    ok: true,
    plan: { model: 'card', camera: camera ?? 'table', regions: { ...vision.cardSlots }, ...common },
  };
}
