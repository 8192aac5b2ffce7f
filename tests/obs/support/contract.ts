/**
 * One contract suite for "something that speaks obs-websocket v5 like OBS 29": run against the fake
 * OBS (tests/obs/contract.test.ts) and against a real OBS (tests/obs-real/contract-real.test.ts),
 * so the fake cannot drift from what OBS really does. The peer shows the project's test scene
 * collection (tests/fixtures/obs/): Table Wide, Betting, Wheel Close-up, Result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObsConnection } from '../../../engine/obs/connection';
import { ObsRequestError } from '../../../engine/obs/errors';
import { screenshot } from '../../../engine/obs/screenshot';
import type { ConnectionStatus } from '../../../lib/status';

export interface ContractPeer {
  url: string;
  password: string;
  stop(): Promise<void>;
}

function until(
  c: ObsConnection,
  pred: (s: ConnectionStatus) => boolean,
  ms = 8000,
): Promise<ConnectionStatus> {
  if (pred(c.status())) return Promise.resolve(c.status());
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`status: ${JSON.stringify(c.status())}`)), ms);
    const on = (s: ConnectionStatus) => {
      if (!pred(s)) return;
      clearTimeout(t);
      c.off('status', on);
      resolve(s);
    };
    c.on('status', on);
  });
}

export function obsContract(name: string, start: () => Promise<ContractPeer>, enabled = true): void {
  describe.runIf(enabled)(`obs-websocket v5 contract: ${name}`, () => {
    let peer: ContractPeer;
    let conn: ObsConnection;
    beforeAll(async () => {
      peer = await start();
      conn = new ObsConnection({
        url: peer.url,
        password: peer.password,
        requestTimeoutMs: 3000,
        heartbeatMs: 60_000,
        owner: 'table-a@host:1',
      });
      conn.start();
      await until(conn, (s) => s.state === 'ok');
    }, 60_000);
    afterAll(async () => {
      await conn?.stop();
      await peer?.stop();
    });

    it('a wrong password is refused with 4009 (authentication_failure)', async () => {
      const bad = new ObsConnection({
        url: peer.url.replace('127.0.0.1', 'localhost'),
        password: 'not-the-password',
        requestTimeoutMs: 3000,
        heartbeatMs: 60_000,
      });
      bad.start();
      try {
        const s = await until(bad, (x) => x.state === 'authentication_failure');
        expect(s.reason).toContain('Authentication failed');
      } finally {
        await bad.stop();
      }
    });

    it('a second desk claiming the same OBS gives way to the first (CustomEvent claim)', async () => {
      // `localhost`: another address key, so the in-process guard (owners.ts) does not stop it first.
      const second = new ObsConnection({
        url: peer.url.replace('127.0.0.1', 'localhost'),
        password: peer.password,
        requestTimeoutMs: 3000,
        heartbeatMs: 60_000,
        owner: 'table-b@host:2',
      });
      second.start();
      try {
        const s = await until(second, (x) => x.state === 'bad_config');
        expect(s.reason).toMatch(/already driven by table-a@host:1 .*one owner per OBS instance/);
        await new Promise((r) => setTimeout(r, 200));
        expect(conn.status().state).toBe('ok');
        expect(await conn.call('GetVersion')).toHaveProperty('obsWebSocketVersion');
      } finally {
        await second.stop();
      }
    });

    it('lists scenes in reverse UI order with the program scene', async () => {
      const r = await conn.call('GetSceneList');
      const names = (r.scenes as { sceneName: string }[]).map((s) => s.sceneName);
      expect(names).toEqual(['Result', 'Wheel Close-up', 'Betting', 'Table Wide']);
      expect(typeof r.currentProgramSceneName).toBe('string');
    });

    it('an unknown scene is status 600; preview without studio mode is 506', async () => {
      const a = await conn
        .call('SetCurrentProgramScene', { sceneName: 'No Such Scene' })
        .catch((e: unknown) => e);
      expect(a).toBeInstanceOf(ObsRequestError);
      expect((a as ObsRequestError).code).toBe(600);
      await conn.call('SetStudioModeEnabled', { studioModeEnabled: false });
      await new Promise((r) => setTimeout(r, 200));
      const b = await conn.call('SetCurrentPreviewScene', { sceneName: 'Betting' }).catch((e: unknown) => e);
      expect((b as ObsRequestError).code).toBe(506);
    });

    it('a SerialFrame batch runs in order, one result per request, and the change is announced', async () => {
      const before = String((await conn.call('GetCurrentProgramScene')).currentProgramSceneName);
      const target = before === 'Betting' ? 'Result' : 'Betting';
      const event = new Promise<unknown>((resolve) =>
        conn.on('obsEvent', (e) => e.type === 'CurrentProgramSceneChanged' && resolve(e.data)),
      );
      const res = await conn.batch([
        { requestType: 'SetCurrentProgramScene', requestData: { sceneName: target } },
        { requestType: 'SetCurrentProgramScene', requestData: { sceneName: 'No Such Scene' } },
        { requestType: 'GetCurrentProgramScene' },
      ]);
      expect(res.map((r) => r.requestStatus.code)).toEqual([100, 600, 100]);
      expect(res[2]?.responseData?.currentProgramSceneName).toBe(target);
      expect(await event).toEqual({ sceneName: target });
    });

    it('text inputs and scene items are read and written', async () => {
      await conn.call('SetInputSettings', {
        inputName: 'Result Text',
        inputSettings: { text: '32 RED' },
        overlay: true,
      });
      const t = await conn.call('GetInputSettings', { inputName: 'Result Text' });
      expect((t.inputSettings as { text: string }).text).toBe('32 RED');
      const items = await conn.call('GetSceneItemList', { sceneName: 'Wheel Close-up' });
      const banner = (items.sceneItems as { sourceName: string; sceneItemId: number }[]).find(
        (i) => i.sourceName === 'No More Bets',
      );
      expect(banner).toBeDefined();
      await conn.call('SetSceneItemEnabled', {
        sceneName: 'Wheel Close-up',
        sceneItemId: banner?.sceneItemId,
        sceneItemEnabled: true,
      });
      const after = await conn.call('GetSceneItemList', { sceneName: 'Wheel Close-up' });
      expect(
        (after.sceneItems as { sourceName: string; sceneItemEnabled: boolean }[]).find(
          (i) => i.sourceName === 'No More Bets',
        )?.sceneItemEnabled,
      ).toBe(true);
    });

    it('screenshots a source as PNG at the requested width; an unknown source is 600', async () => {
      const png = await screenshot(conn, 'Wheel Camera', { width: 160 });
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(160);
      const e = await screenshot(conn, 'No Such Camera', { width: 160 }).catch((x: unknown) => x);
      expect((e as ObsRequestError).code).toBe(600);
    });

    it('gives stats and output status with the fields the health poller reads', async () => {
      const s = await conn.call('GetStats');
      for (const k of [
        'activeFps',
        'cpuUsage',
        'memoryUsage',
        'renderSkippedFrames',
        'renderTotalFrames',
        'outputSkippedFrames',
        'outputTotalFrames',
      ])
        expect(typeof s[k], k).toBe('number');
      const r = await conn.call('GetRecordStatus');
      expect(typeof r.outputActive).toBe('boolean');
      expect(r.outputTimecode).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    });
  });
}
