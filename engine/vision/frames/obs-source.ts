/**
 * Frames from OBS: a screenshot of the source that shows the camera. The screenshot call itself
 * (obs-websocket GetSourceScreenshot) belongs to the OBS connection and is passed in, so this
 * module has no OBS dependency and tests can give any function.
 */
import type { Frame, FrameSource } from '../types';
import { DEFAULT_GRAB_TIMEOUT_MS, frameOf } from './frame';
import { withTimeout } from './timeout';

/** Resolves the encoded image (PNG) of an OBS source; rejects when OBS cannot give one. */
export type ScreenshotFn = (sourceName: string) => Promise<Buffer>;

export class ObsFrameSource implements FrameSource {
  constructor(
    private readonly screenshot: ScreenshotFn,
    /** Camera name → OBS source (or scene) name, as in obs.scenePlan.cameras. */
    private readonly sources: Readonly<Record<string, string>>,
  ) {}

  async grab(camera: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
    const source = this.sources[camera];
    if (source === undefined) {
      const known = Object.keys(this.sources).join(', ') || 'none';
      throw new Error(`camera ${camera} has no OBS source (cameras: ${known})`);
    }
    const ms = options.timeoutMs ?? DEFAULT_GRAB_TIMEOUT_MS;
    let image: Buffer;
    try {
      // The call may never settle (a dead socket): the timeout is what ends the wait.
      image = await withTimeout(
        Promise.resolve().then(() => this.screenshot(source)),
        ms,
        `OBS screenshot of ${source}`,
      );
    } catch (e) {
      throw new Error(
        (e as Error).message.startsWith('OBS')
          ? (e as Error).message
          : `OBS screenshot of ${source}: ${(e as Error).message}`,
      );
    }
    if (!Buffer.isBuffer(image) || image.length === 0)
      throw new Error(`OBS screenshot of ${source} is empty`);
    return frameOf(image, camera, `obs:${source}`);
  }
}
