/**
 * Reading a table file: YAML (.yaml, .yml) or JSON (.json), validated against the schema. Every
 * failure is a `ConfigError` naming the file; a configuration problem also names its field and,
 * where the source shows it, its line and column.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './errors';
import type { TableConfig } from './schema';
import { validateTableConfig, type ConfigProblem } from './validate';

export { ConfigError, type ConfigErrorKind } from './errors';
export { demoTableConfig, DEMO_CREDENTIALS, DEMO_TABLE_INPUT } from './demo';
export type { ConfigProblem } from './validate';

export type ConfigFormat = 'yaml' | 'json';

/** A table file is a few kilobytes; anything this large is the wrong file. */
const MAX_FILE_BYTES = 1024 * 1024;

export function formatOf(path: string): ConfigFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    default:
      return undefined;
  }
}

function fileProblem(message: string): ConfigProblem {
  return { path: '(top level)', keys: [], message };
}

/** Reads, parses and validates a table file. Throws `ConfigError` for anything that stops the desk. */
export async function loadTableConfig(path: string): Promise<TableConfig> {
  const format = formatOf(path);
  if (!format) {
    const ext = extname(path);
    throw new ConfigError('file', path, [
      fileProblem(
        `${ext ? `"${ext}" files are not table files` : 'no file extension'}: use .yaml, .yml or .json`,
      ),
    ]);
  }
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.size > MAX_FILE_BYTES)
      throw new ConfigError('file', path, [fileProblem(`too large for a table file (${info.size} bytes)`)]);
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError('file', path, [fileProblem(readFailure(e))]);
  }
  return parseTableConfig(text, format, path);
}

function readFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    case 'EISDIR':
      return 'is a directory, not a table file';
    default:
      return `cannot read the file: ${err?.message ?? String(e)}`;
  }
}

/**
 * Parses and validates the text of a table file. `file` is only used in messages. Throws
 * `ConfigError` ('syntax' or 'invalid').
 */
export function parseTableConfig(text: string, format: ConfigFormat, file?: string): TableConfig {
  const source = text.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  let data: unknown;
  let doc: Document | undefined;
  if (format === 'json') {
    try {
      data = JSON.parse(source);
    } catch (e) {
      throw new ConfigError('syntax', file, [jsonProblem(source, e)], 'JSON');
    }
    // JSON is YAML: the YAML parser gives the positions of the fields, for the messages.
    const located = parseDocument(source, { lineCounter, uniqueKeys: false });
    doc = located.errors.length === 0 ? located : undefined;
  } else {
    doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) throw new ConfigError('syntax', file, doc.errors.map(yamlProblem), 'YAML');
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      throw new ConfigError('syntax', file, [fileProblem((e as Error).message)], 'YAML');
    }
  }
  if (data === null || data === undefined)
    throw new ConfigError('file', file, [fileProblem('the file is empty')]);

  const result = validateTableConfig(data);
  if (result.ok) return result.config;
  const problems = result.problems.map((p) => {
    const offset = doc ? locate(doc, p.keys) : undefined;
    if (offset === undefined) return p;
    const pos = lineCounter.linePos(offset);
    return { ...p, line: pos.line, column: pos.col };
  });
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
  throw new ConfigError('invalid', file, problems);
}

function yamlProblem(e: {
  code: string;
  message: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}) {
  let message = e.message.split(/ at line \d+, column \d+/)[0] ?? e.message;
  if (e.code === 'MULTIPLE_DOCS')
    message = 'the file holds several YAML documents (---): a table file is one';
  const pos = e.linePos?.[0];
  return { ...fileProblem(message), line: pos?.line, column: pos?.col };
}

function jsonProblem(source: string, e: unknown): ConfigProblem {
  const raw = e instanceof Error ? e.message : String(e);
  const message = raw.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
  const m = /\(line (\d+) column (\d+)\)/.exec(raw);
  if (m) return { ...fileProblem(message), line: Number(m[1]), column: Number(m[2]) };
  const at = /at position (\d+)/.exec(raw);
  if (!at) return fileProblem(message);
  const before = source.slice(0, Number(at[1])).split('\n');
  return { ...fileProblem(message), line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/**
 * Offset in the source of the node a problem's path names: the key of a map entry (so an unknown
 * key points at itself), an item of a list, or the nearest parent that exists (a missing field
 * points at the map that lacks it).
 */
function locate(doc: Document, keys: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [i, key] of keys.entries()) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key),
      );
      // A top-level section that is missing altogether has no better place than line 1: give none.
      if (!pair) return i === 0 ? undefined : offset;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item: unknown = node.items[key];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}
