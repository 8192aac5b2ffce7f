import { describe, expect, it } from 'vitest';
import {
  applyRouletteEvent,
  bettingTimeLeftMs,
  isBettingTimeUp,
  newRouletteRound,
  replayRoulette,
  rouletteEvents as ev,
  type RouletteEvent,
  type RouletteEventType,
} from '../../engine/games/roulette';
import { DEALER, FLOOR_MANAGER, roundIn, type RouletteSituation } from './support/roulette-rounds';
import { refusalCode, unwrap } from './support/unwrap';

const AT = 50_000;

/** One valid example of each event. */
const SAMPLE: Readonly<Record<RouletteEventType, RouletteEvent>> = {
  openBetting: ev.openBetting(AT, 15_000),
  closeBetting: ev.closeBetting(AT),
  ballLaunched: ev.ballLaunched(AT, 'clockwise', 'anticlockwise'),
  result: ev.result(AT, 32),
  misspin: ev.misspin(AT, 'ball_out'),
  settle: ev.settle(AT),
  void: ev.void(AT, 'wheel sensor fault', FLOOR_MANAGER),
};

const EVENTS: RouletteEventType[] = [
  'openBetting',
  'closeBetting',
  'ballLaunched',
  'result',
  'misspin',
  'settle',
  'void',
];

/**
 * Every situation × event, written out: the phase the event leads to, or the refusal's code.
 * The situations are the phases plus betting open with a ball already launched.
 * ILLEGAL = 'illegal_transition'; NO_BALL = 'no_ball_launched'; OPEN = 'betting_open'.
 */
const ILLEGAL = 'error:illegal_transition';
const NO_BALL = 'error:no_ball_launched';
const OPEN = 'error:betting_open';
const TRANSITIONS: Record<RouletteSituation, Record<RouletteEventType, string>> = {
  idle: {
    openBetting: 'betting_open',
    closeBetting: ILLEGAL,
    ballLaunched: ILLEGAL,
    result: NO_BALL,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: 'void',
  },
  betting_open: {
    openBetting: ILLEGAL,
    closeBetting: 'no_more_bets',
    ballLaunched: 'betting_open',
    result: OPEN,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: 'void',
  },
  betting_open_ball_in_play: {
    openBetting: ILLEGAL,
    closeBetting: 'spinning',
    ballLaunched: ILLEGAL,
    result: OPEN,
    misspin: 'betting_open',
    settle: ILLEGAL,
    void: 'void',
  },
  no_more_bets: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: 'spinning',
    result: NO_BALL,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: 'void',
  },
  spinning: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: ILLEGAL,
    result: 'result',
    misspin: 'respin_required',
    settle: ILLEGAL,
    void: 'void',
  },
  respin_required: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: 'spinning',
    result: NO_BALL,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: 'void',
  },
  result: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: ILLEGAL,
    result: ILLEGAL,
    misspin: ILLEGAL,
    settle: 'settled',
    void: 'void',
  },
  settled: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: ILLEGAL,
    result: ILLEGAL,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: ILLEGAL,
  },
  void: {
    openBetting: ILLEGAL,
    closeBetting: ILLEGAL,
    ballLaunched: ILLEGAL,
    result: ILLEGAL,
    misspin: ILLEGAL,
    settle: ILLEGAL,
    void: ILLEGAL,
  },
};

const CASES = (Object.keys(TRANSITIONS) as RouletteSituation[]).flatMap((situation) =>
  EVENTS.map((event) => ({ situation, event, expected: TRANSITIONS[situation][event] })),
);

describe('roulette phase transitions', () => {
  it.each(CASES)('$situation + $event → $expected', ({ situation, event, expected }) => {
    const round = roundIn(situation);
    const snapshot = structuredClone(round);
    const result = applyRouletteEvent(round, SAMPLE[event]);
    if (expected.startsWith('error:')) {
      expect(result).toEqual({
        ok: false,
        error: { code: expected.slice('error:'.length), message: expect.any(String) },
      });
    } else {
      expect(unwrap(result).phase).toBe(expected);
    }
    expect(round).toEqual(snapshot);
  });
});

describe('ball launched while betting is open', () => {
  it('is recorded and betting stays open', () => {
    const round = unwrap(applyRouletteEvent(roundIn('betting_open'), ev.ballLaunched(AT, 'clockwise')));
    expect(round.phase).toBe('betting_open');
    expect(round.launches).toEqual([{ at: AT, direction: 'clockwise' }]);
    expect(round.betting).toEqual({ openedAt: 1_000, closesAt: 16_000 });
  });

  it('closing betting then goes straight to spinning, and the number is accepted', () => {
    const round = unwrap(
      replayRoulette(roundIn('betting_open'), [
        ev.ballLaunched(10_000, 'clockwise', 'anticlockwise'),
        ev.closeBetting(16_000),
        ev.result(30_000, 26),
        ev.settle(31_000),
      ]),
    );
    expect(round).toMatchObject({ phase: 'settled', winningNumber: 26, respins: 0 });
    expect(round.betting?.closedAt).toBe(16_000);
  });

  it('a winning number is refused while betting is still open', () => {
    const refused = applyRouletteEvent(roundIn('betting_open_ball_in_play'), ev.result(AT, 9));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'betting_open', message: 'winning number refused: betting is still open' },
    });
  });

  it('a launch in the rotor direction is a misspin and betting stays open; the relaunch is a respin', () => {
    const misspun = unwrap(
      applyRouletteEvent(roundIn('betting_open'), ev.ballLaunched(AT, 'clockwise', 'clockwise')),
    );
    expect(misspun.phase).toBe('betting_open');
    expect(misspun.misspins).toEqual([{ at: AT, reason: 'launched_with_rotor' }]);
    // no valid launch stands: closing betting waits for a launch
    expect(unwrap(applyRouletteEvent(misspun, ev.closeBetting(AT + 1))).phase).toBe('no_more_bets');
    const relaunched = unwrap(
      applyRouletteEvent(misspun, ev.ballLaunched(AT + 2, 'anticlockwise', 'clockwise')),
    );
    expect(relaunched).toMatchObject({ phase: 'betting_open', respins: 1 });
    expect(unwrap(applyRouletteEvent(relaunched, ev.closeBetting(AT + 3))).phase).toBe('spinning');
  });

  it('a misspin reported while betting is open cancels the launch; betting stays open', () => {
    const round = unwrap(
      applyRouletteEvent(roundIn('betting_open_ball_in_play'), ev.misspin(AT, 'ball_out')),
    );
    expect(round.phase).toBe('betting_open');
    expect(round.misspins).toEqual([{ at: AT, reason: 'ball_out' }]);
    expect(unwrap(applyRouletteEvent(round, ev.closeBetting(AT + 1))).phase).toBe('no_more_bets');
  });
});

describe('betting', () => {
  it('opening records when betting closes', () => {
    const round = unwrap(applyRouletteEvent(newRouletteRound(), ev.openBetting(1_000, 15_000)));
    expect(round.betting).toEqual({ openedAt: 1_000, closesAt: 16_000 });
    expect(bettingTimeLeftMs(round, 6_000)).toBe(10_000);
    expect(isBettingTimeUp(round, 15_999)).toBe(false);
    expect(isBettingTimeUp(round, 16_000)).toBe(true);
    expect(bettingTimeLeftMs(round, 20_000)).toBe(0);
  });

  it('closing records when it closed; no betting time is left afterwards', () => {
    const round = unwrap(
      replayRoulette(newRouletteRound(), [ev.openBetting(1_000, 15_000), ev.closeBetting(16_020)]),
    );
    expect(round.betting).toEqual({ openedAt: 1_000, closesAt: 16_000, closedAt: 16_020 });
    expect(bettingTimeLeftMs(round, 2_000)).toBe(0);
    expect(isBettingTimeUp(round, 20_000)).toBe(false);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a betting time of %s ms', (ms) => {
    expect(refusalCode(applyRouletteEvent(newRouletteRound(), ev.openBetting(1_000, ms)))).toBe(
      'invalid_duration',
    );
  });

  it('refuses an event without a valid time', () => {
    expect(refusalCode(applyRouletteEvent(newRouletteRound(), ev.openBetting(Number.NaN, 15_000)))).toBe(
      'invalid_time',
    );
  });
});

describe('winning number', () => {
  it('is refused when no ball was launched in this round', () => {
    for (const phase of ['idle', 'no_more_bets'] as const) {
      expect(refusalCode(applyRouletteEvent(roundIn(phase), ev.result(AT, 7)))).toBe('no_ball_launched');
    }
  });

  it('is refused while betting is open, whether or not a ball was launched', () => {
    for (const situation of ['betting_open', 'betting_open_ball_in_play'] as const) {
      expect(refusalCode(applyRouletteEvent(roundIn(situation), ev.result(AT, 7)))).toBe('betting_open');
    }
  });

  it('is recorded with its time after a launch', () => {
    const round = unwrap(applyRouletteEvent(roundIn('spinning'), ev.result(AT, 0)));
    expect(round).toMatchObject({ phase: 'result', winningNumber: 0, resultAt: AT });
  });

  it.each(['00', 37, -1, 1.5, Number.NaN] as const)('%s is refused on a European wheel', (n) => {
    expect(refusalCode(applyRouletteEvent(roundIn('spinning'), ev.result(AT, n)))).toBe('not_on_wheel');
  });

  it('00 is accepted on an American wheel, 37 is not', () => {
    const spinning = roundIn('spinning', 'american');
    expect(unwrap(applyRouletteEvent(spinning, ev.result(AT, '00'))).winningNumber).toBe('00');
    expect(refusalCode(applyRouletteEvent(spinning, ev.result(AT, 37)))).toBe('not_on_wheel');
  });

  it('every pocket of each wheel is accepted', () => {
    for (let n = 0; n <= 36; n++) {
      expect(applyRouletteEvent(roundIn('spinning'), ev.result(AT, n)).ok).toBe(true);
      expect(applyRouletteEvent(roundIn('spinning', 'american'), ev.result(AT, n)).ok).toBe(true);
    }
  });

  it('settling records the time', () => {
    expect(unwrap(applyRouletteEvent(roundIn('result'), ev.settle(AT)))).toMatchObject({
      phase: 'settled',
      settledAt: AT,
      winningNumber: 17,
    });
  });
});

describe('misspin and respin', () => {
  it('a ball launched in the rotor direction is a misspin', () => {
    const round = unwrap(
      applyRouletteEvent(roundIn('no_more_bets'), ev.ballLaunched(AT, 'clockwise', 'clockwise')),
    );
    expect(round.phase).toBe('respin_required');
    expect(round.misspins).toEqual([{ at: AT, reason: 'launched_with_rotor' }]);
    expect(round.launches).toEqual([{ at: AT, direction: 'clockwise', rotorDirection: 'clockwise' }]);
  });

  it('a ball launched against the rotor, or with the rotor direction unknown, spins', () => {
    const against = unwrap(
      applyRouletteEvent(roundIn('no_more_bets'), ev.ballLaunched(AT, 'anticlockwise', 'clockwise')),
    );
    expect(against.phase).toBe('spinning');
    const unknown = unwrap(applyRouletteEvent(roundIn('no_more_bets'), ev.ballLaunched(AT, 'anticlockwise')));
    expect(unknown.phase).toBe('spinning');
    expect(unknown.launches).toEqual([{ at: AT, direction: 'anticlockwise' }]);
  });

  it('a ball launched with its own direction unknown spins, whatever the rotor does', () => {
    const round = unwrap(
      applyRouletteEvent(roundIn('no_more_bets'), ev.ballLaunched(AT, undefined, 'clockwise')),
    );
    expect(round.phase).toBe('spinning');
    expect(round.launches).toEqual([{ at: AT, rotorDirection: 'clockwise' }]);
  });

  it.each(['misspin', 'no_spin', 'ball_out'] as const)('%s while spinning requires a respin', (reason) => {
    const round = unwrap(applyRouletteEvent(roundIn('spinning'), ev.misspin(AT, reason)));
    expect(round.phase).toBe('respin_required');
    expect(round.misspins).toEqual([{ at: AT, reason }]);
    expect(round.respins).toBe(0);
  });

  it('a winning number is refused after a misspin until the ball is launched again', () => {
    expect(refusalCode(applyRouletteEvent(roundIn('respin_required'), ev.result(AT, 5)))).toBe(
      'no_ball_launched',
    );
  });

  it('respins are counted, including a relaunch that is itself a misspin', () => {
    const round = unwrap(
      replayRoulette(roundIn('no_more_bets'), [
        ev.ballLaunched(100, 'clockwise', 'anticlockwise'),
        ev.misspin(200, 'ball_out'),
        ev.ballLaunched(300, 'anticlockwise', 'anticlockwise'),
        ev.ballLaunched(400, 'clockwise', 'anticlockwise'),
        ev.misspin(500, 'no_spin'),
        ev.ballLaunched(600, 'clockwise', 'anticlockwise'),
        ev.result(700, 23),
        ev.settle(800),
      ]),
    );
    expect(round.phase).toBe('settled');
    expect(round.respins).toBe(3);
    expect(round.launches).toHaveLength(4);
    expect(round.misspins.map((m) => m.reason)).toEqual(['ball_out', 'launched_with_rotor', 'no_spin']);
    expect(round.winningNumber).toBe(23);
  });
});

describe('void', () => {
  it('records reason, approver, time and the phase it ended', () => {
    const round = unwrap(
      applyRouletteEvent(roundIn('spinning'), ev.void(AT, '  ball left the wheel twice ', FLOOR_MANAGER)),
    );
    expect(round.phase).toBe('void');
    expect(round.voided).toEqual({
      at: AT,
      reason: 'ball left the wheel twice',
      approver: FLOOR_MANAGER,
      from: 'spinning',
    });
  });

  it.each(['', '   '])('needs a reason (refused: %j)', (reason) => {
    expect(refusalCode(applyRouletteEvent(roundIn('result'), ev.void(AT, reason, FLOOR_MANAGER)))).toBe(
      'reason_required',
    );
  });

  it('needs a floor manager, not a dealer', () => {
    const refused = applyRouletteEvent(roundIn('result'), ev.void(AT, 'wrong number entered', DEALER));
    expect(refusalCode(refused)).toBe('approver_not_authorised');
    const shift = applyRouletteEvent(
      roundIn('result'),
      ev.void(AT, 'x', { id: 'sm-1', role: 'shift_manager' }),
    );
    expect(refusalCode(shift)).toBe('approver_not_authorised');
  });

  it('needs the approver named', () => {
    const refused = applyRouletteEvent(
      roundIn('result'),
      ev.void(AT, 'wrong number', { id: ' ', role: 'floor_manager' }),
    );
    expect(refusalCode(refused)).toBe('approver_required');
  });

  it('a settled round cannot be voided', () => {
    expect(refusalCode(applyRouletteEvent(roundIn('settled'), SAMPLE.void))).toBe('illegal_transition');
  });
});

describe('replay', () => {
  it('stops at the first refused event', () => {
    const result = replayRoulette(newRouletteRound(), [
      ev.openBetting(0, 10_000),
      ev.closeBetting(10_000),
      ev.result(11_000, 4),
      ev.settle(12_000),
    ]);
    expect(refusalCode(result)).toBe('no_ball_launched');
  });
});
