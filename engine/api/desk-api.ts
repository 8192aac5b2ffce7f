/**
 * The desk's session layer: one `DeskApi` over a running Desk, shared by the Electron main process
 * (IPC) and the browser view (WebSocket). A screen gets an `ApiConnection`; it logs in (role + user
 * id + PIN/password through engine/auth), then reads a snapshot and receives events, and sends
 * commands that go through the engine's own guards and role checks as the session's user.
 *
 * Nothing here holds a secret the contract could leak: views are built field by field.
 */
import type { DeskEvent } from '../../contract/events';
import type {
  CameraView,
  DeskSnapshot,
  DeviceName,
  DeviceView,
  HeldRound,
  SubsystemView,
} from '../../contract/views';
import { systemClock, type Clock } from '../../lib/clock';
import type { ConnectionStatus } from '../../lib/status';
import { Authenticator } from '../auth/authenticator';
import { can } from '../auth/roles';
import { ShoeWizard } from '../calibration/shoe-wizard';
import { WheelWizard } from '../calibration/wheel-wizard';
import type { ActiveWheelProfile, WheelProfile } from '../calibration/wheel-profiles';
import type { TableConfig } from '../config/schema';
import type { TableDevices } from '../desk/devices';
import type { SetupInForce } from '../desk/setup-in-force';
import type { DeviceSettingsEditor } from '../desk/device-settings';
import type { Journal } from '../journal/types';
import type { RejectionNotice, ResultAnnouncement } from '../rounds/events';
import type { PublicTableState } from '../rounds/public-state';
import type { TableEngine } from '../rounds/table-engine';
import { ApiConnection, type ConnectionOrigin } from './connection';
import { heldRounds } from './held';
import type { SceneSource } from './setup-edits';
import { MetricStore } from './metrics';
import { SUBSYSTEM_NAMES, subsystemView, type Subsystems } from './subsystems';
import { eventSummary, hexOf, textOf } from './traffic-format';
import type { PortInfo } from '../../hardware/transport/discovery';
import type { FrameSource } from '../vision/types';
import type { User } from '../rounds/commands';
import type { ApiResult, SigningKeysView } from '../../contract/views';

export interface DeskHandle {
  config: TableConfig;
  engine: TableEngine;
  journal: Journal;
  devices: TableDevices;
  /** The wheel calibration profile in force; a profile the wizard saves replaces it at once. */
  wheelProfile?: ActiveWheelProfile;
  /** The saved scene plan and vision regions in force (engine/desk/setup-in-force.ts). */
  setup?: SetupInForce;
  /** The technician's device settings (engine/desk/device-settings.ts). */
  deviceSettings?: DeviceSettingsEditor;
}

/** Camera switching by the OBS director (team OBS), when present. */
export interface CameraControl {
  cameras(): CameraView[];
  select(user: User, camera: string): Promise<ApiResult<unknown>>;
}

/** What the floor manager's signing-key panel needs of the outcome service. */
export interface SigningKeyControl {
  signingKeys(): SigningKeysView;
  rotateKey(
    actor: { id: string; role: string },
    reason: string,
  ): Promise<{ previousKid: string; kid: string; seq: number }>;
}

export interface DeskApiOptions {
  clock?: Clock;
  subsystems?: Subsystems;
  camera?: CameraControl;
  listPorts?: () => Promise<PortInfo[]>;
  /** OBS's real scenes for the scene-plan editor (the OBS director), when present. */
  scenes?: SceneSource;
  /** Live stills for the vision region view: OBS's screenshots, or the simulated camera. */
  frames?: FrameSource;
  version?: string;
  /** The outcome signing keys (the outcome service), on a desk with a platform section. */
  signingKeys?: SigningKeyControl;
  /** Tests give an authenticator with a cheap lockout policy; the desk builds one from its users. */
  authenticator?: Authenticator;
  /** How often sessions are checked for expiry (ms). */
  sessionSweepMs?: number;
}

export class DeskApi {
  readonly auth: Authenticator;
  readonly clock: Clock;
  readonly metrics = new MetricStore();
  private readonly connections = new Set<ApiConnection>();
  private readonly undo: (() => void)[] = [];
  private held: HeldRound[] = [];
  /** The wheel calibration wizard, on a table with a wheel. */
  readonly wizard: WheelWizard | null;
  /** The shoe reader test, on a table with a shoe. */
  readonly shoeTest: ShoeWizard | null;
  private sweep: ReturnType<typeof setInterval> | undefined;

  constructor(
    readonly desk: DeskHandle,
    readonly options: DeskApiOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.auth =
      options.authenticator ??
      new Authenticator({
        users: desk.config.users.map((u) => ({ id: u.id, name: u.name, role: u.role, secret: u.secret })),
        clock: this.clock,
      });
    const wheel = desk.devices.wheel;
    this.wizard = wheel
      ? new WheelWizard(desk.journal, wheel, desk.config.devices.wheel?.layout ?? 'european')
      : null;
    if (this.wizard) {
      const w = this.wizard;
      this.on(w, 'changed', (v: ReturnType<WheelWizard['view']>) =>
        this.broadcast(
          { event: 'calibration', data: v },
          (c) => c.user !== null && can(c.user.role, 'calibrateWheel'),
        ),
      );
      this.on(w, 'saved', (p: WheelProfile) => desk.wheelProfile?.set(p));
      this.undo.push(() => w.close());
    }
    const shoe = desk.devices.shoe;
    this.shoeTest = shoe ? new ShoeWizard(desk.journal, shoe) : null;
    if (this.shoeTest) {
      const t = this.shoeTest;
      this.on(t, 'changed', (v: ReturnType<ShoeWizard['view']>) =>
        this.broadcast(
          { event: 'shoeTest', data: v },
          (c) => c.user !== null && can(c.user.role, 'editDevices'),
        ),
      );
      this.undo.push(() => t.close());
    }
    this.wireEngine();
    this.wireDevices();
    this.wireSubsystems();
    this.held = this.computeHeld(desk.engine.publicState());
    this.sweep = setInterval(() => this.sweepSessions(), options.sessionSweepMs ?? 15_000);
    this.sweep.unref();
  }

  /** A new screen. `sink` receives the events the screen may see, once it has logged in. */
  connect(sink: (event: DeskEvent) => void, origin: ConnectionOrigin): ApiConnection {
    const conn = new ApiConnection(this, sink, origin, () => this.connections.delete(conn));
    this.connections.add(conn);
    return conn;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  snapshot(): DeskSnapshot {
    const { config, engine } = this.desk;
    const now = this.clock.now();
    return {
      desk: {
        tableId: config.table.id,
        tableName: config.table.name,
        studio: config.table.studio,
        game: config.table.game,
        version: this.options.version ?? '0.0.0',
      },
      serverTime: now,
      table: engine.publicState(),
      devices: this.deviceViews(),
      subsystems: this.subsystemViews(),
      cameras: this.cameras(),
      held: [...this.held],
      metrics: this.metrics.snapshot(),
    };
  }

  cameras(): CameraView[] {
    if (this.options.camera) return this.options.camera.cameras();
    const plan = this.desk.config.obs?.scenePlan.cameras ?? {};
    return Object.entries(plan).map(([name, c]) => ({ name, scene: c.scene }));
  }

  deviceViews(): DeviceView[] {
    const out: DeviceView[] = [];
    for (const name of ['wheel', 'shoe'] as const) {
      const v = this.deviceView(name);
      if (v) out.push(v);
    }
    return out;
  }

  subsystemViews(): SubsystemView[] {
    const now = this.clock.now();
    return SUBSYSTEM_NAMES.map((n) => subsystemView(n, this.options.subsystems?.[n], now));
  }

  /** Sends an event to every logged-in screen that may see it. */
  broadcast(event: DeskEvent, filter?: (c: ApiConnection) => boolean): void {
    for (const c of this.connections) if (c.user && (!filter || filter(c))) c.push(event);
  }

  close(): void {
    if (this.sweep) clearInterval(this.sweep);
    this.sweep = undefined;
    for (const u of this.undo.splice(0)) u();
    for (const c of [...this.connections]) c.close();
  }

  private deviceView(name: DeviceName): DeviceView | undefined {
    const device = this.desk.devices[name];
    if (!device) return undefined;
    const s = device.stats;
    const rejected = Object.values(s.rejected as Record<string, number>).reduce((a, b) => a + b, 0);
    return {
      name,
      protocol: device.protocol,
      port: device.description,
      simulated: this.desk.config.devices[name]?.simulate === true,
      status: device.status,
      warning: device.warning ?? null,
      stats: {
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
        events: s.events,
        rejected,
        connects: s.connects,
        disconnects: s.disconnects,
      },
    };
  }

  private computeHeld(state: PublicTableState): HeldRound[] {
    return heldRounds(state);
  }

  private refreshHeld(state: PublicTableState): void {
    const next = this.computeHeld(state);
    if (JSON.stringify(next) === JSON.stringify(this.held)) return;
    this.held = next;
    this.broadcast({ event: 'held', data: [...next] });
  }

  private on<E>(
    target: { on(e: string, l: E): unknown; off(e: string, l: E): unknown },
    e: string,
    l: E,
  ): void {
    target.on(e, l);
    this.undo.push(() => target.off(e, l));
  }

  private wireEngine(): void {
    const { engine, journal } = this.desk;
    this.on(engine, 'state', (s: PublicTableState) => {
      this.broadcast({ event: 'state', data: s });
      this.refreshHeld(s);
    });
    const onResult = (r: ResultAnnouncement) => {
      this.broadcast({ event: 'result', data: r });
      this.recordLatency(journal, r.seq);
    };
    this.on(engine, 'result', onResult);
    this.on(engine, 'rejected', (r: RejectionNotice) => this.broadcast({ event: 'rejected', data: r }));
  }

  /** Sensor-to-result latency: from the deciding frame's decode (its `mono`) to the announcement. */
  private recordLatency(journal: Journal, resultSeq: number): void {
    let cause: number | undefined;
    for (const e of journal.entries(resultSeq)) {
      cause = (e.data as { cause?: number | null }).cause ?? undefined;
      break;
    }
    if (cause === undefined) return;
    let mono: number | undefined;
    for (const e of journal.entries(cause)) {
      mono = (e.data as { mono?: number }).mono;
      break;
    }
    if (typeof mono !== 'number') return;
    const point = { at: this.clock.now(), value: Math.max(0, performance.now() - mono) };
    this.metrics.add('latency.sensorToResult', point);
    this.broadcast({ event: 'metric', data: { name: 'latency.sensorToResult', point } });
  }

  private wireDevices(): void {
    for (const name of ['wheel', 'shoe'] as const) {
      const device = this.desk.devices[name];
      if (!device) continue;
      const wants = (c: ApiConnection) => c.watchesTraffic(name);
      this.on(device, 'status', (_s: ConnectionStatus) => {
        const v = this.deviceView(name);
        if (v) this.broadcast({ event: 'device', data: v });
      });
      this.on(device, 'traffic', (t: { dir: 'rx' | 'tx'; at: number; bytes: Buffer }) =>
        this.broadcast(
          {
            event: 'traffic',
            data: { device: name, dir: t.dir, at: t.at, hex: hexOf(t.bytes), text: textOf(t.bytes) },
          },
          wants,
        ),
      );
      this.on(device, 'event', (ev: Record<string, unknown> & { at: number; frames: string[] }) =>
        this.broadcast(
          {
            event: 'decoded',
            data: { device: name, at: ev.at, type: 'event', summary: eventSummary(ev), raw: ev.frames },
          },
          wants,
        ),
      );
      this.on(device, 'frameError', (r: { reason: string; detail: string; raw: string }) =>
        this.broadcast(
          {
            event: 'decoded',
            data: {
              device: name,
              at: this.clock.now(),
              type: 'rejected',
              summary: `${r.reason}: ${r.detail}`,
              raw: [r.raw],
            },
          },
          wants,
        ),
      );
    }
  }

  private wireSubsystems(): void {
    const subs = this.options.subsystems ?? {};
    const now = () => this.clock.now();
    for (const name of SUBSYSTEM_NAMES) {
      const adapter = subs[name];
      if (!adapter) continue;
      this.on(adapter.source, 'status', () =>
        this.broadcast({ event: 'subsystem', data: subsystemView(name, adapter, now()) }),
      );
      const stop = adapter.metrics?.((metric, value, at) => {
        const point = { at, value };
        this.metrics.add(metric, point);
        this.broadcast({ event: 'metric', data: { name: metric, point } });
      });
      if (stop) this.undo.push(stop);
    }
  }

  private sweepSessions(): void {
    for (const c of this.connections) c.checkSession();
  }
}
