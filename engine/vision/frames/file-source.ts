/** Frames from one image file (a still for tests, or a file another tool keeps overwriting). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Frame, FrameSource } from '../types';
import { DEFAULT_GRAB_TIMEOUT_MS, frameOf } from './frame';
import { withTimeout } from './timeout';

export class FileFrameSource implements FrameSource {
  private readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  async grab(camera: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
    const ms = options.timeoutMs ?? DEFAULT_GRAB_TIMEOUT_MS;
    const signal = AbortSignal.timeout(ms);
    const image = await withTimeout(readFile(this.path, { signal }), ms, `frame file ${this.path}`).catch(
      (e: unknown) => {
        throw new Error(`frame file ${this.path}: ${(e as Error).message}`);
      },
    );
    return frameOf(image, camera, `file:${this.path}`);
  }
}
