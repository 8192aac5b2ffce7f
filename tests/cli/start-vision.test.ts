/**
 * The headless desk with vision on and the simulated camera: a result is verified, not final at
 * once; a frame the camera draws wrong (disagreeRate 1) holds the round for review, the frame is
 * kept under its sha256, and all of it is in a journal whose chain verifies.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeSamples } from '../vision-check/support/samples';
import { killAllCli, runCli, spawnCli } from '../support/spawn-cli';

describe('studio-desk start with the vision check', () => {
  afterEach(() => killAllCli());

  it('holds a round whose camera frame disagrees (or cannot be read) for a floor manager', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'studio-desk-vision-'));
    await writeSamples(join(dir, 'samples'), 'roulette');
    const table = parse(readFileSync('config/demo-roulette.yaml', 'utf8')) as Record<string, unknown>;
    delete table.obs;
    delete table.platform;
    table.vision = {
      enabled: true,
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.35, y: 0.3, w: 0.3, h: 0.4 } },
      frames: { source: 'simulated', samples: join(dir, 'samples'), disagreeRate: 1, seed: 5 },
      framesDir: join(dir, 'frames'),
    };
    const journal = join(dir, 'j.sqlite');
    table.journal = { path: journal };
    const file = join(dir, 'table.json');
    writeFileSync(file, JSON.stringify(table));

    const desk = spawnCli([
      'start',
      '--config',
      file,
      '--time-scale',
      '0.05',
      '--autopilot',
      '--no-server',
      '--json',
    ]);
    type Line = { type: string; state?: { round?: { phase: string; vision?: { hold?: { code: string } } } } };
    const held = () =>
      (desk.json() as Line[]).find((l) => l.type === 'state' && l.state?.round?.phase === 'needs_review');
    await desk.until(() => held() !== undefined, 40_000, 'a round held for review');
    const lines = desk.json() as Line[];
    expect(lines.some((l) => l.state?.round?.phase === 'verifying')).toBe(true);
    // The camera draws another number than the wheel's: whatever the model makes of it (or
    // 'unavailable' without models), it is never an agreement.
    expect(['disagree', 'low_confidence', 'none', 'unavailable']).toContain(
      held()?.state?.round?.vision?.hold?.code,
    );
    expect(lines.some((l) => l.type === 'result')).toBe(false);
    expect((await desk.stop(10_000)).code).toBe(0);

    const frames = readdirSync(join(dir, 'frames'));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0]).toMatch(/^[0-9a-f]{64}\.png$/);
    expect((await runCli(['audit', 'verify', '--journal', journal], 20_000)).code).toBe(0);
    const show = await runCli(['audit', 'show', '--journal', journal, '--json'], 20_000);
    const kinds = show.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds).toContain('round.verifying');
    expect(kinds).toContain('vision.verdict');
    expect(kinds).toContain('round.held');
    expect(kinds).toContain('link.vision.status');
    expect(kinds).not.toContain('round.result');
  });
});
