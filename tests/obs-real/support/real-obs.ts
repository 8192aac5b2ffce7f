/**
 * A real OBS Studio for a test suite: Xvfb + OBS headless (scripts/obs/launch.ts) on a free display
 * and port, stopped after the suite. Missing obs or Xvfb fails in CI and skips on a developer's
 * machine (havePeer).
 */
import { launchObs, type LaunchOptions, type RunningObs } from '../../../scripts/obs/launch';
import { havePeer } from '../../support/peers';

export function haveObs(): boolean {
  return (
    havePeer('obs', 'the real-OBS tests') && havePeer('Xvfb', 'the real-OBS tests (apt-get install xvfb)')
  );
}

export async function startRealObs(opts: LaunchOptions = {}): Promise<RunningObs> {
  return launchObs({ startTimeoutMs: 30_000, ...opts });
}

/** PNG width from its IHDR chunk. */
export function pngWidth(png: Buffer): number {
  if (png.subarray(1, 4).toString() !== 'PNG') throw new Error('not a PNG');
  return png.readUInt32BE(16);
}
