import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PortSpecError,
  formatPortSpec,
  isUnstablePath,
  parsePortSpec,
  type PortSpec,
} from '../../hardware/transport/spec';

const BY_ID = '/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K1234-if00-port0';

describe('parsePortSpec accepts', () => {
  it.each<[string, PortSpec]>([
    [BY_ID, { kind: 'path', path: BY_ID }],
    [
      '/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0',
      { kind: 'path', path: '/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0' },
    ],
    ['/dev/ttyUSB0', { kind: 'path', path: '/dev/ttyUSB0' }],
    ['COM3', { kind: 'path', path: 'COM3' }],
    ['\\\\.\\COM12', { kind: 'path', path: '\\\\.\\COM12' }],
    ['usb:0403:6001', { kind: 'usb', vendorId: '0403', productId: '6001', serialNumber: undefined }],
    [
      'usb:0403:6001:A10K1234',
      { kind: 'usb', vendorId: '0403', productId: '6001', serialNumber: 'A10K1234' },
    ],
    ['usb:10C4:EA60:0001', { kind: 'usb', vendorId: '10c4', productId: 'ea60', serialNumber: '0001' }],
    ['tcp://127.0.0.1:7601', { kind: 'tcp', host: '127.0.0.1', port: 7601 }],
    ['tcp://[::1]:7601', { kind: 'tcp', host: '::1', port: 7601 }],
    ['tcp://wheel-box.studio:4001', { kind: 'tcp', host: 'wheel-box.studio', port: 4001 }],
    ['  tcp://127.0.0.1:7601\n', { kind: 'tcp', host: '127.0.0.1', port: 7601 }],
  ])('%j', (text, spec) => {
    expect(parsePortSpec(text)).toEqual(spec);
  });

  it('lower-cases USB ids but keeps the serial number as written', () => {
    expect(parsePortSpec('usb:0A5C:21E8:Ab12cD')).toEqual({
      kind: 'usb',
      vendorId: '0a5c',
      productId: '21e8',
      serialNumber: 'Ab12cD',
    });
  });
});

describe('parsePortSpec refuses, saying what is expected', () => {
  it.each<[string, string, RegExp]>([
    ['empty', '', /no port given/],
    ['blank', '   ', /no port given/],
    ['tcp without port', 'tcp://127.0.0.1', /"tcp:\/\/127\.0\.0\.1" is not a tcp:\/\/host:port address/],
    ['tcp with port 0', 'tcp://127.0.0.1:0', /is not a tcp:\/\/host:port address/],
    ['tcp with port above 65535', 'tcp://127.0.0.1:70000', /is not a tcp:\/\/host:port address/],
    ['tcp with a path', 'tcp://127.0.0.1:7601/wheel', /is not a tcp:\/\/host:port address/],
    ['tcp without host', 'tcp://:7601', /is not a tcp:\/\/host:port address/],
    [
      'tcp with a query (not silently dropped)',
      'tcp://127.0.0.1:7601?baud=9600',
      /is not a tcp:\/\/host:port/,
    ],
    ['tcp with a fragment', 'tcp://127.0.0.1:7601#wheel', /is not a tcp:\/\/host:port address/],
    ['tcp with credentials', 'tcp://admin:pw@127.0.0.1:7601', /is not a tcp:\/\/host:port address/],
    [
      'usb with bad hex',
      'usb:04G3:6001',
      /"usb:04G3:6001" is not usb:VID:PID\[:SERIAL\] \(four hex digits each\)/,
    ],
    ['usb with short ids', 'usb:403:6001', /is not usb:VID:PID\[:SERIAL\]/],
    ['usb with an empty serial', 'usb:0403:6001:', /is not usb:VID:PID\[:SERIAL\]/],
    [
      'relative tty name',
      'ttyUSB0',
      /"ttyUSB0" is not a port: give a path \(\/dev\/serial\/by-id\/\.\.\.\), usb:VID:PID\[:SERIAL\] or tcp:\/\/host:port/,
    ],
    ['a list index', '0', /is not a port: give a path/],
  ])('%s', (_name, text, message) => {
    expect(() => parsePortSpec(text)).toThrow(PortSpecError);
    expect(() => parsePortSpec(text)).toThrow(message);
  });
});

describe('isUnstablePath', () => {
  it.each([
    ['/dev/ttyUSB0', true],
    ['/dev/ttyACM3', true],
    [BY_ID, false],
    ['/dev/ttyS0', false],
    ['COM3', false],
  ])('%s → %s', (path, unstable) => {
    expect(isUnstablePath(path)).toBe(unstable);
  });

  it('flags /dev/ttyUSB0, which parsePortSpec still accepts', () => {
    const spec = parsePortSpec('/dev/ttyUSB0');
    expect(spec.kind === 'path' && isUnstablePath(spec.path)).toBe(true);
  });
});

describe('formatPortSpec', () => {
  it.each([
    BY_ID,
    'COM3',
    'usb:0403:6001',
    'usb:0403:6001:A10K1234',
    'tcp://127.0.0.1:7601',
    'tcp://[::1]:7601',
    'tcp://wheel-box.studio:4001',
  ])('gives back %s as written', (text) => {
    expect(formatPortSpec(parsePortSpec(text))).toBe(text);
  });

  it('writes the canonical form (lower-case ids), which parses to the same spec', () => {
    const spec = parsePortSpec('usb:0A5C:21E8');
    expect(formatPortSpec(spec)).toBe('usb:0a5c:21e8');
    expect(parsePortSpec(formatPortSpec(spec))).toEqual(spec);
  });

  it('round-trips any spec: parse(format(spec)) equals spec', () => {
    const hex4 = fc.stringMatching(/^[0-9a-f]{4}$/);
    const spec: fc.Arbitrary<PortSpec> = fc.oneof(
      fc
        .stringMatching(/^\/dev\/serial\/by-id\/[A-Za-z0-9_:.-]{1,40}$/)
        .map((path) => ({ kind: 'path' as const, path })),
      fc.integer({ min: 1, max: 256 }).map((n) => ({ kind: 'path' as const, path: `COM${n}` })),
      fc.record({
        kind: fc.constant('usb' as const),
        vendorId: hex4,
        productId: hex4,
        serialNumber: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,16}$/), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('tcp' as const),
        host: fc.oneof(fc.ipV4(), fc.constantFrom('::1', 'fe80::1', 'wheel-box', 'shoe.studio.lan')),
        port: fc.integer({ min: 1, max: 65535 }),
      }),
    );
    fc.assert(
      fc.property(spec, (s) => {
        expect(parsePortSpec(formatPortSpec(s))).toEqual(s);
      }),
    );
  });
});
