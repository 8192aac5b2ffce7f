import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cropRegions, pixelBox } from '../../engine/vision/check/crop';
import { FileFrameSource } from '../../engine/vision/frames/file-source';
import { FolderFrameSource } from '../../engine/vision/frames/folder-source';
import { ObsFrameSource } from '../../engine/vision/frames/obs-source';
import { SimulatedCamera } from '../../engine/vision/frames/simulated-camera';
import { colourOf, FakeClassifier, solidPng, writeSamples } from './support/samples';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vision-frames-'));
  await writeSamples(join(dir, 'samples'), 'roulette');
  await writeSamples(join(dir, 'samples'), 'card');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('file and folder frame sources', () => {
  it('a file: the image as read, its sha256, the camera and where it came from', async () => {
    const image = await solidPng({ r: 1, g: 2, b: 3 });
    const path = join(dir, 'still.png');
    writeFileSync(path, image);
    const frame = await new FileFrameSource(path).grab('wheel');
    expect(frame).toMatchObject({ camera: 'wheel', source: `file:${path}`, sha256: sha(image) });
    expect(frame.image.equals(image)).toBe(true);
  });

  it('a missing file rejects naming the file', async () => {
    await expect(new FileFrameSource(join(dir, 'nope.png')).grab('wheel')).rejects.toThrow(
      /nope\.png.*ENOENT/,
    );
  });

  it('a folder: images in natural name order, then again from the first', async () => {
    const folder = join(dir, 'replay');
    mkdirSync(folder);
    for (const n of [10, 2, 1])
      writeFileSync(join(folder, `frame-${n}.png`), await solidPng({ r: n, g: 0, b: 0 }));
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const src = new FolderFrameSource(folder);
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await src.grab('wheel')).source.split('/').at(-1));
    expect(names).toEqual(['frame-1.png', 'frame-2.png', 'frame-10.png', 'frame-1.png']);
  });

  it('a folder without loop gives no more frames after the last; a sub-folder per camera is used', async () => {
    const folder = join(dir, 'cams');
    mkdirSync(join(folder, 'overhead'), { recursive: true });
    writeFileSync(join(folder, 'a.png'), await solidPng({ r: 9, g: 9, b: 9 }));
    writeFileSync(join(folder, 'overhead', 'b.png'), await solidPng({ r: 8, g: 8, b: 8 }));
    const src = new FolderFrameSource(folder, { loop: false });
    expect((await src.grab('overhead')).source).toMatch(/overhead\/b\.png$/);
    await expect(src.grab('overhead')).rejects.toThrow(/no more frames/);
    expect((await src.grab('wheel')).source).toMatch(/cams\/a\.png$/);
  });

  it('an empty or missing folder rejects with the reason', async () => {
    mkdirSync(join(dir, 'empty'));
    await expect(new FolderFrameSource(join(dir, 'empty')).grab('wheel')).rejects.toThrow(/has no images/);
    await expect(new FolderFrameSource(join(dir, 'missing')).grab('wheel')).rejects.toThrow(/ENOENT/);
  });
});

describe('OBS screenshot adapter', () => {
  it('grabs the source configured for the camera', async () => {
    const image = await solidPng({ r: 5, g: 5, b: 5 });
    const asked: string[] = [];
    const src = new ObsFrameSource(async (name) => (asked.push(name), image), { wheel: 'Wheel Cam' });
    const frame = await src.grab('wheel');
    expect(asked).toEqual(['Wheel Cam']);
    expect(frame).toMatchObject({ camera: 'wheel', source: 'obs:Wheel Cam', sha256: sha(image) });
  });

  it('a screenshot that never comes rejects at the timeout (no promise hangs)', async () => {
    const src = new ObsFrameSource(() => new Promise<Buffer>(() => {}), { wheel: 'Wheel Cam' });
    const t0 = Date.now();
    await expect(src.grab('wheel', { timeoutMs: 150 })).rejects.toThrow(/within 150 ms/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('OBS errors, empty images and unknown cameras reject with a clear reason', async () => {
    const failing = new ObsFrameSource(
      async () => {
        throw new Error('Not connected');
      },
      { wheel: 'Wheel Cam' },
    );
    await expect(failing.grab('wheel')).rejects.toThrow('OBS screenshot of Wheel Cam: Not connected');
    const empty = new ObsFrameSource(async () => Buffer.alloc(0), { wheel: 'Wheel Cam' });
    await expect(empty.grab('wheel')).rejects.toThrow(/empty/);
    await expect(empty.grab('overhead')).rejects.toThrow(
      'camera overhead has no OBS source (cameras: wheel)',
    );
  });
});

describe('regions and crops', () => {
  it('fractions become whole pixels inside the frame', () => {
    expect(pixelBox({ x: 0.25, y: 0.5, w: 0.5, h: 0.5 }, 640, 360)).toEqual({
      left: 160,
      top: 180,
      width: 320,
      height: 180,
    });
    expect(pixelBox({ x: 0.999, y: 0, w: 0.001, h: 1 }, 100, 10)).toEqual({
      left: 99,
      top: 0,
      width: 1,
      height: 10,
    });
  });

  it('crops each region of a frame (the fake model reads back what is there)', async () => {
    const left = await solidPng(colourOf('roulette', '17'), 50);
    const right = await solidPng(colourOf('roulette', '4'), 50);
    const frame = await sharp({
      create: { width: 100, height: 50, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .composite([
        { input: left, left: 0, top: 0 },
        { input: right, left: 50, top: 0 },
      ])
      .png()
      .toBuffer();
    const crops = await cropRegions(frame, [
      { x: 0.5, y: 0, w: 0.5, h: 1 },
      { x: 0, y: 0, w: 0.5, h: 1 },
    ]);
    const readings = await new FakeClassifier().classify('roulette', crops);
    expect(readings.map((r) => r.label)).toEqual(['4', '17']);
  });

  it('a frame that is not an image is refused with the reason', async () => {
    await expect(cropRegions(Buffer.from('garbage'), [{ x: 0, y: 0, w: 1, h: 1 }])).rejects.toThrow(
      /not a readable image/,
    );
  });
});

describe('simulated camera', () => {
  const regions = { pocket: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } };

  it('draws the sensor result where the check crops it', async () => {
    const cam = new SimulatedCamera({ samples: join(dir, 'samples'), model: 'roulette', regions });
    cam.show({ labels: ['23'], slots: ['pocket'] });
    const frame = await cam.grab('wheel');
    expect(frame.source).toBe('simulated:roulette');
    const meta = await sharp(frame.image).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([640, 360, 'png']);
    const [crop] = await cropRegions(frame.image, [regions.pocket]);
    expect((await new FakeClassifier().classify('roulette', [crop!]))[0]?.label).toBe('23');
  });

  it('composites a baccarat hand, one card per slot', async () => {
    const slots = {
      player1: { x: 0.05, y: 0.1, w: 0.1, h: 0.3 },
      banker1: { x: 0.55, y: 0.1, w: 0.1, h: 0.3 },
      player2: { x: 0.2, y: 0.1, w: 0.1, h: 0.3 },
      banker2: { x: 0.7, y: 0.1, w: 0.1, h: 0.3 },
    };
    const cam = new SimulatedCamera({ samples: join(dir, 'samples'), model: 'card', regions: slots });
    cam.show({ labels: ['AS', '10H', 'QD', '2C'], slots: ['player1', 'banker1', 'player2', 'banker2'] });
    const frame = await cam.grab('overhead');
    const crops = await cropRegions(frame.image, [
      slots.player1,
      slots.banker1,
      slots.player2,
      slots.banker2,
    ]);
    expect((await new FakeClassifier().classify('card', crops)).map((r) => r.label)).toEqual([
      'AS',
      '10H',
      'QD',
      '2C',
    ]);
  });

  it('with disagreeRate 1 every frame shows one slot with another label; 0 never', async () => {
    const wrong = new SimulatedCamera({
      samples: join(dir, 'samples'),
      model: 'roulette',
      regions,
      disagreeRate: 1,
      seed: 7,
    });
    const right = new SimulatedCamera({
      samples: join(dir, 'samples'),
      model: 'roulette',
      regions,
      disagreeRate: 0,
    });
    for (let i = 0; i < 5; i++) {
      wrong.show({ labels: ['17'], slots: ['pocket'] });
      right.show({ labels: ['17'], slots: ['pocket'] });
      await wrong.grab('wheel');
      await right.grab('wheel');
      expect(wrong.lastDrawn[0]).not.toBe('17');
      expect(right.lastDrawn).toEqual(['17']);
    }
  });

  it('a missing sample or nothing to show rejects with the reason', async () => {
    const cam = new SimulatedCamera({ samples: join(dir, 'nowhere'), model: 'roulette', regions });
    await expect(cam.grab('wheel')).rejects.toThrow(/nothing on the table/);
    cam.show({ labels: ['17'], slots: ['pocket'] });
    await expect(cam.grab('wheel')).rejects.toThrow(/nowhere\/roulette\/17\.png/);
  });
});
