import { readFile } from 'node:fs/promises';
import { verifyChain } from '../../engine/outcomes/chain';
import { outcomeHash, type OutcomeDocument } from '../../engine/outcomes/document';
import { verifyOutcome } from '../../engine/outcomes/sign';
import { UsageError, jsonLine, parse } from '../args';
import { loadJwks } from './log-source';

export const OUTCOME_USAGE = `studio-desk outcome verify FILE --jwks FILE [--previous HASH] [--json]

Verifies signed outcomes as a platform or regulator received them. FILE holds one compact JWS, or
one per line, or JSON lines / a JSON document with "jws" fields (e.g. the reference receiver's
GET /outcomes). Each outcome: the Ed25519 signature with a key of the JWKS, the RFC 8785 canonical
form, the document schema. Then, per table in file order: sequences without gaps or reordering,
each linking the hash of the one before (the first links to --previous HASH when given, to 64 zeros
when it is sequence 1). Every problem is named. Exit 0 all good, 1 something is wrong, 2 unreadable.`;

/** Every compact JWS in the text, whatever the wrapping. */
export function extractJws(text: string): string[] {
  const trimmed = text.trim();
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v)) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (k === 'jws' || typeof x === 'object') walk(x);
  };
  try {
    walk(JSON.parse(trimmed));
    if (found.length > 0) return found;
  } catch {
    // not one JSON document: lines
  }
  for (const line of trimmed.split(/\r?\n/)) {
    const l = line.trim();
    if (l === '') continue;
    if (l.startsWith('{')) {
      try {
        walk(JSON.parse(l));
        continue;
      } catch {
        // fall through: reported as a malformed JWS
      }
    }
    found.push(l);
  }
  return found;
}

export async function outcomeCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify')
    throw new UsageError(
      `${sub === undefined ? 'say what to do: verify' : `unknown outcome command "${sub}"`}\n\n${OUTCOME_USAGE}`,
    );
  const { values, positionals } = parse(
    rest,
    { jwks: { type: 'string' }, previous: { type: 'string' }, json: { type: 'boolean' } },
    OUTCOME_USAGE,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(`give one FILE\n\n${OUTCOME_USAGE}`);
  if (typeof values.jwks !== 'string') throw new UsageError(`--jwks FILE is required\n\n${OUTCOME_USAGE}`);
  const previous = values.previous as string | undefined;
  if (previous !== undefined && !/^[0-9a-f]{64}$/.test(previous))
    throw new UsageError('--previous must be 64 lower-case hex digits');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    process.stderr.write(`studio-desk outcome verify: ${(e as Error).message}\n`);
    return 2;
  }
  const jwks = await loadJwks(values);
  const problems: { where: string; problem: string }[] = [];
  const byTable = new Map<string, OutcomeDocument[]>();
  const list = extractJws(text);
  if (list.length === 0) problems.push({ where: file, problem: 'no outcome in the file' });
  for (const [i, jws] of list.entries()) {
    const v = await verifyOutcome(jws, jwks);
    if (!v.ok) {
      problems.push({ where: `outcome #${i + 1} of the file`, problem: `${v.error}: ${v.message}` });
      continue;
    }
    byTable.set(v.doc.table, [...(byTable.get(v.doc.table) ?? []), v.doc]);
  }
  for (const [table, docs] of byTable) {
    const first = docs[0] as OutcomeDocument;
    const after =
      previous !== undefined
        ? { sequence: first.sequence - 1, hash: previous }
        : first.sequence === 1
          ? undefined
          : { sequence: first.sequence - 1, hash: first.previousOutcomeHash };
    let from = 0;
    let start = after;
    while (from < docs.length) {
      const r = verifyChain(docs.slice(from), start ? { after: start } : {});
      if (r.ok) break;
      problems.push({
        where: `table ${table}, sequence ${r.sequence}`,
        problem: `${r.reason}: ${r.message}`,
      });
      const broke = docs[from + r.index] as OutcomeDocument;
      start = { sequence: broke.sequence, hash: outcomeHash(broke) };
      from += r.index + 1;
    }
    if (after && previous === undefined)
      process.stderr.write(
        `note: table ${table} starts at sequence ${first.sequence}; its link to ${first.previousOutcomeHash} is not checked (give --previous HASH)\n`,
      );
  }
  const verified = [...byTable.values()].reduce((n, d) => n + d.length, 0);
  if (values.json) jsonLine({ file, outcomes: list.length, verified, ok: problems.length === 0, problems });
  else {
    for (const p of problems) process.stdout.write(`${p.where}: ${p.problem}\n`);
    process.stdout.write(
      problems.length === 0
        ? `OK: ${verified} outcome(s) verified, chain intact (${[...byTable.keys()].join(', ')})\n`
        : `FAILED: ${problems.length} problem(s) in ${list.length} outcome(s)\n`,
    );
  }
  return problems.length === 0 ? 0 : 1;
}
