/**
 * What the desk pushes to a logged-in screen. Stores in the renderer apply these to their
 * projections; none of them carries a secret. Events a role may not see (raw traffic for a dealer)
 * are never sent to it.
 */
import type { ResultAnnouncement, RejectionNotice } from '../engine/rounds/events';
import type {
  CalibrationView,
  DecodedLine,
  DeviceView,
  HeldRound,
  MetricName,
  MetricPoint,
  PublicTableState,
  ShoeTestView,
  SubsystemView,
  TrafficLine,
} from './views';

export interface DeskEvents {
  state: PublicTableState;
  result: ResultAnnouncement;
  rejected: RejectionNotice;
  device: DeviceView;
  subsystem: SubsystemView;
  held: HeldRound[];
  traffic: TrafficLine;
  decoded: DecodedLine;
  metric: { name: MetricName; point: MetricPoint };
  /** The wheel calibration wizard changed (technicians only). */
  calibration: CalibrationView;
  /** The shoe reader test changed (technicians only). */
  shoeTest: ShoeTestView;
  /** The session ended (expired, logged out elsewhere): the screen returns to the login. */
  session: { state: 'ended'; reason: string };
}

export type DeskEventName = keyof DeskEvents;

export type DeskEvent = { [K in DeskEventName]: { event: K; data: DeskEvents[K] } }[DeskEventName];
