/**
 * Desired studio state, pure: from the round (public table state), the automatic director's pick,
 * the operator's overrides and the plan. Manual beats automatic beats the phase's own scene.
 */
import type { ObsConfig } from '../config/schema';
import type { PublicTableState } from '../rounds/public-state';
import type { AutoState } from './auto-switch';
import { overlayItems, overlayTexts, phaseOf } from './overlays';
import type { Overrides } from './overrides';
import type { DesiredStudio, Transition } from './types';

export interface DirectorInput {
  table: PublicTableState | null;
  auto: AutoState;
  overrides: Overrides;
  plan: ObsConfig;
}

export function desiredStudio({ table, auto, overrides, plan }: DirectorInput): DesiredStudio {
  const phase = phaseOf(table);
  const phaseScene = plan.scenePlan.phases[phase] ?? null;
  const t = plan.scenePlan.transitions;
  const phaseTransition: Transition | null = t?.phases?.[phase] ?? t?.default ?? null;
  const manual = overrides.manual;
  const [programScene, because] = manual
    ? [
        manual.scene,
        `manual ${manual.take ? 'take' : 'camera'} ${manual.camera ?? manual.scene} by ${manual.by}`,
      ]
    : auto.onAir
      ? [auto.onAir.scene, auto.onAir.reason]
      : [phaseScene, `phase ${phase}`];
  return {
    programScene,
    previewScene: plan.studioMode ? (overrides.preview?.scene ?? null) : null,
    studioMode: plan.studioMode ? true : null,
    transition: manual?.transition ?? phaseTransition,
    viaTake: manual?.take === true,
    texts: overlayTexts(table, plan),
    items: overlayItems(table, plan),
    because,
  };
}
