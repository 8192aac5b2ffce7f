import { JournalError, openJournal, type SqliteJournal } from '../../engine/journal/sqlite-journal';
import type { JournalEntry, VerifyReport } from '../../engine/journal/types';
import { UsageError, jsonLine, numberOption, parse } from '../args';

export const AUDIT_USAGE = `studio-desk audit verify --journal FILE [--head SEQ:HASH] [--json]
studio-desk audit show --journal FILE [--from N] [--kind PREFIX] [--json]

verify   Walks the journal's hash chain and prints the entries checked, the head (seq and hash)
         and every problem, naming the entry: a deleted, edited or reordered entry, a deleted tail.
         Exit 0 when the chain is intact, 1 when it was tampered with, 2 when the file cannot be read.
  --head SEQ:HASH   a head printed by an earlier verify (or signed elsewhere): the journal must
                    still hold that entry with that hash. This catches even a rewrite of the whole
                    file, which the file alone cannot prove.
show     Prints the entries.
  --from N          from seq N (default 1)
  --kind PREFIX     only kinds under PREFIX: 'command' matches command.closeBetting,
                    'device.wheel' matches device.wheel.result
  --json            JSON, one line per report or entry

The journal is opened read-only. A running desk holds its journal locked: stop the desk first.`;

export async function auditCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verify(rest);
  if (sub === 'show') return show(rest);
  throw new UsageError(
    `${sub === undefined ? 'say what to do: verify or show' : `unknown audit command "${sub}"`}\n\n${AUDIT_USAGE}`,
  );
}

function journalPath(values: Record<string, unknown>, positionals: string[]): string {
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"\n\n${AUDIT_USAGE}`);
  const path = values.journal;
  if (typeof path !== 'string' || path === '')
    throw new UsageError(`--journal FILE is required\n\n${AUDIT_USAGE}`);
  return path;
}

/** Opens read-only; a file that cannot be read is reported on stderr as exit code 2. */
function withJournal(path: string, use: (journal: SqliteJournal) => number): number {
  let journal: SqliteJournal | undefined;
  try {
    journal = openJournal(path, { readOnly: true });
    return use(journal);
  } catch (e) {
    if (!(e instanceof JournalError)) throw e;
    process.stderr.write(`studio-desk audit: ${e.message}\n`);
    return 2;
  } finally {
    journal?.close();
  }
}

function verify(argv: string[]): number {
  const { values, positionals } = parse(
    argv,
    { journal: { type: 'string' }, head: { type: 'string' }, json: { type: 'boolean' } },
    AUDIT_USAGE,
  );
  const path = journalPath(values, positionals);
  const expectedHead = parseHead(values.head as string | undefined);
  return withJournal(path, (journal) => {
    const report = journal.verify({ expectedHead });
    if (values.json) jsonLine({ journal: path, ...report });
    else process.stdout.write(verifyText(path, report));
    return report.ok ? 0 : 1;
  });
}

function parseHead(value: string | undefined): { seq: number; hash: string } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+):([0-9a-f]{64})$/i.exec(value);
  if (!m) throw new UsageError(`--head must be SEQ:HASH, the hash 64 hex digits (got "${value}")`);
  return { seq: Number(m[1]), hash: (m[2] as string).toLowerCase() };
}

function verifyText(path: string, r: VerifyReport): string {
  const lines = [
    `journal: ${path}`,
    `entries checked: ${r.entries}`,
    `head: seq ${r.headSeq} sha256 ${r.headHash}`,
    r.ok
      ? 'OK: the hash chain is intact.'
      : `TAMPERED: ${r.problems.length} ${r.problems.length === 1 ? 'problem' : 'problems'}`,
    ...r.problems.map((p) => `  seq ${p.seq}: ${p.problem}`),
  ];
  return `${lines.join('\n')}\n`;
}

function show(argv: string[]): number {
  const { values, positionals } = parse(
    argv,
    {
      journal: { type: 'string' },
      from: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean' },
    },
    AUDIT_USAGE,
  );
  const path = journalPath(values, positionals);
  const from = numberOption(values.from as string | undefined, 'from', [1, Number.MAX_SAFE_INTEGER]) ?? 1;
  if (!Number.isInteger(from)) throw new UsageError(`--from must be a whole number (got "${values.from}")`);
  const matches = kindFilter(values.kind as string | undefined);
  return withJournal(path, (journal) => {
    for (const entry of journal.entries(from)) {
      if (!matches(entry.kind)) continue;
      if (values.json) jsonLine(entry);
      else process.stdout.write(`${entryText(entry)}\n`);
    }
    return 0;
  });
}

/** 'device.wheel' matches 'device.wheel' and 'device.wheel.result', not 'device.wheelchair'. */
function kindFilter(prefix: string | undefined): (kind: string) => boolean {
  if (prefix === undefined || prefix === '') return () => true;
  const p = prefix.endsWith('.') ? prefix.slice(0, -1) : prefix;
  return (kind) => kind === p || kind.startsWith(`${p}.`);
}

function entryText(e: JournalEntry): string {
  const time = new Date(e.at).toISOString();
  return `${String(e.seq).padStart(6)}  ${time}  ${e.kind}  ${e.actor.role}:${e.actor.id}  ${JSON.stringify(e.data)}`;
}
