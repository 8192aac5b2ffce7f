/**
 * A fake OBS that speaks the real obs-websocket v5 JSON protocol over a real WebSocket (`ws`):
 * Hello with an auth challenge and salt, Identify (4009 on a wrong password), Identified,
 * Request/RequestResponse with OBS's status codes (600 unknown scene, 506 studio mode off…),
 * RequestBatch with executionType and haltOnFailure, and the events OBS sends (program/preview scene
 * changed, studio mode, transitions, scene items, record state). It keeps a small studio model
 * (scenes, items, text inputs, stats) and fault knobs: silence, delay, "not ready", kick, drop.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { WebSocket, WebSocketServer } from 'ws';

export interface FakeSceneSpec {
  name: string;
  sources?: string[];
}

export interface FakeObsOptions {
  password?: string;
  scenes: FakeSceneSpec[];
  /** Text inputs: name → text. */
  texts?: Record<string, string>;
  program?: string;
  studioMode?: boolean;
  obsWebSocketVersion?: string;
  /** Don't pick the obswebsocket.json subprotocol (a server that is not obs-websocket v5). */
  noSubprotocol?: boolean;
  port?: number;
}

interface Item {
  id: number;
  source: string;
  enabled: boolean;
}

type Answer = { code: number; comment?: string; data?: Record<string, unknown> };

export interface LoggedRequest {
  requestType: string;
  requestData: Record<string, unknown>;
  /** executionType of the batch it came in, undefined for a single request. */
  batch?: number;
  mono: number;
}

const OK = (data?: Record<string, unknown>): Answer => ({ code: 100, data });
const FAIL = (code: number, comment: string): Answer => ({ code, comment });

export class FakeObs {
  readonly scenes = new Map<string, Item[]>();
  readonly texts = new Map<string, string>();
  program: string;
  preview: string | null = null;
  studioMode: boolean;
  transition = { name: 'Fade', duration: 300 };
  readonly transitions = ['Cut', 'Fade', 'Stinger'];
  recording = { active: false, startedMono: 0, path: '/tmp/fake-obs/recording.mkv' };
  streaming = { active: false, startedMono: 0 };
  stats = {
    cpuUsage: 5,
    memoryUsage: 240,
    activeFps: 30,
    renderSkippedFrames: 0,
    renderTotalFrames: 1000,
    outputSkippedFrames: 0,
    outputTotalFrames: 1000,
  };
  readonly log: LoggedRequest[] = [];
  /** Fault knobs. */
  readonly faults = { silent: new Set<string>(), delayMs: 0, notReady: 0 };
  /** WebSocket connections accepted (identified or not). */
  attempts = 0;
  private readonly clients = new Set<WebSocket>();
  private nextItemId = 1;

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly opts: FakeObsOptions,
  ) {
    for (const s of opts.scenes)
      this.scenes.set(
        s.name,
        (s.sources ?? []).map((source) => ({ id: this.nextItemId++, source, enabled: true })),
      );
    for (const [k, v] of Object.entries(opts.texts ?? {})) this.texts.set(k, v);
    this.program = opts.program ?? opts.scenes[0]?.name ?? '';
    this.studioMode = opts.studioMode ?? false;
    if (this.studioMode) this.preview = this.program;
    wss.on('connection', (ws) => this.accept(ws));
  }

  static async start(opts: FakeObsOptions): Promise<FakeObs> {
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: opts.port ?? 0,
      handleProtocols: (protocols) =>
        opts.noSubprotocol ? false : protocols.has('obswebsocket.json') ? 'obswebsocket.json' : false,
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', resolve);
      wss.once('error', reject);
    });
    return new FakeObs(wss, opts);
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.clients.size;
  }

  requests(type?: string): LoggedRequest[] {
    return type ? this.log.filter((r) => r.requestType === type) : [...this.log];
  }

  itemEnabled(scene: string, source: string): boolean | undefined {
    return this.scenes.get(scene)?.find((i) => i.source === source)?.enabled;
  }

  /** Closes every session as OBS does when someone kicks it (4011). */
  kick(): void {
    for (const ws of this.clients) ws.close(4011, 'You have been kicked.');
  }

  /** Cuts every socket without a close frame, as when OBS is killed (clients see 1006). */
  drop(): void {
    for (const ws of this.clients) ws.terminate();
  }

  /** Sends an event to every identified client, as if something in OBS changed. */
  emitEvent(eventType: string, eventData: Record<string, unknown>): void {
    for (const ws of this.clients)
      ws.send(JSON.stringify({ op: 5, d: { eventType, eventIntent: 1, eventData } }));
  }

  /** Someone clicks a scene in OBS itself. */
  switchInObs(scene: string): void {
    this.program = scene;
    this.emitEvent('CurrentProgramSceneChanged', { sceneName: scene });
  }

  async close(): Promise<void> {
    for (const ws of this.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.attempts++;
    const auth = this.opts.password
      ? { challenge: randomBytes(32).toString('base64'), salt: randomBytes(32).toString('base64') }
      : undefined;
    let identified = false;
    ws.send(
      JSON.stringify({
        op: 0,
        d: {
          obsWebSocketVersion: this.opts.obsWebSocketVersion ?? '5.1.0',
          rpcVersion: 1,
          authentication: auth,
        },
      }),
    );
    ws.on('close', () => this.clients.delete(ws));
    ws.on('message', (raw) => {
      let msg: { op: number; d: Record<string, unknown> };
      try {
        msg = JSON.parse(String(raw)) as typeof msg;
      } catch {
        ws.close(4002, 'Unable to decode message.');
        return;
      }
      if (msg.op === 1) {
        if (identified) return ws.close(4008, 'Already identified.');
        if ((msg.d.rpcVersion as number) !== 1) return ws.close(4010, 'Unsupported RPC version.');
        if (auth && msg.d.authentication !== expectedAuth(this.opts.password ?? '', auth))
          return ws.close(4009, 'Authentication failed.');
        identified = true;
        this.clients.add(ws);
        ws.send(JSON.stringify({ op: 2, d: { negotiatedRpcVersion: 1 } }));
        return;
      }
      if (!identified) return ws.close(4007, 'Not identified.');
      if (msg.op === 6) void this.onRequest(ws, msg.d);
      else if (msg.op === 8) void this.onBatch(ws, msg.d);
    });
  }

  private async onRequest(ws: WebSocket, d: Record<string, unknown>): Promise<void> {
    const requestType = String(d.requestType);
    if (this.faults.silent.has(requestType)) return;
    if (this.faults.delayMs) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    const a = await this.answer(requestType, (d.requestData ?? {}) as Record<string, unknown>);
    if (ws.readyState !== WebSocket.OPEN) return;
    ws.send(JSON.stringify({ op: 7, d: { requestType, requestId: d.requestId, ...wire(a) } }));
  }

  private async onBatch(ws: WebSocket, d: Record<string, unknown>): Promise<void> {
    const requests = (d.requests ?? []) as { requestType: string; requestData?: Record<string, unknown> }[];
    const executionType = (d.executionType as number | undefined) ?? 0;
    if (requests.some((r) => this.faults.silent.has(r.requestType))) return;
    if (this.faults.delayMs) await new Promise((r) => setTimeout(r, this.faults.delayMs));
    const results: unknown[] = [];
    for (const r of requests) {
      const a = await this.answer(r.requestType, r.requestData ?? {}, executionType);
      results.push({ requestType: r.requestType, ...wire(a) });
      if (a.code !== 100 && d.haltOnFailure === true) break;
    }
    ws.send(JSON.stringify({ op: 9, d: { requestId: d.requestId, results } }));
  }

  private async answer(type: string, data: Record<string, unknown>, batch?: number): Promise<Answer> {
    this.log.push({ requestType: type, requestData: data, batch, mono: performance.now() });
    if (this.faults.notReady > 0) {
      this.faults.notReady--;
      return FAIL(207, 'OBS is not ready to perform the request.');
    }
    const scene = (key = 'sceneName') => String(data[key] ?? '');
    switch (type) {
      case 'GetVersion':
        return OK({
          obsVersion: '29.0.2',
          obsWebSocketVersion: this.opts.obsWebSocketVersion ?? '5.1.0',
          rpcVersion: 1,
          supportedImageFormats: ['png', 'jpg'],
          platform: 'linux',
        });
      case 'GetSceneList':
        return OK({
          currentProgramSceneName: this.program,
          currentPreviewSceneName: this.studioMode ? this.preview : null,
          scenes: [...this.scenes.keys()]
            .map((sceneName, sceneIndex) => ({ sceneName, sceneIndex }))
            .reverse(),
        });
      case 'GetCurrentProgramScene':
        return OK({ currentProgramSceneName: this.program });
      case 'SetCurrentProgramScene':
        if (!this.scenes.has(scene())) return FAIL(600, `No source was found by the name of \`${scene()}\`.`);
        this.program = scene();
        this.emitEvent('CurrentProgramSceneChanged', { sceneName: this.program });
        return OK();
      case 'GetCurrentPreviewScene':
        if (!this.studioMode) return FAIL(506, 'Studio mode is not active.');
        return OK({ currentPreviewSceneName: this.preview });
      case 'SetCurrentPreviewScene':
        if (!this.studioMode) return FAIL(506, 'Studio mode is not active.');
        if (!this.scenes.has(scene())) return FAIL(600, `No source was found by the name of \`${scene()}\`.`);
        this.preview = scene();
        this.emitEvent('CurrentPreviewSceneChanged', { sceneName: this.preview });
        return OK();
      case 'GetStudioModeEnabled':
        return OK({ studioModeEnabled: this.studioMode });
      case 'SetStudioModeEnabled':
        this.studioMode = data.studioModeEnabled === true;
        this.preview = this.studioMode ? this.program : null;
        this.emitEvent('StudioModeStateChanged', { studioModeEnabled: this.studioMode });
        return OK();
      case 'TriggerStudioModeTransition': {
        if (!this.studioMode || this.preview === null) return FAIL(506, 'Studio mode is not active.');
        const old = this.program;
        this.program = this.preview;
        this.preview = old;
        this.emitEvent('CurrentProgramSceneChanged', { sceneName: this.program });
        this.emitEvent('CurrentPreviewSceneChanged', { sceneName: this.preview });
        return OK();
      }
      case 'GetCurrentSceneTransition':
        return OK({
          transitionName: this.transition.name,
          transitionKind: this.transition.name === 'Cut' ? 'cut_transition' : 'fade_transition',
          transitionFixed: this.transition.name === 'Cut',
          transitionDuration: this.transition.name === 'Cut' ? null : this.transition.duration,
          transitionConfigurable: false,
          transitionSettings: null,
        });
      case 'SetCurrentSceneTransition':
        if (!this.transitions.includes(String(data.transitionName)))
          return FAIL(600, 'No scene transition was found by that name.');
        this.transition.name = String(data.transitionName);
        this.emitEvent('CurrentSceneTransitionChanged', { transitionName: this.transition.name });
        return OK();
      case 'SetCurrentSceneTransitionDuration':
        this.transition.duration = Number(data.transitionDuration);
        this.emitEvent('CurrentSceneTransitionDurationChanged', {
          transitionDuration: this.transition.duration,
        });
        return OK();
      case 'GetSceneItemList': {
        const items = this.scenes.get(scene());
        if (!items) return FAIL(600, `No source was found by the name of \`${scene()}\`.`);
        return OK({
          sceneItems: items.map((i, sceneItemIndex) => ({
            sceneItemId: i.id,
            sourceName: i.source,
            sceneItemEnabled: i.enabled,
            sceneItemIndex,
            inputKind: this.texts.has(i.source) ? 'text_ft2_source_v2' : 'color_source_v3',
          })),
        });
      }
      case 'SetSceneItemEnabled': {
        const item = this.scenes.get(scene())?.find((i) => i.id === data.sceneItemId);
        if (!item) return FAIL(600, 'No scene items were found in the specified scene by that ID.');
        item.enabled = data.sceneItemEnabled === true;
        this.emitEvent('SceneItemEnableStateChanged', {
          sceneName: scene(),
          sceneItemId: item.id,
          sceneItemEnabled: item.enabled,
        });
        return OK();
      }
      case 'GetInputSettings': {
        const name = String(data.inputName);
        if (!this.texts.has(name)) return FAIL(600, 'No source was found by the name of that input.');
        return OK({ inputKind: 'text_ft2_source_v2', inputSettings: { text: this.texts.get(name) } });
      }
      case 'SetInputSettings': {
        const name = String(data.inputName);
        if (!this.texts.has(name)) return FAIL(600, 'No source was found by the name of that input.');
        const text = (data.inputSettings as { text?: unknown } | undefined)?.text;
        if (typeof text === 'string') this.texts.set(name, text);
        return OK();
      }
      case 'GetStats':
        return OK({ ...this.stats, availableDiskSpace: 100_000, averageFrameRenderTime: 2 });
      case 'GetVideoSettings':
        return OK({
          fpsNumerator: 30,
          fpsDenominator: 1,
          baseWidth: 1280,
          baseHeight: 720,
          outputWidth: 1280,
          outputHeight: 720,
        });
      case 'GetRecordStatus':
        return OK({
          outputActive: this.recording.active,
          outputPaused: false,
          outputTimecode: timecode(
            this.recording.active ? performance.now() - this.recording.startedMono : 0,
          ),
          outputDuration: 0,
          outputBytes: 0,
        });
      case 'GetStreamStatus':
        return OK({
          outputActive: this.streaming.active,
          outputReconnecting: false,
          outputTimecode: timecode(
            this.streaming.active ? performance.now() - this.streaming.startedMono : 0,
          ),
          outputDuration: 0,
          outputCongestion: 0,
          outputBytes: 0,
          outputSkippedFrames: 0,
          outputTotalFrames: 0,
        });
      case 'StartRecord':
        if (this.recording.active) return FAIL(500, 'The record output is already running.');
        this.recording = { ...this.recording, active: true, startedMono: performance.now() };
        this.emitEvent('RecordStateChanged', {
          outputActive: true,
          outputState: 'OBS_WEBSOCKET_OUTPUT_STARTED',
          outputPath: this.recording.path,
        });
        return OK();
      case 'StopRecord':
        if (!this.recording.active) return FAIL(501, 'The record output is not running.');
        this.recording.active = false;
        this.emitEvent('RecordStateChanged', {
          outputActive: false,
          outputState: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
          outputPath: this.recording.path,
        });
        return OK({ outputPath: this.recording.path });
      case 'GetSourceScreenshot': {
        const name = String(data.sourceName);
        if (
          !this.scenes.has(name) &&
          !this.texts.has(name) &&
          ![...this.scenes.values()].some((s) => s.some((i) => i.source === name))
        )
          return FAIL(600, 'No source was found by the name of that source.');
        const format = String(data.imageFormat);
        if (format !== 'png' && format !== 'jpg')
          return FAIL(400, 'Your specified image format is invalid or not supported by this system.');
        const width = typeof data.imageWidth === 'number' ? data.imageWidth : 1280;
        const img = sharp({
          create: { width, height: Math.round((width * 9) / 16), channels: 3, background: '#204060' },
        });
        const buf = await (format === 'png' ? img.png() : img.jpeg()).toBuffer();
        return OK({
          imageData: `data:image/${format === 'jpg' ? 'jpeg' : 'png'};base64,${buf.toString('base64')}`,
        });
      }
      case 'BroadcastCustomEvent':
        if (typeof data.eventData !== 'object' || data.eventData === null)
          return FAIL(300, 'Your request is missing the `eventData` field.');
        this.emitEvent('CustomEvent', data.eventData as Record<string, unknown>);
        return OK();
      case 'Sleep':
        await new Promise((r) => setTimeout(r, Number(data.sleepMillis ?? 0)));
        return OK();
      default:
        return FAIL(204, 'Your request type is not valid.');
    }
  }
}

function wire(a: Answer): Record<string, unknown> {
  return {
    requestStatus:
      a.code === 100
        ? { result: true, code: 100 }
        : { result: false, code: a.code, comment: a.comment ?? '' },
    ...(a.data ? { responseData: a.data } : {}),
  };
}

/** obs-websocket's auth: base64(sha256(base64(sha256(password + salt)) + challenge)). */
export function expectedAuth(password: string, a: { challenge: string; salt: string }): string {
  const secret = createHash('sha256')
    .update(password + a.salt)
    .digest('base64');
  return createHash('sha256')
    .update(secret + a.challenge)
    .digest('base64');
}

function timecode(ms: number): string {
  const t = Math.max(0, Math.floor(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor(t / 60_000) % 60;
  const s = Math.floor(t / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(t % 1000, 3)}`;
}
