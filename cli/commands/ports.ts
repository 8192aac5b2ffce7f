import { listPorts } from '../../hardware/transport/discovery';
import { jsonLine, parse } from '../args';

export const PORTS_USAGE = `studio-desk ports [--json]

Lists serial ports with their USB vendor/product id and serial number, and the stable names to
configure a device by (/dev/serial/by-id/..., or usb:VID:PID:SERIAL). Never configure a device by
its place in this list.`;

export async function portsCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } }, PORTS_USAGE);
  const ports = await listPorts();
  if (values.json) {
    for (const p of ports) jsonLine({ ...p, configureAs: configureAs(p) });
    return 0;
  }
  if (ports.length === 0) {
    process.stdout.write('No serial ports found.\n');
    return 0;
  }
  for (const p of ports) {
    const usb = p.vendorId
      ? `USB ${p.vendorId}:${p.productId}${p.serialNumber ? ` serial ${p.serialNumber}` : ''}`
      : 'not USB';
    const name = [p.manufacturer, p.product].filter(Boolean).join(' ');
    process.stdout.write(
      `${p.path}  ${usb}${name ? `  (${name})` : ''}${p.driver ? `  driver ${p.driver}` : ''}\n`,
    );
    process.stdout.write(`    configure as: ${configureAs(p)}\n`);
  }
  return 0;
}

function configureAs(p: {
  path: string;
  byId?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}): string {
  if (p.byId) return p.byId;
  if (p.vendorId && p.productId)
    return `usb:${p.vendorId}:${p.productId}${p.serialNumber ? `:${p.serialNumber}` : ''}`;
  return p.path;
}
