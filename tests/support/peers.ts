import { spawnSync } from 'node:child_process';

/**
 * Real peers (socat, OBS, chromium, nats-server) come from Debian packages that .ci/run installs.
 * In CI (CI=true) a missing peer is a failure; on a developer's machine the suite is skipped with the
 * reason printed.
 */
export function havePeer(command: string, purpose: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  const msg = `${command} not found: ${purpose} needs it (apt-get install ${command}).`;
  if (process.env.CI === 'true' || process.env.CI === '1')
    throw new Error(`${msg} CI=true, so this is a failure, not a skip.`);
  console.warn(`SKIPPED on this machine: ${msg}`);
  return false;
}
