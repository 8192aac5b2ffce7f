import type { CardCode } from '../cards';
import type { CammeghVariant } from '../protocols/cammegh/lines';
import { assertProtocol } from '../protocols/registry';
import type { PortSpec } from '../transport/spec';
import { DEFAULT_SERIAL, type SerialSettings } from '../transport/types';
import type { WheelLayout } from '../wheel/layout';
import { CammeghWheelEncoder } from './encoders/cammegh-wheel';
import { SdlpShoeEncoder } from './encoders/sdlp-shoe';
import { SdlpWheelEncoder } from './encoders/sdlp-wheel';
import { SerialEndpoint, TcpListenEndpoint, type SimEndpoint } from './endpoint';
import type { FaultSettings } from './faults';
import type { ShoeStep, WheelStep } from './scripts';
import { ShoeGame, type ShoeAction, type ShoeState } from './shoe-game';
import { DeviceSimulator } from './simulator';
import { REALISTIC_TIMING, type SimTiming } from './timing';
import { WheelGame, type WheelAction, type WheelState } from './wheel-game';

export type WheelSimulator = DeviceSimulator<WheelAction, WheelState> & { device: WheelGame };
export type ShoeSimulator = DeviceSimulator<ShoeAction, ShoeState> & { device: ShoeGame };

export function createEndpoint(where: PortSpec, settings: SerialSettings = DEFAULT_SERIAL): SimEndpoint {
  if (where.kind === 'tcp') return new TcpListenEndpoint(where.host, where.port);
  if (where.kind === 'path') return new SerialEndpoint(where.path, settings);
  throw new Error('a simulator needs a path or tcp://host:port, not a USB identity');
}

export interface WheelSimOptions {
  protocol: string;
  layout: WheelLayout;
  endpoint: SimEndpoint;
  timing?: Partial<SimTiming>;
  script?: WheelStep[];
  loop?: boolean;
  maxResults?: number;
  faults?: Partial<FaultSettings>;
}

export function createWheelSimulator(o: WheelSimOptions): WheelSimulator {
  const protocol = assertProtocol('wheel', o.protocol);
  const timing = { ...REALISTIC_TIMING, ...o.timing };
  const encoder =
    protocol === 'sdlp'
      ? new SdlpWheelEncoder(o.layout, timing)
      : new CammeghWheelEncoder(protocol.slice('cammegh-'.length) as CammeghVariant, timing, o.layout);
  const game = new WheelGame({
    layout: o.layout,
    timing,
    script: o.script,
    loop: o.loop,
    maxResults: o.maxResults,
    onAction: (a) => sim.onAction(a), // called only once the simulator runs
  });
  const sim = new DeviceSimulator<WheelAction, WheelState>(game, encoder, o.endpoint, o.faults);
  return sim as WheelSimulator;
}

export interface ShoeSimOptions {
  protocol: string;
  endpoint: SimEndpoint;
  decks?: number;
  cutDepth?: number;
  timing?: Partial<SimTiming>;
  script?: ShoeStep[];
  dealAll?: boolean;
  maxShoes?: number;
  handRule?: (cards: CardCode[]) => boolean;
  faults?: Partial<FaultSettings>;
}

export function createShoeSimulator(o: ShoeSimOptions): ShoeSimulator {
  assertProtocol('shoe', o.protocol);
  const timing = { ...REALISTIC_TIMING, ...o.timing };
  const game = new ShoeGame({
    timing,
    decks: o.decks ?? 8,
    cutDepth: o.cutDepth ?? 16,
    script: o.script,
    dealAll: o.dealAll,
    maxShoes: o.maxShoes,
    handRule: o.handRule,
    onAction: (a) => sim.onAction(a), // called only once the simulator runs
  });
  const sim = new DeviceSimulator<ShoeAction, ShoeState>(
    game,
    new SdlpShoeEncoder(timing),
    o.endpoint,
    o.faults,
  );
  return sim as ShoeSimulator;
}
