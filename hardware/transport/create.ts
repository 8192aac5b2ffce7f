import type { DiscoveryRoots } from './discovery';
import { SerialTransport, type SerialBinding } from './serial';
import type { PortSpec } from './spec';
import { TcpTransport } from './tcp';
import type { SerialSettings, Transport } from './types';

export function createTransport(
  spec: PortSpec,
  settings: SerialSettings,
  options: { binding?: SerialBinding; roots?: DiscoveryRoots } = {},
): Transport {
  return spec.kind === 'tcp'
    ? new TcpTransport(spec.host, spec.port)
    : new SerialTransport(spec, settings, options);
}
