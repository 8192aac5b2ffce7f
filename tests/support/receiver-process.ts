/**
 * The reference receiver as its own process, for tests that run the desk as a user does: the desk's
 * keys are made under `dir/keys` (the desk started on `dir` finds them there), their JWKS written to
 * `dir/jwks.json` and given to `studio-desk platform-receiver`, which stores into
 * `dir/received.sqlite`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyStore } from '../../engine/outcomes/keys';
import { spawnCli, type CliProcess } from './spawn-cli';

export async function startReceiverProcess(
  dir: string,
): Promise<{ receiver: CliProcess; url: string; keys: KeyStore; storePath: string }> {
  const keys = await KeyStore.open(join(dir, 'keys'));
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify(keys.jwks()));
  const storePath = join(dir, 'received.sqlite');
  const receiver = spawnCli([
    'platform-receiver',
    '--port',
    '0',
    '--jwks',
    join(dir, 'jwks.json'),
    '--store',
    storePath,
    '--json',
  ]);
  await receiver.until(() => receiver.json().some((l) => l.type === 'listening'), 20_000, 'the receiver');
  const url = String(receiver.json().find((l) => l.type === 'listening')?.url);
  return { receiver, url, keys, storePath };
}
