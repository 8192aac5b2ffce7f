import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signingKeyDir } from '../../engine/delivery/outcome-service';
import { loadTableConfig } from '../../engine/config/load';
import { demoTableConfig } from '../../engine/config/demo';
import { KeyStore } from '../../engine/outcomes/keys';
import { UsageError, jsonLine, parse } from '../args';

export const KEYS_USAGE = `studio-desk keys export [--dir DIR | --config FILE]
studio-desk keys list [--dir DIR | --config FILE]
studio-desk keys rotate [--dir DIR | --config FILE]

The desk's Ed25519 outcome signing keys (owner-only folder; the private key never leaves it).
export   the public keys as a JWKS on stdout (give it to the platform: --jwks of the receiver)
list     kid, created and retired time of every key
rotate   a new signing key; the old one stays in the JWKS (its outcomes still verify) and its
         private half is deleted. Stop the desk first. A running desk (and the app, whose key
         is sealed in the OS keychain) rotates from the floor manager's screen instead:
         Floor > Outcome signing keys (journaled as keys.rotated).
The folder: --dir, or the table's platform.signingKeyDir (default keys/ beside the journal);
with neither, the demo table's.`;

export async function keysCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parse(
    rest,
    { dir: { type: 'string' }, config: { type: 'string' } },
    KEYS_USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (sub !== 'export' && sub !== 'list' && sub !== 'rotate')
    throw new UsageError(
      `${sub === undefined ? 'say what to do: export, list or rotate' : `unknown keys command "${sub}"`}\n\n${KEYS_USAGE}`,
    );
  const dir =
    typeof values.dir === 'string'
      ? values.dir
      : signingKeyDir(
          typeof values.config === 'string' ? await loadTableConfig(values.config) : demoTableConfig(),
        );
  if (!existsSync(join(dir, 'keys.json'))) {
    process.stderr.write(
      `studio-desk keys: no keys in ${dir} (the desk makes them on its first start with a platform section)\n`,
    );
    return 2;
  }
  // export and list need only the public keys: they also work on a store the desk app sealed.
  if (sub === 'export')
    process.stdout.write(`${JSON.stringify((await KeyStore.readPublic(dir)).jwks(), null, 2)}\n`);
  else if (sub === 'list') for (const k of (await KeyStore.readPublic(dir)).list()) jsonLine(k);
  else {
    const store = await KeyStore.open(dir);
    const before = store.current().kid;
    const next = await store.rotate();
    process.stdout.write(`rotated: ${before} retired, ${next.kid} signs from now on\n`);
  }
  return 0;
}
