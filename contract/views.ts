/**
 * What crosses the desk's contract: plain JSON views of the desk, the same over Electron IPC and
 * the browser view's WebSocket. Built by engine/api from the running Desk; secrets (signing keys,
 * OBS password, user hashes) have no field here, so they cannot cross it.
 *
 * Types only (no runtime code), so main, preload, renderer and the server all share them.
 */
import type { Action, Role } from '../engine/auth/roles';
import type { RoundErrorCode } from '../engine/rounds/errors';
import type { PublicResult, PublicTableState } from '../engine/rounds/public-state';
import type { ConnectionStatus } from '../lib/status';

export type { PublicResult, PublicTableState, ConnectionStatus, Role, Action };
export type { WizardView as CalibrationView, ShoeTestView } from '../engine/calibration/view';

export interface UserView {
  id: string;
  name: string;
  role: Role;
  /** What this user may do (engine/auth/roles.ts): the screen hides the rest, the engine enforces it. */
  actions: Action[];
}

export interface SessionView {
  user: UserView;
  /** The bearer token of the session: kept by the screen to resume after a reload or reconnect. */
  token: string;
  expiresAt: number;
}

export type DeviceName = 'wheel' | 'shoe';

export interface DeviceView {
  name: DeviceName;
  /** The decoder's protocol ('sdlp', 'cammegh-extended'). */
  protocol: string;
  /** Where the driver reads: 'tcp://127.0.0.1:40001', '/dev/serial/by-id/…'. */
  port: string;
  simulated: boolean;
  status: ConnectionStatus;
  /** A configuration warning (a port named by plug order), or null. */
  warning: string | null;
  stats: DeviceStatsView;
}

export interface DeviceStatsView {
  bytesIn: number;
  bytesOut: number;
  events: number;
  rejected: number;
  connects: number;
  disconnects: number;
}

/** The other subsystems of the desk; each is absent when its config section is. */
export type SubsystemName = 'obs' | 'vision' | 'platform';

export interface Progress {
  /** What is going on, in words: 'loading model', 'draining backlog'. */
  label: string;
  done: number;
  /** null when the total is not known (an indeterminate bar). */
  total: number | null;
}

export interface SubsystemView {
  name: SubsystemName;
  /** false: the table's config has no such section (the light says "off", not "broken"). */
  configured: boolean;
  status: ConnectionStatus;
  progress: Progress | null;
}

export interface CameraView {
  name: string;
  scene: string;
}

/** A still of a camera with the vision regions drawn over it (technician). */
export interface LiveFrameView {
  camera: string;
  /** data: URL of the image. */
  image: string;
  sha256: string;
  at: number;
  source: string;
  /** Regions of interest, fractions (0..1) of the frame, by camera. */
  regions: Record<string, { x: number; y: number; w: number; h: number }>;
  /** The latest saved regions (`config.visionRegions.saved`), if any: version 0 when none. */
  saved: { version: number; regions: Record<string, { x: number; y: number; w: number; h: number }> };
  /** Which regions the check crops with now: the saved version in force, else the table file's. */
  inForce: InForceView;
}

/** A scene plan as the editor holds it (the table file's `obs.scenePlan`). */
export interface ScenePlanShape {
  phases: Record<string, string>;
  cameras: Record<string, { scene: string; source?: string }>;
  transitions?: {
    default?: { name: string; durationMs?: number };
    phases?: Record<string, { name: string; durationMs?: number }>;
  };
}

/** The technician's scene-plan editor: the plan, OBS's real scenes and what the plan lacks there. */
/** The outcome signing keys as the floor manager sees them (public halves only, never a private key). */
export interface SigningKeysView {
  /** How the private key is kept at rest: `safeStorage` (the OS keychain) or `file` (0600). */
  protection: string;
  keys: readonly { kid: string; created: string; retired?: string; current: boolean }[];
}

/** Which version of a technician's set-up is in force on the running desk (engine/desk/setup-in-force.ts). */
export interface InForceView {
  /** The saved version in force; 0: none saved, the table file's. */
  version: number;
  /** 'file': the table file's (never saved, or reverted to it); 'saved': the saved version. */
  source: 'file' | 'saved';
  /** Who saved (or reverted) it and when; null for the table file's. */
  by: string | null;
  savedAt: number | null;
  /** Since when it is in force on this desk (its start, or when it took effect live). */
  since: number;
  reverted?: boolean;
}

/** A device's editable settings in force (engine/desk/device-settings.ts). */
export interface DeviceSettingsView {
  device: DeviceName;
  settings: {
    port?: string;
    protocol: string;
    serial?: Record<string, unknown>;
    staleAfterMs?: number;
  };
  /** The protocols this kind of device may speak. */
  protocols: string[];
  /** The table file's, not editable here. */
  fixed: { simulate: boolean; layout?: string; decks?: number };
  /** Saved version in force (0: the table file's), who saved it, when, since when in force. */
  version: number;
  by: string | null;
  savedAt: number | null;
  since: number;
}

export interface ScenePlanView {
  game: string;
  /** The round phases this game's plan may name. */
  phases: string[];
  /** The latest saved plan, else the table file's (or the candidate that was checked). */
  plan: ScenePlanShape;
  /** The plan the director follows now (the saved version in force, else the table file's). */
  inForce: ScenePlanShape | null;
  /** Which version that is, who saved it, since when; `pending`: saved, waiting for a safe phase. */
  inForceVersion: InForceView & { pending: InForceView | null };
  /** Latest saved version (0: none saved yet), when and by whom. */
  version: number;
  savedAt: number | null;
  savedBy: string | null;
  /** Cameras the automatic director's cues name (a plan must keep them). */
  cueCameras: string[];
  /** OBS's scenes and the sources in them; null when OBS could not be read (see realReason). */
  real: {
    scenes: string[];
    sources: { scene: string; source: string }[];
    programScene: string | null;
  } | null;
  realReason: string;
  /** What the plan names that OBS lacks (empty when real is null: nothing could be checked). */
  problems: string[];
}

export type ReviewDecision = 'accept_sensor' | 'accept_camera' | 'void';

/**
 * A round that waits for a floor manager: interrupted by the engine (misspin limit, missed result,
 * stray card…) or held by the vision check for review (sensor and camera readings disagree).
 */
export interface HeldRound {
  roundId: string;
  kind: 'interruption' | 'review';
  since: number;
  reason: string;
  /** Interruption: the engine's code ('misspin_limit'); review: the vision status ('disagree'). */
  code: string;
  /** Resolutions the engine allows (interruptions): 'void' | 'respin' | 'acceptResult'. */
  resolutions: string[];
  /** Review: decisions the floor manager may take. */
  decisions: ReviewDecision[];
  /** The sensor's reading (labels as the device reported them), when known. */
  sensor: string[];
  /** The camera's reading, with confidences, when the vision check ran. */
  camera: { label: string; confidence: number }[];
  /** The frame the camera reading came from, inlined as a data: URL, when there is one. */
  frame: { sha256: string; camera: string; image: string | null } | null;
}

export interface AuditEntryView {
  seq: number;
  at: number;
  kind: string;
  actor: { id: string; role: string };
  /** One line in words. */
  summary: string;
  data: unknown;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** The journal's head seq when queried. */
  headSeq: number;
  /** Entries looked at; the search stops after a bounded number so a huge journal never hangs the desk. */
  scanned: number;
  /** True when older entries were not searched (scan bound reached). */
  truncated: boolean;
}

export interface PortView {
  path: string;
  stable: string | null;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  description: string;
}

export interface TrafficLine {
  device: DeviceName;
  dir: 'rx' | 'tx';
  at: number;
  hex: string;
  /** Printable ASCII, other bytes as '·'. */
  text: string;
}

export interface DecodedLine {
  device: DeviceName;
  at: number;
  /** 'event' for a decoded event, 'rejected' for a frame the decoder refused. */
  type: 'event' | 'rejected';
  summary: string;
  raw: string[];
}

export type MetricName =
  'obs.fps' | 'obs.skippedFrames' | 'latency.sensorToResult' | 'vision.confidence' | 'platform.backlog';

export interface MetricPoint {
  at: number;
  value: number;
}

export type MetricSeries = Record<MetricName, MetricPoint[]>;

export interface DeskSnapshot {
  desk: { tableId: string; tableName: string; studio: string; game: string; version: string };
  serverTime: number;
  table: PublicTableState;
  devices: DeviceView[];
  subsystems: SubsystemView[];
  cameras: CameraView[];
  held: HeldRound[];
  metrics: MetricSeries;
}

/** Why a request was refused: the engine's round errors plus the contract's own. */
export type ApiErrorCode =
  | 'unauthenticated'
  | 'login_refused'
  | 'locked'
  | 'session_expired'
  | 'invalid_request'
  | 'unknown_method'
  | 'unavailable'
  | 'internal'
  /** The OBS director's refusals of a camera command. */
  | 'unknown_camera'
  | 'studio_mode_off'
  | 'nothing_on_preview'
  | 'audit_unavailable'
  /** A scene plan naming what OBS lacks (or unchecked: OBS not read) is saved only when confirmed. */
  | 'needs_confirmation'
  | RoundErrorCode;

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
