import type { ConfigProblem } from './validate';

/**
 * - `file`: missing, unreadable, not a .yaml/.yml/.json file, empty;
 * - `syntax`: not valid YAML or JSON (each problem with its line and column);
 * - `invalid`: parsed, but not a valid table configuration (each problem with its field's path).
 */
export type ConfigErrorKind = 'file' | 'syntax' | 'invalid';

/**
 * A table file the desk cannot start on. The message names the file and lists every problem: for
 * an invalid configuration each line reads `path.to.field: message (line L, column C)`.
 */
export class ConfigError extends Error {
  constructor(
    readonly kind: ConfigErrorKind,
    /** The file as given; undefined for a configuration that did not come from a file. */
    readonly file: string | undefined,
    readonly problems: readonly ConfigProblem[],
    /** For `syntax`: 'YAML' or 'JSON'. */
    readonly format?: 'YAML' | 'JSON',
  ) {
    super(formatConfigError(kind, file, problems, format));
    this.name = 'ConfigError';
  }
}

function position(p: ConfigProblem): string {
  if (p.line === undefined) return '';
  return `line ${p.line}${p.column === undefined ? '' : `, column ${p.column}`}`;
}

export function formatConfigError(
  kind: ConfigErrorKind,
  file: string | undefined,
  problems: readonly ConfigProblem[],
  format?: string,
): string {
  const where = file ?? 'table configuration';
  if (kind === 'file') return `${where}: ${problems.map((p) => p.message).join('; ')}`;
  if (kind === 'syntax') {
    const lines = problems.map((p) => `  ${position(p) || 'somewhere'}: ${p.message}`);
    return [`${where}: not valid ${format ?? 'YAML'}:`, ...lines].join('\n');
  }
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => {
    const at = position(p);
    return `  ${p.path}: ${p.message}${at ? ` (${at})` : ''}`;
  });
  return [`${where}: ${count} in the table configuration:`, ...lines].join('\n');
}
