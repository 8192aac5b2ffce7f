import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureFormatError, CaptureWriter, readCapture } from '../../hardware/recorder/capture';
import { replayCapture, type ReplayItem } from '../../hardware/recorder/replay';
import { bytes, sdlp } from '../protocols/support/reference';

const dir = mkdtempSync(join(tmpdir(), 'studio-desk-capture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = (name: string) => join(dir, `${++n}-${name}`);

const STARTED = '2025-03-01T10:00:00.000Z';
const T0 = Date.parse(STARTED);
const rx = (mono: number, text: string) => ({ dir: 'rx' as const, at: T0 + mono, mono, bytes: bytes(text) });
const tx = (mono: number, text: string) => ({ dir: 'tx' as const, at: T0 + mono, mono, bytes: bytes(text) });

const eventsOf = (items: ReplayItem[]) => items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
const errorsOf = (items: ReplayItem[]) =>
  items.flatMap((i) => (i.kind === 'frameError' ? [i.rejection] : []));

describe('CaptureWriter → readCapture', () => {
  it('writes the header and every record, with times relative to the first record', async () => {
    const path = tmp('w.capture.jsonl');
    const w = new CaptureWriter(path, {
      device: 'wheel',
      protocol: 'sdlp',
      port: '/dev/ttyUSB0',
      started: STARTED,
      layout: 'american',
      note: 'unit test',
    });
    w.write({ dir: 'open', mono: 1000.25 });
    w.write(rx(1012.3456, '$W,1,'));
    w.write(tx(1020, '\r\n'));
    w.write({ dir: 'close', mono: 1500 });
    await w.close();

    const { header, records } = await readCapture(path);
    expect(header).toEqual({
      capture: 'studio-desk',
      version: 1,
      device: 'wheel',
      protocol: 'sdlp',
      port: '/dev/ttyUSB0',
      started: STARTED,
      layout: 'american',
      note: 'unit test',
    });
    expect(records).toEqual([
      { t: 0, dir: 'open', hex: '' },
      { t: 12.096, dir: 'rx', hex: '24572c312c' },
      { t: 19.75, dir: 'tx', hex: '0d0a' },
      { t: 499.75, dir: 'close', hex: '' },
    ]);
  });

  it('skips blank lines', async () => {
    const path = tmp('blank.capture.jsonl');
    writeFileSync(
      path,
      `\n{"capture":"studio-desk","version":1,"device":"shoe","protocol":"sdlp","port":"p","started":"${STARTED}"}\n\n{"t":1,"dir":"rx","hex":"2a53"}\n   \n`,
    );
    expect((await readCapture(path)).records).toEqual([{ t: 1, dir: 'rx', hex: '2a53' }]);
  });
});

describe('replayCapture', () => {
  it('replays a written capture into the events the live driver would have reported', async () => {
    const path = tmp('replay.capture.jsonl');
    const w = new CaptureWriter(path, {
      device: 'wheel',
      protocol: 'sdlp',
      port: 'tcp://sim:7601',
      started: STARTED,
    });
    const start = sdlp('W,1,START,game=12');
    const launch = sdlp('W,2,LAUNCH,game=12,dir=ccw');
    const result = sdlp('W,3,RESULT,game=12,n=36,dir=ccw');
    w.write({ dir: 'open', mono: 0 });
    w.write(rx(5, `${start}\r\n${launch.slice(0, 7)}`)); // merged, then split mid-frame
    w.write(tx(6, '$H,0,ACK,dev=W,seq=1*917A\r\n'));
    w.write(rx(40, `${launch.slice(7)}\r\n`));
    w.write(rx(900, `${result}\r\n`));
    w.write(rx(901, `$W,4,NMB,game=12*0000\r\n`));
    await w.close();

    const { header, records } = await readCapture(path);
    const { items, stats } = replayCapture(header, records);
    expect(eventsOf(items)).toEqual([
      { type: 'gameStart', game: '12', at: T0 + 5, mono: 5, frames: [start] },
      { type: 'ballLaunched', game: '12', direction: 'ccw', at: T0 + 40, mono: 40, frames: [launch] },
      {
        type: 'result',
        game: '12',
        number: 36,
        label: '36',
        colour: 'red',
        pocket: 13,
        ballDirection: 'ccw',
        late: false,
        at: T0 + 900,
        mono: 900,
        frames: [result],
      },
    ]);
    expect(errorsOf(items)).toEqual([
      expect.objectContaining({ reason: 'checksum', raw: '$W,4,NMB,game=12*0000' }),
    ]);
    expect(stats).toMatchObject({ lines: 4, validFrames: 3, events: 3, rejected: { checksum: 1 } });
  });

  it('an "open" record drops the half line left by the previous connection', () => {
    const header = {
      capture: 'studio-desk' as const,
      version: 1 as const,
      device: 'wheel' as const,
      protocol: 'cammegh-basic',
      port: 'p',
      started: STARTED,
    };
    const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex');
    const { items } = replayCapture(header, [
      { t: 0, dir: 'rx', hex: hex('*W 1') },
      { t: 1, dir: 'close', hex: '' },
      { t: 2, dir: 'open', hex: '' },
      { t: 3, dir: 'rx', hex: hex('*S\r\n') },
    ]);
    expect(eventsOf(items).map((e) => e.type)).toEqual(['gameStart']);
    expect(errorsOf(items)).toEqual([]);
  });

  it('tx records are not decoded', () => {
    const header = {
      capture: 'studio-desk' as const,
      version: 1 as const,
      device: 'shoe' as const,
      protocol: 'sdlp',
      port: 'p',
      started: STARTED,
    };
    const card = Buffer.from(`${sdlp('S,1,CARD,shoe=S1,i=1,c=QH')}\r\n`).toString('hex');
    const { items } = replayCapture(header, [
      { t: 0, dir: 'tx', hex: card },
      { t: 1, dir: 'rx', hex: card },
    ]);
    expect(eventsOf(items)).toEqual([
      expect.objectContaining({ type: 'card', shoe: 'S1', index: 1, card: 'QH', burn: false, mono: 1 }),
    ]);
  });

  it('the protocol option overrides the header, and a wheel without a layout is European', () => {
    const header = {
      capture: 'studio-desk' as const,
      version: 1 as const,
      device: 'wheel' as const,
      protocol: 'sdlp',
      port: 'p',
      started: STARTED,
    };
    const records = [{ t: 0, dir: 'rx' as const, hex: Buffer.from('*S\r\n*W 00\r\n').toString('hex') }];
    expect(eventsOf(replayCapture(header, records).items)).toEqual([]);
    const events = eventsOf(
      replayCapture(header, records, { protocol: 'cammegh-basic', startedAt: 0 }).items,
    );
    expect(events.map((e) => [e.type, 'label' in e ? e.label : '', e.at])).toEqual([
      ['gameStart', '', 0],
      ['result', '0', 0],
    ]);
  });
});

describe('readCapture refuses bad files, naming the line', () => {
  const HEADER = `{"capture":"studio-desk","version":1,"device":"wheel","protocol":"sdlp","port":"p","started":"${STARTED}"}`;

  it.each<[string, string, RegExp]>([
    ['not JSON', `${HEADER}\n{"t":1,"dir":"rx","hex":"2a"}\n{"t":2,dir:"rx"}\n`, /:3: not JSON$/],
    ['a header that is not JSON', `capture studio-desk\n`, /:1: not JSON$/],
    [
      'a header of another format',
      `{"capture":"pcap","version":1}\n`,
      /:1: not a studio-desk capture header \(/,
    ],
    [
      'a header of another version',
      HEADER.replace('"version":1', '"version":2') + '\n',
      /:1: not a studio-desk capture header/,
    ],
    [
      'a header with an unknown device',
      HEADER.replace('"wheel"', '"dice"') + '\n',
      /:1: not a studio-desk capture header/,
    ],
    ['hex with an odd length', `${HEADER}\n{"t":1,"dir":"rx","hex":"2a5"}\n`, /:2: bad record \(hex: /],
    ['hex with upper-case digits', `${HEADER}\n{"t":1,"dir":"rx","hex":"2A"}\n`, /:2: bad record \(hex: /],
    ['hex that is not hex', `${HEADER}\n{"t":1,"dir":"rx","hex":"zz"}\n`, /:2: bad record \(hex: /],
    ['an unknown direction', `${HEADER}\n{"t":1,"dir":"sideways","hex":""}\n`, /:2: bad record \(dir: /],
    ['a negative time', `${HEADER}\n{"t":-1,"dir":"rx","hex":""}\n`, /:2: bad record \(t: /],
    [
      'a blank line before the bad one (lines are counted as in the file)',
      `${HEADER}\n\n\n[1]\n`,
      /:4: bad record/,
    ],
  ])('%s', async (_case, text, message) => {
    const path = tmp('bad.capture.jsonl');
    writeFileSync(path, text);
    const err = await readCapture(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CaptureFormatError);
    expect((err as Error).message.startsWith(`${path}:`)).toBe(true);
    expect((err as Error).message).toMatch(message);
  });

  it('an empty file is not a capture', async () => {
    const path = tmp('empty.capture.jsonl');
    writeFileSync(path, '\n\n');
    await expect(readCapture(path)).rejects.toThrow(new CaptureFormatError(`${path}: empty capture`));
  });
});
