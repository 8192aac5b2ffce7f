import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseDocument, isMap, isSeq, YAMLSeq } from 'yaml';
import { ROLES, type Role } from '../../engine/auth/roles';
import { hashSecret, secretProblem } from '../../engine/auth/secret';
import { ConfigError } from '../../engine/config/errors';
import { formatOf, parseTableConfig } from '../../engine/config/load';
import { UsageError, oneOf, parse } from '../args';

export const USERS_USAGE = `studio-desk users add --config FILE --id ID --name NAME --role ROLE

Adds a user to a table file, or sets the PIN/password of an existing one. The PIN or password is
read from standard input (one line) and only its scrypt hash is written; comments and layout of a
YAML file are kept. The file is validated before it is written.

  --role dealer|floor_manager|technician   (dealers: a PIN of 4-12 digits; others: 8+ characters)`;

export async function usersCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      config: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
    },
    USERS_USAGE,
  );
  if (positionals[0] !== 'add') throw new UsageError(`say what to do: add\n\n${USERS_USAGE}`);
  const file = values.config as string | undefined;
  const id = values.id as string | undefined;
  const role = oneOf(values.role as string | undefined, 'role', ROLES) as Role | undefined;
  if (!file || !id || !role) throw new UsageError(`--config, --id and --role are required\n\n${USERS_USAGE}`);
  const format = formatOf(file);
  if (!format) throw new UsageError(`${file}: a table file ends in .yaml, .yml or .json`);
  const text = await readFile(file, 'utf8').catch((e: Error) => {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  });

  const secret = await readSecret();
  const problem = secretProblem(role, secret);
  if (problem) throw new UsageError(problem);
  const entry = {
    id,
    name: (values.name as string | undefined) ?? id,
    role,
    secret: await hashSecret(secret),
  };

  let updated: string;
  if (format === 'json') {
    const doc = JSON.parse(text) as { users?: Record<string, unknown>[] };
    const users = doc.users ?? [];
    const i = users.findIndex((u) => u.id === id);
    if (i >= 0) users[i] = { ...users[i], ...entry };
    else users.push(entry);
    doc.users = users;
    updated = `${JSON.stringify(doc, null, 2)}\n`;
  } else {
    const doc = parseDocument(text);
    let users = doc.get('users');
    if (!isSeq(users)) {
      users = new YAMLSeq();
      doc.set('users', users);
    }
    const seq = users as YAMLSeq;
    const existing = seq.items.find((u) => isMap(u) && u.get('id') === id);
    if (isMap(existing)) {
      existing.set('role', role);
      existing.set('secret', entry.secret);
      if (values.name) existing.set('name', entry.name);
    } else seq.add(doc.createNode(entry));
    updated = doc.toString();
  }
  try {
    parseTableConfig(updated, format, file);
  } catch (e) {
    if (e instanceof ConfigError)
      throw new UsageError(`not written: the file would not be valid.\n${e.message}`);
    throw e;
  }
  await writeFile(file, updated);
  process.stderr.write(`${id} (${role}) written to ${file}\n`);
  return 0;
}

async function readSecret(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('PIN or password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, '');
  }
  throw new UsageError('no PIN or password on standard input');
}
