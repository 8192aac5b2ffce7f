import type { WheelLayout } from '../wheel/layout';
import { CammeghWheelDecoder } from './cammegh/wheel';
import { createSdlpShoeDecoder } from './sdlp/shoe';
import { createSdlpWheelDecoder } from './sdlp/wheel';
import type { DeviceKind, LineDecoder, ShoeEventBody, WheelEventBody } from './types';

export const WHEEL_PROTOCOLS = ['sdlp', 'cammegh-basic', 'cammegh-advanced', 'cammegh-extended'] as const;
export const SHOE_PROTOCOLS = ['sdlp'] as const;
export type WheelProtocol = (typeof WHEEL_PROTOCOLS)[number];
export type ShoeProtocol = (typeof SHOE_PROTOCOLS)[number];
export type ProtocolName = WheelProtocol | ShoeProtocol;

export interface ProtocolDefaults {
  baudRate: number;
  /** No valid frame for this long means the device is stale; 0 when the protocol is silent between events. */
  staleAfterMs: number;
  description: string;
}

export const PROTOCOL_DEFAULTS: Record<ProtocolName, ProtocolDefaults> = {
  sdlp: {
    baudRate: 9600,
    staleAfterMs: 3000,
    description: 'Studio Desk line protocol: checksummed, sequenced, acknowledged, 1 s heartbeat',
  },
  'cammegh-basic': {
    baudRate: 9600,
    staleAfterMs: 0,
    description: 'Cammegh Mercury 360, Basic: *S, *N, *W nn event lines only (no heartbeat, no checksum)',
  },
  'cammegh-advanced': {
    baudRate: 9600,
    staleAfterMs: 2000,
    description: 'Cammegh Mercury 360, Advanced: *X status every 500 ms',
  },
  'cammegh-extended': {
    baudRate: 9600,
    staleAfterMs: 2000,
    description: 'Cammegh Mercury 360, Extended Advanced: *X status with ball data every 500 ms',
  },
};

export class UnknownProtocolError extends Error {}

export function protocolsFor(kind: DeviceKind): readonly ProtocolName[] {
  return kind === 'wheel' ? WHEEL_PROTOCOLS : SHOE_PROTOCOLS;
}

export function assertProtocol(kind: DeviceKind, name: string): ProtocolName {
  const known = protocolsFor(kind);
  if (!(known as readonly string[]).includes(name)) {
    throw new UnknownProtocolError(`unknown ${kind} protocol "${name}" (known: ${known.join(', ')})`);
  }
  return name as ProtocolName;
}

export function createWheelDecoder(protocol: string, layout: WheelLayout): LineDecoder<WheelEventBody> {
  switch (assertProtocol('wheel', protocol)) {
    case 'sdlp':
      return createSdlpWheelDecoder(layout);
    case 'cammegh-basic':
      return new CammeghWheelDecoder('basic', layout);
    case 'cammegh-advanced':
      return new CammeghWheelDecoder('advanced', layout);
    default:
      return new CammeghWheelDecoder('extended', layout);
  }
}

export function createShoeDecoder(protocol: string): LineDecoder<ShoeEventBody> {
  assertProtocol('shoe', protocol);
  return createSdlpShoeDecoder();
}
