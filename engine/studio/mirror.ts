/**
 * OBS's real state kept current between resyncs, pure: OBS's events move it, and so does each
 * request OBS accepted. An event that changes the scene collection's shape asks for a full resync.
 */
import type { ObsData } from '../obs/client';
import type { ObsCommand, RealStudio } from './types';

const RESHAPING = new Set([
  'SceneListChanged',
  'SceneCreated',
  'SceneRemoved',
  'SceneNameChanged',
  'SceneItemCreated',
  'SceneItemRemoved',
  'InputNameChanged',
  'InputRemoved',
]);

export function applyEvent(
  real: RealStudio,
  type: string,
  d: ObsData,
): { real: RealStudio; resync: boolean } {
  if (RESHAPING.has(type)) return { real, resync: true };
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  switch (type) {
    case 'CurrentProgramSceneChanged':
      return { real: { ...real, programScene: str('sceneName') }, resync: false };
    case 'CurrentPreviewSceneChanged':
      return { real: { ...real, previewScene: str('sceneName') }, resync: false };
    case 'StudioModeStateChanged': {
      const on = d.studioModeEnabled === true;
      return {
        real: { ...real, studioMode: on, previewScene: on ? real.previewScene : null },
        resync: false,
      };
    }
    case 'CurrentSceneTransitionChanged':
      return {
        real: {
          ...real,
          transition: { ...real.transition, name: str('transitionName') ?? real.transition.name },
        },
        resync: false,
      };
    case 'CurrentSceneTransitionDurationChanged':
      return {
        real: {
          ...real,
          transition: {
            ...real.transition,
            durationMs: typeof d.transitionDuration === 'number' ? d.transitionDuration : null,
          },
        },
        resync: false,
      };
    case 'SceneItemEnableStateChanged':
      return {
        real: {
          ...real,
          items: real.items.map((i) =>
            i.scene === d.sceneName && i.id === d.sceneItemId
              ? { ...i, enabled: d.sceneItemEnabled === true }
              : i,
          ),
        },
        resync: false,
      };
    default:
      return { real, resync: false };
  }
}

/** The effect of a request OBS accepted. Preview is left to OBS's event (it is what a take uses). */
export function applyCommand(real: RealStudio, c: ObsCommand): RealStudio {
  const d = c.requestData;
  switch (c.requestType) {
    case 'SetCurrentProgramScene':
      return { ...real, programScene: String(d.sceneName) };
    case 'TriggerStudioModeTransition':
      return { ...real, programScene: real.previewScene };
    case 'SetStudioModeEnabled':
      return { ...real, studioMode: d.studioModeEnabled === true };
    case 'SetCurrentSceneTransition':
      return { ...real, transition: { ...real.transition, name: String(d.transitionName) } };
    case 'SetCurrentSceneTransitionDuration':
      return { ...real, transition: { ...real.transition, durationMs: Number(d.transitionDuration) } };
    case 'SetInputSettings': {
      const text = (d.inputSettings as { text?: unknown } | undefined)?.text;
      return typeof text === 'string'
        ? { ...real, texts: { ...real.texts, [String(d.inputName)]: text } }
        : real;
    }
    case 'SetSceneItemEnabled':
      return {
        ...real,
        items: real.items.map((i) =>
          i.scene === d.sceneName && i.id === d.sceneItemId
            ? { ...i, enabled: d.sceneItemEnabled === true }
            : i,
        ),
      };
    default:
      return real;
  }
}
