import type { BackoffOptions } from '../../lib/backoff';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import {
  PROTOCOL_DEFAULTS,
  assertProtocol,
  createShoeDecoder,
  createWheelDecoder,
  type ProtocolName,
} from '../protocols/registry';
import type { LineDecoder, ShoeEventBody, WheelEventBody } from '../protocols/types';
import { createTransport } from '../transport/create';
import type { DiscoveryRoots } from '../transport/discovery';
import type { SerialBinding } from '../transport/serial';
import { parsePortSpec } from '../transport/spec';
import { DEFAULT_SERIAL, type SerialSettings } from '../transport/types';
import type { WheelLayout } from '../wheel/layout';
import { SerialDevice } from './device';

export interface DeviceConfig {
  /** A path, usb:VID:PID[:SERIAL] or tcp://host:port. */
  port: string;
  protocol: string;
  serial?: Partial<SerialSettings>;
  staleAfterMs?: number;
  backoff?: BackoffOptions;
  name?: string;
}

export interface DeviceDeps {
  clock?: Clock;
  logger?: Logger;
  binding?: SerialBinding;
  roots?: DiscoveryRoots;
}

/** Builds a wheel driver from its configuration. Throws on a bad port spec or unknown protocol (bad_config). */
export function createWheelDevice(
  cfg: DeviceConfig & { layout: WheelLayout },
  deps: DeviceDeps = {},
): SerialDevice<WheelEventBody> {
  const protocol = assertProtocol('wheel', cfg.protocol);
  return deviceOf('wheel', protocol, createWheelDecoder(protocol, cfg.layout), cfg, deps);
}

export function createShoeDevice(cfg: DeviceConfig, deps: DeviceDeps = {}): SerialDevice<ShoeEventBody> {
  const protocol = assertProtocol('shoe', cfg.protocol);
  return deviceOf('shoe', protocol, createShoeDecoder(protocol), cfg, deps);
}

/** The driver around a decoder: transport from the port spec, the protocol's serial and silence defaults. */
function deviceOf<B extends WheelEventBody | ShoeEventBody>(
  kind: 'wheel' | 'shoe',
  protocol: ProtocolName,
  decoder: LineDecoder<B>,
  cfg: DeviceConfig,
  deps: DeviceDeps,
): SerialDevice<B> {
  const defaults = PROTOCOL_DEFAULTS[protocol];
  return new SerialDevice<B>({
    name: cfg.name ?? kind,
    kind,
    transport: createTransport(
      parsePortSpec(cfg.port),
      { ...DEFAULT_SERIAL, baudRate: defaults.baudRate, ...cfg.serial },
      deps,
    ),
    decoder,
    staleAfterMs: cfg.staleAfterMs ?? defaults.staleAfterMs,
    backoff: cfg.backoff,
    clock: deps.clock,
    logger: deps.logger,
  });
}

/**
 * What a driver is made of for a configuration (transport, decoder, stale time): a running device
 * takes them with `SerialDevice.reconfigure` when a technician changes its settings.
 */
export function deviceParts(
  kind: 'wheel' | 'shoe',
  cfg: DeviceConfig & { layout?: WheelLayout },
  deps: DeviceDeps = {},
): {
  transport: ReturnType<typeof createTransport>;
  decoder: LineDecoder<WheelEventBody | ShoeEventBody>;
  staleAfterMs: number;
} {
  const protocol = assertProtocol(kind, cfg.protocol);
  const defaults = PROTOCOL_DEFAULTS[protocol];
  const decoder =
    kind === 'wheel' ? createWheelDecoder(protocol, cfg.layout ?? 'european') : createShoeDecoder(protocol);
  return {
    transport: createTransport(
      parsePortSpec(cfg.port),
      { ...DEFAULT_SERIAL, baudRate: defaults.baudRate, ...cfg.serial },
      deps,
    ),
    decoder: decoder as LineDecoder<WheelEventBody | ShoeEventBody>,
    staleAfterMs: cfg.staleAfterMs ?? defaults.staleAfterMs,
  };
}
