import type { RuleResult } from '../games/rule-result';

/**
 * A journal entry the state cannot take: the journal was not written by this engine's rules (or
 * was edited). Replay stops; the desk must not guess.
 */
export class ReplayError extends Error {
  override name = 'ReplayError';
}

/** The accepted value of a rule applied while folding an entry; a refusal is a ReplayError. */
export function must<T, C extends string>(result: RuleResult<T, C>, what: string): T {
  if (!result.ok)
    throw new ReplayError(`${what}: the rules refuse it (${result.error.code}: ${result.error.message})`);
  return result.value;
}
