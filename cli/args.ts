import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse(argv: string[], options: Options, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${usage}`);
  }
}

export function numberOption(
  value: string | undefined,
  name: string,
  range: [number, number],
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < range[0] || n > range[1])
    throw new UsageError(`--${name} must be a number from ${range[0]} to ${range[1]} (got "${value}")`);
  return n;
}

export function oneOf<T extends string>(
  value: string | undefined,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Writes one JSON object per line to stdout. */
export function jsonLine(obj: unknown): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

/**
 * Resolves on the first SIGINT or SIGTERM (with the signal's name), or when `also` settles (with
 * its value). Keeps the process alive meanwhile: the drivers' own timers are unref'd (a library
 * must not hold a process open), so a command that waits for a reconnect would otherwise exit.
 */
export function untilSignal<T = string>(also?: Promise<T>): Promise<string | T> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return new Promise<string | T>((resolve) => {
    const done = (value: string | T) => {
      clearInterval(keepAlive);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(value);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    also?.then(done, () => done('error'));
  });
}
