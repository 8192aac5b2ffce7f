/**
 * The vision check on frames from a real OBS Studio 29 (headless, obs-websocket 5.1): an image
 * source shows a table frame; the check grabs it with GetSourceScreenshot through the screenshot
 * function the OBS connection provides, crops the pocket region and reads it (the fake model
 * decodes each label's colour), and the round engine finalises or holds the result. Then OBS is
 * killed: the next check is no_frame within the timeout, never a hang, never a pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VisionSchema } from '../../engine/config/vision';
import { ObsConnection } from '../../engine/obs/connection';
import { screenshot } from '../../engine/obs/screenshot';
import { pixelBox } from '../../engine/vision/check/crop';
import { checkPlan } from '../../engine/vision/check/plan';
import { VisionCheck } from '../../engine/vision/check/vision-check';
import { ObsFrameSource } from '../../engine/vision/frames/obs-source';
import type { VisionVerdict } from '../../engine/vision/verdict';
import type { RunningObs } from '../../scripts/obs/launch';
import { wheel } from '../rounds/support/device-events';
import { ROULETTE, Table } from '../rounds/support/table';
import { colourOf, FakeClassifier, solidPng } from '../vision-check/support/samples';
import { haveObs, startRealObs } from './support/real-obs';

const run = haveObs();
const REGION = { x: 0.4, y: 0.35, w: 0.2, h: 0.3 };
let obs: RunningObs;
let conn: ObsConnection;
let dir: string;

/** A 640×360 table frame with the colour of `label` in the pocket region. */
async function tableFrame(label: string): Promise<Buffer> {
  const box = pixelBox(REGION, 640, 360);
  return sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 18, g: 84, b: 48 } } })
    .composite([
      { input: await solidPng(colourOf('roulette', label), box.width), left: box.left, top: box.top },
    ])
    .resize(640, 360)
    .png()
    .toBuffer();
}

async function show(label: string): Promise<void> {
  const file = join(dir, `frame-${label}.png`);
  writeFileSync(file, await tableFrame(label));
  await conn.call('SetInputSettings', { inputName: 'Vision Frame', inputSettings: { file } });
  await new Promise((r) => setTimeout(r, 300)); // the image source reloads its file
}

function rig() {
  const t = new Table({ ...ROULETTE, vision: { minConfidence: 0.9, verdictTimeoutMs: 20_000 } });
  const plan = checkPlan(
    VisionSchema.parse({ regions: { wheel: REGION }, frameTimeoutMs: 1500, models: { roulette: 'm.onnx' } }),
    'roulette',
  );
  const frames = new ObsFrameSource((name) => screenshot(conn, name, { timeoutMs: 1500 }), {
    wheel: 'Vision Frame',
  });
  const check = new VisionCheck({ engine: t.engine, plan, frames, classifier: new FakeClassifier() });
  check.start();
  const next = () => new Promise<VisionVerdict>((r) => check.once('verdict', r));
  const spin = (n: number) => {
    t.command({ cmd: 'openBetting', roundId: t.engine.state.round?.id ?? null });
    t.wheel(wheel.launched(t.nextGame(), 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', n));
  };
  return { t, check, next, spin };
}

describe.runIf(run)('vision check on frames from a real OBS', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vision-obs-'));
    obs = await startRealObs();
    conn = new ObsConnection({
      url: obs.url,
      password: obs.password,
      requestTimeoutMs: 3000,
      heartbeatMs: 60_000,
    });
    conn.start();
    await new Promise((r) => conn.once('connected', r));
    await conn.call('CreateScene', { sceneName: 'Vision Test' });
    writeFileSync(join(dir, 'blank.png'), await tableFrame('0'));
    await conn.call('CreateInput', {
      sceneName: 'Vision Test',
      inputName: 'Vision Frame',
      inputKind: 'image_source',
      inputSettings: { file: join(dir, 'blank.png') },
    });
  }, 60_000);

  afterAll(async () => {
    await conn?.stop();
    await obs?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the camera shows the sensor number: agree, final, citing the OBS source and frame hash', async () => {
    await show('17');
    const r = rig();
    const verdict = r.next();
    r.spin(17);
    const v = await verdict;
    expect(v).toMatchObject({
      status: 'agree',
      readings: [{ label: '17' }],
      frame: { source: 'obs:Vision Frame' },
    });
    expect(v.frame?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.t.phase).toBe('result');
    await r.check.stop();
  });

  it('the camera shows another number: held for review with both readings', async () => {
    await show('32');
    const r = rig();
    const verdict = r.next();
    r.spin(17);
    expect(await verdict).toMatchObject({ status: 'disagree', readings: [{ label: '32' }] });
    expect(r.t.engine.publicState().round?.vision?.hold?.camera[0]?.label).toBe('32');
    await r.check.stop();
  });

  it('OBS gone: no_frame within the frame timeout, the round is held', async () => {
    const r = rig();
    await obs.stop();
    const verdict = r.next();
    const t0 = Date.now();
    r.spin(17);
    const v = await verdict;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(v.status).toBe('no_frame');
    expect(r.t.phase).toBe('needs_review');
    await r.check.stop();
  }, 20_000);
});
