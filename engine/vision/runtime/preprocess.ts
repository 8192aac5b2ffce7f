/**
 * An encoded crop (PNG, JPEG, WebP…) → the model's input: decoded and stretched to the manifest's
 * height x width with sharp (as the training images were, see models/training/common.py
 * final_resize), alpha flattened, then normalised into planar RGB floats.
 */
import sharp from 'sharp';
import type { ModelEntry } from './manifest';

/** A crop bigger than this is refused before it is decoded (a camera frame is ~2 MP, a crop far less). */
const MAX_INPUT_PIXELS = 40_000_000;

export class CropError extends Error {
  override readonly name = 'CropError';
}

/** Writes one crop into `out` (length 3*H*W) at `offset`. */
export async function preprocessInto(
  crop: Uint8Array,
  entry: ModelEntry,
  out: Float32Array,
  offset: number,
): Promise<void> {
  const { height: h, width: w } = entry.input;
  let data: Buffer;
  let channels: number;
  try {
    const r = await sharp(crop, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .toColourspace('srgb')
      .resize(w, h, { fit: 'fill', kernel: 'lanczos3' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    data = r.data;
    channels = r.info.channels;
  } catch (e) {
    throw new CropError(`cannot decode the crop as an image (${(e as Error).message})`);
  }
  if (channels !== 3 || data.length !== h * w * 3)
    throw new CropError(`crop decoded to ${channels} channels, ${data.length} bytes; expected RGB ${w}x${h}`);
  const { scale, mean, std } = entry.normalisation;
  const plane = h * w;
  for (let c = 0; c < 3; c++) {
    const m = mean[c] as number;
    const s = std[c] as number;
    const base = offset + c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = ((data[i * 3 + c] as number) * scale - m) / s;
  }
}

/** The batch tensor's data for `crops` (N x 3 x H x W). */
export async function preprocessBatch(
  crops: readonly Uint8Array[],
  entry: ModelEntry,
): Promise<Float32Array> {
  const size = 3 * entry.input.height * entry.input.width;
  const out = new Float32Array(size * crops.length);
  await Promise.all(
    crops.map((crop, i) =>
      preprocessInto(crop, entry, out, i * size).catch((e: Error) => {
        throw new CropError(`crop ${i + 1} of ${crops.length}: ${e.message}`);
      }),
    ),
  );
  return out;
}
