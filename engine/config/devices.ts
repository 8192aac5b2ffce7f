/**
 * The `devices` section: the wheel and the shoe, each on a port (a stable path, usb:VID:PID[:SERIAL]
 * or tcp://host:port) with one of the known protocols, or simulated on loopback.
 */
import { z } from 'zod';
import { SHOE_PROTOCOLS, WHEEL_PROTOCOLS } from '../../hardware/protocols/registry';
import type { Parity, SerialSettings } from '../../hardware/transport/types';
import { DEFAULT_DECKS } from '../games/baccarat/shoe';
import { always, portSpec, protocolEnum } from './fields';
import { strictObject } from './strict';

const PARITIES = ['none', 'even', 'odd', 'mark', 'space'] as const satisfies readonly Parity[];

export const SerialSchema = strictObject({
  baudRate: z.number().int().min(50).max(4_000_000).optional(),
  dataBits: z.literal([5, 6, 7, 8]).optional(),
  parity: z.enum(PARITIES).optional(),
  stopBits: z.literal([1, 1.5, 2]).optional(),
  rtscts: z.boolean().optional(),
});
// The serial section is what the drivers take: a partial SerialSettings.
const _serialFits: (s: z.output<typeof SerialSchema>) => Partial<SerialSettings> = (s) => s;

const deviceFields = {
  /** A path, usb:VID:PID[:SERIAL] or tcp://host:port; not needed when simulated. */
  port: portSpec.optional(),
  serial: SerialSchema.optional(),
  /** Overrides the protocol's stale time; 0 turns staleness detection off. */
  staleAfterMs: z.number().int().min(0).max(600_000).optional(),
  /** Run the built-in simulator on loopback instead of opening `port` (the demo table). */
  simulate: z.boolean().default(false),
};

function portUnlessSimulated(v: { port?: unknown; simulate?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof v !== 'object' || v === null) return;
  if (v.simulate !== true && v.port === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      message: 'required (or simulate: true to run the built-in simulator)',
    });
}

export const WheelDeviceSchema = strictObject({
  ...deviceFields,
  protocol: protocolEnum('wheel', WHEEL_PROTOCOLS),
  layout: z.enum(['european', 'american']).default('european'),
}).superRefine(portUnlessSimulated, always);

export const ShoeDeviceSchema = strictObject({
  ...deviceFields,
  protocol: protocolEnum('shoe', SHOE_PROTOCOLS),
  decks: z.number().int().min(1).max(12).default(DEFAULT_DECKS),
}).superRefine(portUnlessSimulated, always);

export const DevicesSchema = strictObject({
  wheel: WheelDeviceSchema.optional(),
  shoe: ShoeDeviceSchema.optional(),
});
