import { describe, expect, it } from 'vitest';
import { createSdlpWheelDecoder } from '../../hardware/protocols/sdlp/wheel';
import type { DecodeOutput, WheelEventBody } from '../../hardware/protocols/types';
import type { WheelLayout } from '../../hardware/wheel/layout';
import { sdlp } from './support/reference';

/** Acknowledgements as the desk must write them (CRCs computed outside the code base). */
const ACK_W = {
  1: '$H,0,ACK,dev=W,seq=1*917A',
  2: '$H,0,ACK,dev=W,seq=2*A119',
  3: '$H,0,ACK,dev=W,seq=3*B138',
  6: '$H,0,ACK,dev=W,seq=6*E19D',
} as const;

function decoder(layout: WheelLayout = 'european') {
  return createSdlpWheelDecoder(layout);
}

function decodeAll(d: ReturnType<typeof decoder>, lines: string[]): DecodeOutput<WheelEventBody>[] {
  return lines.map((l) => d.decode(l));
}

const reasons = (o: DecodeOutput<WheelEventBody>) => o.rejections.map((r) => r.reason);

describe('SDLP wheel: each frame type becomes its event', () => {
  it.each<[string, string, WheelEventBody[]]>([
    ['START', 'W,1,START,game=7', [{ type: 'gameStart', game: '7' }]],
    [
      'LAUNCH with direction and rotor speed',
      'W,1,LAUNCH,game=7,dir=ccw,rpm=24.5',
      [{ type: 'ballLaunched', game: '7', direction: 'ccw', rotorRpm: 24.5 }],
    ],
    ['LAUNCH, bare', 'W,1,LAUNCH,game=7', [{ type: 'ballLaunched', game: '7' }]],
    ['NMB', 'W,1,NMB,game=7', [{ type: 'noMoreBets', game: '7' }]],
    [
      'RESULT with every field',
      'W,1,RESULT,game=7,n=17,dir=cw,rpm=23.4,rdir=ccw,revs=12',
      [
        {
          type: 'result',
          game: '7',
          number: 17,
          label: '17',
          colour: 'black',
          pocket: 8,
          ballDirection: 'cw',
          rotorRpm: 23.4,
          rotorDirection: 'ccw',
          ballRevolutions: 12,
          late: true,
        },
      ],
    ],
    [
      'RESULT, red number',
      'W,1,RESULT,game=7,n=32',
      [{ type: 'result', game: '7', number: 32, label: '32', colour: 'red', pocket: 1, late: true }],
    ],
    [
      'MISSPIN',
      'W,1,MISSPIN,game=7,reason=same_direction,text=ball-launched-with-rotor',
      [{ type: 'misspin', game: '7', reason: 'same_direction', detail: 'ball-launched-with-rotor' }],
    ],
    [
      'MISSPIN without text',
      'W,1,MISSPIN,game=7,reason=no_spin',
      [{ type: 'misspin', game: '7', reason: 'no_spin', detail: '' }],
    ],
    ['WARN', 'W,1,WARN,code=rotor_speed,text=slow', [{ type: 'warning', code: 'rotor_speed', text: 'slow' }]],
    ['ERR', 'W,1,ERR,code=rim_sensor,text=x', [{ type: 'sensorError', code: 'rim_sensor', text: 'x' }]],
    ['CLOSED', 'W,1,CLOSED', [{ type: 'tableClosed' }]],
    [
      'HB with rotor speed and direction',
      'W,0,HB,state=betting,rpm=22.5,dir=cw',
      [{ type: 'rotor', rpm: 22.5, direction: 'cw' }],
    ],
    ['HB without rotor data', 'W,0,HB,state=idle', []],
    [
      'HELLO',
      'W,0,HELLO,model=MX1,fw=2.1,layout=EU,boot=b1,game=5',
      [{ type: 'hello', model: 'MX1', firmware: '2.1', layout: 'european', game: '5' }],
    ],
    ['HELLO, bare', 'W,0,HELLO', [{ type: 'hello', model: 'unknown', firmware: 'unknown' }]],
  ])('%s', (_name, body, events) => {
    const out = decoder().decode(sdlp(body));
    expect(out.events).toEqual(events);
    expect(out.rejections).toEqual([]);
    expect(out.valid).toBe(true);
  });

  it('heartbeats and HELLO are not sequenced: they are never acknowledged', () => {
    const d = decoder();
    expect(d.decode(sdlp('W,0,HB,rpm=22.5,dir=cw')).replies).toEqual([]);
    expect(d.decode(sdlp('W,0,HELLO,boot=b1,next=1')).replies).toEqual([]);
  });

  it('onConnect asks the wheel to resynchronise (SYNC for device W)', () => {
    expect(decoder().onConnect()).toEqual(['$H,0,SYNC,dev=W*C6A0']);
  });
});

describe('SDLP wheel: winning numbers and layouts', () => {
  it.each<[WheelLayout, string, WheelEventBody['type'] | 'rejected', unknown]>([
    ['european', '0', 'result', { number: 0, label: '0', colour: 'green', pocket: 0 }],
    ['european', '00', 'result', { number: 0, label: '0', colour: 'green', pocket: 0 }],
    ['european', '07', 'result', { number: 7, label: '7', colour: 'red', pocket: 31 }],
    ['european', '26', 'result', { number: 26, label: '26', colour: 'black', pocket: 36 }],
    ['european', '36', 'result', { number: 36, label: '36', colour: 'red', pocket: 13 }],
    ['european', '37', 'rejected', 'RESULT: n=37 is not a pocket of the european wheel'],
    ['european', '100', 'rejected', 'RESULT: n=100 is not a pocket of the european wheel'],
    ['european', 'x', 'rejected', 'RESULT: n=x is not a pocket of the european wheel'],
    ['american', '00', 'result', { number: '00', label: '00', colour: 'green', pocket: 19 }],
    ['american', '0', 'result', { number: 0, label: '0', colour: 'green', pocket: 0 }],
    ['american', '2', 'result', { number: 2, label: '2', colour: 'black', pocket: 37 }],
    ['american', '37', 'rejected', 'RESULT: n=37 is not a pocket of the american wheel'],
  ])('%s wheel, n=%s → %s', (layout, n, kind, expected) => {
    const out = decoder(layout).decode(sdlp(`W,1,RESULT,game=1,n=${n}`));
    if (kind === 'rejected') {
      expect(out.events).toEqual([]);
      expect(out.rejections).toEqual([{ reason: 'out_of_range', detail: expected }]);
    } else {
      expect(out.events).toHaveLength(1);
      expect(out.events[0]).toMatchObject({ type: 'result', ...(expected as object) });
    }
  });

  it('an out-of-range result is still acknowledged (resending it would not mend it)', () => {
    const out = decoder().decode(sdlp('W,1,RESULT,game=1,n=37'));
    expect(out.replies).toEqual([ACK_W[1]]);
    expect(out.valid).toBe(true);
  });

  it('HELLO reporting the other layout gives a sensorError layout_mismatch', () => {
    expect(decoder('european').decode(sdlp('W,0,HELLO,model=M,fw=1,layout=US')).events).toEqual([
      { type: 'hello', model: 'M', firmware: '1', layout: 'american' },
      {
        type: 'sensorError',
        code: 'layout_mismatch',
        text: 'wheel reports a american layout, the desk is configured for european',
      },
    ]);
    expect(decoder('american').decode(sdlp('W,0,HELLO,layout=EU')).events).toContainEqual(
      expect.objectContaining({ type: 'sensorError', code: 'layout_mismatch' }),
    );
  });

  it('HELLO reporting the configured layout gives no sensorError', () => {
    const events = decoder('american').decode(sdlp('W,0,HELLO,layout=US')).events;
    expect(events.map((e) => e.type)).toEqual(['hello']);
  });

  it('HELLO with an unknown layout value is malformed', () => {
    const out = decoder().decode(sdlp('W,0,HELLO,layout=FR'));
    expect(out.events).toEqual([]);
    expect(reasons(out)).toEqual(['malformed']);
  });
});

describe('SDLP wheel: late results', () => {
  it('a RESULT after its game’s LAUNCH is not late', () => {
    const [, out] = decodeAll(decoder(), [sdlp('W,1,LAUNCH,game=7'), sdlp('W,2,RESULT,game=7,n=5')]);
    expect(out?.events[0]).toMatchObject({ type: 'result', game: '7', late: false });
  });

  it('a RESULT without a LAUNCH in that game is late, even when another game was launched', () => {
    const [, out] = decodeAll(decoder(), [sdlp('W,1,LAUNCH,game=7'), sdlp('W,2,RESULT,game=8,n=5')]);
    expect(out?.events[0]).toMatchObject({ type: 'result', game: '8', late: true });
  });

  it('a LAUNCH seen before a reconnect still counts for the game’s RESULT after it', () => {
    const d = decoder();
    d.decode(sdlp('W,1,LAUNCH,game=7'));
    d.onConnect();
    expect(d.decode(sdlp('W,2,RESULT,game=7,n=5')).events[0]).toMatchObject({ late: false });
  });
});

describe('SDLP wheel: frames that are refused', () => {
  it.each<[string, string, string, string]>([
    ['RESULT without game', 'W,1,RESULT,n=5', 'malformed', 'RESULT: field game: '],
    ['RESULT without n', 'W,1,RESULT,game=1', 'malformed', 'RESULT: field n: '],
    ['LAUNCH with a bad direction', 'W,1,LAUNCH,game=1,dir=up', 'malformed', 'LAUNCH: field dir: '],
    [
      'LAUNCH with a bad rotor speed',
      'W,1,LAUNCH,game=1,rpm=fast',
      'malformed',
      'LAUNCH: field rpm: rpm expected',
    ],
    [
      'MISSPIN with an unknown reason',
      'W,1,MISSPIN,game=1,reason=gremlins',
      'malformed',
      'MISSPIN: field reason: ',
    ],
    ['WARN without code', 'W,1,WARN,text=x', 'malformed', 'WARN: field code: '],
    ['START with an empty game', 'W,1,START,game=', 'malformed', 'START: field game: game id expected'],
    ['an unknown frame type', 'W,1,FOO,x=1', 'unknown_type', 'frame type FOO is not known'],
  ])('%s → %s', (_name, body, reason, detailStart) => {
    const out = decoder().decode(sdlp(body));
    expect(out.events).toEqual([]);
    expect(out.rejections).toHaveLength(1);
    expect(out.rejections[0]?.reason).toBe(reason);
    expect(out.rejections[0]?.detail.startsWith(detailStart)).toBe(true);
    // admitted and acknowledged all the same: the stream behind it must not stall
    expect(out.replies).toEqual([ACK_W[1]]);
  });

  it('an event frame with sequence number 0 is malformed and not acknowledged', () => {
    const out = decoder().decode(sdlp('W,0,START,game=1'));
    expect(out.events).toEqual([]);
    expect(out.rejections).toEqual([{ reason: 'malformed', detail: 'START must carry a sequence number' }]);
    expect(out.replies).toEqual([]);
  });

  it('a frame from another device letter is malformed and not valid', () => {
    for (const body of ['S,1,CARD,shoe=S1,i=1,c=QH', 'H,0,ACK,dev=W,seq=1']) {
      const out = decoder().decode(sdlp(body));
      expect(out).toMatchObject({ events: [], replies: [], valid: false });
      expect(reasons(out)).toEqual(['malformed']);
    }
  });

  it('a frame with a bad checksum gives no event, no acknowledgement, and is not valid', () => {
    const out = decoder().decode('$W,1,START,game=1*6E98');
    expect(out).toEqual({
      events: [],
      rejections: [{ reason: 'checksum', detail: 'checksum 6E98, computed 6E99' }],
      replies: [],
      valid: false,
    });
  });

  it('line noise before the $ is reported as malformed, and the frame after it still decodes', () => {
    const out = decoder().decode(`#~~${sdlp('W,1,START,game=1')}`);
    expect(out.events).toEqual([{ type: 'gameStart', game: '1' }]);
    expect(out.rejections).toEqual([
      { reason: 'malformed', detail: '3 byte(s) of line noise before the frame' },
    ]);
    expect(out.replies).toEqual([ACK_W[1]]);
  });
});

describe('SDLP wheel: the reliable sequence (go-back-N)', () => {
  it('accepts frames in order and acknowledges each cumulatively', () => {
    const outs = decodeAll(decoder(), [
      sdlp('W,1,START,game=1'),
      sdlp('W,2,LAUNCH,game=1'),
      sdlp('W,3,NMB,game=1'),
    ]);
    expect(outs.map((o) => o.events.map((e) => e.type))).toEqual([
      ['gameStart'],
      ['ballLaunched'],
      ['noMoreBets'],
    ]);
    expect(outs.map((o) => o.replies)).toEqual([[ACK_W[1]], [ACK_W[2]], [ACK_W[3]]]);
    expect(outs.flatMap((o) => o.rejections)).toEqual([]);
  });

  it('drops a repeated frame as a duplicate and acknowledges again what it has', () => {
    const d = decoder();
    decodeAll(d, [sdlp('W,1,START,game=1'), sdlp('W,2,LAUNCH,game=1')]);
    for (const again of [sdlp('W,2,LAUNCH,game=1'), sdlp('W,1,START,game=1')]) {
      const out = d.decode(again);
      expect(out.events).toEqual([]);
      expect(reasons(out)).toEqual(['duplicate']);
      expect(out.replies).toEqual([ACK_W[2]]);
    }
  });

  it('refuses a frame that skips ahead until the missing one has come, then takes both in order', () => {
    const d = decoder();
    d.decode(sdlp('W,1,START,game=1'));
    const early = d.decode(sdlp('W,3,NMB,game=1'));
    expect(early.events).toEqual([]);
    expect(early.rejections).toEqual([{ reason: 'sequence_gap', detail: 'seq 3 arrived but 2 is expected' }]);
    expect(early.replies).toEqual([ACK_W[1]]); // only what was received: seq 3 is not acknowledged
    expect(d.decode(sdlp('W,3,NMB,game=1')).events).toEqual([]); // still refused

    const missing = d.decode(sdlp('W,2,LAUNCH,game=1'));
    expect(missing.events).toEqual([{ type: 'ballLaunched', game: '1' }]);
    expect(missing.replies).toEqual([ACK_W[2]]);
    const resent = d.decode(sdlp('W,3,NMB,game=1'));
    expect(resent.events).toEqual([{ type: 'noMoreBets', game: '1' }]);
    expect(resent.replies).toEqual([ACK_W[3]]);
  });

  it('takes the first frame it sees as the start of the stream when no HELLO announced one', () => {
    const out = decoder().decode(sdlp('W,500,START,game=9'));
    expect(out.events).toEqual([{ type: 'gameStart', game: '9' }]);
    expect(out.replies).toEqual(['$H,0,ACK,dev=W,seq=500*1B01']);
  });

  it('after HELLO next=5, seq 6 is a gap (not acknowledged: nothing received yet), 4 is old, 5 is taken', () => {
    const d = decoder();
    d.decode(sdlp('W,0,HELLO,boot=a1,next=5'));
    const six = d.decode(sdlp('W,6,NMB,game=1'));
    expect(six.rejections).toEqual([{ reason: 'sequence_gap', detail: 'seq 6 before 5 was received' }]);
    expect(six.replies).toEqual([]);
    const four = d.decode(sdlp('W,4,START,game=1'));
    expect(four.rejections).toEqual([{ reason: 'duplicate', detail: 'seq 4 precedes the announced 5' }]);
    expect(d.decode(sdlp('W,5,LAUNCH,game=1')).events).toEqual([{ type: 'ballLaunched', game: '1' }]);
    expect(d.decode(sdlp('W,6,NMB,game=1')).events).toEqual([{ type: 'noMoreBets', game: '1' }]);
  });

  it('wraps from 65535 to 1', () => {
    const d = decoder();
    d.decode(sdlp('W,65535,START,game=1'));
    const out = d.decode(sdlp('W,1,LAUNCH,game=1'));
    expect(out.events).toEqual([{ type: 'ballLaunched', game: '1' }]);
    expect(out.replies).toEqual([ACK_W[1]]);
    expect(reasons(d.decode(sdlp('W,65535,START,game=1')))).toEqual(['duplicate']);
  });

  it('HELLO with a new boot id resets the stream: seq 1 of the new boot is taken', () => {
    const d = decoder();
    decodeAll(d, [
      sdlp('W,0,HELLO,boot=aaaa,next=1'),
      sdlp('W,1,START,game=1'),
      sdlp('W,2,LAUNCH,game=1'),
      sdlp('W,3,NMB,game=1'),
    ]);
    expect(d.decode(sdlp('W,0,HELLO,boot=bbbb,next=1')).rejections).toEqual([]);
    const out = d.decode(sdlp('W,1,START,game=2'));
    expect(out.events).toEqual([{ type: 'gameStart', game: '2' }]);
    expect(out.replies).toEqual([ACK_W[1]]);
  });

  it('HELLO with the same boot id keeps the stream: seq 1 again is a duplicate', () => {
    const d = decoder();
    decodeAll(d, [sdlp('W,0,HELLO,boot=aaaa,next=1'), sdlp('W,1,START,game=1'), sdlp('W,2,LAUNCH,game=1')]);
    expect(d.decode(sdlp('W,0,HELLO,boot=aaaa,next=1')).rejections).toEqual([]);
    expect(reasons(d.decode(sdlp('W,1,START,game=1')))).toEqual(['duplicate']);
    expect(d.decode(sdlp('W,3,NMB,game=1')).events).toEqual([{ type: 'noMoreBets', game: '1' }]);
  });

  it('HELLO with the same boot and next= beyond the last received reports the device’s lost events as a gap', () => {
    const d = decoder();
    decodeAll(d, [
      sdlp('W,0,HELLO,boot=aaaa,next=1'),
      sdlp('W,1,START,game=1'),
      sdlp('W,2,LAUNCH,game=1'),
      sdlp('W,3,NMB,game=1'),
    ]);
    const hello = d.decode(sdlp('W,0,HELLO,model=M,boot=aaaa,next=6'));
    expect(hello.rejections).toEqual([
      {
        reason: 'sequence_gap',
        detail: 'device resumed at seq 6 but 3 was the last received: 2 event(s) lost by the device',
      },
    ]);
    expect(hello.events).toEqual([{ type: 'hello', model: 'M', firmware: 'unknown' }]);
    expect(hello.valid).toBe(true);
    const six = d.decode(sdlp('W,6,RESULT,game=2,n=4'));
    expect(six.events).toMatchObject([{ type: 'result', game: '2', number: 4 }]);
    expect(six.replies).toEqual([ACK_W[6]]);
  });

  it('HELLO with the same boot and next= right after the last received reports no gap', () => {
    const d = decoder();
    decodeAll(d, [sdlp('W,0,HELLO,boot=aaaa,next=1'), sdlp('W,1,START,game=1')]);
    expect(d.decode(sdlp('W,0,HELLO,boot=aaaa,next=2')).rejections).toEqual([]);
  });

  it.each([['0'], [''], ['70000'], ['1e3']])(
    'HELLO with next=%j (not a sequence number) is reported and ignored; the stream still flows',
    (next) => {
      const d = decoder();
      const hello = d.decode(sdlp(`W,0,HELLO,boot=aaaa,next=${next}`));
      expect(hello.events.map((e) => e.type)).toEqual(['hello']);
      expect(reasons(hello)).toEqual(['malformed']);
      const out = d.decode(sdlp('W,1,START,game=1'));
      expect(out.events).toEqual([{ type: 'gameStart', game: '1' }]);
      expect(out.replies).toEqual([ACK_W[1]]);
    },
  );

  it('the sequence survives a reconnect: what was received is still a duplicate after onConnect()', () => {
    const d = decoder();
    decodeAll(d, [sdlp('W,1,START,game=1'), sdlp('W,2,LAUNCH,game=1')]);
    d.onConnect();
    expect(reasons(d.decode(sdlp('W,2,LAUNCH,game=1')))).toEqual(['duplicate']);
    expect(d.decode(sdlp('W,3,NMB,game=1')).events).toEqual([{ type: 'noMoreBets', game: '1' }]);
  });
});
