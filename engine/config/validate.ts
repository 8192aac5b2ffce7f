/**
 * Validation of a parsed table file: the config with its defaults, or every problem found, each
 * with its path (`devices.wheel.protocol`) and a plain-language message.
 */
import { configErrorMap, formatPath } from './messages';
import { TableConfigSchema, type TableConfig } from './schema';

export interface ConfigProblem {
  /** `devices.wheel.protocol`, `users[1].secret`; `(top level)` for the file as a whole. */
  path: string;
  /** The same path as keys and indexes, to locate it in the source. */
  keys: (string | number)[];
  message: string;
  /** 1-based position in the file, when known. */
  line?: number;
  column?: number;
}

export type ValidationResult = { ok: true; config: TableConfig } | { ok: false; problems: ConfigProblem[] };

export function validateTableConfig(input: unknown): ValidationResult {
  const result = TableConfigSchema.safeParse(input, { error: configErrorMap });
  if (result.success) return { ok: true, config: result.data };
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
    const path = formatPath(keys);
    const line = `${path}: ${issue.message}`;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push({ path, keys, message: issue.message });
  }
  return { ok: false, problems };
}
