/**
 * The desk's requests: one zod schema per method's params (checked at every boundary: the
 * WebSocket server, Electron main), and the type of each method's answer. The user of a command is
 * never a parameter: it is the session's user, so a screen cannot act as someone else.
 */
import { z } from 'zod';
import type {
  AuditPage,
  CalibrationView,
  DeskSnapshot,
  LiveFrameView,
  ShoeTestView,
  HeldRound,
  MetricSeries,
  PortView,
  ScenePlanView,
  DeviceSettingsView,
  SessionView,
  SigningKeysView,
  UserView,
} from './views';
import { ROLES } from '../engine/auth/roles';
import { ScenePlanSchema } from '../engine/config/obs';
import { RegionSchema } from '../engine/config/vision';

const id = z.string().min(1).max(128);
const reason = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500);

export const LoginParams = z.strictObject({
  role: z.enum(ROLES),
  userId: id,
  secret: z.string().min(1).max(1024),
});

export const ResumeParams = z.strictObject({ token: z.string().min(16).max(256) });
export const Empty = z.strictObject({});

export const RoundCommandParams = z.discriminatedUnion('cmd', [
  z.strictObject({
    cmd: z.literal('openBetting'),
    roundId: id.nullable(),
    durationMs: z.number().int().min(1000).max(600_000).optional(),
  }),
  z.strictObject({ cmd: z.literal('closeBetting'), roundId: id }),
  z.strictObject({ cmd: z.literal('settle'), roundId: id }),
  z.strictObject({ cmd: z.literal('respin'), roundId: id }),
  z.strictObject({ cmd: z.literal('void'), roundId: id, reason }),
  z.strictObject({
    cmd: z.literal('acceptResult'),
    roundId: id,
    reason,
    number: z.union([z.number().int().min(0).max(36), z.literal('00')]).optional(),
  }),
]);

export const CameraParams = z.strictObject({ camera: z.string().min(1).max(64) });

export const ReviewParams = z.strictObject({
  roundId: id,
  decision: z.enum(['accept_sensor', 'accept_camera', 'void']),
  reason,
});

export const AuditParams = z.strictObject({
  /** Words that must all appear in the entry (kind, actor, data), case-insensitive. */
  text: z.string().max(200).optional(),
  /** Kind prefixes, comma-separated: 'command.', 'round.,command.', 'link.'. */
  kind: z.string().max(100).optional(),
  /** Only entries at or before this seq (paging backwards). */
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

const wheelNumber = z.union([z.number().int().min(0).max(36), z.literal('00')]);
export const CalibrationDirectionParams = z.strictObject({ inverted: z.boolean() });
export const CalibrationObserveParams = z.strictObject({
  spin: z.number().int().min(1).max(100),
  observed: wheelNumber,
});

export const TrafficParams = z.strictObject({ device: z.enum(['wheel', 'shoe']), on: z.boolean() });

/** A device's new settings; checked in full by the table file's schema on the desk. */
export const DeviceSettingsSaveParams = z.strictObject({
  device: z.enum(['wheel', 'shoe']),
  settings: z.strictObject({
    port: z.string().min(1).max(256).optional(),
    protocol: z.string().min(1).max(64),
    serial: z.record(z.string(), z.unknown()).optional(),
    staleAfterMs: z.number().optional(),
  }),
});

/** A candidate plan to check (none: the latest saved, else the table file's). */
export const ScenePlanViewParams = z.strictObject({ plan: ScenePlanSchema.optional() });
export const ScenePlanSaveParams = z.strictObject({
  plan: ScenePlanSchema,
  /** Save although the plan names what OBS lacks, or OBS could not be read to check it. */
  confirm: z.boolean().default(false),
});
/** Camera → region of interest, fractions (0..1) of the frame: the whole `vision.regions`. */
export const VisionRegionsSaveParams = z.strictObject({
  regions: z.record(z.string().min(1).max(64), RegionSchema),
});

/** Every method: its params schema. A method not in this table is refused as 'unknown_method'. */
export const METHODS = {
  'session.login': LoginParams,
  'session.resume': ResumeParams,
  'session.logout': Empty,
  'desk.snapshot': Empty,
  'round.command': RoundCommandParams,
  'studio.camera': CameraParams,
  'review.decide': ReviewParams,
  'audit.query': AuditParams,
  'tech.ports': Empty,
  'tech.traffic': TrafficParams,
  'tech.devices.view': Empty,
  'tech.devices.save': DeviceSettingsSaveParams,
  'monitor.series': Empty,
  'calibration.wheel.view': Empty,
  'calibration.wheel.start': Empty,
  'calibration.wheel.cancel': Empty,
  'calibration.wheel.direction': CalibrationDirectionParams,
  'calibration.wheel.observe': CalibrationObserveParams,
  'calibration.wheel.save': Empty,
  'calibration.shoe.view': Empty,
  'calibration.shoe.start': Empty,
  'calibration.shoe.cancel': Empty,
  'calibration.shoe.save': Empty,
  'vision.frame': z.strictObject({ camera: z.string().min(1).max(64).optional() }),
  'vision.regions.save': VisionRegionsSaveParams,
  'vision.regions.revert': Empty,
  'studio.scenePlan.view': ScenePlanViewParams,
  'studio.scenePlan.save': ScenePlanSaveParams,
  'studio.scenePlan.revert': Empty,
  'keys.view': Empty,
  'keys.rotate': z.strictObject({ reason }),
} as const;

export type MethodName = keyof typeof METHODS;
export type ParamsOf<M extends MethodName> = z.input<(typeof METHODS)[M]>;
export type ParsedParamsOf<M extends MethodName> = z.output<(typeof METHODS)[M]>;

/** What each method answers when it succeeds. */
export interface MethodResults {
  'session.login': { session: SessionView; snapshot: DeskSnapshot };
  'session.resume': { session: SessionView; snapshot: DeskSnapshot };
  'session.logout': { ended: boolean };
  'desk.snapshot': DeskSnapshot;
  /** The journal seqs the command wrote (its input entry first). */
  'round.command': { seqs: number[] };
  'studio.camera': { camera: string };
  'review.decide': { roundId: string; decision: string };
  'audit.query': AuditPage;
  'tech.ports': PortView[];
  'tech.traffic': { device: string; on: boolean };
  'monitor.series': MetricSeries;
  'calibration.wheel.view': CalibrationView;
  'calibration.wheel.start': CalibrationView;
  'calibration.wheel.cancel': CalibrationView;
  'calibration.wheel.direction': CalibrationView;
  'calibration.wheel.observe': CalibrationView;
  /** The profile saved, with its version. */
  'calibration.wheel.save': { version: number; seq: number };
  'calibration.shoe.view': ShoeTestView;
  'calibration.shoe.start': ShoeTestView;
  'calibration.shoe.cancel': ShoeTestView;
  /** The test journaled (pass or fail). */
  'calibration.shoe.save': { seq: number; passed: boolean };
  'vision.frame': LiveFrameView;
  'tech.devices.view': DeviceSettingsView[];
  'tech.devices.save': { version: number; seq: number; devices: DeviceSettingsView[] };
  'vision.regions.save': { version: number; seq: number };
  'vision.regions.revert': { version: number; seq: number };
  'studio.scenePlan.view': ScenePlanView;
  /** The plan journaled as its next version, with the problems it had against OBS then. */
  'studio.scenePlan.save': {
    version: number;
    seq: number;
    problems: string[];
    /** applied: in force now; pending: at the next safe phase; not_applied: kept as a record only. */
    applied: 'applied' | 'pending' | 'not_applied';
  };
  'studio.scenePlan.revert': { version: number; seq: number; applied: 'applied' | 'pending' | 'not_applied' };
  'keys.view': SigningKeysView;
  /** The retired kid, the new one, and the journal seq of `keys.rotated`. */
  'keys.rotate': { previousKid: string; kid: string; seq: number };
}

/** Methods that work without a session. */
export const PUBLIC_METHODS: ReadonlySet<MethodName> = new Set(['session.login', 'session.resume']);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHODS, name);
}

export type { HeldRound, UserView };
