import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../lib/status';
import { ObsConnection, type ObsConnectionOptions } from '../../engine/obs/connection';
import { ObsDisconnectedError, ObsRequestError, ObsTimeoutError } from '../../engine/obs/errors';
import { EXECUTION } from '../../engine/obs/client';
import { FakeObs } from './support/fake-obs';

const SCENES = [{ name: 'Table Wide' }, { name: 'Wheel Close-up' }];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function fake(opts: Partial<Parameters<typeof FakeObs.start>[0]> = {}): Promise<FakeObs> {
  const f = await FakeObs.start({ scenes: SCENES, password: 'secret-pw', ...opts });
  cleanup.push(() => f.close());
  return f;
}

function connect(url: string, extra: Partial<ObsConnectionOptions> = {}): ObsConnection {
  const c = new ObsConnection({
    url,
    password: 'secret-pw',
    requestTimeoutMs: 400,
    heartbeatMs: 5000,
    backoff: { initialMs: 30, maxMs: 200, factor: 2, jitter: 0 },
    notReadyDelayMs: 10,
    ...extra,
  });
  cleanup.push(() => c.stop());
  c.start();
  return c;
}

function until(
  c: ObsConnection,
  pred: (s: ConnectionStatus) => boolean,
  ms = 3000,
): Promise<ConnectionStatus> {
  if (pred(c.status())) return Promise.resolve(c.status());
  return new Promise((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`status never matched; last: ${JSON.stringify(c.status())}`)),
      ms,
    );
    const on = (s: ConnectionStatus) => {
      if (!pred(s)) return;
      clearTimeout(t);
      c.off('status', on);
      resolve(s);
    };
    c.on('status', on);
  });
}
const isOk = (s: ConnectionStatus) => s.state === 'ok';

describe('ObsConnection against a fake OBS speaking obs-websocket v5', () => {
  it('authenticates with the password, reports ok and answers requests', async () => {
    const f = await fake();
    const c = connect(f.url);
    const connected = new Promise((r) => c.once('connected', r));
    await until(c, isOk);
    expect(await connected).toEqual({ obsWebSocketVersion: '5.1.0', rpcVersion: 1 });
    const v = await c.call('GetVersion');
    expect(v.obsVersion).toBe('29.0.2');
    expect(c.status().reason).toContain('obs-websocket 5.1.0');
  });

  it('a wrong password is authentication_failure, surfaced and not retried', async () => {
    const f = await fake();
    const c = connect(f.url, { password: 'wrong' });
    const s = await until(c, (x) => x.state === 'authentication_failure');
    expect(s.reason).toMatch(/refused the password.*Authentication failed/);
    await new Promise((r) => setTimeout(r, 300));
    expect(f.attempts).toBe(1);
  });

  it('OBS not running: disconnected with the reason, retried with backoff, connects when OBS appears', async () => {
    const probe = await FakeObs.start({ scenes: SCENES });
    const port = probe.port;
    await probe.close();
    const c = connect(`ws://127.0.0.1:${port}`);
    const s = await until(c, (x) => x.state === 'disconnected' && x.reason.includes('retrying'));
    expect(s.reason).toMatch(/not running|ECONNREFUSED|network/);
    const f = await fake({ port });
    await until(c, isOk);
    expect(f.attempts).toBe(1);
  });

  it('a request OBS never answers rejects with a timeout', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    f.faults.silent.add('SetCurrentProgramScene');
    const t0 = performance.now();
    await expect(c.call('SetCurrentProgramScene', { sceneName: 'Table Wide' })).rejects.toBeInstanceOf(
      ObsTimeoutError,
    );
    expect(performance.now() - t0).toBeGreaterThanOrEqual(350);
  });

  it('pending requests are rejected the moment the socket dies, not left hanging', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    f.faults.silent.add('GetSceneList');
    const p = c.call('GetSceneList', undefined, { timeoutMs: 10_000 });
    const t0 = performance.now();
    f.drop();
    await expect(p).rejects.toBeInstanceOf(ObsDisconnectedError);
    expect(performance.now() - t0).toBeLessThan(1000);
    await expect(c.call('GetVersion')).rejects.toBeInstanceOf(ObsDisconnectedError);
    f.faults.silent.clear();
    await until(c, isOk);
  });

  it('kicked by OBS (4011): error, surfaced, not retried', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    f.kick();
    const s = await until(c, (x) => x.state === 'error');
    expect(s.reason).toMatch(/kicked/);
    await new Promise((r) => setTimeout(r, 200));
    expect(f.attempts).toBe(1);
  });

  it('"not ready" (207) is retried until OBS is ready', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    f.faults.notReady = 3;
    const r = await c.call('GetCurrentProgramScene');
    expect(r.currentProgramSceneName).toBe('Table Wide');
    expect(f.requests('GetCurrentProgramScene')).toHaveLength(4);
  });

  it('a request OBS refuses rejects with its status code', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    const e = await c.call('SetCurrentProgramScene', { sceneName: 'Nope' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ObsRequestError);
    expect((e as ObsRequestError).code).toBe(600);
  });

  it('the heartbeat notices an OBS that stopped answering and reconnects', async () => {
    const f = await fake();
    const c = connect(f.url, { heartbeatMs: 100, requestTimeoutMs: 150 });
    await until(c, isOk);
    f.faults.silent.add('GetVersion');
    const s = await until(c, (x) => x.state === 'disconnected');
    expect(s.reason).toMatch(/stopped answering \(heartbeat/);
    f.faults.silent.clear();
    await until(c, isOk);
    expect(f.attempts).toBeGreaterThanOrEqual(2);
  });

  it('a server that is not obs-websocket v5 is an error, not retried', async () => {
    const f = await fake({ noSubprotocol: true });
    const c = connect(f.url);
    const s = await until(c, (x) => x.state === 'error');
    expect(s.reason).toMatch(/not obs-websocket v5/);
  });

  it('one owner per OBS instance: a second connection to the same address is bad_config', async () => {
    const f = await fake();
    const a = connect(f.url);
    await until(a, isOk);
    const b = connect(f.url.replace('127.0.0.1', '127.0.0.1') + '/');
    expect(b.status().state).toBe('bad_config');
    expect(b.status().reason).toMatch(/one owner per OBS instance/);
  });

  it('a batch runs in sync with the frame (SerialFrame) and gives one response per request', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    const res = await c.batch([
      { requestType: 'SetCurrentProgramScene', requestData: { sceneName: 'Wheel Close-up' } },
      { requestType: 'SetCurrentProgramScene', requestData: { sceneName: 'Missing' } },
    ]);
    expect(res.map((r) => r.requestStatus.code)).toEqual([100, 600]);
    expect(f.requests('SetCurrentProgramScene').map((r) => r.batch)).toEqual([
      EXECUTION.serialFrame,
      EXECUTION.serialFrame,
    ]);
    expect(f.program).toBe('Wheel Close-up');
  });

  it('forwards OBS events it follows', async () => {
    const f = await fake();
    const c = connect(f.url);
    await until(c, isOk);
    const ev = new Promise((r) => c.once('obsEvent', r));
    f.switchInObs('Wheel Close-up');
    expect(await ev).toMatchObject({
      type: 'CurrentProgramSceneChanged',
      data: { sceneName: 'Wheel Close-up' },
    });
  });
});
