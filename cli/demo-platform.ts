/**
 * The demo table's platform: `studio-desk start` with no --config runs the reference receiver in
 * the same process on a free loopback port, with the desk's own public keys, and points the
 * table's webhook at it, so `npm start` shows outcomes signed, delivered, verified and stored
 * (store: platform-receiver.sqlite beside the journal). A real table names its platform in its file.
 */
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { TableConfig } from '../engine/config/schema';
import { signingKeyDir } from '../engine/delivery/outcome-service';
import { KeyStore } from '../engine/outcomes/keys';
import { JwksSource } from '../engine/platform/jwks-source';
import { PlatformReceiver } from '../engine/platform/receiver';

export async function startDemoPlatform(
  config: TableConfig,
): Promise<{ config: TableConfig; receiver: PlatformReceiver }> {
  mkdirSync(dirname(config.journal.path), { recursive: true });
  const withPlatform: TableConfig = {
    ...config,
    platform: { webhook: { url: 'http://127.0.0.1:1/outcomes' }, signingKeyDir: signingKeyDir(config) },
  };
  // Opened once so the keys exist (first run); the receiver then reads the public keys from the
  // key index again whenever an outcome names a kid it lacks (a floor manager rotated the key).
  const dir = signingKeyDir(withPlatform);
  await KeyStore.open(dir);
  const jwks = await JwksSource.from(`${dir} (the desk's own keys)`, async () =>
    (await KeyStore.readPublic(dir)).jwks(),
  );
  const receiver = await PlatformReceiver.start({
    port: 0,
    jwks,
    storePath: join(dirname(config.journal.path), 'platform-receiver.sqlite'),
  });
  return {
    receiver,
    config: { ...withPlatform, platform: { ...withPlatform.platform, webhook: { url: receiver.url } } },
  };
}
