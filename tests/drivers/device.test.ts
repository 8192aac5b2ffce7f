import { afterEach, describe, expect, it } from 'vitest';
import type { BackoffOptions } from '../../lib/backoff';
import type { ConnectionStatus } from '../../lib/status';
import { SerialDevice } from '../../hardware/drivers/device';
import { encodeFrame } from '../../hardware/protocols/sdlp/frame';
import { createSdlpWheelDecoder } from '../../hardware/protocols/sdlp/wheel';
import type { Rejection, WheelEvent, WheelEventBody } from '../../hardware/protocols/types';
import { TransportError } from '../../hardware/transport/types';
import { FakeClock, settle } from '../support/fake-clock';
import { FakeTransport } from '../support/fake-transport';

/** Deterministic backoff: 100, 200, 400, 800, 800, ... ms. */
const BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 800, factor: 2, jitter: 0 };
const STALE_MS = 3000;

/** SDLP frames as the wheel sends them, line end included. */
const wheel = {
  hb: () => `${encodeFrame({ dev: 'W', seq: 0, type: 'HB', fields: {} })}\r\n`,
  hello: (boot: string) =>
    `${encodeFrame({ dev: 'W', seq: 0, type: 'HELLO', fields: { boot, model: 'SIM360', fw: '1.0', layout: 'EU' } })}\r\n`,
  result: (seq: number, game: string, n: string) =>
    `${encodeFrame({ dev: 'W', seq, type: 'RESULT', fields: { game, n } })}\r\n`,
};
/** What the desk sends, without line end. */
const host = {
  sync: encodeFrame({ dev: 'H', seq: 0, type: 'SYNC', fields: { dev: 'W' } }),
  ack: (seq: number) =>
    encodeFrame({ dev: 'H', seq: 0, type: 'ACK', fields: { dev: 'W', seq: String(seq) } }),
};

function rig(opts: { staleAfterMs?: number } = {}) {
  const clock = new FakeClock();
  const transport = new FakeTransport(clock);
  const device = new SerialDevice<WheelEventBody>({
    name: 'wheel',
    kind: 'wheel',
    transport,
    decoder: createSdlpWheelDecoder('european'),
    staleAfterMs: opts.staleAfterMs ?? STALE_MS,
    clock,
    backoff: BACKOFF,
  });
  const statuses: ConnectionStatus[] = [];
  const events: WheelEvent[] = [];
  const frameErrors: Rejection[] = [];
  device.on('status', (s) => statuses.push(s));
  device.on('event', (e) => events.push(e));
  device.on('frameError', (r) => frameErrors.push(r));
  const states = () => statuses.map((s) => s.state);
  /** Attempt times relative to the first one after `from`. */
  const gaps = (from = 0) => {
    const t = transport.openAttempts.slice(from);
    return t.slice(1).map((x, i) => x - (t[i] as number));
  };
  return { clock, transport, device, statuses, events, frameErrors, states, gaps };
}

type Rig = ReturnType<typeof rig>;
const running: Rig[] = [];

async function started(opts: { staleAfterMs?: number } = {}): Promise<Rig> {
  const r = rig(opts);
  running.push(r);
  r.device.start();
  await settle();
  return r;
}

/** Started, first heartbeat received: status ok. */
async function online(opts: { staleAfterMs?: number } = {}): Promise<Rig> {
  const r = await started(opts);
  r.transport.pushData(wheel.hb());
  await settle();
  expect(r.device.status.state).toBe('ok');
  return r;
}

afterEach(async () => {
  for (const r of running.splice(0)) await r.device.stop();
});

describe('SerialDevice: connecting', () => {
  it('goes connecting → connecting (open, waiting) → ok on the first valid frame, each with a reason', async () => {
    const r = await started();
    expect(r.statuses.map(({ state, reason }) => ({ state, reason }))).toEqual([
      { state: 'connecting', reason: 'opening fake://wheel' },
      { state: 'connecting', reason: 'fake://wheel open, waiting for the device' },
    ]);
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.statuses.at(-1)).toMatchObject({ state: 'ok', reason: 'receiving from fake://wheel' });
    expect(r.statuses).toHaveLength(3);
  });

  it('stamps each status with the clock time it was entered', async () => {
    const r = await started();
    await r.clock.advance(1234);
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.statuses.at(-1)?.since).toBe(r.clock.now());
    expect(r.statuses[0]?.since).toBe(r.clock.now() - 1234);
  });

  it('writes SYNC as soon as the port opens', async () => {
    const r = await started();
    expect(r.transport.writtenLines()).toEqual([host.sync]);
    expect(r.transport.writes).toEqual([`${host.sync}\r\n`]);
  });

  it('acknowledges each sequenced frame and reports its event', async () => {
    const r = await online();
    r.transport.pushData(wheel.hello('boot-1') + wheel.result(1, 'g1', '17') + wheel.result(2, 'g2', '0'));
    await settle();
    expect(r.transport.writtenLines()).toEqual([host.sync, host.ack(1), host.ack(2)]);
    expect(r.events.filter((e) => e.type === 'result').map((e) => e.type === 'result' && e.number)).toEqual([
      17, 0,
    ]);
  });

  it('does not count garbage or a bad checksum as a sign of life while connecting', async () => {
    const r = await started();
    const bad = wheel.hb().replace(/\*[0-9A-F]{4}/, '*0000');
    r.transport.pushData(`line noise\r\n${bad}`);
    await settle();
    expect(r.device.status.state).toBe('connecting');
    expect(r.frameErrors.map((f) => f.reason)).toEqual(['malformed', 'checksum']);
  });

  it('is ok as soon as the port opens when staleness is off (a protocol silent between events)', async () => {
    const r = await started({ staleAfterMs: 0 });
    expect(r.statuses.map((s) => s.state)).toEqual(['connecting', 'ok']);
    expect(r.device.status.reason).toBe('fake://wheel open');
    await r.clock.advance(60_000);
    expect(r.device.status.state).toBe('ok');
    expect(r.clock.pending).toBe(0);
  });
});

describe('SerialDevice: staleness', () => {
  it('goes stale after staleAfterMs without a valid frame, and back to ok on the next one', async () => {
    const r = await online();
    await r.clock.advance(STALE_MS - 1);
    expect(r.device.status.state).toBe('ok');
    await r.clock.advance(1);
    expect(r.device.status).toMatchObject({
      state: 'stale',
      reason: `no valid frame from the device for ${STALE_MS} ms`,
    });
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.device.status.state).toBe('ok');
    expect(r.states()).toEqual(['connecting', 'connecting', 'ok', 'stale', 'ok']);
  });

  it('restarts the staleness window on every valid frame', async () => {
    const r = await online();
    for (let i = 0; i < 5; i++) {
      await r.clock.advance(STALE_MS - 500);
      r.transport.pushData(wheel.hb());
      await settle();
    }
    expect(r.states()).toEqual(['connecting', 'connecting', 'ok']);
  });

  it('goes stale while only invalid bytes arrive', async () => {
    const r = await online();
    for (let i = 0; i < 6; i++) {
      await r.clock.advance(500);
      r.transport.pushData('$W,0,HB*FFFF\r\nnoise\r\n');
    }
    await settle();
    expect(r.device.status.state).toBe('stale');
    expect(r.device.stats.validFrames).toBe(1);
  });

  it('goes stale when the port opened but the device never spoke', async () => {
    const r = await started();
    await r.clock.advance(STALE_MS);
    expect(r.states()).toEqual(['connecting', 'connecting', 'stale']);
  });
});

describe('SerialDevice: unplug and reconnect', () => {
  it('goes disconnected with the transport’s reason on unplug', async () => {
    const r = await online();
    r.transport.simulateUnplug('/dev/serial/by-id/wheel disconnected');
    await settle();
    expect(r.device.status).toMatchObject({
      state: 'disconnected',
      reason: '/dev/serial/by-id/wheel disconnected',
    });
    expect(r.device.stats).toMatchObject({ connects: 1, disconnects: 1 });
  });

  it('spaces reconnect attempts by capped exponential backoff', async () => {
    const r = await online();
    r.transport.failOpens(new TransportError('not_found', 'wheel: not found (unplugged?)'));
    r.transport.simulateUnplug();
    await settle();
    const unpluggedAt = r.clock.monotonic();
    await r.clock.advance(99);
    expect(r.transport.openAttempts).toHaveLength(1);
    await r.clock.advance(1);
    expect(r.transport.openAttempts).toHaveLength(2);
    expect(r.transport.openAttempts[1]).toBe(unpluggedAt + 100);
    await r.clock.advance(100 + 200 + 400 + 800 + 800 + 800);
    expect(r.gaps(1)).toEqual([200, 400, 800, 800, 800]);
    expect(r.device.status).toMatchObject({ state: 'disconnected', reason: 'wheel: not found (unplugged?)' });
  });

  it('reconnects, resends SYNC, and is ok again on the first frame', async () => {
    const r = await online();
    r.transport.simulateUnplug();
    await r.clock.advance(100);
    expect(r.transport.isOpen).toBe(true);
    expect(r.transport.writtenLines()).toEqual([host.sync, host.sync]);
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.states()).toEqual([
      'connecting',
      'connecting',
      'ok',
      'disconnected',
      'connecting',
      'connecting',
      'ok',
    ]);
    expect(r.device.stats).toMatchObject({ connects: 2, disconnects: 1 });
  });

  it('resets the backoff after a connection that received a valid frame', async () => {
    const r = await online();
    r.transport.failOpens(new TransportError('not_found', 'gone'));
    r.transport.simulateUnplug();
    await r.clock.advance(100 + 200 + 400); // three failed attempts; the next would wait 800
    r.transport.succeedOpens();
    await r.clock.advance(800);
    expect(r.transport.isOpen).toBe(true);
    r.transport.pushData(wheel.hb());
    await settle();
    const before = r.transport.openAttempts.length;
    r.transport.simulateUnplug();
    await r.clock.advance(100);
    expect(r.transport.openAttempts).toHaveLength(before + 1);
  });

  it('resets the backoff on every successful open when staleness is off (no frame to wait for)', async () => {
    const r = await started({ staleAfterMs: 0 });
    for (let i = 0; i < 3; i++) {
      r.transport.simulateUnplug();
      await r.clock.advance(100);
    }
    expect(r.gaps()).toEqual([100, 100, 100]);
  });

  it('keeps the backoff growing across connections that opened but never received a valid frame', async () => {
    const r = await online();
    r.transport.simulateUnplug(); // attempt after 100: opens, device silent
    await r.clock.advance(100);
    r.transport.simulateUnplug(); // next attempt after 200
    await r.clock.advance(200);
    r.transport.simulateUnplug(); // next after 400
    await r.clock.advance(400);
    expect(r.gaps(1)).toEqual([200, 400]);
  });

  it('stops at bad_config (not retryable) and makes no further attempt', async () => {
    const r = rig();
    running.push(r);
    r.transport.failOpens(
      new TransportError('bad_config', 'usb:0403:6001 matches 2 ports: add the serial number'),
    );
    r.device.start();
    await settle();
    expect(r.device.status).toMatchObject({
      state: 'bad_config',
      reason: 'usb:0403:6001 matches 2 ports: add the serial number',
    });
    expect(r.clock.pending).toBe(0);
    await r.clock.advance(60_000);
    expect(r.transport.openAttempts).toHaveLength(1);
  });

  it.each([
    ['permission', 'error'],
    ['busy', 'error'],
    ['not_found', 'disconnected'],
    ['refused', 'disconnected'],
    ['io', 'disconnected'],
  ] as const)('a %s failure gives status %s and is retried', async (kind, state) => {
    const r = rig();
    running.push(r);
    const message = `fake://wheel: ${kind}`;
    r.transport.failNextOpen(new TransportError(kind, message));
    r.device.start();
    await settle();
    expect(r.device.status).toMatchObject({ state, reason: message });
    await r.clock.advance(100);
    expect(r.transport.openAttempts).toHaveLength(2);
    expect(r.transport.isOpen).toBe(true);
  });

  it('treats an open that throws a plain Error as a retryable io failure', async () => {
    const r = rig();
    running.push(r);
    r.transport.failNextOpen(new Error('something odd'));
    r.device.start();
    await settle();
    expect(r.device.status).toMatchObject({ state: 'disconnected', reason: 'something odd' });
    await r.clock.advance(100);
    expect(r.transport.isOpen).toBe(true);
  });

  it('drops a half frame cut by the unplug instead of gluing it to the first line after reconnect', async () => {
    const r = await online();
    const result = wheel.result(1, 'g1', '17');
    r.transport.pushData(result.slice(0, 12));
    r.transport.simulateUnplug();
    await r.clock.advance(100);
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.frameErrors).toEqual([]);
    expect(r.device.status.state).toBe('ok');
    expect(r.device.stats.validFrames).toBe(2);
  });

  it('emits link open/close with clock times, and traffic records for both directions', async () => {
    const r = rig();
    running.push(r);
    const links: { dir: string; mono: number }[] = [];
    const traffic: { dir: string; bytes: string }[] = [];
    r.device.on('link', (l) => links.push({ dir: l.dir, mono: l.mono }));
    r.device.on('traffic', (t) => traffic.push({ dir: t.dir, bytes: t.bytes.toString('latin1') }));
    r.device.start();
    await settle();
    r.transport.pushData(wheel.hb());
    await r.clock.advance(50);
    r.transport.simulateUnplug();
    await r.clock.advance(100);
    expect(links).toEqual([
      { dir: 'open', mono: 0 },
      { dir: 'close', mono: 50 },
      { dir: 'open', mono: 150 },
    ]);
    expect(traffic).toEqual([
      { dir: 'tx', bytes: `${host.sync}\r\n` },
      { dir: 'rx', bytes: wheel.hb() },
      { dir: 'tx', bytes: `${host.sync}\r\n` },
    ]);
  });

  it('does not report the same result twice when the wheel resends it after a reconnect under a new boot id', async () => {
    const r = await online();
    r.transport.pushData(wheel.hello('boot-1') + wheel.result(1, 'g1', '17'));
    await settle();
    expect(r.events.filter((e) => e.type === 'result')).toHaveLength(1);

    r.transport.simulateUnplug();
    await r.clock.advance(100);
    // The wheel rebooted without our ACK: new boot id, sequence restarts, the same result again.
    r.transport.pushData(wheel.hello('boot-2') + wheel.result(1, 'g1', '17'));
    await settle();
    expect(r.events.filter((e) => e.type === 'result')).toHaveLength(1);
    expect(r.frameErrors.at(-1)).toMatchObject({
      reason: 'duplicate',
      detail: 'result:g1 was already reported',
    });
    expect(r.device.stats.suppressedDuplicates).toBe(1);
    // Still acknowledged, so the wheel stops resending it.
    expect(r.transport.writtenLines().at(-1)).toBe(host.ack(1));

    r.transport.pushData(wheel.result(2, 'g2', '5'));
    await settle();
    expect(r.events.filter((e) => e.type === 'result').map((e) => e.type === 'result' && e.game)).toEqual([
      'g1',
      'g2',
    ]);
  });
});

describe('SerialDevice: stop', () => {
  it('goes disconnected "stopped", closes the transport and leaves no timer', async () => {
    const r = await online();
    await r.device.stop();
    expect(r.device.status).toMatchObject({ state: 'disconnected', reason: 'stopped' });
    expect(r.transport.isOpen).toBe(false);
    expect(r.transport.closeCalls).toBe(1);
    expect(r.clock.pending).toBe(0);
    expect(r.transport.listenerCount('data') + r.transport.listenerCount('close')).toBe(0);
  });

  it('cancels a scheduled reconnect', async () => {
    const r = await online();
    r.transport.simulateUnplug();
    await settle();
    expect(r.clock.pendingDelays()).toEqual([100]);
    await r.device.stop();
    expect(r.clock.pending).toBe(0);
    await r.clock.advance(60_000);
    expect(r.transport.openAttempts).toHaveLength(1);
    expect(r.device.status.reason).toBe('stopped');
  });

  it('closes a port whose open completes after stop, and stays stopped', async () => {
    const r = rig();
    running.push(r);
    const held = r.transport.holdNextOpen();
    r.device.start();
    await settle();
    await r.device.stop();
    held.resolve();
    await settle();
    expect(r.transport.isOpen).toBe(false);
    expect(r.transport.listenerCount('data')).toBe(0);
    expect(r.transport.writes).toEqual([]);
    expect(r.device.status).toMatchObject({ state: 'disconnected', reason: 'stopped' });
    await r.clock.advance(60_000);
    expect(r.transport.openAttempts).toHaveLength(1);
  });

  it('makes no reconnect attempt when an open fails after stop', async () => {
    const r = rig();
    running.push(r);
    const held = r.transport.holdNextOpen();
    r.device.start();
    await settle();
    await r.device.stop();
    held.reject(new TransportError('not_found', 'gone'));
    await settle();
    expect(r.clock.pending).toBe(0);
    expect(r.device.status.reason).toBe('stopped');
  });
});

describe('SerialDevice: status events', () => {
  it('always carry a reason and never repeat an unchanged status', async () => {
    const r = await online();
    for (let i = 0; i < 3; i++) r.transport.pushData(wheel.hb());
    await r.clock.advance(STALE_MS);
    await r.clock.advance(STALE_MS / 2);
    r.transport.pushData(wheel.hb());
    r.transport.failOpens(new TransportError('not_found', 'gone'));
    r.transport.simulateUnplug();
    await r.clock.advance(100 + 200 + 400);
    r.transport.succeedOpens();
    await r.clock.advance(800);
    r.transport.pushData(wheel.hb());
    await r.device.stop();
    await r.device.stop();

    expect(r.statuses.length).toBeGreaterThan(8);
    for (const s of r.statuses) expect(s.reason).not.toBe('');
    r.statuses.slice(1).forEach((s, i) => {
      const prev = r.statuses[i] as ConnectionStatus;
      expect({ state: s.state, reason: s.reason }).not.toEqual({ state: prev.state, reason: prev.reason });
    });
    expect(r.states().filter((s) => s === 'stale')).toHaveLength(1);
    expect(r.statuses.at(-1)).toMatchObject({ state: 'disconnected', reason: 'stopped' });
  });

  it('reopens the port after twice the stale time of silence (unplug detection on lines that never report a hang-up)', async () => {
    const r = await online();
    await r.clock.advance(STALE_MS);
    expect(r.device.status.state).toBe('stale');
    expect(r.transport.openAttempts).toHaveLength(1);
    await r.clock.advance(STALE_MS);
    expect(r.device.status).toMatchObject({
      state: 'disconnected',
      reason: `no valid frame for ${2 * STALE_MS} ms: reopening the port`,
    });
    expect(r.transport.isOpen).toBe(false);
    await r.clock.advance(100);
    expect(r.transport.openAttempts).toHaveLength(2);
    r.transport.pushData(wheel.hb());
    await settle();
    expect(r.device.status.state).toBe('ok');
  });

  it('keeps decoding when the device does not read: at most 4 replies wait for the line, the rest are dropped and counted', async () => {
    const r = await started();
    r.transport.stallWrites = true;
    r.transport.pushData(wheel.hello('b1'));
    for (let seq = 1; seq <= 20; seq++) r.transport.pushData(wheel.result(seq, `g${seq}`, String(seq)));
    await settle();
    expect(r.events.filter((e) => e.type === 'result')).toHaveLength(20);
    // The SYNC written on connect completed before the stall; then 4 ACKs are left hanging.
    expect(r.transport.writes.filter((w) => w.startsWith('$H,0,ACK'))).toHaveLength(4);
    expect(r.device.stats.repliesDropped).toBe(16);
  });
});
