/**
 * Finds the other teams' subsystems on a Desk (OBS director, vision check, outcome delivery) by
 * their shape, so the contract fills their lights when they are wired into startDesk and stays
 * "off" when they are not.
 */
import type { OutcomeService } from '../delivery/outcome-service';
import type { Director } from '../studio/director';
import type { DeskVision } from '../vision/check/desk-vision';
import { deliverySubsystem, visionSubsystem } from './vision-adapter';
import type { DeskApiOptions, DeskHandle } from './desk-api';
import { directorCameras, directorSubsystem } from './director-adapter';
import { isStatusSource, type Subsystems } from './subsystems';

const FIELDS: Record<keyof Subsystems, readonly string[]> = {
  obs: ['obs', 'studio'],
  vision: ['vision'],
  platform: ['delivery', 'platform', 'outcomes'],
};

export function subsystemsOfDesk(
  desk: DeskHandle & { director?: Director; vision?: DeskVision; outcomes?: OutcomeService },
): Pick<DeskApiOptions, 'subsystems' | 'camera' | 'frames' | 'scenes' | 'signingKeys'> {
  const any = desk as unknown as Record<string, unknown>;
  const subsystems: Subsystems = {};
  const director = desk.director;
  if (director) subsystems.obs = directorSubsystem(director);
  if (desk.vision) subsystems.vision = visionSubsystem(desk.vision);
  if (desk.outcomes) subsystems.platform = deliverySubsystem(desk.outcomes);
  for (const [name, fields] of Object.entries(FIELDS) as [keyof Subsystems, readonly string[]][]) {
    if (subsystems[name]) continue;
    for (const f of fields) {
      const v = any[f];
      if (isStatusSource(v)) {
        subsystems[name] = { source: v };
        break;
      }
    }
  }
  // Live stills for the technician's region view: OBS's screenshots, else the simulated camera.
  const frames = director?.frameSource() ?? desk.vision?.camera;
  return {
    subsystems,
    ...(director ? { camera: directorCameras(director, desk.config), scenes: director } : {}),
    ...(frames ? { frames } : {}),
    ...(desk.outcomes ? { signingKeys: desk.outcomes } : {}),
  };
}
