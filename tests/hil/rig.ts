import { createShoeDevice, createWheelDevice } from '../../hardware/drivers/create';
import type { SerialDevice } from '../../hardware/drivers/device';
import type { ShoeEvent, ShoeEventBody, WheelEvent, WheelEventBody } from '../../hardware/protocols/types';
import { SerialEndpoint } from '../../hardware/sim/endpoint';
import {
  createShoeSimulator,
  createWheelSimulator,
  type ShoeSimOptions,
  type ShoeSimulator,
  type WheelSimOptions,
  type WheelSimulator,
} from '../../hardware/sim/factory';
import type { ShoeAction } from '../../hardware/sim/shoe-game';
import type { WheelAction } from '../../hardware/sim/wheel-game';
import { DEFAULT_SERIAL } from '../../hardware/transport/types';
import type { ConnectionStatus } from '../../lib/status';
import { PtyPair } from '../support/pty-pair';

/** Fast reconnects for rigs: a replug is noticed and recovered in tens of milliseconds. */
export const RIG_BACKOFF = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.2 };

export interface Rig<A, E> {
  pty: PtyPair;
  truth: A[];
  events: E[];
  statuses: ConnectionStatus[];
  stop(): Promise<void>;
  /** Waits until `pred` holds, polling; throws with `what` after `ms`. */
  until(pred: () => boolean, ms: number, what: string): Promise<void>;
}

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Wires a simulator (on the pty's device side) and a real driver (on the desk side), collecting both. */
async function assemble<
  A,
  E,
  Sim extends { on(e: 'action', l: (a: A) => void): unknown; start(): Promise<void>; stop(): Promise<void> },
  Dev extends SerialDevice<WheelEventBody> | SerialDevice<ShoeEventBody>,
>(pty: PtyPair, sim: Sim, device: Dev): Promise<Rig<A, E> & { sim: Sim; device: Dev }> {
  const truth: A[] = [];
  sim.on('action', (a) => truth.push(a));
  const events: E[] = [];
  const statuses: ConnectionStatus[] = [];
  (device as SerialDevice<WheelEventBody>).on('event', (e) => events.push(e as E));
  device.on('status', (s) => statuses.push(s));
  device.start();
  await until(() => device.status.state !== 'disconnected', 5000, 'the driver to open the pty');
  await sim.start();
  return {
    pty,
    sim,
    device,
    truth,
    events,
    statuses,
    until,
    async stop() {
      await device.stop();
      await sim.stop();
      await pty.stop();
    },
  };
}

export async function wheelRig(
  o: Omit<WheelSimOptions, 'endpoint'> & { staleAfterMs?: number },
): Promise<Rig<WheelAction, WheelEvent> & { sim: WheelSimulator; device: SerialDevice<WheelEventBody> }> {
  const pty = new PtyPair();
  await pty.start();
  const sim = createWheelSimulator({
    ...o,
    endpoint: new SerialEndpoint(pty.deviceSide, DEFAULT_SERIAL, 20),
  });
  const device = createWheelDevice({
    port: pty.deskSide,
    protocol: o.protocol,
    layout: o.layout,
    backoff: RIG_BACKOFF,
    staleAfterMs: o.staleAfterMs,
  });
  return assemble<WheelAction, WheelEvent, WheelSimulator, SerialDevice<WheelEventBody>>(pty, sim, device);
}

export async function shoeRig(
  o: Omit<ShoeSimOptions, 'endpoint'>,
): Promise<Rig<ShoeAction, ShoeEvent> & { sim: ShoeSimulator; device: SerialDevice<ShoeEventBody> }> {
  const pty = new PtyPair();
  await pty.start();
  const sim = createShoeSimulator({ ...o, endpoint: new SerialEndpoint(pty.deviceSide, DEFAULT_SERIAL, 20) });
  const device = createShoeDevice({ port: pty.deskSide, protocol: o.protocol, backoff: RIG_BACKOFF });
  return assemble<ShoeAction, ShoeEvent, ShoeSimulator, SerialDevice<ShoeEventBody>>(pty, sim, device);
}

export function resultsOf(events: WheelEvent[]): Extract<WheelEvent, { type: 'result' }>[] {
  return events.filter((e): e is Extract<WheelEvent, { type: 'result' }> => e.type === 'result');
}

export function truthResults(truth: WheelAction[]): string[] {
  return truth
    .filter((a): a is Extract<WheelAction, { kind: 'result' }> => a.kind === 'result')
    .map((a) => String(a.number));
}
