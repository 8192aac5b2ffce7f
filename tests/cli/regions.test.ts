import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { killAllCli, runCli } from '../support/spawn-cli';

describe('studio-desk regions', () => {
  afterEach(() => killAllCli());
  const dir = mkdtempSync(join(tmpdir(), 'studio-desk-regions-'));

  function tableFile(vision: unknown): string {
    const table = parse(readFileSync('config/demo-roulette.yaml', 'utf8')) as Record<string, unknown>;
    table.vision = vision;
    const file = join(dir, `table-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(table));
    return file;
  }

  it("crops the table's pocket region out of a frame, writes the crop and an overlay", async () => {
    const frame = join(dir, 'frame.png');
    // A 640×360 frame, red exactly where the pocket region is.
    const red = await sharp({
      create: { width: 192, height: 144, channels: 3, background: { r: 255, g: 0, b: 0 } },
    })
      .png()
      .toBuffer();
    await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .composite([{ input: red, left: 224, top: 108 }])
      .png()
      .toFile(frame);
    const file = tableFile({
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.35, y: 0.3, w: 0.3, h: 0.4 } },
    });
    const out = join(dir, 'out');
    const r = await runCli(['regions', '--config', file, '--image', frame, '--out', out], 20_000);
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim()) as { slot: string; camera: string; box: object; crop: string };
    expect(line).toMatchObject({
      slot: 'pocket',
      camera: 'wheel',
      box: { left: 224, top: 108, width: 192, height: 144 },
    });
    const stats = await sharp(line.crop).stats();
    expect(stats.channels.slice(0, 3).map((c) => Math.round(c.mean))).toEqual([255, 0, 0]);
    expect(existsSync(join(out, 'overlay.png'))).toBe(true);
  });

  it('a table whose vision section cannot be checked, or a frame that is not an image: exit 2 with the reason', async () => {
    const noSlots = JSON.parse(
      readFileSync(tableFile({ models: { roulette: 'models/roulette.onnx' } }), 'utf8'),
    );
    const file = join(dir, 'no-regions.json');
    writeFileSync(file, JSON.stringify(noSlots));
    const r = await runCli(['regions', '--config', file, '--image', 'x.png'], 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vision\.camera/);
    const good = tableFile({
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0, y: 0, w: 1, h: 1 } },
    });
    const bad = join(dir, 'bad.png');
    writeFileSync(bad, 'not an image');
    const b = await runCli(['regions', '--config', good, '--image', bad], 20_000);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/not a readable image/);
  });
});
