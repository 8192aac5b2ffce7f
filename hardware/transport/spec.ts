/**
 * Where a device is: a stable serial path (/dev/serial/by-id/..., COM3), a USB identity resolved at
 * each connect (usb:VID:PID[:SERIAL]), or a serial-device server (tcp://host:port). Never a list index.
 */
export type PortSpec =
  | { kind: 'path'; path: string }
  | { kind: 'usb'; vendorId: string; productId: string; serialNumber?: string }
  | { kind: 'tcp'; host: string; port: number };

export class PortSpecError extends Error {}

export function parsePortSpec(text: string): PortSpec {
  const s = text.trim();
  if (s === '') throw new PortSpecError('no port given');
  if (s.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw new PortSpecError(`"${s}" is not a tcp://host:port address`);
    }
    const port = Number(url.port);
    if (
      !url.hostname ||
      !Number.isInteger(port) ||
      port < 1 ||
      port > 65535 ||
      (url.pathname !== '' && url.pathname !== '/') ||
      url.search !== '' ||
      url.hash !== '' ||
      url.username !== '' ||
      url.password !== ''
    ) {
      throw new PortSpecError(`"${s}" is not a tcp://host:port address`);
    }
    return { kind: 'tcp', host: url.hostname.replace(/^\[|\]$/g, ''), port };
  }
  if (s.startsWith('usb:')) {
    const m = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?$/.exec(s);
    if (!m) throw new PortSpecError(`"${s}" is not usb:VID:PID[:SERIAL] (four hex digits each)`);
    return {
      kind: 'usb',
      vendorId: (m[1] as string).toLowerCase(),
      productId: (m[2] as string).toLowerCase(),
      serialNumber: m[3],
    };
  }
  if (s.startsWith('/') || /^COM\d+$/i.test(s) || s.startsWith('\\\\.\\')) return { kind: 'path', path: s };
  throw new PortSpecError(
    `"${s}" is not a port: give a path (/dev/serial/by-id/...), usb:VID:PID[:SERIAL] or tcp://host:port`,
  );
}

export function formatPortSpec(spec: PortSpec): string {
  switch (spec.kind) {
    case 'path':
      return spec.path;
    case 'usb':
      return `usb:${spec.vendorId}:${spec.productId}${spec.serialNumber ? `:${spec.serialNumber}` : ''}`;
    case 'tcp':
      return `tcp://${spec.host.includes(':') ? `[${spec.host}]` : spec.host}:${spec.port}`;
  }
}

/** Paths that name a port by enumeration order, which changes on replug: allowed, but worth a warning. */
export function isUnstablePath(path: string): boolean {
  return /^\/dev\/tty(USB|ACM)\d+$/.test(path);
}
