import type { Command, User } from '../rounds/commands';
import type { TableEngine } from '../rounds/table-engine';
import type { PublicTableState } from '../rounds/public-state';

/**
 * A demo dealer: opens betting when the table has no open round and settles each result after a
 * short pause, through the same guarded, journaled commands a person would use. Given a floor
 * manager too (demo tables only), it voids rounds that a restart interrupted, with the reason in the
 * journal; otherwise an interrupted round waits for a person.
 */
export function startAutopilot(
  engine: TableEngine,
  user: User,
  opts: {
    settleAfterMs: number;
    /** Demo: how long a result held by the vision check waits before the demo floor manager reviews it. */
    reviewAfterMs?: number;
    floorManager?: User;
    onRefused?: (what: string, message: string) => void;
  },
): () => void {
  let stopped = false;
  const send = (command: Command) => {
    const out = engine.handle({ source: 'operator', command });
    if (!out.ok) opts.onRefused?.(command.cmd, `${out.error.code}: ${out.error.message}`);
  };
  let settleTimer: NodeJS.Timeout | undefined;
  const act = (state: PublicTableState) => {
    if (stopped) return;
    const round = state.round;
    if (!round || round.phase === 'settled' || round.phase === 'void') {
      engine.handle({
        source: 'operator',
        command: { cmd: 'openBetting', roundId: round?.id ?? null, user },
      });
      return;
    }
    if (round.phase === 'interrupted' && opts.floorManager) {
      const reason = `demo autopilot: ${round.interruption?.reason ?? 'round interrupted'}`;
      send({ cmd: 'void', roundId: round.id, user: opts.floorManager, reason });
      return;
    }
    // A result the vision check held: on the demo, the floor manager accepts the sensor after a
    // pause (long enough to see the review on the floor view), with the camera's reason journaled.
    if (round.phase === 'needs_review' && opts.floorManager && !settleTimer) {
      const floor = opts.floorManager;
      const reason = `demo autopilot: sensor accepted (${round.vision?.hold?.code ?? 'held'}: ${round.vision?.hold?.reason ?? ''})`;
      settleTimer = setTimeout(() => {
        settleTimer = undefined;
        if (!stopped)
          send({ cmd: 'review', roundId: round.id, user: floor, decision: 'accept_sensor', reason });
      }, opts.reviewAfterMs ?? opts.settleAfterMs);
      return;
    }
    if (round.phase === 'result' && !settleTimer) {
      settleTimer = setTimeout(() => {
        settleTimer = undefined;
        if (!stopped)
          engine.handle({ source: 'operator', command: { cmd: 'settle', roundId: round.id, user } });
      }, opts.settleAfterMs);
    }
  };
  // Decide after the engine has finished emitting (it emits from inside handle()).
  const onState = (state: PublicTableState) => setImmediate(() => act(state));
  engine.on('state', onState);
  setImmediate(() => act(engine.publicState()));
  return () => {
    stopped = true;
    if (settleTimer) clearTimeout(settleTimer);
    engine.off('state', onState);
  };
}
