import { describe, expect, it } from 'vitest';
import { createSdlpShoeDecoder } from '../../hardware/protocols/sdlp/shoe';
import type { ShoeEventBody } from '../../hardware/protocols/types';
import { sdlp } from './support/reference';

/** Acknowledgements as the desk must write them for the shoe (CRCs computed outside the code base). */
const ACK_S = {
  1: '$H,0,ACK,dev=S,seq=1*50BC',
  2: '$H,0,ACK,dev=S,seq=2*60DF',
  3: '$H,0,ACK,dev=S,seq=3*70FE',
} as const;

describe('SDLP shoe: each frame type becomes its event', () => {
  it.each<[string, string, ShoeEventBody[]]>([
    [
      'CARD',
      'S,1,CARD,shoe=S0001,i=1,c=QH,burn=0',
      [{ type: 'card', shoe: 'S0001', index: 1, card: 'QH', burn: false }],
    ],
    [
      'CARD, burn',
      'S,1,CARD,shoe=S0001,i=2,c=5C,burn=1',
      [{ type: 'card', shoe: 'S0001', index: 2, card: '5C', burn: true }],
    ],
    [
      'CARD, burn omitted',
      'S,1,CARD,shoe=S1,i=3,c=AS',
      [{ type: 'card', shoe: 'S1', index: 3, card: 'AS', burn: false }],
    ],
    [
      'CARD, ten as 10',
      'S,1,CARD,shoe=S1,i=4,c=10D',
      [{ type: 'card', shoe: 'S1', index: 4, card: '10D', burn: false }],
    ],
    [
      'CARD, ten as T',
      'S,1,CARD,shoe=S1,i=4,c=TH',
      [{ type: 'card', shoe: 'S1', index: 4, card: '10H', burn: false }],
    ],
    [
      'CARD, lower case',
      'S,1,CARD,shoe=S1,i=5,c=kd',
      [{ type: 'card', shoe: 'S1', index: 5, card: 'KD', burn: false }],
    ],
    ['CUT', 'S,1,CUT,shoe=S0001,i=380', [{ type: 'cutCard', shoe: 'S0001', index: 380 }]],
    ['IN with decks', 'S,1,IN,shoe=S0002,decks=8', [{ type: 'shoeInserted', shoe: 'S0002', decks: 8 }]],
    ['IN without decks', 'S,1,IN,shoe=S0002', [{ type: 'shoeInserted', shoe: 'S0002' }]],
    ['OUT', 'S,1,OUT,shoe=S0002', [{ type: 'shoeRemoved', shoe: 'S0002' }]],
    [
      'ERR',
      'S,1,ERR,code=misread,text=card-not-read',
      [{ type: 'readerError', code: 'misread', text: 'card-not-read' }],
    ],
    ['ERR without text', 'S,1,ERR,code=jam', [{ type: 'readerError', code: 'jam', text: '' }]],
    [
      'HELLO',
      'S,0,HELLO,model=SX,fw=3.0,shoe=S0009,decks=6,boot=1,next=1',
      [{ type: 'hello', model: 'SX', firmware: '3.0', shoe: 'S0009', decks: 6 }],
    ],
    ['HB', 'S,0,HB,state=in,shoe=S0001,cards=12', []],
  ])('%s', (_name, body, events) => {
    const out = createSdlpShoeDecoder().decode(sdlp(body));
    expect(out.events).toEqual(events);
    expect(out.rejections).toEqual([]);
    expect(out.valid).toBe(true);
  });

  it('onConnect asks the shoe to resynchronise (SYNC for device S)', () => {
    expect(createSdlpShoeDecoder().onConnect()).toEqual(['$H,0,SYNC,dev=S*8624']);
  });
});

describe('SDLP shoe: frames that are refused', () => {
  it.each<[string, string, string, string]>([
    ['a card that is not a card', 'S,1,CARD,shoe=S1,i=1,c=1X', 'out_of_range', 'CARD: c=1X is not a card'],
    ['a card of rank 11', 'S,1,CARD,shoe=S1,i=1,c=11H', 'out_of_range', 'CARD: c=11H is not a card'],
    ['card index 0', 'S,1,CARD,shoe=S1,i=0,c=QH', 'out_of_range', 'CARD: i=0: card indexes start at 1'],
    [
      'a card index that is not a number',
      'S,1,CARD,shoe=S1,i=x,c=QH',
      'malformed',
      'CARD: field i: card index expected',
    ],
    ['a card without shoe', 'S,1,CARD,i=1,c=QH', 'malformed', 'CARD: field shoe: '],
    ['a burn flag other than 0/1', 'S,1,CARD,shoe=S1,i=1,c=QH,burn=yes', 'malformed', 'CARD: field burn: '],
    [
      'IN with a bad deck count',
      'S,1,IN,shoe=S1,decks=100',
      'malformed',
      'IN: field decks: deck count expected',
    ],
    ['an unknown frame type', 'S,1,SHUFFLE,shoe=S1', 'unknown_type', 'frame type SHUFFLE is not known'],
  ])('%s → %s', (_name, body, reason, detailStart) => {
    const out = createSdlpShoeDecoder().decode(sdlp(body));
    expect(out.events).toEqual([]);
    expect(out.rejections).toHaveLength(1);
    expect(out.rejections[0]?.reason).toBe(reason);
    expect(out.rejections[0]?.detail.startsWith(detailStart)).toBe(true);
    expect(out.replies).toEqual([ACK_S[1]]);
  });

  it('a wheel frame on the shoe port is malformed and not valid', () => {
    const out = createSdlpShoeDecoder().decode(sdlp('W,1,START,game=1'));
    expect(out).toEqual({
      events: [],
      rejections: [{ reason: 'malformed', detail: 'frame from device "W", expected "S"' }],
      replies: [],
      valid: false,
    });
  });

  it('a card frame with a bad checksum is never a card', () => {
    const good = sdlp('S,1,CARD,shoe=S1,i=1,c=QH');
    const bad = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    const out = createSdlpShoeDecoder().decode(bad);
    expect(out.events).toEqual([]);
    expect(out.rejections.map((r) => r.reason)).toEqual(['checksum']);
  });
});

describe('SDLP shoe: the reliable sequence', () => {
  it('accepts cards in order, acknowledges them cumulatively, drops a repeat and refuses a skip', () => {
    const d = createSdlpShoeDecoder();
    const one = d.decode(sdlp('S,1,CARD,shoe=S1,i=1,c=QH'));
    expect(one.replies).toEqual([ACK_S[1]]);
    const skip = d.decode(sdlp('S,3,CARD,shoe=S1,i=3,c=2C'));
    expect(skip.events).toEqual([]);
    expect(skip.rejections.map((r) => r.reason)).toEqual(['sequence_gap']);
    expect(skip.replies).toEqual([ACK_S[1]]);
    const two = d.decode(sdlp('S,2,CARD,shoe=S1,i=2,c=9D'));
    expect(two.events).toEqual([{ type: 'card', shoe: 'S1', index: 2, card: '9D', burn: false }]);
    expect(two.replies).toEqual([ACK_S[2]]);
    const again = d.decode(sdlp('S,2,CARD,shoe=S1,i=2,c=9D'));
    expect(again.events).toEqual([]);
    expect(again.rejections.map((r) => r.reason)).toEqual(['duplicate']);
    expect(again.replies).toEqual([ACK_S[2]]);
    const three = d.decode(sdlp('S,3,CARD,shoe=S1,i=3,c=2C'));
    expect(three.events).toEqual([{ type: 'card', shoe: 'S1', index: 3, card: '2C', burn: false }]);
    expect(three.replies).toEqual([ACK_S[3]]);
  });

  it('a shoe reboot (HELLO with a new boot id) starts a new stream at seq 1', () => {
    const d = createSdlpShoeDecoder();
    d.decode(sdlp('S,0,HELLO,boot=one,next=1'));
    d.decode(sdlp('S,1,IN,shoe=S1'));
    d.decode(sdlp('S,2,CARD,shoe=S1,i=1,c=QH'));
    d.decode(sdlp('S,0,HELLO,boot=two,next=1'));
    expect(d.decode(sdlp('S,1,IN,shoe=S2')).events).toEqual([{ type: 'shoeInserted', shoe: 'S2' }]);
  });
});
