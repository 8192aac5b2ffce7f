import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Logs go to stderr as JSON lines, so that a command's stdout stays machine-readable
 * (`studio-desk monitor --json` writes only events there).
 */
export function createLogger(name: string, level: string = process.env.STUDIO_DESK_LOG ?? 'info'): Logger {
  return pino({ name, level, base: { name } }, pino.destination(2));
}

/** A logger that drops everything: for tests and for library use without a sink. */
export const silentLogger: Logger = pino({ level: 'silent' });
