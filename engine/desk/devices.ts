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
}

/**
 * Opens the table's devices. A device with `simulate: true` gets a simulator on a loopback TCP port
 * and the real driver reads it there, so the desk decodes simulated bytes exactly as real ones.
 */
export async function openTableDevices(cfg: TableConfig, opts: DeviceOptions = {}): Promise<TableDevices> {
  const timing = { scale: opts.timeScale ?? 1 };
  const out: TableDevices = { simulators: {}, stop: async () => undefined };
  const w = cfg.devices.wheel;
  if (w) {
    let port = w.port;
    if (w.simulate) {
      const endpoint = new TcpListenEndpoint('127.0.0.1', 0);
      out.simulators.wheel = createWheelSimulator({
        protocol: w.protocol,
        layout: w.layout,
        endpoint,
        timing,
      });
      await out.simulators.wheel.start();
      port = `tcp://127.0.0.1:${endpoint.boundPort}`;
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
      const endpoint = new TcpListenEndpoint('127.0.0.1', 0);
      out.simulators.shoe = createShoeSimulator({
        protocol: s.protocol,
        endpoint,
        decks: s.decks,
        timing,
        handRule: opts.handRule,
      });
      await out.simulators.shoe.start();
      port = `tcp://127.0.0.1:${endpoint.boundPort}`;
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
