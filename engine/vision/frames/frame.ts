/** A grabbed image as a `Frame`: its sha256 is what verdicts and outcomes cite. */
import { createHash } from 'node:crypto';
import type { Frame } from '../types';

export function frameOf(image: Buffer, camera: string, source: string, at: number = Date.now()): Frame {
  return { image, sha256: createHash('sha256').update(image).digest('hex'), camera, source, at };
}

/** The image format by its first bytes, for the stored file's extension; 'bin' when unknown. */
export function imageExtension(image: Buffer): 'png' | 'jpg' | 'webp' | 'bin' {
  if (image.length >= 8 && image.readUInt32BE(0) === 0x89504e47) return 'png';
  if (image.length >= 3 && image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) return 'jpg';
  if (
    image.length >= 12 &&
    image.toString('latin1', 0, 4) === 'RIFF' &&
    image.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  return 'bin';
}

export const DEFAULT_GRAB_TIMEOUT_MS = 2000;
