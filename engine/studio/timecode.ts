/**
 * The `studio.timecode` journal entry (cross-team contract): the recording and stream timecodes at
 * the moment a round changed phase, as OBS gives them ('HH:MM:SS.mmm'), cited as the outcome's
 * evidence. When OBS is not reachable the entry still says so (`obsConnected: false`, timecodes
 * null): evidence that is absent is written as absent.
 */
import type { ObsData } from '../obs/client';

export interface StudioTimecode {
  roundId: string;
  phase: string;
  at: number;
  recording: { active: boolean; timecode: string | null; outputPath?: string };
  streaming: { active: boolean; timecode: string | null };
  /** Optional field added by team OBS: whether OBS answered at all. */
  obsConnected: boolean;
  reason?: string;
}

export const TIMECODE_ACTOR = { id: 'obs', role: 'system' } as const;

export function timecodeEntry(
  base: { roundId: string; phase: string; at: number },
  record: ObsData | null,
  stream: ObsData | null,
  outputPath: string | null,
  reason?: string,
): StudioTimecode {
  const active = (d: ObsData | null) => d?.outputActive === true;
  const tc = (d: ObsData | null) =>
    active(d) && typeof d?.outputTimecode === 'string' ? d.outputTimecode : null;
  return {
    ...base,
    recording: {
      active: active(record),
      timecode: tc(record),
      ...(active(record) && outputPath ? { outputPath } : {}),
    },
    streaming: { active: active(stream), timecode: tc(stream) },
    obsConnected: record !== null && stream !== null,
    ...(reason ? { reason } : {}),
  };
}
