/** Test helpers for rule results. */
import type { RuleResult } from '../../../engine/games/rule-result';

/** The accepted value; fails the test with the refusal's message otherwise. */
export function unwrap<T, C extends string>(result: RuleResult<T, C>): T {
  if (!result.ok)
    throw new Error(`expected the rule to accept, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The refusal's code; fails the test if the rule accepted. */
export function refusalCode<T, C extends string>(result: RuleResult<T, C>): C {
  if (result.ok) throw new Error('expected the rule to refuse, but it accepted');
  return result.error.code;
}
