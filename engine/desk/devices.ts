import { createShoeDevice, createWheelDevice } from '../../hardware/drivers/create';
import type { SerialDevice } from '../../hardware/drivers/device';
import type { ShoeEventBody, WheelEventBody } from '../../hardware/protocols/types';
import { TcpListenEndpoint } from '../../hardware/sim/endpoint';
import {
  createShoeSimulator,
  createWheelSimulator,
  type ShoeSimulator,
  type WheelSimulator,
} from '../../hardware/sim/factory';
import type { CardCode } from '../../hardware/cards';
import type { Logger } from '../../lib/logger';
import type { TableConfig } from '../config/schema';

export interface TableDevices {
  wheel?: SerialDevice<WheelEventBody>;
  shoe?: SerialDevice<ShoeEventBody>;
  /** Built-in simulators started for devices configured with `simulate: true`. */
  simulators: { wheel?: WheelSimulator; shoe?: ShoeSimulator };
  stop(): Promise<void>;
}

export interface DeviceOptions {
  logger?: Logger;
  /** Time scale of the built-in simulators (1 = real time). */
  timeScale?: number;
  /** The dealer's rule for simulated hands (the baccarat tableau). */
  handRule?: (cards: CardCode[]) => boolean;
  /** Line noise on the built-in simulators' output (probability per frame). */
  noise?: number;
}

/** Starts a simulator on a free loopback port; returns it and the port for the driver. */
async function onLoopback<S extends { start(): Promise<void> }>(
  make: (endpoint: TcpListenEndpoint) => S,
): Promise<{ sim: S; port: string }> {
  const endpoint = new TcpListenEndpoint('127.0.0.1', 0);
  const sim = make(endpoint);
  await sim.start();
  return { sim, port: `tcp://127.0.0.1:${endpoint.boundPort}` };
}

/**
 * Opens the table's devices. A device with `simulate: true` gets a simulator on a loopback TCP port
 * and the real driver reads it there, so the desk decodes simulated bytes exactly as real ones.
 */
export async function openTableDevices(cfg: TableConfig, opts: DeviceOptions = {}): Promise<TableDevices> {
  const timing = { scale: opts.timeScale ?? 1 };
  const faults = { noise: opts.noise ?? 0 };
  const out: TableDevices = { simulators: {}, stop: async () => undefined };
  const w = cfg.devices.wheel;
  if (w) {
    let port = w.port;
    if (w.simulate) {
      const started = await onLoopback((endpoint) =>
        createWheelSimulator({ protocol: w.protocol, layout: w.layout, endpoint, timing, faults }),
      );
      out.simulators.wheel = started.sim;
      port = started.port;
    }
    out.wheel = createWheelDevice(
      {
        port: port as string,
        protocol: w.protocol,
        layout: w.layout,
        serial: w.serial,
        staleAfterMs: w.staleAfterMs,
      },
      { logger: opts.logger },
    );
  }
  const s = cfg.devices.shoe;
  if (s) {
    let port = s.port;
    if (s.simulate) {
      const started = await onLoopback((endpoint) =>
        createShoeSimulator({
          protocol: s.protocol,
          endpoint,
          decks: s.decks,
          timing,
          handRule: opts.handRule,
          faults,
        }),
      );
      out.simulators.shoe = started.sim;
      port = started.port;
    }
    out.shoe = createShoeDevice(
      { port: port as string, protocol: s.protocol, serial: s.serial, staleAfterMs: s.staleAfterMs },
      { logger: opts.logger },
    );
  }
  out.stop = async () => {
    await Promise.all([out.wheel?.stop(), out.shoe?.stop()]);
    await Promise.all([out.simulators.wheel?.stop(), out.simulators.shoe?.stop()]);
  };
  return out;
}
