/**
 * Sensor event → OBS reports the program scene changed (CurrentProgramSceneChanged), through the
 * director (auto-switch cue, desired state, diff, wrapped request), beside a bare obs-websocket-js
 * SetCurrentProgramScene → the same event, measured in the same run against the same real OBS
 * (headless, Xvfb, 640x360@15), with the Cut transition. Samples interleave the two so that OBS's load drifts equally.
 * Target: the director adds under 2 ms to the bare round trip. Also prints the pure core's cost
 * (desired + diff) per sensor event.
 *
 *   npm run bench -- obs-director        (BENCH_N=200 by default)
 */
import OBSWebSocket from 'obs-websocket-js/json';
import { ObsSchema } from '../engine/config/schema';
import { NO_AUTO, offerCue } from '../engine/studio/auto-switch';
import { desiredStudio } from '../engine/studio/desired';
import { diffStudio } from '../engine/studio/diff';
import { Director } from '../engine/studio/director';
import { NO_OVERRIDES } from '../engine/studio/overrides';
import { readRealStudio } from '../engine/obs/resync';
import { launchObs } from '../scripts/obs/launch';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 200);

/** No promise hangs, in a benchmark either: a missing event fails the run. */
function within<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no event within ${ms} ms`)), ms),
    ),
  ]);
}

function plan(url: string) {
  return ObsSchema.parse({
    url,
    minDwellMs: 0,
    scenePlan: {
      phases: { idle: 'Table Wide' },
      cameras: { wheel: { scene: 'Wheel Close-up' }, result: { scene: 'Result' } },
      // A Cut: a fade would hold each switch until the previous fade ended, measuring the fade.
      transitions: { default: { name: 'Cut' } },
    },
    autoSwitch: { ballLaunched: { camera: 'wheel' }, result: { camera: 'result' } },
  });
}

export async function run(): Promise<void> {
  const obs = await launchObs();
  const bare = new OBSWebSocket();
  const director = new Director({ config: plan(obs.url), password: obs.password });
  try {
    await bare.connect(obs.url, obs.password);
    await bare.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
    director.start();
    await new Promise<void>((resolve) => {
      const check = () => (director.status().state === 'ok' ? resolve() : setTimeout(check, 20));
      check();
    });
    const nextBareEvent = (scene: string) =>
      new Promise<number>((resolve) => {
        const on = (e: { sceneName: string }) => {
          if (e.sceneName !== scene) return;
          bare.off('CurrentProgramSceneChanged', on);
          resolve(performance.now());
        };
        bare.on('CurrentProgramSceneChanged', on);
      });
    const nextDirectorEvent = (scene: string) =>
      new Promise<number>((resolve) => {
        const on = (e: { scene: string; mono: number }) => {
          if (e.scene !== scene) return;
          director.off('program', on);
          resolve(e.mono);
        };
        director.on('program', on);
      });
    const bareMs: number[] = [];
    const bareRtt: number[] = [];
    const dirMs: number[] = [];
    const warmup = 10;
    for (let i = 0; i < N + warmup; i++) {
      // Bare: a scene change and its event.
      // Never the scene on air: OBS sends no event for a switch to the same scene.
      const scene = i % 2 ? 'Table Wide' : 'Betting';
      const seen = nextBareEvent(scene);
      const t0 = performance.now();
      await bare.call('SetCurrentProgramScene', { sceneName: scene });
      const t1 = performance.now();
      const t2 = await within(seen, `bare switch to ${scene}`);
      // Director: a sensor event and the event of the scene it picked.
      const launch = i % 2 === 0;
      const target = launch ? 'Wheel Close-up' : 'Result';
      const got = nextDirectorEvent(target);
      const s0 = performance.now();
      director.onSensor(
        launch
          ? { type: 'ballLaunched', game: `g${i}` }
          : { type: 'result', game: `g${i}`, number: 17, label: '17', colour: 'red', pocket: 3, late: false },
      );
      const s1 = await within(got, `director switch to ${target}`);
      await director.settled();
      if (i >= warmup) {
        bareRtt.push(t1 - t0);
        bareMs.push(t2 - t0);
        dirMs.push(s1 - s0);
      }
    }
    // The pure core alone: cue + desired state + diff against a mirror of this OBS.
    const real = await readRealStudio(director.conn, plan(obs.url));
    const p = plan(obs.url);
    const core: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const t = performance.now();
      const auto = offerCue(
        NO_AUTO,
        { scene: i % 2 ? 'Result' : 'Wheel Close-up', priority: 50, reason: 'cue' },
        t,
        0,
      );
      diffStudio(real, desiredStudio({ table: null, auto, overrides: NO_OVERRIDES, plan: p }));
      core.push(performance.now() - t);
    }
    const b = summary(bareMs);
    const r = summary(bareRtt);
    const d = summary(dirMs);
    const c = summary(core);
    const row = (name: string, s: ReturnType<typeof summary>) =>
      `  ${name.padEnd(58)} p50 ${fmt(s.p50).padStart(10)}  p99 ${fmt(s.p99).padStart(10)}  max ${fmt(s.max).padStart(10)}`;
    console.log(
      `obs-director: real OBS 29 (obs-websocket 5.1), 640x360@15 under Xvfb, ${N} samples each, interleaved`,
    );
    console.log(row('bare SetCurrentProgramScene → response', r));
    console.log(row('bare SetCurrentProgramScene → CurrentProgramSceneChanged', b));
    console.log(row('director: sensor event → CurrentProgramSceneChanged', d));
    console.log(row('director pure core (cue + desired + diff), in process', c));
    // Paired: each director sample minus the bare sample taken just before it (same OBS load).
    const paired = summary(dirMs.map((v, i) => v - (bareMs[i] ?? v)));
    console.log(
      `  director added: p50 ${fmt(d.p50 - b.p50)} (difference of medians), paired median ${fmt(paired.p50)} (target: under 2 ms)`,
    );
    console.log(
      '  p99 is set by OBS (its UI thread, the 15 fps frame clock), not by the desk: see the pure core row',
    );
  } finally {
    await director.stop();
    await bare.disconnect().catch(() => undefined);
    await obs.stop();
  }
}
