/**
 * What each method does, given a checked connection and parsed params. Permissions: round
 * commands are checked by the engine's guard (role, roundId, phase) and journaled there, refusals
 * included; the contract checks only what the engine does not see (audit, technician tools).
 */
import type { MethodResults, ParsedParamsOf } from '../../contract/methods';
import type { ApiResult, PortView, SessionView } from '../../contract/views';
import { listPorts } from '../../hardware/transport/discovery';
import { LOGIN_REFUSED } from '../auth/authenticator';
import { actionsOf, can, forbiddenMessage, type Action } from '../auth/roles';
import type { Session } from '../auth/sessions';
import type { Command, User } from '../rounds/commands';
import type { ShoeWizard } from '../calibration/shoe-wizard';
import type { WheelWizard } from '../calibration/wheel-wizard';
import { queryAudit } from './audit';
import {
  latestVisionRegions,
  revertScenePlan,
  revertVisionRegions,
  saveScenePlan,
  saveVisionRegions,
  scenePlanView,
} from './setup-edits';
import { fail, type ApiConnection } from './connection';
import type { Director } from '../studio/director';

type Handler<M extends keyof MethodResults> = (
  conn: ApiConnection,
  params: ParsedParamsOf<M>,
) => Promise<ApiResult<MethodResults[M]>>;

const DESK = { id: 'desk', role: 'system' } as const;

function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

function userOf(conn: ApiConnection): User {
  const u = conn.user;
  if (!u) throw new Error('no session');
  return { id: u.id, role: u.role };
}

function require(conn: ApiConnection, action: Action): ApiResult<never> | null {
  const u = conn.user;
  if (!u) return fail('unauthenticated', 'log in first');
  return can(u.role, action) ? null : fail('forbidden', forbiddenMessage(u.role, action));
}

function sessionView(s: Session): SessionView {
  return { user: { ...s.user, actions: actionsOf(s.user.role) }, token: s.token, expiresAt: s.expiresAt };
}

/** Logins and refusals go into the audit trail: who, from where, when. */
function journalSession(
  conn: ApiConnection,
  kind: string,
  actor: { id: string; role: string },
  data: object,
): void {
  conn.api.desk.journal.append({
    kind,
    actor: actor as never,
    data: { ...data, via: conn.origin.via, remote: conn.origin.remote ?? null },
  });
}

const login: Handler<'session.login'> = async (conn, p) => {
  const r = await conn.api.auth.login(p.userId, p.secret);
  if (!r.ok) {
    journalSession(conn, 'session.refused', DESK, { userId: p.userId, role: p.role, error: r.error });
    if (r.error === 'locked')
      return fail(
        'locked',
        `too many failed logins: try again after ${new Date(r.until).toISOString().slice(11, 19)} UTC`,
      );
    return fail('login_refused', LOGIN_REFUSED);
  }
  if (r.session.user.role !== p.role) {
    // A right secret for the wrong role is refused in the same words: the screen learns nothing.
    conn.api.auth.logout(r.session.token);
    journalSession(conn, 'session.refused', DESK, { userId: p.userId, role: p.role, error: 'wrong_role' });
    return fail('login_refused', LOGIN_REFUSED);
  }
  conn.begin(r.session);
  journalSession(conn, 'session.login', r.session.user, { userId: r.session.user.id });
  return ok({ session: sessionView(r.session), snapshot: conn.api.snapshot() });
};

const resume: Handler<'session.resume'> = async (conn, p) => {
  const r = conn.api.auth.sessions.touch(p.token);
  if (!r.ok) return fail('session_expired', 'the session has ended: log in again');
  conn.begin(r.session);
  return ok({ session: sessionView(r.session), snapshot: conn.api.snapshot() });
};

const logout: Handler<'session.logout'> = async (conn) => {
  const token = conn.token;
  const user = conn.user;
  const ended = token ? conn.api.auth.logout(token) : false;
  if (user) journalSession(conn, 'session.logout', user, { userId: user.id });
  conn.end('logged out', false);
  return ok({ ended });
};

const snapshot: Handler<'desk.snapshot'> = async (conn) => ok(conn.api.snapshot());

const roundCommand: Handler<'round.command'> = async (conn, p) => {
  const command = { ...p, user: userOf(conn) } as Command;
  const out = conn.api.desk.engine.handle({ source: 'operator', command });
  if (!out.ok) return fail(out.error.code, out.error.message);
  return ok({ seqs: out.entries.map((e) => e.seq) });
};

const camera: Handler<'studio.camera'> = async (conn, p) => {
  const denied = require(conn, 'switchCamera');
  if (denied) return denied;
  const control = conn.api.options.camera;
  if (!control) return fail('unavailable', 'no OBS director on this desk: cameras cannot be switched');
  const r = await control.select(userOf(conn), p.camera);
  return r.ok ? ok({ camera: p.camera }) : r;
};

const review: Handler<'review.decide'> = async (conn, p) => {
  // The engine checks the role (dealers may not), the round, the phase and the decision.
  const command: Command = { cmd: 'review', ...p, user: userOf(conn) };
  const out = conn.api.desk.engine.handle({ source: 'operator', command });
  if (!out.ok) return fail(out.error.code, out.error.message);
  return ok({ roundId: p.roundId, decision: p.decision });
};

const audit: Handler<'audit.query'> = async (conn, p) => {
  const denied = require(conn, 'viewAudit');
  if (denied) return denied;
  return ok(queryAudit(conn.api.desk.journal, p));
};

const ports: Handler<'tech.ports'> = async (conn) => {
  const denied = require(conn, 'editDevices');
  if (denied) return denied;
  const found = await (conn.api.options.listPorts ?? listPorts)();
  return ok(
    found.map((p): PortView => ({
      path: p.path,
      stable: p.byId ?? p.byPath ?? null,
      vendorId: p.vendorId ?? null,
      productId: p.productId ?? null,
      serialNumber: p.serialNumber ?? null,
      description: [p.manufacturer, p.product, p.driver].filter(Boolean).join(' ') || 'serial port',
    })),
  );
};

const traffic: Handler<'tech.traffic'> = async (conn, p) => {
  const denied = require(conn, 'editDevices');
  if (denied) return denied;
  if (!conn.api.desk.devices[p.device]) return fail('unavailable', `this table has no ${p.device}`);
  conn.setTraffic(p.device, p.on);
  return ok({ device: p.device, on: p.on });
};

const devicesView: Handler<'tech.devices.view'> = async (conn) => {
  const denied = require(conn, 'editDevices');
  if (denied) return denied;
  const editor = conn.api.desk.deviceSettings;
  if (!editor) return fail('unavailable', 'device settings cannot be edited on this desk');
  return ok(editor.view());
};

const devicesSave: Handler<'tech.devices.save'> = async (conn, p) => {
  const denied = require(conn, 'editDevices');
  if (denied) return denied;
  const editor = conn.api.desk.deviceSettings;
  if (!editor) return fail('unavailable', 'device settings cannot be edited on this desk');
  const r = await editor.save(userOf(conn), p.device, p.settings);
  return r.ok ? ok({ version: r.version, seq: r.seq, devices: editor.view() }) : fail(r.code, r.message);
};

const series: Handler<'monitor.series'> = async (conn) => ok(conn.api.metrics.snapshot());

type WizardMethod =
  | 'calibration.wheel.view'
  | 'calibration.wheel.start'
  | 'calibration.wheel.cancel'
  | 'calibration.wheel.direction'
  | 'calibration.wheel.observe';

/** A wizard step: a technician's, on a table with a wheel; answers the wizard's new view. */
function wizardStep<M extends WizardMethod>(
  step: (
    w: WheelWizard,
    conn: ApiConnection,
    p: ParsedParamsOf<M>,
  ) => { ok: true } | { ok: false; code: 'invalid_command' | 'illegal_phase'; message: string } | null,
): Handler<M> {
  return async (conn, p) => {
    const denied = require(conn, 'calibrateWheel');
    if (denied) return denied;
    const w = conn.api.wizard;
    if (!w) return fail('unavailable', 'this table has no wheel to calibrate');
    const r = step(w, conn, p);
    if (r && !r.ok) return fail(r.code, r.message);
    return ok(w.view()) as ApiResult<MethodResults[M]>;
  };
}

const calibrationSave: Handler<'calibration.wheel.save'> = async (conn) => {
  const denied = require(conn, 'calibrateWheel');
  if (denied) return denied;
  const w = conn.api.wizard;
  if (!w) return fail('unavailable', 'this table has no wheel to calibrate');
  const r = w.save(userOf(conn));
  return r.ok ? ok({ version: r.profile.version, seq: r.profile.seq }) : fail(r.code, r.message);
};

type ShoeMethod = 'calibration.shoe.view' | 'calibration.shoe.start' | 'calibration.shoe.cancel';

/** A shoe test step: a technician's, on a table with a shoe; answers the test's new view. */
function shoeStep<M extends ShoeMethod>(step: (t: ShoeWizard, conn: ApiConnection) => void): Handler<M> {
  return async (conn) => {
    const denied = require(conn, 'editDevices');
    if (denied) return denied;
    const t = conn.api.shoeTest;
    if (!t) return fail('unavailable', 'this table has no shoe to test');
    step(t, conn);
    return ok(t.view()) as ApiResult<MethodResults[M]>;
  };
}

const shoeSave: Handler<'calibration.shoe.save'> = async (conn) => {
  const denied = require(conn, 'editDevices');
  if (denied) return denied;
  const t = conn.api.shoeTest;
  if (!t) return fail('unavailable', 'this table has no shoe to test');
  const r = t.save(userOf(conn));
  return r.ok ? ok({ seq: r.seq, passed: r.passed }) : fail('illegal_phase', r.message);
};

const visionFrame: Handler<'vision.frame'> = async (conn, p) => {
  const denied = require(conn, 'editVisionRegions');
  if (denied) return denied;
  const frames = conn.api.options.frames;
  const setup = conn.api.desk.setup;
  const regions = setup?.currentRegions() ?? conn.api.desk.config.vision?.regions ?? {};
  const camera = p.camera ?? Object.keys(regions)[0];
  if (!frames) return fail('unavailable', 'no camera on this desk: no OBS director and no simulated camera');
  if (!camera) return fail('invalid_request', 'no camera named and no vision region configured');
  try {
    const f = await frames.grab(camera, { timeoutMs: 5000 });
    const type = f.image[0] === 0xff && f.image[1] === 0xd8 ? 'image/jpeg' : 'image/png';
    const image = `data:${type};base64,${f.image.toString('base64')}`;
    const last = latestVisionRegions(conn.api.desk.journal);
    const saved = { version: last?.version ?? 0, regions: last?.value ?? {} };
    const inForce = setup?.regionsInForce() ?? {
      version: 0,
      source: 'file' as const,
      by: null,
      savedAt: null,
      since: 0,
    };
    return ok({
      camera: f.camera,
      image,
      sha256: f.sha256,
      at: f.at,
      source: f.source,
      regions,
      saved,
      inForce,
    });
  } catch (e) {
    return fail('unavailable', `no frame from ${camera}: ${(e as Error).message}`);
  }
};

const regionsSave: Handler<'vision.regions.save'> = async (conn, p) => {
  const denied = require(conn, 'editVisionRegions');
  if (denied) return denied;
  const { config, journal, setup } = conn.api.desk;
  const r = saveVisionRegions(config, journal, userOf(conn), p.regions, setup);
  return r.ok ? ok({ version: r.version, seq: r.seq }) : fail(r.code, r.message);
};

const regionsRevert: Handler<'vision.regions.revert'> = async (conn) => {
  const denied = require(conn, 'editVisionRegions');
  if (denied) return denied;
  const { config, journal, setup } = conn.api.desk;
  const r = revertVisionRegions(config, journal, userOf(conn), setup);
  return r.ok ? ok({ version: r.version, seq: r.seq }) : fail(r.code, r.message);
};

const scenePlanRevert: Handler<'studio.scenePlan.revert'> = async (conn) => {
  const denied = require(conn, 'editScenePlan');
  if (denied) return denied;
  const { config, journal, setup } = conn.api.desk;
  const r = revertScenePlan(config, journal, userOf(conn), setup);
  return r.ok ? ok({ version: r.version, seq: r.seq, applied: r.applied }) : fail(r.code, r.message);
};

const scenePlanRead: Handler<'studio.scenePlan.view'> = async (conn, p) => {
  const denied = require(conn, 'editScenePlan');
  if (denied) return denied;
  const { config, journal, setup } = conn.api.desk;
  const scenes = conn.api.options.scenes;
  const director = scenes && 'scenePlan' in scenes ? (scenes as unknown as Director) : undefined;
  const v = await scenePlanView(config, journal, scenes, p.plan, setup, director);
  return 'ok' in v ? fail(v.code, v.message) : ok(v);
};

const scenePlanSave: Handler<'studio.scenePlan.save'> = async (conn, p) => {
  const denied = require(conn, 'editScenePlan');
  if (denied) return denied;
  const { config, journal, setup } = conn.api.desk;
  const scenes = conn.api.options.scenes;
  const r = await saveScenePlan(config, journal, scenes, userOf(conn), p.plan, p.confirm, setup);
  return r.ok
    ? ok({ version: r.version, seq: r.seq, problems: r.problems, applied: r.applied })
    : fail(r.code, r.message);
};

const keysView: Handler<'keys.view'> = async (conn) => {
  const denied = require(conn, 'rotateSigningKey');
  if (denied) return denied;
  const keys = conn.api.options.signingKeys;
  if (!keys) return fail('unavailable', 'this desk signs no outcomes (no platform section)');
  return ok(keys.signingKeys());
};

/** A new signing key while the desk runs (journaled as keys.rotated by the outcome service). */
const keysRotate: Handler<'keys.rotate'> = async (conn, p) => {
  const denied = require(conn, 'rotateSigningKey');
  if (denied) return denied;
  const keys = conn.api.options.signingKeys;
  if (!keys) return fail('unavailable', 'this desk signs no outcomes (no platform section)');
  try {
    return ok(await keys.rotateKey(userOf(conn), p.reason));
  } catch (e) {
    return fail('unavailable', `the key was not rotated: ${(e as Error).message}`);
  }
};

export const HANDLERS: { [M in keyof MethodResults]: Handler<M> } = {
  'session.login': login,
  'session.resume': resume,
  'session.logout': logout,
  'desk.snapshot': snapshot,
  'round.command': roundCommand,
  'studio.camera': camera,
  'review.decide': review,
  'audit.query': audit,
  'tech.ports': ports,
  'tech.traffic': traffic,
  'tech.devices.view': devicesView,
  'tech.devices.save': devicesSave,
  'monitor.series': series,
  'calibration.wheel.view': wizardStep(() => null),
  'calibration.wheel.start': wizardStep((w, conn) => w.start(userOf(conn))),
  'calibration.wheel.cancel': wizardStep((w) => w.cancel()),
  'calibration.wheel.direction': wizardStep<'calibration.wheel.direction'>((w, _c, p) =>
    w.direction(p.inverted),
  ),
  'calibration.wheel.observe': wizardStep<'calibration.wheel.observe'>((w, _c, p) =>
    w.observe(p.spin, p.observed),
  ),
  'calibration.wheel.save': calibrationSave,
  'calibration.shoe.view': shoeStep(() => undefined),
  'calibration.shoe.start': shoeStep((t, conn) => t.start(userOf(conn))),
  'calibration.shoe.cancel': shoeStep((t) => t.cancel()),
  'calibration.shoe.save': shoeSave,
  'vision.frame': visionFrame,
  'vision.regions.save': regionsSave,
  'vision.regions.revert': regionsRevert,
  'studio.scenePlan.view': scenePlanRead,
  'studio.scenePlan.save': scenePlanSave,
  'studio.scenePlan.revert': scenePlanRevert,
  'keys.view': keysView,
  'keys.rotate': keysRotate,
};
