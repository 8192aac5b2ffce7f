/**
 * The outcome of applying a game rule: the new value, or a typed refusal.
 * Rule violations (a card after the hand is complete, a result without a launch) are ordinary
 * outcomes of a live table, so they are returned as data, never thrown.
 */

export interface RuleError<Code extends string> {
  readonly code: Code;
  /** One sentence an operator can read on the desk. */
  readonly message: string;
}

export type RuleResult<T, Code extends string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RuleError<Code> };

export function accept<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function refuse<Code extends string>(
  code: Code,
  message: string,
): { readonly ok: false; readonly error: RuleError<Code> } {
  return { ok: false, error: { code, message } };
}
