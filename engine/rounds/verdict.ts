/**
 * Collects the decisions taken for one input. Each decision is folded into a working state as it is
 * added, so the next one is decided against the state the journal will have at that point.
 */
import { decision, type Decision, type DecisionDataMap, type DecisionKind } from './decisions';
import type { RoundError } from './errors';
import { evolve } from './evolve';
import type { TableState } from './state';

export class Verdict {
  private working: TableState;
  private readonly taken: Decision[] = [];
  private refused: RoundError | undefined;

  /** `input` names the input in 'round.rejected' entries; `at` is its time. */
  constructor(
    state: TableState,
    readonly input: string,
    readonly at: number,
  ) {
    this.working = state;
  }

  /** The state after the decisions taken so far. */
  get state(): TableState {
    return this.working;
  }

  get decisions(): readonly Decision[] {
    return this.taken;
  }

  /** Why the input was refused, if it was. */
  get refusal(): RoundError | undefined {
    return this.refused;
  }

  add<K extends DecisionKind>(kind: K, data: DecisionDataMap[K]): this {
    const d = decision(kind, data);
    this.working = evolve(this.working, d);
    this.taken.push(d);
    return this;
  }

  /** Refuses the input: journaled as 'round.rejected' with the reason; the state does not change. */
  reject(error: RoundError): this {
    this.refused = error;
    return this.add('round.rejected', {
      roundId: this.working.round?.id ?? null,
      at: this.at,
      input: this.input,
      code: error.code,
      message: error.message,
    });
  }
}
