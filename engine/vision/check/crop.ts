/**
 * Crops regions of interest (fractions of the frame) out of a frame with sharp, one PNG per
 * region. Fractions are turned into whole pixels the same way the simulated camera places its
 * samples: left/top floored, size rounded, at least one pixel, never past the edge.
 */
import sharp, { type Metadata } from 'sharp';
import type { Region } from '../types';

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function pixelBox(region: Region, width: number, height: number): PixelBox {
  const left = Math.min(width - 1, Math.max(0, Math.floor(region.x * width)));
  const top = Math.min(height - 1, Math.max(0, Math.floor(region.y * height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round(region.w * width))),
    height: Math.max(1, Math.min(height - top, Math.round(region.h * height))),
  };
}

/** One PNG per region. Rejects with the reason when the frame is not a readable image. */
export async function cropRegions(image: Buffer, regions: readonly Region[]): Promise<Buffer[]> {
  let meta: Metadata;
  try {
    meta = await sharp(image).metadata();
  } catch (e) {
    throw new Error(`the frame is not a readable image (${(e as Error).message})`);
  }
  const { width, height } = meta;
  if (!width || !height) throw new Error('the frame has no size');
  return Promise.all(
    regions.map((r) =>
      sharp(image)
        .extract(pixelBox(r, width, height))
        .png()
        .toBuffer(),
    ),
  );
}
