/**
 * The vision check's light for the UI: a superset of `ConnectionStatus` with 'unavailable' (no
 * model, a corrupt model file, a failing session: results need a floor manager's confirmation).
 */
import type { ConnectionState } from '../../../lib/status';
import type { VerificationRequest } from '../../rounds/events';
import type { VisionVerdict } from '../verdict';

export type VisionCheckState = ConnectionState | 'unavailable';

export interface VisionCheckStatus {
  state: VisionCheckState;
  /** In words a floor manager or technician can act on. */
  reason: string;
  since: number;
}

export interface VisionCheckEvents {
  status: [VisionCheckStatus];
  /** A verdict built and handed to the engine (its journal entry is written by the engine). */
  verdict: [VisionVerdict];
  /** A result still verifying when the check started (desk restarted before the deadline): checked again. */
  rerun: [VerificationRequest];
}
