/**
 * The diff, pure: desired against real → the obs-websocket requests that close the gap, in the
 * order they must run (studio mode, overlays, preview, transition, program), each with its reason.
 * What the plan names but OBS lacks is reported as a problem, never sent.
 */
import type { DesiredStudio, ObsCommand, RealStudio, StudioDiff } from './types';

export function diffStudio(real: RealStudio, want: DesiredStudio): StudioDiff {
  const commands: ObsCommand[] = [];
  const problems: string[] = [];
  const hasScene = (s: string) => real.scenes.includes(s);
  let studio = real.studioMode;
  if (want.studioMode !== null && want.studioMode !== real.studioMode) {
    commands.push({
      requestType: 'SetStudioModeEnabled',
      requestData: { studioModeEnabled: want.studioMode },
      context: `studio mode ${want.studioMode ? 'on' : 'off'} (the plan)`,
    });
    studio = want.studioMode;
  }
  for (const [inputName, text] of Object.entries(want.texts)) {
    if (!(inputName in real.texts)) {
      problems.push(`text input "${inputName}" does not exist in OBS`);
      continue;
    }
    if (real.texts[inputName] !== text)
      commands.push({
        requestType: 'SetInputSettings',
        requestData: { inputName, inputSettings: { text }, overlay: true },
        context: `overlay ${inputName} = "${text}"`,
      });
  }
  for (const item of want.items) {
    const found = real.items.find((i) => i.scene === item.scene && i.source === item.source);
    if (!found) {
      problems.push(`scene "${item.scene}" has no item "${item.source}" in OBS`);
      continue;
    }
    if (found.enabled !== item.enabled)
      commands.push({
        requestType: 'SetSceneItemEnabled',
        requestData: { sceneName: item.scene, sceneItemId: found.id, sceneItemEnabled: item.enabled },
        context: `${item.enabled ? 'show' : 'hide'} ${item.source} in ${item.scene}`,
      });
  }
  let preview = studio ? real.previewScene : null;
  if (studio && want.previewScene !== null && want.previewScene !== preview) {
    if (!hasScene(want.previewScene)) problems.push(`scene "${want.previewScene}" does not exist in OBS`);
    else {
      commands.push({
        requestType: 'SetCurrentPreviewScene',
        requestData: { sceneName: want.previewScene },
        context: `preview ${preview ?? 'none'} → ${want.previewScene}`,
      });
      // Not confirmed yet: a take waits for OBS's CurrentPreviewSceneChanged (see REAL-PEERS).
      preview = null;
    }
  }
  const target = want.programScene;
  if (target !== null && target !== real.programScene) {
    if (!hasScene(target)) problems.push(`scene "${target}" does not exist in OBS`);
    else {
      const tr = want.transition;
      if (tr && tr.name !== real.transition.name)
        commands.push({
          requestType: 'SetCurrentSceneTransition',
          requestData: { transitionName: tr.name },
          context: `transition ${real.transition.name} → ${tr.name}`,
        });
      if (tr?.durationMs !== undefined && tr.name !== 'Cut' && tr.durationMs !== real.transition.durationMs)
        commands.push({
          requestType: 'SetCurrentSceneTransitionDuration',
          requestData: { transitionDuration: tr.durationMs },
          context: `transition duration ${tr.durationMs} ms`,
        });
      const context = `program ${real.programScene ?? 'none'} → ${target} because ${want.because}`;
      if (want.viaTake && studio && preview === target)
        commands.push({ requestType: 'TriggerStudioModeTransition', requestData: {}, context });
      else
        commands.push({ requestType: 'SetCurrentProgramScene', requestData: { sceneName: target }, context });
    }
  }
  return { commands, problems };
}
