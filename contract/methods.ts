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
  SessionView,
  UserView,
} from './views';
import { ROLES } from '../engine/auth/roles';

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
}

/** Methods that work without a session. */
export const PUBLIC_METHODS: ReadonlySet<MethodName> = new Set(['session.login', 'session.resume']);

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(METHODS, name);
}

export type { HeldRound, UserView };
