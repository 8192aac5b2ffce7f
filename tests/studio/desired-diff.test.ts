import { describe, expect, it } from 'vitest';
import { NO_AUTO, offerCue } from '../../engine/studio/auto-switch';
import { desiredStudio } from '../../engine/studio/desired';
import { diffStudio } from '../../engine/studio/diff';
import { applyCommand, applyEvent } from '../../engine/studio/mirror';
import { applyOperator, NO_OVERRIDES, onRound } from '../../engine/studio/overrides';
import { demoPlan, realStudio, table } from './support';

const plan = demoPlan();

describe('desired studio state', () => {
  it('follows the round phase through the plan', () => {
    const want = desiredStudio({
      table: table('betting_open'),
      auto: NO_AUTO,
      overrides: NO_OVERRIDES,
      plan,
    });
    expect(want).toMatchObject({
      programScene: 'Betting',
      because: 'phase betting_open',
      transition: { name: 'Fade', durationMs: 300 },
    });
    expect(
      desiredStudio({ table: table('spinning'), auto: NO_AUTO, overrides: NO_OVERRIDES, plan }).transition,
    ).toEqual({ name: 'Cut' });
  });

  it('the automatic pick beats the phase; a manual hold beats both', () => {
    const auto = offerCue(
      NO_AUTO,
      { scene: 'Wheel Close-up', priority: 60, reason: 'cue ballLaunched' },
      0,
      1500,
    );
    expect(
      desiredStudio({ table: table('betting_open'), auto, overrides: NO_OVERRIDES, plan }).programScene,
    ).toBe('Wheel Close-up');
    const r = applyOperator(
      NO_OVERRIDES,
      { cmd: 'camera', camera: '3' },
      { plan, roundId: 'r-7', by: 'dealer-1' },
    );
    if (!r.ok) throw new Error(r.message);
    const want = desiredStudio({ table: table('betting_open'), auto, overrides: r.overrides, plan });
    expect(want).toMatchObject({ programScene: 'Result', because: 'manual camera result by dealer-1' });
  });

  it('overlay texts and banner follow the round', () => {
    const want = desiredStudio({
      table: table('result', { results: [17, 0, 32] }),
      auto: NO_AUTO,
      overrides: NO_OVERRIDES,
      plan,
    });
    expect(want.texts).toEqual({
      'Result Text': '17 RED',
      'Last Results': '17  0  32',
      'Round Id': 'Round 7 · r-7',
      'Table Status': 'Result',
    });
    expect(want.items).toEqual([{ scene: 'Wheel Close-up', source: 'No More Bets', enabled: false }]);
    const spinning = desiredStudio({
      table: table('spinning'),
      auto: NO_AUTO,
      overrides: NO_OVERRIDES,
      plan,
    });
    expect(spinning.items[0]?.enabled).toBe(true);
    expect(spinning.texts['Result Text']).toBe('');
    expect(spinning.texts['Table Status']).toBe('No more bets');
  });
});

describe('diff: desired against real', () => {
  it('nothing to do when OBS already shows it', () => {
    const want = desiredStudio({ table: null, auto: NO_AUTO, overrides: NO_OVERRIDES, plan });
    const d = diffStudio(realStudio({ texts: { ...want.texts } }), want);
    expect(d).toEqual({ commands: [], problems: [] });
  });

  it('a phase change sends overlays, banner, transition and the scene, in that order, with reasons', () => {
    const want = desiredStudio({ table: table('spinning'), auto: NO_AUTO, overrides: NO_OVERRIDES, plan });
    const d = diffStudio(realStudio({ programScene: 'Betting' }), want);
    expect(d.problems).toEqual([]);
    expect(d.commands.map((c) => c.requestType)).toEqual([
      'SetInputSettings',
      'SetInputSettings',
      'SetSceneItemEnabled',
      'SetCurrentSceneTransition',
      'SetCurrentProgramScene',
    ]);
    expect(d.commands.at(-1)).toEqual({
      requestType: 'SetCurrentProgramScene',
      requestData: { sceneName: 'Wheel Close-up' },
      context: 'program Betting → Wheel Close-up because phase spinning',
    });
    expect(d.commands[2]?.requestData).toEqual({
      sceneName: 'Wheel Close-up',
      sceneItemId: 7,
      sceneItemEnabled: true,
    });
  });

  it('reports what OBS lacks instead of sending it', () => {
    const want = desiredStudio({
      table: table('betting_open'),
      auto: NO_AUTO,
      overrides: NO_OVERRIDES,
      plan,
    });
    const d = diffStudio(realStudio({ scenes: ['Table Wide'], items: [], texts: {} }), want);
    expect(d.commands).toEqual([]);
    expect(d.problems).toContain('scene "Betting" does not exist in OBS');
    expect(d.problems).toContain('text input "Result Text" does not exist in OBS');
    expect(d.problems).toContain('scene "Wheel Close-up" has no item "No More Bets" in OBS');
  });

  it('studio mode: a camera loads the preview; a take transitions once OBS confirmed the preview', () => {
    const sp = demoPlan({ studioMode: true });
    const r = applyOperator(
      NO_OVERRIDES,
      { cmd: 'camera', camera: 'wheel' },
      { plan: sp, roundId: 'r-7', by: 'fm' },
    );
    if (!r.ok) throw new Error(r.message);
    let real = realStudio({ studioMode: true, previewScene: 'Table Wide', programScene: 'Betting' });
    const wantPreview = desiredStudio({
      table: table('betting_open'),
      auto: NO_AUTO,
      overrides: r.overrides,
      plan: sp,
    });
    const d1 = diffStudio(real, wantPreview).commands.filter((c) => !c.requestType.startsWith('SetInput'));
    expect(d1.map((c) => c.requestType)).toEqual(['SetCurrentPreviewScene']);
    const t = applyOperator(
      r.overrides,
      { cmd: 'take', mode: 'cut' },
      { plan: sp, roundId: 'r-7', by: 'fm' },
    );
    if (!t.ok) throw new Error(t.message);
    const wantTake = desiredStudio({
      table: table('betting_open'),
      auto: NO_AUTO,
      overrides: t.overrides,
      plan: sp,
    });
    // Preview not yet confirmed by OBS: no blind trigger (it could take the old preview).
    expect(
      diffStudio(real, wantTake)
        .commands.map((c) => c.requestType)
        .filter((x) => !x.startsWith('SetInput')),
    ).toEqual(['SetCurrentSceneTransition', 'SetCurrentProgramScene']);
    real = applyEvent(real, 'CurrentPreviewSceneChanged', { sceneName: 'Wheel Close-up' }).real;
    expect(
      diffStudio(real, wantTake)
        .commands.map((c) => c.requestType)
        .filter((x) => !x.startsWith('SetInput')),
    ).toEqual(['SetCurrentSceneTransition', 'TriggerStudioModeTransition']);
  });

  it('applying the diff to the mirror leaves nothing to do', () => {
    const want = desiredStudio({
      table: table('spinning', { results: [5] }),
      auto: NO_AUTO,
      overrides: NO_OVERRIDES,
      plan,
    });
    let real = realStudio({ programScene: 'Betting' });
    for (const c of diffStudio(real, want).commands) real = applyCommand(real, c);
    expect(diffStudio(real, want).commands).toEqual([]);
  });
});

describe('operator overrides', () => {
  it('rejects unknown cameras and studio-mode commands without studio mode', () => {
    const ctx = { plan, roundId: 'r-7', by: 'd' };
    expect(applyOperator(NO_OVERRIDES, { cmd: 'camera', camera: 'crane' }, ctx)).toMatchObject({
      ok: false,
      code: 'unknown_camera',
    });
    expect(applyOperator(NO_OVERRIDES, { cmd: 'camera', camera: '9' }, ctx)).toMatchObject({
      ok: false,
      code: 'unknown_camera',
    });
    expect(applyOperator(NO_OVERRIDES, { cmd: 'take' }, ctx)).toMatchObject({
      ok: false,
      code: 'studio_mode_off',
    });
    const sp = { ...ctx, plan: demoPlan({ studioMode: true }) };
    expect(applyOperator(NO_OVERRIDES, { cmd: 'take' }, sp)).toMatchObject({
      ok: false,
      code: 'nothing_on_preview',
    });
  });

  it('a manual hold ends with release or with the next round', () => {
    const r = applyOperator(
      NO_OVERRIDES,
      { cmd: 'camera', camera: 'wide' },
      { plan, roundId: 'r-7', by: 'd' },
    );
    if (!r.ok) throw new Error(r.message);
    expect(onRound(r.overrides, 'r-7').manual).not.toBeNull();
    expect(onRound(r.overrides, 'r-8').manual).toBeNull();
    const rel = applyOperator(r.overrides, { cmd: 'release' }, { plan, roundId: 'r-7', by: 'd' });
    expect(rel.ok && rel.overrides.manual).toBeNull();
  });
});

describe('overlays for baccarat', () => {
  it('the result names the winner and both totals; last results as P/B/T', () => {
    const t = {
      ...table('result'),
      game: 'baccarat' as const,
      lastResults: (
        [
          ['r-7', 'banker', 5, 7],
          ['o1', 'player', 9, 2],
          ['o2', 'tie', 6, 6],
        ] as const
      ).map(([roundId, winner, playerTotal, bankerTotal]) => ({
        roundId,
        at: 0,
        voided: false,
        game: 'baccarat' as const,
        outcome: { winner, playerTotal, bankerTotal } as never,
      })),
    };
    const want = desiredStudio({ table: t, auto: NO_AUTO, overrides: NO_OVERRIDES, plan });
    expect(want.texts['Result Text']).toBe('BANKER 5–7');
    expect(want.texts['Last Results']).toBe('B  P  T');
  });
});
