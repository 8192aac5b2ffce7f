/**
 * The OBS director of one table (the shell around the pure core): follows the round engine's state
 * and the sensors' events, keeps the operator's overrides, computes the desired studio, diffs it
 * against OBS's real state and sends what differs (one request alone, several in one SerialFrame
 * batch so they land in the same frame). On every (re)connect it reads OBS again and restores what
 * the round needs, without operator action. It also polls health, writes `studio.timecode` on
 * every phase change and grabs frames for the vision check.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type TimerHandle } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { ConnectionStatus } from '../../lib/status';
import type { ShoeEventBody, WheelEventBody } from '../../hardware/protocols/types';
import type { ObsConfig } from '../config/schema';
import type { CueEvent } from '../config/obs';
import type { Journal } from '../journal/types';
import type { PublicTableState } from '../rounds/public-state';
import type { FrameSource } from '../vision/types';
import { EXECUTION } from '../obs/client';
import { ObsConnection } from '../obs/connection';
import { messageOf } from '../obs/errors';
import { planScenes, readRealStudio } from '../obs/resync';
import { ObsFrameSource, screenshot, type ScreenshotOptions } from '../obs/screenshot';
import { autoDueAt, NO_AUTO, offerCue, PHASE_PRIORITY, tickAuto, type AutoState } from './auto-switch';
import { desiredStudio } from './desired';
import { diffStudio } from './diff';
import { HealthPoller } from './health-poller';
import type { Alarm, HealthReport } from './health';
import { applyCommand, applyEvent } from './mirror';
import { runOperatorCommand, type CommandResult, type DirectorCommand } from './operator';
import { NO_OVERRIDES, onRound, type ManualHold, type Overrides } from './overrides';
import { phaseOf } from './overlays';
import { TIMECODE_ACTOR, timecodeEntry } from './timecode';
import type { DesiredStudio, ObsCommand, RealStudio } from './types';

export interface DirectorStatus extends ConnectionStatus {
  /** What the plan needs that OBS lacks. */
  problems: string[];
  programScene: string | null;
  because: string;
  manual: ManualHold | null;
  alarms: Alarm[];
}

export interface DirectorEvents {
  status: [DirectorStatus];
  /** OBS reported its program scene changed (mono: when the event arrived). */
  program: [{ scene: string; mono: number }];
  /** Requests sent and acknowledged, with the round trip. */
  applied: [{ commands: ObsCommand[]; ms: number }];
  health: [HealthReport];
}

export interface DirectorOptions {
  config: ObsConfig;
  journal?: Journal;
  password?: string;
  clock?: Clock;
  logger?: Logger;
  /** Inject a connection (tests); default one built from the config. */
  connection?: ObsConnection;
  /** Claims the OBS instance against other desks under this name (engine/obs/claim.ts). */
  owner?: string;
  /** Reason the director cannot run at all (a missing password variable): status bad_config. */
  configProblem?: string;
}

type SensorEvent = WheelEventBody | ShoeEventBody;

const RETRY_MS = 1000;

/**
 * Phases in which a new scene plan may be switched to at once: nothing the round's result depends
 * on is on air (no ball in play, no cards being dealt, no result being shown or checked).
 */
export const SWITCH_SAFE_PHASES: ReadonlySet<string> = new Set([
  'idle',
  'betting_open',
  'settled',
  'void',
  'interrupted',
  'shoe_change',
]);

export class Director extends EventEmitter<DirectorEvents> {
  readonly conn: ObsConnection;
  private plan: ObsConfig;
  /** A saved scene plan waiting for a phase in which switching cannot mis-cue (setScenePlan). */
  private pendingPlan: { scenePlan: ObsConfig['scenePlan']; onApplied?: () => void } | null = null;
  private readonly clock: Clock;
  private real: RealStudio | null = null;
  private table: PublicTableState | null = null;
  private auto: AutoState = NO_AUTO;
  private overrides: Overrides = NO_OVERRIDES;
  private lastPhaseKey = '';
  private dwellTimer: TimerHandle | undefined;
  private dirty = false;
  private running = false;
  private problems: string[] = [];
  /** The last update OBS refused or did not answer; cleared by the next clean update. */
  private sendError: string | null = null;
  private resyncError: string | null = null;
  /** OBS's state was read since the last (re)connect. */
  private synced = false;
  private retryTimer: TimerHandle | undefined;
  private current: DirectorStatus;
  private recordPath: string | null = null;
  private timecodes: Promise<void> = Promise.resolve();
  private readonly health: HealthPoller;
  private resyncing = false;

  constructor(private readonly opts: DirectorOptions) {
    super();
    this.plan = opts.config;
    this.clock = opts.clock ?? systemClock;
    this.conn =
      opts.connection ??
      new ObsConnection({
        url: opts.config.url,
        password: opts.password,
        requestTimeoutMs: opts.config.requestTimeoutMs,
        heartbeatMs: opts.config.heartbeatMs,
        clock: this.clock,
        logger: opts.logger,
        owner: opts.owner,
      });
    this.current = this.compose();
    this.health = new HealthPoller(this.conn, this.plan.health, this.clock, opts.journal, opts.logger);
    this.health.on('report', (r) => {
      this.emit('health', r);
      this.refreshStatus();
    });
    this.conn.on('status', (s) => {
      if (s.state !== 'ok') {
        this.synced = false;
        this.real = null;
      }
      this.refreshStatus();
    });
    this.conn.on('connected', () => void this.resync());
    this.conn.on('obsEvent', (ev) => {
      if (ev.type === 'CurrentProgramSceneChanged' && typeof ev.data.sceneName === 'string')
        this.emit('program', { scene: ev.data.sceneName, mono: ev.mono });
      if (ev.type === 'RecordStateChanged' && typeof ev.data.outputPath === 'string')
        this.recordPath = ev.data.outputPath;
      if (!this.real) return;
      const r = applyEvent(this.real, ev.type, ev.data);
      this.real = r.real;
      if (r.resync) void this.resync();
      else this.refreshStatus();
    });
  }

  start(): void {
    if (this.opts.configProblem) {
      this.refreshStatus();
      return;
    }
    this.conn.start();
    this.health.start(() => this.real?.canvasFps ?? null);
  }

  async stop(): Promise<void> {
    if (this.dwellTimer) this.clock.clearTimeout(this.dwellTimer);
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    this.health.stop();
    await this.conn.stop();
    await this.timecodes;
  }

  status(): DirectorStatus {
    return this.current;
  }

  /** What the round needs on air now (for the UI's "next/now" display and tests). */
  desired(): DesiredStudio {
    return desiredStudio({ table: this.table, auto: this.auto, overrides: this.overrides, plan: this.plan });
  }

  /**
   * Replaces the scene plan in force (a technician's saved version). Applied at once when the round
   * is in a phase where a switch cannot mis-cue (SWITCH_SAFE_PHASES: no ball in play, no cards being
   * dealt, no result being established); otherwise kept pending (a later save replaces it) and
   * applied at the first such phase: after the round's result is settled or voided at the latest.
   * On applying, the current phase's scene is cued under the new plan and OBS is read again (the
   * new plan may follow other scenes). `onApplied` is called when it takes effect.
   */
  setScenePlan(scenePlan: ObsConfig['scenePlan'], onApplied?: () => void): 'applied' | 'pending' {
    this.pendingPlan = { scenePlan, onApplied };
    return this.applyPendingPlan() ? 'applied' : 'pending';
  }

  /** The scene plan waiting for a safe phase, or null. */
  pendingScenePlan(): ObsConfig['scenePlan'] | null {
    return this.pendingPlan?.scenePlan ?? null;
  }

  /** The scene plan in force. */
  scenePlan(): ObsConfig['scenePlan'] {
    return this.plan.scenePlan;
  }

  private applyPendingPlan(): boolean {
    const pending = this.pendingPlan;
    if (!pending) return false;
    const next: ObsConfig = { ...this.plan, scenePlan: pending.scenePlan };
    const phase = phaseOf(this.table);
    if (!SWITCH_SAFE_PHASES.has(phase)) return false;
    this.pendingPlan = null;
    this.plan = next;
    const scene = next.scenePlan.phases[phase];
    if (scene) this.cue({ scene, priority: PHASE_PRIORITY, reason: `phase ${phase} (scene plan changed)` });
    pending.onApplied?.();
    if (this.conn.connected) void this.resync();
    else this.refreshStatus();
    return true;
  }

  /** The round engine's state: phases drive scenes, overlays and timecodes; a new round ends a manual hold. */
  onTableState(state: PublicTableState): void {
    this.table = state;
    if (this.pendingPlan) this.applyPendingPlan();
    const round = state.round;
    this.overrides = onRound(this.overrides, round?.id ?? null);
    const phase = phaseOf(state);
    const key = `${round?.id ?? ''}/${phase}`;
    if (key !== this.lastPhaseKey) {
      this.lastPhaseKey = key;
      const scene = this.plan.scenePlan.phases[phase];
      if (scene) this.cue({ scene, priority: PHASE_PRIORITY, reason: `phase ${phase}` });
      if (round) this.timecode(round.id, phase);
    }
    this.refreshStatus();
    this.schedule();
  }

  /** A sensor event: the automatic director's cues (ball launched → wheel close-up, …). */
  onSensor(ev: SensorEvent): void {
    const name = cueEventOf(ev);
    const cue = name ? this.plan.autoSwitch[name] : undefined;
    if (!name || !cue) return;
    const cam = this.plan.scenePlan.cameras[cue.camera];
    if (!cam) return;
    this.cue({ scene: cam.scene, camera: cue.camera, priority: cue.priority, reason: `cue ${name}` });
    this.schedule();
  }

  /** An operator's command (camera keys, preview, take/cut, release), role-checked and journaled. */
  command(c: DirectorCommand): CommandResult {
    const out = runOperatorCommand(
      c,
      this.overrides,
      { plan: this.plan, roundId: this.table?.round?.id ?? null },
      this.opts.journal,
      this.opts.logger,
    );
    this.overrides = out.overrides;
    this.refreshStatus();
    if (out.result.ok) this.schedule();
    return out.result;
  }

  /** The cameras of the plan with their number keys, in plan order (for the operator's keypad). */
  cameras(): { key: string; name: string; scene: string; source: string | null }[] {
    return Object.entries(this.plan.scenePlan.cameras).map(([name, c], i) => ({
      key: i < 9 ? String(i + 1) : '',
      name,
      scene: c.scene,
      source: c.source ?? null,
    }));
  }

  /**
   * OBS's real state as the director mirrors it (scene list, the items of the scenes the plan
   * names, program scene): a copy, no request to OBS. null until OBS has been read after a connect.
   */
  realStudio(): RealStudio | null {
    return this.real ? structuredClone(this.real) : null;
  }

  /**
   * OBS's real state as a candidate scene plan would see it (the scene-plan editor): the mirror
   * when the plan names no scene the mirror does not follow, else one bounded read (two batches,
   * each answered within requestTimeoutMs or rejected). null when OBS is not connected.
   */
  async studioFor(scenePlan: ObsConfig['scenePlan']): Promise<RealStudio | null> {
    if (!this.conn.connected) return null;
    const plan = { ...this.plan, scenePlan };
    const followed = new Set(planScenes(this.plan));
    if (this.real && planScenes(plan).every((s) => followed.has(s))) return structuredClone(this.real);
    return readRealStudio(this.conn, plan);
  }

  /** A still of a named source, for the vision check or the operator. */
  screenshot(sourceName: string, opts?: ScreenshotOptions): Promise<Buffer> {
    return screenshot(this.conn, sourceName, opts);
  }

  frameSource(opts: { width?: number } = {}): FrameSource {
    return new ObsFrameSource(this.conn, this.plan, { ...opts, now: () => this.clock.now() });
  }

  /** Resolves when every requested change has been sent and the mirror says nothing is left. */
  async settled(): Promise<void> {
    while (this.running || this.dirty || this.resyncing) await new Promise<void>((r) => setImmediate(r));
  }

  private cue(c: Parameters<typeof offerCue>[1]): void {
    const now = this.clock.monotonic();
    this.auto = offerCue(tickAuto(this.auto, now, this.plan.minDwellMs), c, now, this.plan.minDwellMs);
    this.armDwell();
  }

  private armDwell(): void {
    if (this.dwellTimer) this.clock.clearTimeout(this.dwellTimer);
    this.dwellTimer = undefined;
    const due = autoDueAt(this.auto, this.plan.minDwellMs);
    if (due === null) return;
    this.dwellTimer = this.clock.setTimeout(
      () => {
        this.dwellTimer = undefined;
        this.auto = tickAuto(this.auto, this.clock.monotonic(), this.plan.minDwellMs);
        this.armDwell();
        this.schedule();
      },
      Math.max(0, due - this.clock.monotonic()),
    );
  }

  private async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    this.refreshStatus();
    try {
      this.real = await readRealStudio(this.conn, this.plan);
      this.synced = true;
      this.resyncError = null;
    } catch (e) {
      this.resyncError = `could not read OBS's state: ${messageOf(e)}`;
      this.opts.logger?.warn({ err: messageOf(e) }, 'OBS resync failed');
      this.retryLater();
    } finally {
      this.resyncing = false;
    }
    this.refreshStatus();
    this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    if (!this.running) void this.reconcile();
  }

  private async reconcile(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty) {
        this.dirty = false;
        if (!this.real || !this.conn.connected || this.resyncing) break;
        const want = this.desired();
        const diff = diffStudio(this.real, want);
        this.problems = diff.problems;
        if (diff.commands.length > 0) await this.send(diff.commands);
        this.refreshStatus();
      }
    } finally {
      this.running = false;
    }
  }

  private async send(commands: ObsCommand[]): Promise<void> {
    const t0 = this.clock.monotonic();
    try {
      if (commands.length === 1) {
        const c = commands[0] as ObsCommand;
        await this.conn.call(c.requestType, c.requestData);
        if (this.real) this.real = applyCommand(this.real, c);
        this.sendError = null;
      } else {
        const res = await this.conn.batch(
          commands.map((c) => ({ requestType: c.requestType, requestData: c.requestData })),
          { executionType: EXECUTION.serialFrame },
        );
        const failed: string[] = [];
        commands.forEach((c, i) => {
          const r = res[i];
          if (r?.requestStatus.result) {
            if (this.real) this.real = applyCommand(this.real, c);
          } else
            failed.push(
              `${c.context}: status ${r?.requestStatus.code ?? '?'} ${r?.requestStatus.comment ?? ''}`.trim(),
            );
        });
        this.sendError = failed.length ? `OBS refused: ${failed.join('; ')}` : null;
        if (failed.length) this.retryLater();
      }
      this.emit('applied', { commands, ms: this.clock.monotonic() - t0 });
      this.opts.logger?.debug({ commands: commands.map((c) => c.context) }, 'OBS updated');
    } catch (e) {
      this.sendError = `${commands.at(-1)?.context ?? 'update'} failed: ${messageOf(e)}`;
      this.opts.logger?.warn({ err: messageOf(e) }, 'OBS update failed');
      this.retryLater();
    }
  }

  /**
   * After a refused or unanswered update, read OBS again and retry in a second (OBS applies some
   * requests late, e.g. studio mode; a timed-out request may or may not have landed). Disconnects
   * are handled by the connection: its reconnect resyncs anyway.
   */
  private retryLater(): void {
    if (this.retryTimer || !this.conn.connected) return;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.conn.connected) void this.resync();
    }, RETRY_MS);
  }

  private timecode(roundId: string, phase: string): void {
    const at = this.clock.now();
    const journal = this.opts.journal;
    if (!journal) return;
    this.timecodes = this.timecodes.then(async () => {
      let record = null;
      let stream = null;
      let reason: string | undefined;
      if (this.conn.connected) {
        try {
          const r = await this.conn.batch(
            [{ requestType: 'GetRecordStatus' }, { requestType: 'GetStreamStatus' }],
            {
              executionType: EXECUTION.serialRealtime,
            },
          );
          record = r[0]?.requestStatus.result ? (r[0].responseData ?? {}) : null;
          stream = r[1]?.requestStatus.result ? (r[1].responseData ?? {}) : null;
          if (!record || !stream) reason = 'OBS did not give its output status';
        } catch (e) {
          reason = messageOf(e);
        }
      } else reason = `OBS not connected: ${this.conn.status().reason}`;
      try {
        journal.append({
          kind: 'studio.timecode',
          actor: { ...TIMECODE_ACTOR },
          data: timecodeEntry({ roundId, phase, at }, record, stream, this.recordPath, reason),
        });
      } catch (e) {
        this.opts.logger?.error({ err: messageOf(e) }, 'studio.timecode not journaled');
      }
    });
  }

  private compose(): DirectorStatus {
    const c = this.conn.status();
    const want = this.desired();
    const base = {
      problems: this.problems,
      programScene: this.real?.programScene ?? null,
      because: want.because,
      manual: this.overrides.manual,
      alarms: this.health?.alarms ?? [],
    };
    const since = this.clock.now();
    if (this.opts.configProblem)
      return { ...base, state: 'bad_config', reason: this.opts.configProblem, since: c.since };
    if (c.state !== 'ok') return { ...base, ...c };
    if (!this.synced || !this.real)
      return {
        ...base,
        state: 'connecting',
        reason: this.resyncError ?? 'connected; reading the state of OBS',
        since,
      };
    if (this.problems.length)
      return {
        ...base,
        state: 'bad_config',
        reason: `OBS lacks what the scene plan names: ${this.problems.join('; ')}`,
        since,
      };
    const err = this.sendError ?? this.resyncError;
    if (err) return { ...base, state: 'error', reason: err, since };
    return { ...base, state: 'ok', reason: c.reason, since: c.since };
  }

  private refreshStatus(): void {
    const next = this.compose();
    const prev = this.current;
    const same =
      prev.state === next.state &&
      prev.reason === next.reason &&
      prev.programScene === next.programScene &&
      prev.because === next.because &&
      prev.manual === next.manual &&
      prev.alarms === next.alarms;
    if (same) return;
    if (prev.state === next.state && prev.reason === next.reason) next.since = prev.since;
    this.current = next;
    this.emit('status', next);
  }
}

function cueEventOf(ev: SensorEvent): CueEvent | null {
  switch (ev.type) {
    case 'ballLaunched':
    case 'noMoreBets':
    case 'result':
    case 'misspin':
      return ev.type;
    case 'card':
      return 'card';
    default:
      return null;
  }
}
