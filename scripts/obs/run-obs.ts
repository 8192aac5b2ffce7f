/**
 * A headless OBS for trying the desk by hand: `npx tsx scripts/obs/run-obs.ts`. Prints the
 * websocket URL and password (export OBS_PASSWORD=… and point obs.url at it); Ctrl-C stops OBS and
 * Xvfb and deletes the throw-away HOME.
 */
import { launchObs } from './launch';

const obs = await launchObs({ studioMode: process.argv.includes('--studio-mode') });
process.stdout.write(
  `OBS ${obs.url} on display ${obs.display}\nOBS_PASSWORD=${obs.password}\nhome ${obs.home}\n`,
);
await new Promise<void>((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});
await obs.stop();
