/**
 * The simulated camera of the demo and the HIL rig. Told what the sensor read (`show`), it draws
 * a frame: a felt-green canvas with the sample image of each label (models/samples/<model>/
 * <label>.png) scaled into that slot's region, so the check crops back what was drawn. With
 * `disagreeRate` > 0, that share of frames shows one slot with another label than the sensor's,
 * so a floor manager's review can be demonstrated. Seeded: the same seed draws the same frames.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import type { Frame, FrameSource, ModelName, Region } from '../types';
import { DEFAULT_GRAB_TIMEOUT_MS, frameOf } from './frame';
import { withTimeout } from './timeout';

export interface SimulatedCameraOptions {
  /** Folder with `<model>/<label>.png`. */
  samples: string;
  model: ModelName;
  /** Slot → region in fractions of the frame (the same regions the check crops). */
  regions: Readonly<Record<string, Region>>;
  disagreeRate?: number;
  seed?: number;
  width?: number;
  height?: number;
}

/** What the camera will show next: a label per slot. */
export interface Scene {
  labels: readonly string[];
  slots: readonly string[];
}

export class SimulatedCamera implements FrameSource {
  private scene: Scene | undefined;
  private readonly random: () => number;
  private labelsCache: Promise<string[]> | undefined;
  /** The labels of the last frame drawn (tests and the demo's log compare it with the sensor). */
  lastDrawn: string[] = [];

  constructor(private readonly opts: SimulatedCameraOptions) {
    this.random = mulberry32(opts.seed ?? 1);
  }

  /** The regions the camera draws the slots into (the check's, when a technician saves new ones). */
  setRegions(regions: Readonly<Record<string, Region>>): void {
    this.opts.regions = { ...regions };
  }

  /** The table now shows `scene` (the sensor's result); the next grab draws it. */
  show(scene: Scene): void {
    this.scene = { labels: [...scene.labels], slots: [...scene.slots] };
  }

  grab(camera: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
    const ms = options.timeoutMs ?? DEFAULT_GRAB_TIMEOUT_MS;
    return withTimeout(this.draw(camera), ms, `simulated camera ${camera}`);
  }

  private async draw(camera: string): Promise<Frame> {
    const scene = this.scene;
    if (!scene) throw new Error(`simulated camera ${camera}: nothing on the table to show`);
    const labels = await this.maybeWrong(scene.labels);
    const width = this.opts.width ?? 640;
    const height = this.opts.height ?? 360;
    const layers: OverlayOptions[] = [];
    for (const [i, slot] of scene.slots.entries()) {
      const region = this.opts.regions[slot];
      if (!region) throw new Error(`simulated camera ${camera}: no region for slot ${slot}`);
      const label = labels[i] ?? 'none';
      const left = Math.floor(region.x * width);
      const top = Math.floor(region.y * height);
      const w = Math.max(1, Math.min(width - left, Math.round(region.w * width)));
      const h = Math.max(1, Math.min(height - top, Math.round(region.h * height)));
      const input = await sharp(this.samplePath(label))
        .resize(w, h, { fit: 'fill' })
        .png()
        .toBuffer()
        .catch((e: unknown) => {
          throw new Error(`simulated camera: sample ${this.samplePath(label)}: ${(e as Error).message}`);
        });
      layers.push({ input, left, top });
    }
    const image = await sharp({ create: { width, height, channels: 3, background: { r: 18, g: 84, b: 48 } } })
      .composite(layers)
      .png()
      .toBuffer();
    this.lastDrawn = labels;
    return frameOf(image, camera, `simulated:${this.opts.model}`);
  }

  /** With probability `disagreeRate`, one label replaced by another sample's. */
  private async maybeWrong(labels: readonly string[]): Promise<string[]> {
    const out = [...labels];
    if (out.length === 0 || this.random() >= (this.opts.disagreeRate ?? 0)) return out;
    const others = (await this.labels()).filter((l) => !out.includes(l));
    if (others.length === 0) return out;
    const slot = Math.floor(this.random() * out.length);
    out[slot] = others[Math.floor(this.random() * others.length)] as string;
    return out;
  }

  private labels(): Promise<string[]> {
    this.labelsCache ??= readdir(join(resolve(this.opts.samples), this.opts.model))
      .then((files) => files.filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4)))
      .catch(() => []);
    return this.labelsCache;
  }

  private samplePath(label: string): string {
    if (!/^[A-Za-z0-9]{1,8}$/.test(label))
      throw new Error(`simulated camera: "${label}" is not a sample label`);
    return join(resolve(this.opts.samples), this.opts.model, `${label}.png`);
  }
}

/** A small seeded PRNG (mulberry32): repeatable draws without a dependency. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
