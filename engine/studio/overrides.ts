/**
 * Operator overrides, pure: a camera picked by the dealer or floor manager (number keys), the
 * preview in studio mode, a take (cut or transition). A manual choice holds off the automatic
 * director until released or until the next round starts.
 */
import type { ObsConfig } from '../config/schema';
import type { Transition } from './types';

export interface ManualHold {
  scene: string;
  camera?: string;
  by: string;
  /** The round it was taken in: the next round releases it. */
  roundId: string | null;
  transition?: Transition;
  /** Reached by the studio-mode transition from preview. */
  take: boolean;
}

export interface Overrides {
  manual: ManualHold | null;
  preview: { scene: string; camera?: string; by: string } | null;
}

export const NO_OVERRIDES: Overrides = { manual: null, preview: null };

export type OperatorCommand =
  | { cmd: 'camera'; camera: string }
  | { cmd: 'preview'; camera: string }
  | { cmd: 'take'; mode?: 'cut' | 'transition' }
  | { cmd: 'release' };

export type OverrideResult =
  { ok: true; overrides: Overrides; summary: string } | { ok: false; code: OverrideError; message: string };
export type OverrideError = 'unknown_camera' | 'studio_mode_off' | 'nothing_on_preview';

export interface OverrideContext {
  plan: ObsConfig;
  roundId: string | null;
  by: string;
}

/** Camera name, or its number key ("1" = the first camera of the plan). */
export function resolveCamera(plan: ObsConfig, camera: string): { name: string; scene: string } | null {
  const names = Object.keys(plan.scenePlan.cameras);
  const name = /^[1-9]$/.test(camera) ? names[Number(camera) - 1] : camera;
  const cam = name === undefined ? undefined : plan.scenePlan.cameras[name];
  return cam && name ? { name, scene: cam.scene } : null;
}

export function applyOperator(o: Overrides, c: OperatorCommand, ctx: OverrideContext): OverrideResult {
  const { plan, roundId, by } = ctx;
  const known = () => Object.keys(plan.scenePlan.cameras).join(', ') || 'none';
  switch (c.cmd) {
    case 'camera':
    case 'preview': {
      const cam = resolveCamera(plan, c.camera);
      if (!cam)
        return {
          ok: false,
          code: 'unknown_camera',
          message: `no camera "${c.camera}" in the scene plan (known: ${known()})`,
        };
      // In studio mode a camera key loads the preview; the take puts it on air.
      if (plan.studioMode)
        return {
          ok: true,
          overrides: { ...o, preview: { scene: cam.scene, camera: cam.name, by } },
          summary: `preview ${cam.name} (${cam.scene})`,
        };
      if (c.cmd === 'preview')
        return {
          ok: false,
          code: 'studio_mode_off',
          message: 'preview needs studio mode (obs.studioMode: true)',
        };
      return {
        ok: true,
        overrides: { ...o, manual: { scene: cam.scene, camera: cam.name, by, roundId, take: false } },
        summary: `camera ${cam.name} (${cam.scene}) on air, automatic director held`,
      };
    }
    case 'take': {
      if (!plan.studioMode)
        return {
          ok: false,
          code: 'studio_mode_off',
          message: 'take needs studio mode (obs.studioMode: true)',
        };
      if (!o.preview)
        return {
          ok: false,
          code: 'nothing_on_preview',
          message: 'nothing on preview to take: pick a camera first',
        };
      const transition: Transition =
        c.mode === 'cut' ? { name: 'Cut' } : (plan.scenePlan.transitions?.default ?? { name: 'Fade' });
      return {
        ok: true,
        overrides: {
          manual: { scene: o.preview.scene, camera: o.preview.camera, by, roundId, transition, take: true },
          preview: null,
        },
        summary: `${c.mode === 'cut' ? 'cut' : 'take'} to ${o.preview.camera ?? o.preview.scene} (${transition.name}), automatic director held`,
      };
    }
    case 'release':
      return { ok: true, overrides: { ...o, manual: null }, summary: 'automatic director released' };
  }
}

/** A new round releases a manual hold taken in an earlier one. */
export function onRound(o: Overrides, roundId: string | null): Overrides {
  if (!o.manual || o.manual.roundId === roundId) return o;
  return { ...o, manual: null };
}
