/**
 * Keeps every frame the check looked at, named by its sha256 (`<dir>/<sha256>.png`), so the floor
 * manager sees the very image and the audit can show it: the name is the hash the verdict cites.
 * Written to a temporary name and renamed, so a crash never leaves a half image under a hash name.
 */
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Frame } from '../types';
import { imageExtension } from '../frames/frame';

export class FrameStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  pathOf(frame: Pick<Frame, 'sha256' | 'image'>): string {
    return join(this.dir, `${frame.sha256}.${imageExtension(frame.image)}`);
  }

  /** Stores the frame (once: the same image is the same file); resolves its path. */
  async save(frame: Pick<Frame, 'sha256' | 'image'>): Promise<string> {
    const path = this.pathOf(frame);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) return path;
    await mkdir(this.dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, frame.image, { mode: 0o640 });
    await rename(tmp, path);
    return path;
  }
}
