import { describe, expect, it } from 'vitest';
import { CammeghWheelDecoder } from '../../hardware/protocols/cammegh/wheel';
import type { CammeghVariant } from '../../hardware/protocols/cammegh/lines';
import type { Rejection, WheelEventBody } from '../../hardware/protocols/types';
import type { WheelLayout } from '../../hardware/wheel/layout';
import { advanced, extended } from './support/cammegh';

type Rej = Omit<Rejection, 'raw'>;

function feed(d: CammeghWheelDecoder, lines: string[]): { events: WheelEventBody[]; rejections: Rej[] } {
  const events: WheelEventBody[] = [];
  const rejections: Rej[] = [];
  for (const l of lines) {
    const out = d.decode(l);
    events.push(...out.events);
    rejections.push(...out.rejections);
    expect(out.replies).toEqual([]); // the Cammegh controller is never answered
  }
  return { events, rejections };
}

const twice = (line: string) => [line, line];
/** Events a game's story is told in (rotor and state-change events left out). */
const story = (events: WheelEventBody[]) =>
  events.filter((e) => e.type !== 'rotor' && e.type !== 'wheelState');
const results = (events: WheelEventBody[]) => events.filter((e) => e.type === 'result');

const dec = (variant: CammeghVariant = 'advanced', layout: WheelLayout = 'european') =>
  new CammeghWheelDecoder(variant, layout);

describe('Cammegh Advanced: two agreeing status packets before acting', () => {
  it('one status packet alone gives no event', () => {
    expect(feed(dec(), [advanced({ state: 2, count: 5 })]).events).toEqual([]);
  });

  it('the second agreeing packet gives the rotor, the state and the game start', () => {
    const d = dec();
    d.decode(advanced({ state: 2, count: 5, rpm10: 240 }));
    expect(d.decode(advanced({ state: 2, count: 5, rpm10: 241 })).events).toEqual([
      { type: 'rotor', rpm: 24.1, direction: 'cw' },
      { type: 'wheelState', state: 'place_bets' },
      { type: 'gameStart', game: 'g1' },
    ]);
  });

  it('packets that keep disagreeing are never acted on', () => {
    const lines = [2, 3, 2, 3, 2, 3].map((state) => advanced({ state, count: 5 }));
    expect(feed(dec(), lines).events).toEqual([]);
  });

  it('the same state again gives nothing new', () => {
    const d = dec();
    feed(d, twice(advanced({ state: 2, count: 5 })));
    expect(
      feed(d, [...twice(advanced({ state: 2, count: 5 })), advanced({ state: 2, count: 5 })]).events,
    ).toEqual([]);
  });

  it('a single corrupted packet with a different number between good ones gives no result for it', () => {
    const d = dec();
    feed(d, [...twice(advanced({ state: 3, count: 6 })), ...twice(advanced({ state: 4, count: 6 }))]);
    const { events } = feed(d, [
      advanced({ state: 5, count: 6, last: '11' }), // corrupted: '7' read as '1'
      advanced({ state: 5, count: 6, last: '17' }),
      advanced({ state: 5, count: 6, last: '17' }),
      advanced({ state: 5, count: 6, last: '17' }),
    ]);
    expect(results(events).map((e) => e.type === 'result' && e.label)).toEqual(['17']);
  });

  it('a single corrupted packet after a confirmed result gives no second result', () => {
    const d = dec();
    feed(d, [
      ...twice(advanced({ state: 3, count: 6 })),
      ...twice(advanced({ state: 5, count: 6, last: '17' })),
    ]);
    const { events, rejections } = feed(d, [
      advanced({ state: 5, count: 6, last: '19' }),
      advanced({ state: 5, count: 6, last: '17' }),
      advanced({ state: 5, count: 6, last: '17' }),
    ]);
    expect(events.filter((e) => e.type !== 'rotor')).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('a single corrupted packet with another state is never acted on', () => {
    const d = dec();
    feed(d, twice(advanced({ state: 2, count: 9 })));
    const { events } = feed(d, [
      advanced({ state: 6, count: 9 }), // would close the table
      advanced({ state: 2, count: 9 }),
      advanced({ state: 2, count: 9 }),
    ]);
    expect(events).toEqual([]);
  });

  it('a line that does not parse does not break a vote in progress', () => {
    const d = dec();
    const { events } = feed(d, [
      advanced({ state: 2, count: 5 }),
      '*X;2;0',
      advanced({ state: 2, count: 5 }),
    ]);
    expect(story(events)).toEqual([{ type: 'gameStart', game: 'g1' }]);
  });
});

describe('Cammegh: the game cycle', () => {
  it('Extended 2 → 3 → 4 → 5 gives gameStart, ballLaunched, noMoreBets and the result with ball data', () => {
    const d = dec('extended');
    const { events, rejections } = feed(d, [
      ...twice(extended({ state: 2, count: 41, last: '17', flags: 0x92 })),
      ...twice(extended({ state: 3, count: 41, last: '17', dir: 1, ball: '0', revTime: 20000, flags: 0x22 })),
      ...twice(extended({ state: 4, count: 41, last: '17', dir: 1, ball: '0', spins: 9, revTime: 24000 })),
      ...twice(
        extended({
          state: 5,
          count: 41,
          last: '32',
          rpm10: 233,
          dir: 1,
          ball: '0',
          spins: 11,
          flags: 0x122,
          pocket: '32',
        }),
      ),
    ]);
    expect(rejections).toEqual([]);
    expect(story(events)).toEqual([
      { type: 'gameStart', game: 'g1' },
      { type: 'ballLaunched', game: 'g1', direction: 'cw', rotorRpm: 24 },
      { type: 'noMoreBets', game: 'g1' },
      {
        type: 'result',
        game: 'g1',
        number: 32,
        label: '32',
        colour: 'red',
        pocket: 1,
        ballDirection: 'cw',
        rotorRpm: 23.3,
        rotorDirection: 'ccw',
        ballRevolutions: 11,
        late: false,
      },
    ]);
    expect(
      events.filter((e) => e.type === 'wheelState').map((e) => e.type === 'wheelState' && e.state),
    ).toEqual(['place_bets', 'finish_betting', 'no_more_bets', 'winning_number']);
  });

  it('Advanced results carry no ball data (the fields do not exist there)', () => {
    const d = dec('advanced');
    const { events } = feed(d, [
      ...twice(advanced({ state: 3, count: 1 })),
      ...twice(advanced({ state: 5, count: 1, last: '00', rpm10: 220 })),
    ]);
    expect(results(events)).toEqual([
      {
        type: 'result',
        game: 'g1',
        number: 0,
        label: '0',
        colour: 'green',
        pocket: 0,
        rotorRpm: 22,
        rotorDirection: 'cw',
        late: false,
      },
    ]);
  });

  it('two games in a row get their own game keys and results', () => {
    const d = dec();
    const cycle = (count: number, prev: string, n: string) => [
      ...twice(advanced({ state: 2, count, last: prev })),
      ...twice(advanced({ state: 3, count, last: prev })),
      ...twice(advanced({ state: 4, count, last: prev })),
      ...twice(advanced({ state: 5, count, last: n })),
    ];
    const { events } = feed(d, [...cycle(255, '  ', '05'), ...cycle(0, '05', '05')]);
    expect(results(events).map((e) => e.type === 'result' && [e.game, e.label, e.late])).toEqual([
      ['g1', '5', false],
      ['g2', '5', false],
    ]);
  });

  it('a status packet "finish betting" straight after a result opens the next game', () => {
    const d = dec();
    feed(d, [
      ...twice(advanced({ state: 3, count: 1 })),
      ...twice(advanced({ state: 5, count: 1, last: '08' })),
    ]);
    expect(story(feed(d, twice(advanced({ state: 3, count: 2, last: '08' }))).events)).toEqual([
      { type: 'gameStart', game: 'g2' },
      { type: 'ballLaunched', game: 'g2', rotorRpm: 24 },
    ]);
  });

  it('the same state-5 packets after a reconnect (onConnect) give no second result', () => {
    const d = dec('extended');
    const five = extended({ state: 5, count: 7, last: '23', spins: 10, pocket: '23' });
    feed(d, [...twice(extended({ state: 3, count: 7 })), ...twice(five)]);
    expect(d.onConnect()).toEqual([]);
    const again = feed(d, [five, five, five]);
    expect(again.events.filter((e) => e.type !== 'rotor')).toEqual([]);
    expect(again.rejections).toEqual([]);
  });

  it('a vote half-done before a disconnect is not completed by the first packet after it', () => {
    const d = dec();
    d.decode(advanced({ state: 2, count: 5 }));
    d.onConnect();
    expect(d.decode(advanced({ state: 2, count: 5 })).events).toEqual([]);
    expect(story(d.decode(advanced({ state: 2, count: 5 })).events)).toEqual([
      { type: 'gameStart', game: 'g1' },
    ]);
  });

  it('connecting first while the wheel shows state 5 gives the result, marked late', () => {
    const { events } = feed(dec(), twice(advanced({ state: 5, count: 3, last: '14' })));
    expect(story(events)).toEqual([
      expect.objectContaining({ type: 'result', game: 'g1', number: 14, label: '14', late: true }),
    ]);
  });

  it('a game seen launched, then (disconnect) a new game, gives sensorError result_missed and no invented result', () => {
    const d = dec();
    feed(d, [...twice(advanced({ state: 2, count: 3 })), ...twice(advanced({ state: 3, count: 3 }))]);
    d.onConnect();
    const { events } = feed(d, twice(advanced({ state: 2, count: 4, last: '31' })));
    expect(story(events)).toEqual([
      {
        type: 'sensorError',
        code: 'result_missed',
        text: 'game g1 ended without a winning number being received (a new game started)',
      },
      { type: 'gameStart', game: 'g2' },
    ]);
    expect(results(events)).toEqual([]);
  });

  it('the table closing during a launched game reports result_missed, then tableClosed', () => {
    const d = dec();
    feed(d, twice(advanced({ state: 3, count: 3 })));
    expect(story(feed(d, twice(advanced({ state: 6, count: 0 }))).events)).toEqual([
      {
        type: 'sensorError',
        code: 'result_missed',
        text: 'game g1 ended without a winning number being received (the table closed)',
      },
      { type: 'tableClosed' },
    ]);
  });

  it('the table closing after a result reports only tableClosed', () => {
    const d = dec();
    feed(d, [
      ...twice(advanced({ state: 3, count: 3 })),
      ...twice(advanced({ state: 5, count: 3, last: '01' })),
    ]);
    expect(story(feed(d, twice(advanced({ state: 6, count: 0 }))).events)).toEqual([{ type: 'tableClosed' }]);
  });

  it('state 5 with an out-of-range number is refused as out_of_range', () => {
    const d = dec('advanced', 'european');
    feed(d, twice(advanced({ state: 3, count: 3 })));
    const { events, rejections } = feed(d, twice(advanced({ state: 5, count: 3, last: '37' })));
    expect(results(events)).toEqual([]);
    expect(rejections).toEqual([
      { reason: 'out_of_range', detail: 'winning number "37" is not a pocket of the european wheel' },
    ]);
  });
});

describe('Cammegh: warning flags (rising edges only)', () => {
  const open = (d: CammeghWheelDecoder) => feed(d, twice(advanced({ state: 3, count: 2 })));

  it.each<[number, WheelEventBody]>([
    [0x1, { type: 'warning', code: 'rotor_speed', text: 'rotor speed 24 rpm outside limits' }],
    [
      0x2,
      {
        type: 'misspin',
        game: 'g1',
        reason: 'same_direction',
        detail: 'ball launched in the rotor direction: respin required',
      },
    ],
    [0x4, { type: 'sensorError', code: 'rim_sensor', text: 'rim sensor failure: no winning number' }],
    [
      0x8,
      {
        type: 'misspin',
        game: 'g1',
        reason: 'void',
        detail: 'void game: ball left the wheel, launch too slow, or rotor tampering',
      },
    ],
  ])('flag 0x%s rising gives its event', (flag, event) => {
    const d = dec();
    open(d);
    expect(story(feed(d, twice(advanced({ state: 3, count: 2, warnings: flag }))).events)).toEqual([event]);
  });

  it('a flag that stays set is not reported again, even across a state change', () => {
    const d = dec();
    open(d);
    feed(d, twice(advanced({ state: 3, count: 2, warnings: 0x2 })));
    expect(story(feed(d, twice(advanced({ state: 4, count: 2, warnings: 0x2 }))).events)).toEqual([
      { type: 'noMoreBets', game: 'g1' },
    ]);
  });

  it('a respin clears the flag; the flag rising again is reported again', () => {
    const d = dec();
    open(d);
    feed(d, twice(advanced({ state: 3, count: 2, warnings: 0x2 })));
    expect(story(feed(d, twice(advanced({ state: 3, count: 2 }))).events)).toEqual([]);
    expect(story(feed(d, twice(advanced({ state: 3, count: 2, warnings: 0x2 }))).events)).toEqual([
      expect.objectContaining({ type: 'misspin', reason: 'same_direction' }),
    ]);
  });

  it('several flags rising together each give their event', () => {
    const d = dec();
    open(d);
    const types = story(feed(d, twice(advanced({ state: 3, count: 2, warnings: 0xc }))).events).map((e) => [
      e.type,
      'code' in e ? e.code : 'reason' in e ? e.reason : '',
    ]);
    expect(types).toEqual([
      ['sensorError', 'rim_sensor'],
      ['misspin', 'void'],
    ]);
  });

  it('Extended: "no ball in wheel" during a launched game is a warning', () => {
    const d = dec('extended');
    feed(d, twice(extended({ state: 3, count: 2, ball: '1' })));
    const { events } = feed(d, twice(extended({ state: 3, count: 2, warnings: 0x8, flags: 0x92 })));
    expect(story(events)).toContainEqual({
      type: 'warning',
      code: 'no_ball',
      text: 'wheel reports no ball during game g1: legal_speed, clockwise, no_ball_in_wheel',
    });
  });
});

describe('Cammegh Basic: event lines', () => {
  it('*S, *N and *W nn give gameStart, noMoreBets and the result', () => {
    const { events, rejections } = feed(dec('basic'), ['*S', '*N', '*W 17', '17']);
    expect(rejections).toEqual([]);
    expect(events).toEqual([
      { type: 'gameStart', game: 'g1' },
      { type: 'noMoreBets', game: 'g1' },
      expect.objectContaining({
        type: 'result',
        game: 'g1',
        number: 17,
        label: '17',
        colour: 'black',
        pocket: 8,
      }),
    ]);
  });

  it('a second *W in the same game with another number is refused as a conflict', () => {
    const d = dec('basic');
    feed(d, ['*S', '*N', '*W 17']);
    const { events, rejections } = feed(d, ['*W 18']);
    expect(events).toEqual([]);
    expect(rejections).toEqual([{ reason: 'conflict', detail: 'game g1 already has 17, wheel now says 18' }]);
  });

  it('the same *W repeated in the same game is dropped quietly', () => {
    const d = dec('basic');
    feed(d, ['*S', '*W 17']);
    expect(feed(d, ['*W 17', '*W 17'])).toEqual({ events: [], rejections: [] });
  });

  it('*N after the result does not reopen the game', () => {
    const d = dec('basic');
    feed(d, ['*S', '*N', '*W 17']);
    expect(feed(d, ['*N']).events).toEqual([]);
  });

  it('the next *S opens the next game, whose *W is its own result', () => {
    const d = dec('basic');
    feed(d, ['*S', '*W 17']);
    const { events } = feed(d, ['*S', '*N', '*W 18']);
    expect(events.map((e) => [e.type, 'game' in e ? e.game : ''])).toEqual([
      ['gameStart', 'g2'],
      ['noMoreBets', 'g2'],
      ['result', 'g2'],
    ]);
  });

  it('*N with no game open gives nothing', () => {
    expect(feed(dec('basic'), ['*N'])).toEqual({ events: [], rejections: [] });
  });

  it('a legacy line that disagrees with the last result is reported as a conflict', () => {
    const d = dec('basic');
    feed(d, ['*S', '*W 17']);
    expect(feed(d, ['17']).rejections).toEqual([]);
    expect(feed(d, ['11']).rejections).toEqual([
      { reason: 'conflict', detail: 'legacy line says 11, the result was 17' },
    ]);
  });

  it('a legacy line is only a cross-check: it never makes a result', () => {
    expect(feed(dec('advanced'), ['17', '17']).events).toEqual([]);
  });

  it('after a reconnect the same *W again is not reported twice; another number starts a late game', () => {
    const d = dec('basic');
    feed(d, ['*S', '*W 17']);
    d.onConnect();
    expect(feed(d, ['*W 17'])).toEqual({ events: [], rejections: [] });
    expect(results(feed(d, ['*W 4']).events)).toEqual([
      expect.objectContaining({ game: 'g2', number: 4, late: true }),
    ]);
  });

  it('*W with a number the wheel does not have is out_of_range', () => {
    expect(feed(dec('basic'), ['*S', '*W 37']).rejections).toEqual([
      { reason: 'out_of_range', detail: 'winning number "37" is not a pocket of the european wheel' },
    ]);
  });

  it('a bonus packet is logged as an unknown type and ignored', () => {
    const d = dec('basic');
    const out = d.decode('*Y:P:1');
    expect(out.valid).toBe(true);
    expect(out.events).toEqual([]);
    expect(out.rejections).toEqual([{ reason: 'unknown_type', detail: 'bonus packet ignored: *Y:P:1' }]);
  });

  it('line noise before the * is reported and the packet still counts', () => {
    const out = dec('basic').decode('\x13\x11*S');
    expect(out.events).toEqual([{ type: 'gameStart', game: 'g1' }]);
    expect(out.rejections).toEqual([
      { reason: 'malformed', detail: '2 byte(s) of line noise before the packet' },
    ]);
  });
});

describe('Cammegh: zero and double zero', () => {
  it.each([['*W 00'], ['*W  0'], ['*W 0'], ['*W0']])('a single-zero wheel reads %j as 0', (line) => {
    expect(results(feed(dec('basic', 'european'), ['*S', line]).events)).toEqual([
      expect.objectContaining({ number: 0, label: '0', colour: 'green', pocket: 0 }),
    ]);
  });

  it.each([['*W 01'], ['*W  1'], ['*W 1']])('a single-zero wheel reads %j as 1', (line) => {
    expect(results(feed(dec('basic', 'european'), ['*S', line]).events)).toEqual([
      expect.objectContaining({ number: 1, label: '1' }),
    ]);
  });

  it('a double-zero wheel reads "00" as double zero and " 0" as zero', () => {
    expect(results(feed(dec('basic', 'american'), ['*S', '*W 00']).events)).toEqual([
      expect.objectContaining({ number: '00', label: '00', colour: 'green', pocket: 19 }),
    ]);
    expect(results(feed(dec('basic', 'american'), ['*S', '*W  0']).events)).toEqual([
      expect.objectContaining({ number: 0, label: '0', pocket: 0 }),
    ]);
  });

  it('the status number field "00" is double zero on a double-zero wheel and zero on a single-zero one', () => {
    const lines = [
      ...twice(advanced({ state: 3, count: 1 })),
      ...twice(advanced({ state: 5, count: 1, last: '00' })),
    ];
    expect(results(feed(dec('advanced', 'american'), lines).events)[0]).toMatchObject({ number: '00' });
    expect(results(feed(dec('advanced', 'european'), lines).events)[0]).toMatchObject({ number: 0 });
  });
});

describe('reconnecting into a later game', () => {
  it('reports result_missed for the game that ended unseen and gives the new game its own key', () => {
    const d = new CammeghWheelDecoder('advanced', 'european');
    const feed = (line: string) => d.decode(line).events;
    const events = [
      ...feed('*X;2;010; 5;0;240;0'),
      ...feed('*X;2;010; 5;0;240;0'),
      ...feed('*X;3;010; 5;0;240;0'),
      ...feed('*X;3;010; 5;0;240;0'),
    ];
    expect(events.filter((e) => e.type === 'ballLaunched')).toHaveLength(1);
    d.onConnect(); // unplugged during game 10's spin, back during game 11's spin
    const after = [
      ...feed('*X;3;011;17;0;240;1'),
      ...feed('*X;3;011;17;0;240;1'),
      ...feed('*X;5;011;22;0;240;1'),
      ...feed('*X;5;011;22;0;240;1'),
    ];
    expect(after.filter((e) => e.type === 'sensorError')).toMatchObject([{ code: 'result_missed' }]);
    const results = after.filter((e) => e.type === 'result');
    expect(results).toMatchObject([{ label: '22', late: false }]);
    const launched = after.find((e) => e.type === 'ballLaunched');
    expect(launched && 'game' in launched ? launched.game : '').toBe(
      results[0] && 'game' in results[0] ? results[0].game : 'x',
    );
    expect(launched && 'game' in launched ? launched.game : '').not.toBe('g1');
  });
});
