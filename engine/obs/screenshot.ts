/**
 * Frame grab of a named camera source (GetSourceScreenshot) for the vision check: OBS renders the
 * source (a scene or a single input, on air or not) at the requested width and answers with a data
 * URI, decoded here to the image bytes.
 */
import { createHash } from 'node:crypto';
import type { ObsConfig } from '../config/schema';
import type { Frame, FrameSource } from '../vision/types';
import type { ObsConnection } from './connection';

export interface ScreenshotOptions {
  width?: number;
  format?: 'png' | 'jpg';
  /** JPEG quality 0..100 (-1 = OBS's default). */
  quality?: number;
  timeoutMs?: number;
}

export async function screenshot(
  conn: ObsConnection,
  sourceName: string,
  opts: ScreenshotOptions = {},
): Promise<Buffer> {
  const r = await conn.call(
    'GetSourceScreenshot',
    {
      sourceName,
      imageFormat: opts.format ?? 'png',
      ...(opts.width ? { imageWidth: opts.width } : {}),
      ...(opts.quality !== undefined ? { imageCompressionQuality: opts.quality } : {}),
    },
    { timeoutMs: opts.timeoutMs },
  );
  const uri = r.imageData;
  if (typeof uri !== 'string') throw new Error(`GetSourceScreenshot ${sourceName}: OBS sent no image`);
  const comma = uri.indexOf(',');
  if (!uri.startsWith('data:') || comma < 0)
    throw new Error(`GetSourceScreenshot ${sourceName}: not a data URI`);
  return Buffer.from(uri.slice(comma + 1), 'base64');
}

/**
 * The FrameSource the vision check uses: camera name (of scenePlan.cameras) → its source (or its
 * scene when it names no source), grabbed as PNG. Rejects when OBS is down or slow; never hangs.
 */
export class ObsFrameSource implements FrameSource {
  constructor(
    private readonly conn: ObsConnection,
    private readonly plan: ObsConfig,
    private readonly opts: { width?: number; now?: () => number } = {},
  ) {}

  async grab(camera: string, options: { timeoutMs?: number } = {}): Promise<Frame> {
    const cam = this.plan.scenePlan.cameras[camera];
    if (!cam)
      throw new Error(
        `no camera "${camera}" in obs.scenePlan.cameras (known: ${Object.keys(this.plan.scenePlan.cameras).join(', ') || 'none'})`,
      );
    const sourceName = cam.source ?? cam.scene;
    const image = await screenshot(this.conn, sourceName, {
      width: this.opts.width,
      format: 'png',
      timeoutMs: options.timeoutMs,
    });
    return {
      image,
      sha256: createHash('sha256').update(image).digest('hex'),
      camera,
      source: `obs:${sourceName}`,
      at: (this.opts.now ?? Date.now)(),
    };
  }
}
