import { existsSync } from 'node:fs';
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

export interface PortInfo {
  /** Kernel device path, e.g. /dev/ttyUSB0 (changes with plug order). */
  path: string;
  /** Stable links to configure the device by. */
  byId?: string;
  byPath?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  driver?: string;
}

export interface DiscoveryRoots {
  sys: string;
  dev: string;
}

/**
 * Lists serial ports with their USB identity. On Linux it reads sysfs and /dev/serial directly:
 * serialport's own list() shells out to udevadm and throws an uncatchable error where udevadm is
 * missing (seen in containers). Elsewhere it asks serialport.
 */
export async function listPorts(roots: DiscoveryRoots = { sys: '/sys', dev: '/dev' }): Promise<PortInfo[]> {
  if (process.platform !== 'linux' && roots.sys === '/sys') return listWithSerialport();
  const classDir = join(roots.sys, 'class', 'tty');
  if (!existsSync(classDir)) return [];
  const links = await stableLinks(roots.dev);
  const ports: PortInfo[] = [];
  for (const name of (await readdir(classDir)).sort()) {
    const deviceLink = join(classDir, name, 'device');
    if (!existsSync(deviceLink)) continue; // virtual terminals have no device
    if (/^ttyS\d+$/.test(name) && (await readText(join(classDir, name, 'type'))) === '0') continue; // placeholder UART
    const info: PortInfo = { path: join(roots.dev, name), ...links.get(name) };
    const deviceDir = await realpath(deviceLink).catch(() => undefined);
    if (deviceDir) {
      const driverLink = await readlink(join(deviceDir, 'driver')).catch(() => undefined);
      if (driverLink) info.driver = basename(driverLink);
      const usb = await findUsbDevice(deviceDir, roots.sys);
      if (usb) {
        info.vendorId = await readText(join(usb, 'idVendor'));
        info.productId = await readText(join(usb, 'idProduct'));
        info.serialNumber = await readText(join(usb, 'serial'));
        info.manufacturer = await readText(join(usb, 'manufacturer'));
        info.product = await readText(join(usb, 'product'));
      }
    }
    ports.push(stripUndefined(info));
  }
  return ports;
}

/** Finds the port a USB identity names now; undefined when it is not plugged in. */
export async function resolveUsb(
  id: { vendorId: string; productId: string; serialNumber?: string },
  roots?: DiscoveryRoots,
): Promise<{ match?: PortInfo; candidates: PortInfo[] }> {
  const ports = await listPorts(roots);
  const candidates = ports.filter(
    (p) =>
      p.vendorId?.toLowerCase() === id.vendorId &&
      p.productId?.toLowerCase() === id.productId &&
      (id.serialNumber === undefined || p.serialNumber === id.serialNumber),
  );
  return { match: candidates.length === 1 ? candidates[0] : undefined, candidates };
}

async function findUsbDevice(start: string, sysRoot: string): Promise<string | undefined> {
  let dir = start;
  const stop = resolve(sysRoot);
  for (let i = 0; i < 8 && dir.startsWith(stop) && dir !== stop; i++) {
    if (existsSync(join(dir, 'idVendor'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

async function stableLinks(devRoot: string): Promise<Map<string, { byId?: string; byPath?: string }>> {
  const map = new Map<string, { byId?: string; byPath?: string }>();
  for (const [sub, key] of [
    ['by-id', 'byId'],
    ['by-path', 'byPath'],
  ] as const) {
    const dir = join(devRoot, 'serial', sub);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.sort()) {
      const target = await readlink(join(dir, n)).catch(() => undefined);
      if (!target) continue;
      const tty = basename(target);
      const entry = map.get(tty) ?? {};
      entry[key] ??= join(dir, n);
      map.set(tty, entry);
    }
  }
  return map;
}

async function readText(path: string): Promise<string | undefined> {
  const t = await readFile(path, 'utf8').catch(() => undefined);
  return t === undefined ? undefined : t.trim();
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

async function listWithSerialport(): Promise<PortInfo[]> {
  const { SerialPort } = await import('serialport');
  const list = await SerialPort.list();
  return list.map((p) =>
    stripUndefined({
      path: p.path,
      vendorId: p.vendorId?.toLowerCase(),
      productId: p.productId?.toLowerCase(),
      serialNumber: p.serialNumber,
      manufacturer: p.manufacturer,
    }),
  );
}
