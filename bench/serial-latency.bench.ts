/**
 * Sensor latency: from the last byte of a result frame written on the simulator's side of a pty to
 * the decoded event in the desk's driver, beside the line time of that frame at the configured baud.
 * Also the driver's own decode cost per frame, measured in-process without the pty.
 *
 *   npm run bench -- serial-latency      (needs socat)
 */
import { SerialPort } from 'serialport';
import { createWheelDevice } from '../hardware/drivers/create';
import { DecodePipeline } from '../hardware/drivers/pipeline';
import { createWheelDecoder } from '../hardware/protocols/registry';
import { encodeFrame } from '../hardware/protocols/sdlp/frame';
import type { WheelEventBody } from '../hardware/protocols/types';
import { statusLine } from '../hardware/sim/encoders/cammegh-wheel';
import type { WheelState } from '../hardware/sim/wheel-game';
import { systemClock } from '../lib/clock';
import { PtyPair } from '../tests/support/pty-pair';
import { fmt, summary } from './stats';

const N = Number(process.env.BENCH_N ?? 2000);
const BAUD = 9600;

function lineTimeMs(bytes: number, baud: number): number {
  return ((bytes * 10) / baud) * 1000; // 8N1: start + 8 data + stop bits per byte
}

function sdlpResult(seq: number): string {
  return `${encodeFrame({ dev: 'W', seq, type: 'RESULT', fields: { game: `b-${seq}`, n: String(seq % 37), dir: 'cw', rpm: '24.0', rdir: 'ccw', revs: '18' } })}\r\n`;
}

function cammeghStatus(state: number, count: number, last: number): string {
  const s: WheelState = {
    state,
    game: count,
    count: count % 256,
    last,
    warnings: 0,
    rotorRpm: 24,
    rotorDirection: 'cw',
    ballSpins: 18,
    ballDirection: 'ccw',
    ballRevTime: 20000,
    pocket: last,
  };
  return `${statusLine(s, 'extended')}\r\n`;
}

async function overPty(protocol: 'sdlp' | 'cammegh-extended'): Promise<void> {
  const pty = new PtyPair();
  await pty.start();
  const sim = new SerialPort({ path: pty.deviceSide, baudRate: BAUD, autoOpen: false });
  await new Promise<void>((res, rej) => sim.open((e) => (e ? rej(e) : res())));
  sim.on('data', () => undefined); // a device reads the desk's acknowledgements
  const device = createWheelDevice({ port: pty.deskSide, protocol, layout: 'european', staleAfterMs: 0 });
  let resolveResult: ((mono: number) => void) | undefined;
  device.on('event', (e) => {
    if (e.type === 'result') resolveResult?.(performance.now());
  });
  device.start();
  await new Promise((r) => setTimeout(r, 200));
  const write = (text: string) => new Promise<void>((res) => sim.write(text, () => res()));
  const latencies: number[] = [];
  let frameBytes = 0;
  if (protocol === 'sdlp')
    await write(
      `${encodeFrame({ dev: 'W', seq: 0, type: 'HELLO', fields: { model: 'bench', fw: '1', layout: 'EU', boot: 'b', next: '1' } })}\r\n`,
    );
  for (let i = 1; i <= N; i++) {
    let last: string;
    if (protocol === 'sdlp') {
      last = sdlpResult(i);
    } else {
      // A game: place bets and ball in track (voted), then state 5 twice; the second packet decides.
      for (const st of [2, 2, 3, 3]) await write(cammeghStatus(st, i, (i + 36) % 37));
      await new Promise((r) => setTimeout(r, 2));
      await write(cammeghStatus(5, i, i % 37));
      last = cammeghStatus(5, i, i % 37);
    }
    frameBytes = last.length;
    await new Promise((r) => setTimeout(r, 2));
    const got = new Promise<number>((res) => (resolveResult = res));
    const t0 = performance.now();
    sim.write(last);
    const t1 = await Promise.race([
      got,
      new Promise<number>((res) => setTimeout(() => res(Number.NaN), 1000)),
    ]);
    if (!Number.isNaN(t1)) latencies.push(t1 - t0);
  }
  await device.stop();
  await new Promise<void>((res) => sim.close(() => res()));
  await pty.stop();
  const s = summary(latencies);
  console.log(
    `${protocol.padEnd(17)} pty → event  n=${s.n}/${N}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}   line time of the ${frameBytes}-byte frame at ${BAUD} baud: ${fmt(lineTimeMs(frameBytes, BAUD))}`,
  );
}

function decodeCost(): void {
  const pipeline = new DecodePipeline<WheelEventBody>(createWheelDecoder('sdlp', 'european'), systemClock);
  pipeline.push(
    Buffer.from(`${encodeFrame({ dev: 'W', seq: 0, type: 'HELLO', fields: { boot: 'c', next: '1' } })}\r\n`),
  );
  const frames = Array.from({ length: 20_000 }, (_, i) => Buffer.from(sdlpResult(i + 1), 'latin1'));
  const costs: number[] = [];
  for (const f of frames) {
    const t0 = performance.now();
    pipeline.push(f);
    costs.push(performance.now() - t0);
  }
  const s = summary(costs.slice(2000)); // after warm-up
  console.log(
    `sdlp decode only  in-process    n=${s.n}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}`,
  );
}

/** The bare path without the desk: a serialport 'data' event carrying the frame's last byte. */
async function barePty(): Promise<void> {
  const pty = new PtyPair();
  await pty.start();
  const open = (path: string) =>
    new Promise<SerialPort>((res, rej) => {
      const p = new SerialPort({ path, baudRate: BAUD, autoOpen: false });
      p.open((e) => (e ? rej(e) : res(p)));
    });
  const sim = await open(pty.deviceSide);
  const desk = await open(pty.deskSide);
  let waiting: ((t: number) => void) | undefined;
  desk.on('data', (d: Buffer) => {
    if (d.includes(0x0a)) waiting?.(performance.now());
  });
  const latencies: number[] = [];
  for (let i = 1; i <= N; i++) {
    await new Promise((r) => setTimeout(r, 2));
    const got = new Promise<number>((res) => (waiting = res));
    const t0 = performance.now();
    sim.write(sdlpResult(i));
    const t1 = await Promise.race([
      got,
      new Promise<number>((res) => setTimeout(() => res(Number.NaN), 1000)),
    ]);
    if (!Number.isNaN(t1)) latencies.push(t1 - t0);
  }
  await new Promise<void>((res) => desk.close(() => res()));
  await new Promise<void>((res) => sim.close(() => res()));
  await pty.stop();
  const s = summary(latencies);
  console.log(
    `bare serialport   pty → data   n=${s.n}/${N}  p50 ${fmt(s.p50)}  p99 ${fmt(s.p99)}  max ${fmt(s.max)}   (socat + kernel + libuv, no desk code)`,
  );
}

export async function run(): Promise<void> {
  console.log(`# serial-latency (${N} frames each, Node ${process.version})`);
  decodeCost();
  await barePty();
  await overPty('sdlp');
  await overPty('cammegh-extended');
}
