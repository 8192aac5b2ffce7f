/**
 * Frames from a folder of images, taken in name order (natural: frame-2 before frame-10): replays
 * of recorded frames and tests. A sub-folder named like the camera is used for that camera. After
 * the last image it starts again (`loop`) or rejects with "no more frames".
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Frame, FrameSource } from '../types';
import { DEFAULT_GRAB_TIMEOUT_MS, frameOf } from './frame';
import { withTimeout } from './timeout';

const IMAGE = /\.(png|jpe?g|webp)$/i;
const byName = new Intl.Collator('en', { numeric: true }).compare;

export class FolderFrameSource implements FrameSource {
  private readonly dir: string;
  private readonly next = new Map<string, number>();

  constructor(
    dir: string,
    private readonly options: { loop?: boolean } = {},
  ) {
    this.dir = resolve(dir);
  }

  grab(camera: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
    const ms = options.timeoutMs ?? DEFAULT_GRAB_TIMEOUT_MS;
    return withTimeout(this.take(camera), ms, `frame folder ${this.dir}`);
  }

  private async take(camera: string): Promise<Frame> {
    const dir = await this.folderOf(camera);
    const files = (await readdir(dir)).filter((f) => IMAGE.test(f)).sort(byName);
    if (files.length === 0) throw new Error(`frame folder ${dir} has no images (.png, .jpg, .webp)`);
    let index = this.next.get(camera) ?? 0;
    if (index >= files.length) {
      if (this.options.loop === false)
        throw new Error(`frame folder ${dir}: no more frames (${files.length} used)`);
      index = 0;
    }
    this.next.set(camera, index + 1);
    const path = join(dir, files[index] as string);
    return frameOf(await readFile(path), camera, `folder:${path}`);
  }

  private async folderOf(camera: string): Promise<string> {
    const sub = join(this.dir, camera);
    const entries = await readdir(this.dir, { withFileTypes: true }).catch((e: unknown) => {
      throw new Error(`frame folder ${this.dir}: ${(e as Error).message}`);
    });
    return entries.some((e) => e.isDirectory() && e.name === camera) ? sub : this.dir;
  }
}
