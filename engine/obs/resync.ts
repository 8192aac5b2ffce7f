/**
 * Full resync: on every (re)connect the director reads OBS's real state (scenes, program and
 * preview, studio mode, transition, the items of the scenes the plan names, the overlay texts) and
 * diffs the round's desired state against it: never a baseline from before the disconnect.
 * Two round trips: one batch of getters, then one batch for the items and texts.
 */
import type { ObsConfig } from '../config/schema';
import type { RealStudio } from '../studio/types';
import { EXECUTION, type BatchRequest, type BatchResponse, type ObsData } from './client';
import type { ObsConnection } from './connection';
import { ObsRequestError } from './errors';

/** Scenes the plan names anywhere. */
export function planScenes(plan: ObsConfig): string[] {
  const s = new Set<string>([
    ...Object.values(plan.scenePlan.phases),
    ...Object.values(plan.scenePlan.cameras).map((c) => c.scene),
    ...plan.overlays.items.map((i) => i.scene),
  ]);
  return [...s];
}

function ok(r: BatchResponse | undefined, what: string): ObsData {
  if (!r || !r.requestStatus.result)
    throw new ObsRequestError(what, r?.requestStatus.code ?? 0, r?.requestStatus.comment ?? 'no response');
  return r.responseData ?? {};
}

export async function readRealStudio(conn: ObsConnection, plan: ObsConfig): Promise<RealStudio> {
  const first = await conn.batch(
    [
      { requestType: 'GetSceneList' },
      { requestType: 'GetStudioModeEnabled' },
      { requestType: 'GetCurrentSceneTransition' },
      { requestType: 'GetVideoSettings' },
    ],
    { executionType: EXECUTION.serialRealtime },
  );
  const list = ok(first[0], 'GetSceneList');
  const studio = ok(first[1], 'GetStudioModeEnabled');
  const tr = ok(first[2], 'GetCurrentSceneTransition');
  const video = first[3]?.requestStatus.result ? (first[3].responseData ?? {}) : {};
  const scenes = ((list.scenes ?? []) as { sceneName: string }[]).map((s) => s.sceneName);
  const wanted = planScenes(plan).filter((s) => scenes.includes(s));
  const texts = Object.values(plan.overlays.texts).filter((t): t is string => typeof t === 'string');
  const second: BatchRequest[] = [
    ...wanted.map((sceneName) => ({ requestType: 'GetSceneItemList', requestData: { sceneName } })),
    ...texts.map((inputName) => ({ requestType: 'GetInputSettings', requestData: { inputName } })),
  ];
  const res = second.length ? await conn.batch(second, { executionType: EXECUTION.serialRealtime }) : [];
  const items: RealStudio['items'] = [];
  wanted.forEach((scene, i) => {
    const d = ok(res[i], `GetSceneItemList ${scene}`);
    for (const it of (d.sceneItems ?? []) as {
      sceneItemId: number;
      sourceName: string;
      sceneItemEnabled: boolean;
    }[])
      items.push({ scene, source: it.sourceName, id: it.sceneItemId, enabled: it.sceneItemEnabled });
  });
  const textValues: Record<string, string> = {};
  texts.forEach((name, j) => {
    const r = res[wanted.length + j];
    if (!r?.requestStatus.result) return; // absent: the diff reports it
    const text = (r.responseData?.inputSettings as { text?: unknown } | undefined)?.text;
    textValues[name] = typeof text === 'string' ? text : '';
  });
  const fpsN = Number(video.fpsNumerator);
  const fpsD = Number(video.fpsDenominator);
  const on = studio.studioModeEnabled === true;
  return {
    scenes,
    programScene: typeof list.currentProgramSceneName === 'string' ? list.currentProgramSceneName : null,
    previewScene:
      on && typeof list.currentPreviewSceneName === 'string' ? list.currentPreviewSceneName : null,
    studioMode: on,
    transition: {
      name: typeof tr.transitionName === 'string' ? tr.transitionName : '',
      durationMs: typeof tr.transitionDuration === 'number' ? tr.transitionDuration : null,
    },
    items,
    texts: textValues,
    canvasFps: fpsN > 0 && fpsD > 0 ? fpsN / fpsD : null,
  };
}
