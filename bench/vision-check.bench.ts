/**
 * Sensor result → vision-verified result durable in the journal: one roulette round per sample on a
 * SQLite journal, the clock started when the decoded result is handed to the engine and stopped
 * when the engine announces the result after the agreeing verdict. In between: 'round.verifying'
 * journaled, the simulated camera draws a 640×360 frame, the frame is stored by sha256, the pocket
 * region is cropped, the classifier reads it, 'vision.verdict' + 'round.result' journaled.
 *
 * The classifier is a constant one (it reads every crop as the sensor's number at 0.99) so the
 * figure is the check's own cost; with BENCH_REAL_MODEL=1 it is the real roulette model of models/
 * in its worker (results then finalise or are held as the model reads them).
 *
 *   npm run bench -- vision-check        (BENCH_N rounds, default 200)
 *   BENCH_REAL_MODEL=1 npm run bench -- vision-check
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { WheelEvent } from '../hardware/protocols/types';
import { colourOf, pocketIndex } from '../hardware/wheel/layout';
import { openJournal } from '../engine/journal/sqlite-journal';
import { TableEngine } from '../engine/rounds/table-engine';
import { FrameStore } from '../engine/vision/check/frame-store';
import { VisionCheck } from '../engine/vision/check/vision-check';
import { SimulatedCamera } from '../engine/vision/frames/simulated-camera';
import { OnnxClassifier } from '../engine/vision/runtime/classifier';
import type { Classifier } from '../engine/vision/types';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 200);
const dealer = { id: 'bench-dealer', role: 'dealer' } as const;
const REGION = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };

function wheel(body: Record<string, unknown>): WheelEvent {
  return { ...body, at: Date.now(), mono: performance.now(), frames: ['bench'] } as WheelEvent;
}

/** Reads every crop as the number the sensor reported (set before each round). */
function constantClassifier(label: () => string): Classifier {
  return {
    status: () => ({ state: 'ok', reason: '', since: 0 }),
    model: (name) => ({ name, id: 'bench-constant', sha256: '0'.repeat(64), labels: [] }),
    classify: async (_name, crops) => crops.map(() => ({ label: label(), confidence: 0.99 })),
    close: async () => {},
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-bench-vision-'));
  mkdirSync(join(dir, 'samples', 'roulette'), { recursive: true });
  for (let n = 0; n <= 36; n++) {
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: n * 6, g: 120, b: 200 } },
    })
      .png()
      .toBuffer();
    writeFileSync(join(dir, 'samples', 'roulette', `${n}.png`), png);
  }
  const journal = openJournal(join(dir, 'journal.sqlite'));
  const engine = TableEngine.open(journal, {
    tableId: 'bench',
    game: 'roulette',
    bettingMs: 60_000,
    vision: { minConfidence: 0.9, verdictTimeoutMs: 10_000 },
  });
  let current = '0';
  const real = process.env.BENCH_REAL_MODEL === '1';
  const classifier = real ? OnnxClassifier.open({ names: ['roulette'] }) : constantClassifier(() => current);
  if (classifier instanceof OnnxClassifier) {
    const status = await classifier.ready;
    if (status.state !== 'ok') throw new Error(`BENCH_REAL_MODEL: ${status.reason}`);
  }
  const samples = real ? 'models/samples' : join(dir, 'samples');
  const camera = new SimulatedCamera({
    samples,
    model: 'roulette',
    regions: { pocket: REGION },
  });
  const check = new VisionCheck({
    engine,
    plan: {
      ok: true,
      plan: {
        model: 'roulette',
        camera: 'wheel',
        regions: { pocket: REGION },
        minConfidence: 0.9,
        grabDelayMs: 0,
        frameTimeoutMs: 2000,
        classifyTimeoutMs: 3000,
      },
    },
    frames: camera,
    classifier,
    store: new FrameStore(join(dir, 'frames')),
    onRequest: (r) => camera.show({ labels: r.sensor, slots: r.slots }),
  });
  check.start();
  const total: number[] = [];
  const kinds = new Map<string, number>();
  const inCheck: number[] = [];
  for (let i = 0; i < N; i++) {
    const roundId = engine.publicState().round?.id ?? null;
    engine.handle({ source: 'operator', command: { cmd: 'openBetting', roundId, user: dealer } });
    const id = engine.publicState().round?.id as string;
    const game = `b${i}`;
    engine.handle({ source: 'wheel', event: wheel({ type: 'ballLaunched', game, direction: 'cw' }) });
    engine.handle({ source: 'wheel', event: wheel({ type: 'noMoreBets', game }) });
    const n = i % 37;
    current = String(n);
    // Announced as final, or held: either way the round's check is over.
    const announced = new Promise<number>((resolve) => {
      const done = () => {
        engine.off('result', done);
        engine.off('state', held);
        resolve(performance.now());
      };
      const held = (st: { round: { phase: string } | null }) => {
        if (st.round?.phase === 'needs_review') done();
      };
      engine.on('result', done);
      engine.on('state', held);
    });
    const verdict = new Promise<number>((resolve) => check.once('verdict', (v) => resolve(v.ms)));
    const t0 = performance.now();
    engine.handle({
      source: 'wheel',
      event: wheel({
        type: 'result',
        game,
        number: n,
        label: String(n),
        colour: colourOf(n),
        pocket: pocketIndex('european', n),
        late: false,
      }),
    });
    total.push((await announced) - t0);
    inCheck.push(await verdict);
    const phase = engine.publicState().round?.phase ?? '';
    kinds.set(phase, (kinds.get(phase) ?? 0) + 1);
    if (phase === 'needs_review') {
      const floor = { id: 'bench-floor', role: 'floor_manager' } as const;
      engine.handle({
        source: 'operator',
        command: { cmd: 'void', roundId: id, user: floor, reason: 'bench' },
      });
    } else engine.handle({ source: 'operator', command: { cmd: 'settle', roundId: id, user: dealer } });
  }
  await check.stop();
  await classifier.close();
  journal.close();
  rmSync(dir, { recursive: true, force: true });
  const t = summary(total);
  const c = summary(inCheck);
  const model = real ? 'the real roulette model' : 'constant classifier';
  console.log(`vision-check: ${N} roulette results, simulated 640×360 camera, frame stored, ${model}`);
  console.log(`  sensor result → final or held: p50 ${fmt(t.p50)}  p99 ${fmt(t.p99)}  max ${fmt(t.max)}`);
  console.log(`  outcomes: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`  inside the check (grab + store + crop + classify): p50 ${fmt(c.p50)}  p99 ${fmt(c.p99)}`);
}
