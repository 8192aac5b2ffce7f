import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listPorts, resolveUsb } from '../../hardware/transport/discovery';
import { FakeSysfs, ftdi, type FakeTree } from '../support/fake-sysfs';

const trees: FakeSysfs[] = [];
function sysfs(tree: FakeTree): FakeSysfs {
  const t = new FakeSysfs(tree);
  trees.push(t);
  return t;
}

afterEach(() => {
  for (const t of trees.splice(0)) t.remove();
});

/** An FTDI adapter, an Arduino-style CDC-ACM board without serial or product, two UART placeholders, the console. */
const STUDIO: FakeTree = {
  usb: [
    ftdi(),
    {
      tty: 'ttyACM0',
      style: 'acm',
      usbDevice: '1-2',
      idVendor: '2341',
      idProduct: '0043',
      manufacturer: 'Arduino (www.arduino.cc)',
      driver: 'cdc_acm',
      byPath: 'pci-0000:00:14.0-usb-0:2:1.0',
    },
  ],
  uarts: [
    { tty: 'ttyS0', type: 0 },
    { tty: 'ttyS1', type: 4 },
  ],
  virtual: ['console', 'tty0'],
};

describe('listPorts on a fake sysfs', () => {
  it('lists USB and real UART ports with their identity, stable links and driver, sorted by name', async () => {
    const fs = sysfs(STUDIO);
    const { dev } = fs.roots;
    expect(await listPorts(fs.roots)).toStrictEqual([
      {
        path: join(dev, 'ttyACM0'),
        byPath: join(dev, 'serial/by-path/pci-0000:00:14.0-usb-0:2:1.0'),
        vendorId: '2341',
        productId: '0043',
        manufacturer: 'Arduino (www.arduino.cc)',
        driver: 'cdc_acm',
      },
      { path: join(dev, 'ttyS1'), driver: 'serial8250' },
      {
        path: join(dev, 'ttyUSB0'),
        byId: join(dev, 'serial/by-id/usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0'),
        byPath: join(dev, 'serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0'),
        vendorId: '0403',
        productId: '6001',
        serialNumber: 'A10K1234',
        manufacturer: 'FTDI',
        product: 'FT232R USB UART',
        driver: 'ftdi_sio',
      },
    ]);
  });

  it('skips a ttyS placeholder with type 0 but keeps one with a UART type', async () => {
    const fs = sysfs({ uarts: STUDIO.uarts });
    expect((await listPorts(fs.roots)).map((p) => p.path)).toEqual([join(fs.roots.dev, 'ttyS1')]);
  });

  it('skips ttys without a device link (console, virtual terminals)', async () => {
    const fs = sysfs({ virtual: ['console', 'tty0', 'tty1'] });
    expect(await listPorts(fs.roots)).toEqual([]);
  });

  it('returns an empty list when the sysfs root has no class/tty directory', async () => {
    const fs = sysfs({});
    expect(await listPorts({ sys: join(fs.root, 'nowhere'), dev: fs.roots.dev })).toEqual([]);
  });
});

describe('resolveUsb on a fake sysfs', () => {
  it('finds the single port with the VID:PID', async () => {
    const fs = sysfs(STUDIO);
    const r = await resolveUsb({ vendorId: '0403', productId: '6001' }, fs.roots);
    expect(r.candidates).toHaveLength(1);
    expect(r.match?.path).toBe(fs.devPath('ttyUSB0'));
  });

  it('narrows by serial number and refuses a wrong one', async () => {
    const fs = sysfs(STUDIO);
    const right = await resolveUsb(
      { vendorId: '0403', productId: '6001', serialNumber: 'A10K1234' },
      fs.roots,
    );
    expect(right.match?.path).toBe(fs.devPath('ttyUSB0'));
    const wrong = await resolveUsb({ vendorId: '0403', productId: '6001', serialNumber: 'ZZZ' }, fs.roots);
    expect(wrong).toEqual({ match: undefined, candidates: [] });
  });

  it('gives no match and no candidates when nothing with the VID:PID is plugged in', async () => {
    const fs = sysfs(STUDIO);
    expect(await resolveUsb({ vendorId: '10c4', productId: 'ea60' }, fs.roots)).toEqual({
      match: undefined,
      candidates: [],
    });
  });

  it('gives no match but both candidates when two devices share a VID:PID and no serial is given', async () => {
    const fs = sysfs({
      usb: [
        ftdi({ serial: undefined, byId: undefined, byPath: 'pci-0000:00:14.0-usb-0:1:1.0-port0' }),
        ftdi({
          tty: 'ttyUSB1',
          usbDevice: '1-3',
          serial: undefined,
          byId: undefined,
          byPath: 'pci-0000:00:14.0-usb-0:3:1.0-port0',
        }),
      ],
    });
    const r = await resolveUsb({ vendorId: '0403', productId: '6001' }, fs.roots);
    expect(r.match).toBeUndefined();
    expect(r.candidates.map((p) => p.path)).toEqual([fs.devPath('ttyUSB0'), fs.devPath('ttyUSB1')]);
  });
});
