import { once } from 'node:events';
import { SerialPortMock } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SerialTransport } from '../../hardware/transport/serial';
import type { PortSpec } from '../../hardware/transport/spec';
import { DEFAULT_SERIAL, TransportError, type CloseInfo } from '../../hardware/transport/types';
import { FakeSysfs, ftdi } from '../support/fake-sysfs';

const mock = SerialPortMock.binding;
type MockPort = Awaited<ReturnType<typeof mock.open>>;

/** serialport's mock binding, wrapped so the test can reach each port it opened (to feed it bytes, read what was written). */
function recordingBinding() {
  const opened: MockPort[] = [];
  const binding: typeof mock = {
    ...mock,
    async open(options: Parameters<typeof mock.open>[0]) {
      const port = await mock.open(options);
      opened.push(port);
      return port;
    },
  };
  return { binding, opened };
}

/** What a real binding does when the USB adapter goes away: the pending read fails with EIO. */
function pullCable(port: MockPort): void {
  const pending = (port as unknown as { pendingRead: ((err?: Error) => void) | null }).pendingRead;
  if (!pending) throw new Error('no read pending on the mock port');
  pending(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
}

const PATH = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0';
const transports: SerialTransport[] = [];
const trees: FakeSysfs[] = [];

function transport(
  spec: Extract<PortSpec, { kind: 'path' | 'usb' }>,
  options: ConstructorParameters<typeof SerialTransport>[2] = {},
): SerialTransport {
  const t = new SerialTransport(spec, DEFAULT_SERIAL, options);
  transports.push(t);
  return t;
}

beforeEach(() => mock.reset());
afterEach(async () => {
  for (const t of transports.splice(0)) await t.close();
  for (const t of trees.splice(0)) t.remove();
  mock.reset();
});

describe('SerialTransport on the serialport mock binding', () => {
  it('opens the port with the configured settings and describes itself', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    expect(t.description).toBe(`serial ${PATH} 9600 8N1`);
    expect(t.isOpen).toBe(false);
    await t.open();
    expect(t.isOpen).toBe(true);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.openOptions).toMatchObject({
      path: PATH,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      rtscts: false,
      lock: true,
    });
  });

  it('emits the bytes the device sends and puts written bytes on the wire', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    await t.open();
    const port = opened[0] as MockPort;

    const data = once(t, 'data') as Promise<[Buffer]>;
    port.emitData(Buffer.from('$W,0,HB*ABCD\r\n', 'latin1'));
    expect((await data)[0].toString('latin1')).toBe('$W,0,HB*ABCD\r\n');

    await t.write('$H,0,SYNC,dev=W*1234\r\n');
    await t.write(Buffer.from([0x00, 0xff]));
    expect(port.recording).toEqual(
      Buffer.concat([Buffer.from('$H,0,SYNC,dev=W*1234\r\n'), Buffer.from([0, 255])]),
    );
  });

  it('rejects a write before open and after close instead of queueing it', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    const before = await t.write('early').catch((e: unknown) => e);
    expect(before).toBeInstanceOf(TransportError);
    expect(before).toMatchObject({ kind: 'io', message: `${t.description}: not open` });

    await t.open();
    const port = opened[0] as MockPort;
    await t.close();
    expect(t.isOpen).toBe(false);
    await expect(t.write('late')).rejects.toMatchObject({
      kind: 'io',
      message: `${t.description}: not open`,
    });
    expect(port.recording.length).toBe(0);
  });

  it('reports an unplug as close {disconnected: true} naming the path, then rejects writes', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    await t.open();
    const port = opened[0] as MockPort;
    await new Promise((r) => setImmediate(r)); // let serialport start its read
    const closed = once(t, 'close') as Promise<[CloseInfo]>;
    pullCable(port);
    expect((await closed)[0]).toEqual({ disconnected: true, reason: `${PATH} disconnected` });
    expect(t.isOpen).toBe(false);
    await expect(t.write('lost')).rejects.toMatchObject({ kind: 'io' });
    expect(port.recording.length).toBe(0);
  });

  it('rejects a write made while serialport is closing the unplugged port (serialport would queue it forever)', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    await t.open();
    const port = opened[0] as MockPort;
    await new Promise((r) => setImmediate(r));
    let duringClose: Promise<unknown> | undefined;
    const closePort = port.close.bind(port);
    port.close = () => {
      // serialport has marked itself closing; our 'close' event has not come yet.
      duringClose = t.write('late').then(
        () => 'written',
        (e: unknown) => e,
      );
      return closePort();
    };
    const closed = once(t, 'close');
    pullCable(port);
    await closed;
    const outcome = await Promise.race([
      duringClose,
      new Promise((r) => setTimeout(() => r('still pending after 500 ms'), 500)),
    ]);
    expect(outcome).toBeInstanceOf(TransportError);
    expect(outcome).toMatchObject({ kind: 'io', message: `${t.description}: not open` });
  });

  it('emits no close event for its own close(), and close() twice is harmless', async () => {
    mock.createPort(PATH, { echo: false, record: true });
    const { binding } = recordingBinding();
    const t = transport({ kind: 'path', path: PATH }, { binding });
    await t.open();
    const events: CloseInfo[] = [];
    t.on('close', (i) => events.push(i));
    await t.close();
    await t.close();
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual([]);
  });

  it('fails to open a path that does not exist with a TransportError naming the path', async () => {
    const { binding } = recordingBinding();
    const t = transport({ kind: 'path', path: '/dev/serial/by-id/usb-gone-if00' }, { binding });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    // The mock says "Port does not exist" (no errno): the wording is enough to call it not_found.
    expect(err).toMatchObject({ kind: 'not_found', retryable: true });
    expect((err as Error).message).toMatch(/^\/dev\/serial\/by-id\/usb-gone-if00: .*does not exist/);
    expect(t.isOpen).toBe(false);
  });

  it('classifies a missing device node as not_found with the real binding (no mock)', async () => {
    const t = transport({ kind: 'path', path: '/dev/serial/by-id/studio-desk-test-absent' });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({ kind: 'not_found' });
    expect((err as Error).message).toContain('/dev/serial/by-id/studio-desk-test-absent');
  });
});

describe('SerialTransport with a usb:VID:PID spec', () => {
  function sysfs(tree: ConstructorParameters<typeof FakeSysfs>[0]): FakeSysfs {
    const fs = new FakeSysfs(tree);
    trees.push(fs);
    return fs;
  }

  it('resolves the spec through sysfs to the port now carrying that device, and opens it', async () => {
    const fs = sysfs({ usb: [ftdi()], uarts: [{ tty: 'ttyS1', type: 4 }] });
    mock.createPort(fs.devPath('ttyUSB0'), { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport(
      { kind: 'usb', vendorId: '0403', productId: '6001', serialNumber: 'A10K1234' },
      { binding, roots: fs.roots },
    );
    await t.open();
    expect(opened[0]?.openOptions.path).toBe(fs.devPath('ttyUSB0'));
    await t.write('hi');
    expect(opened[0]?.recording.toString()).toBe('hi');
  });

  it('resolves again on every open, so a replug that renames the tty is followed', async () => {
    const fs = sysfs({ usb: [ftdi()] });
    mock.createPort(fs.devPath('ttyUSB0'), { echo: false, record: true });
    mock.createPort(fs.devPath('ttyUSB1'), { echo: false, record: true });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'usb', vendorId: '0403', productId: '6001' }, { binding, roots: fs.roots });
    await t.open();
    await t.close();
    fs.rebuild({ usb: [ftdi({ tty: 'ttyUSB1' })] });
    await t.open();
    expect(opened.map((p) => p.openOptions.path)).toEqual([fs.devPath('ttyUSB0'), fs.devPath('ttyUSB1')]);
  });

  it('gives not_found (retryable) when no such device is plugged in', async () => {
    const fs = sysfs({ usb: [ftdi()] });
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'usb', vendorId: '10c4', productId: 'ea60' }, { binding, roots: fs.roots });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({
      kind: 'not_found',
      retryable: true,
      message: 'usb:10c4:ea60: no such USB serial device plugged in',
    });
    expect(opened).toEqual([]);
  });

  it('gives bad_config (not retryable) when two devices match, asking for the serial number', async () => {
    const fs = sysfs({
      usb: [
        ftdi({ serial: undefined, byId: undefined }),
        ftdi({ tty: 'ttyUSB1', usbDevice: '1-3', serial: undefined, byId: undefined, byPath: undefined }),
      ],
    });
    mock.createPort(fs.devPath('ttyUSB0'));
    mock.createPort(fs.devPath('ttyUSB1'));
    const { binding, opened } = recordingBinding();
    const t = transport({ kind: 'usb', vendorId: '0403', productId: '6001' }, { binding, roots: fs.roots });
    const err = await t.open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err).toMatchObject({
      kind: 'bad_config',
      retryable: false,
      message: 'usb:0403:6001 matches 2 ports: add the serial number',
    });
    expect(opened).toEqual([]);
  });
});
