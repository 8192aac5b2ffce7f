import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { DiscoveryRoots } from '../../hardware/transport/discovery';

/**
 * A fake Linux sysfs + /dev tree laid out as the kernel does it, so discovery reads it through the
 * same symlinks: /sys/class/tty/NAME is a link into /sys/devices, its `device` link points at the
 * bus device (a usb-serial port or a CDC-ACM interface, whose parent is the USB device carrying
 * idVendor/idProduct/serial/...), and /dev/serial/by-id|by-path hold links to ../../NAME.
 */
export interface FakeUsbTty {
  tty: string;
  /** usb-serial (FTDI, CP210x: tty under a port device) or acm (tty under the interface). */
  style: 'usb-serial' | 'acm';
  /** USB device directory name, e.g. 1-1 (one per physical device). */
  usbDevice: string;
  idVendor: string;
  idProduct: string;
  serial?: string;
  manufacturer?: string;
  product?: string;
  driver: string;
  byId?: string;
  byPath?: string;
}

export interface FakeUart {
  tty: string;
  /** /sys/class/tty/ttySn/type: 0 means no UART behind the placeholder. */
  type: number;
}

export interface FakeTree {
  usb?: FakeUsbTty[];
  uarts?: FakeUart[];
  /** Virtual terminals and the console: no device link. */
  virtual?: string[];
}

const PCI = 'devices/pci0000:00/0000:00:14.0/usb1';

export class FakeSysfs {
  /** realpath'd, so paths the kernel-style links resolve to start with it. */
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'studio-desk-sysfs-')));
  readonly roots: DiscoveryRoots = { sys: join(this.root, 'sys'), dev: join(this.root, 'dev') };

  constructor(tree: FakeTree = {}) {
    this.build(tree);
  }

  /** Replaces the whole tree (a replug, a different set of devices). */
  rebuild(tree: FakeTree): void {
    rmSync(this.roots.sys, { recursive: true, force: true });
    rmSync(this.roots.dev, { recursive: true, force: true });
    this.build(tree);
  }

  devPath(tty: string): string {
    return join(this.roots.dev, tty);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private build(tree: FakeTree): void {
    const { sys, dev } = this.roots;
    mkdirSync(join(sys, 'class', 'tty'), { recursive: true });
    mkdirSync(dev, { recursive: true });
    for (const u of tree.usb ?? []) this.addUsb(u);
    for (const u of tree.uarts ?? []) {
      const platform = join(sys, 'devices/platform/serial8250');
      const classDev = join(platform, 'tty', u.tty);
      mkdirSync(classDev, { recursive: true });
      writeFileSync(join(classDev, 'type'), `${u.type}\n`);
      link(join(classDev, 'device'), platform);
      const driver = join(sys, 'bus/platform/drivers/serial8250');
      mkdirSync(driver, { recursive: true });
      link(join(platform, 'driver'), driver, true);
      link(join(sys, 'class/tty', u.tty), classDev);
      writeFileSync(join(dev, u.tty), '');
    }
    for (const v of tree.virtual ?? []) {
      const classDev = join(sys, 'devices/virtual/tty', v);
      mkdirSync(classDev, { recursive: true });
      link(join(sys, 'class/tty', v), classDev);
      writeFileSync(join(dev, v), '');
    }
  }

  private addUsb(u: FakeUsbTty): void {
    const { sys, dev } = this.roots;
    const usbDir = join(sys, PCI, u.usbDevice);
    const iface = join(usbDir, `${u.usbDevice}:1.0`);
    mkdirSync(iface, { recursive: true });
    writeFileSync(join(iface, 'bInterfaceNumber'), '00\n');
    const attrs: Record<string, string | undefined> = {
      idVendor: u.idVendor,
      idProduct: u.idProduct,
      serial: u.serial,
      manufacturer: u.manufacturer,
      product: u.product,
    };
    for (const [name, value] of Object.entries(attrs)) {
      if (value !== undefined) writeFileSync(join(usbDir, name), `${value}\n`);
    }
    // usb-serial: .../1-1:1.0/ttyUSB0/tty/ttyUSB0, device -> ../../../ttyUSB0 (the port device).
    // acm:        .../1-2:1.0/tty/ttyACM0,         device -> ../../../1-2:1.0  (the interface).
    const busDevice = u.style === 'usb-serial' ? join(iface, u.tty) : iface;
    const classDev = join(busDevice, 'tty', u.tty);
    mkdirSync(classDev, { recursive: true });
    link(join(classDev, 'device'), busDevice);
    const driverBus = u.style === 'usb-serial' ? 'usb-serial' : 'usb';
    const driver = join(sys, 'bus', driverBus, 'drivers', u.driver);
    mkdirSync(driver, { recursive: true });
    link(join(busDevice, 'driver'), driver);
    link(join(sys, 'class/tty', u.tty), classDev);
    writeFileSync(join(dev, u.tty), '');
    if (u.byId) link(join(dev, 'serial/by-id', u.byId), join(dev, u.tty));
    if (u.byPath) link(join(dev, 'serial/by-path', u.byPath), join(dev, u.tty));
  }
}

/** A relative symlink at `at` pointing to `target`, as the kernel and udev make them. */
function link(at: string, target: string, ifMissing = false): void {
  mkdirSync(dirname(at), { recursive: true });
  try {
    symlinkSync(relative(dirname(at), target), at);
  } catch (e) {
    if (!(ifMissing && (e as NodeJS.ErrnoException).code === 'EEXIST')) throw e;
  }
}

/** An FTDI FT232R adapter, as /sys shows one. */
export function ftdi(over: Partial<FakeUsbTty> = {}): FakeUsbTty {
  return {
    tty: 'ttyUSB0',
    style: 'usb-serial',
    usbDevice: '1-1',
    idVendor: '0403',
    idProduct: '6001',
    serial: 'A10K1234',
    manufacturer: 'FTDI',
    product: 'FT232R USB UART',
    driver: 'ftdi_sio',
    byId: 'usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0',
    byPath: 'pci-0000:00:14.0-usb-0:1:1.0-port0',
    ...over,
  };
}
