import type { Parity, SerialSettings } from '../hardware/transport/types';
import { numberOption, oneOf, type Options } from './args';

export const SERIAL_OPTIONS: Options = {
  baud: { type: 'string' },
  'data-bits': { type: 'string' },
  parity: { type: 'string' },
  'stop-bits': { type: 'string' },
  rtscts: { type: 'boolean' },
};

export const SERIAL_USAGE =
  '  --baud N  --data-bits 5|6|7|8  --parity none|even|odd|mark|space  --stop-bits 1|1.5|2  --rtscts';

export function serialSettings(values: Record<string, unknown>): Partial<SerialSettings> {
  const out: Partial<SerialSettings> = {};
  const baud = numberOption(values.baud as string | undefined, 'baud', [50, 4_000_000]);
  if (baud !== undefined) out.baudRate = baud;
  const dataBits = oneOf(values['data-bits'] as string | undefined, 'data-bits', ['5', '6', '7', '8']);
  if (dataBits) out.dataBits = Number(dataBits) as SerialSettings['dataBits'];
  const parity = oneOf(values.parity as string | undefined, 'parity', [
    'none',
    'even',
    'odd',
    'mark',
    'space',
  ] as Parity[]);
  if (parity) out.parity = parity;
  const stop = oneOf(values['stop-bits'] as string | undefined, 'stop-bits', ['1', '1.5', '2']);
  if (stop) out.stopBits = Number(stop) as SerialSettings['stopBits'];
  if (values.rtscts) out.rtscts = true;
  return out;
}
