import { describe, expect, it } from 'vitest';
import type { TableConfig } from '../../engine/rounds';
import type { VisionVerdict } from '../../engine/vision/verdict';
import { wheel } from './support/device-events';
import { codeOf, ROULETTE, Table } from './support/table';
import { DEALER, FLOOR_MANAGER } from './support/users';
import { blind, FRAME, MODEL, verdict } from './support/verdicts';

const VISION = { ...ROULETTE, vision: { minConfidence: 0.9, verdictTimeoutMs: 5000 } };

/** A round whose wheel reported 17: now verifying. */
function verifying(config: TableConfig = VISION): Table {
  const t = new Table(config);
  t.command({ cmd: 'openBetting', roundId: null });
  t.wheel(wheel.launched('g1', 'cw'));
  t.wheel(wheel.noMoreBets('g1'));
  t.wheel(wheel.result('g1', 17));
  return t;
}

function send(t: Table, v: VisionVerdict) {
  return t.engine.handle({ source: 'vision', verdict: v });
}

describe('roulette with the vision check', () => {
  it('a sensor number is not final at once: the round is verifying, nothing is announced', () => {
    const t = verifying();
    expect(t.phase).toBe('verifying');
    expect(t.results).toHaveLength(0);
    expect(t.count('round.result')).toBe(0);
    expect(t.journal.kinds().at(-1)).toBe('round.verifying');
    expect(t.engine.publicState().round?.vision).toMatchObject({
      state: 'verifying',
      sensor: [{ slot: 'pocket', label: '17' }],
      hold: null,
      decisions: [],
    });
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('illegal_phase');
  });

  it('the engine announces a verifying round so the check can run', () => {
    const t = new Table(VISION);
    const seen: unknown[] = [];
    t.engine.on('verifying', (r) => seen.push(r));
    t.command({ cmd: 'openBetting', roundId: null });
    t.wheel(wheel.launched('g1', 'cw'));
    t.wheel(wheel.noMoreBets('g1'));
    t.wheel(wheel.result('g1', 0));
    expect(seen).toEqual([
      expect.objectContaining({ roundId: 'RT1-1', game: 'roulette', sensor: ['0'], slots: ['pocket'] }),
    ]);
  });

  it('agree at or above minConfidence → final: round.result announced once, then settle', () => {
    const t = verifying();
    expect(codeOf(send(t, verdict('RT1-1', ['17'], ['17'], 0.9)))).toBe('ok');
    expect(t.phase).toBe('result');
    expect(t.results.map((r) => r.result)).toMatchObject([{ number: 17, manual: false }]);
    expect(t.journal.kinds().slice(-2)).toEqual(['vision.verdict', 'round.result']);
    const result = [...t.journal.entries()].at(-1)!;
    expect(result.data).toMatchObject({ number: 17, verifiedBy: 'vision', cause: result.seq - 1 });
    expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('ok');
  });

  it('the verdict entry keeps the contract shape and the time the engine took it', () => {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['17']));
    const entry = [...t.journal.entries()].find((e) => e.kind === 'vision.verdict')!;
    expect(entry.actor).toEqual({ id: 'vision', role: 'system' });
    expect(entry.data).toMatchObject({
      roundId: 'RT1-1',
      status: 'agree',
      sensor: ['17'],
      readings: [{ label: '17', confidence: 0.99 }],
      model: MODEL,
      frame: FRAME,
      receivedAt: t.clock.now(),
    });
  });

  const held: [string, (id: string) => VisionVerdict, string][] = [
    ['disagree', (id) => verdict(id, ['17'], ['34'], 0.98), 'disagree'],
    ['low confidence', (id) => verdict(id, ['17'], ['17'], 0.62), 'low_confidence'],
    ['none', (id) => verdict(id, ['17'], ['none'], 0.97), 'none'],
    ['no frame', (id) => blind(id, ['17'], 'no_frame'), 'no_frame'],
    ['unavailable', (id) => blind(id, ['17'], 'unavailable'), 'unavailable'],
    // The engine reads the readings itself: a verdict claiming agreement on a low reading is held.
    ['claims agree at 0.5', (id) => verdict(id, ['17'], ['17'], 0.5, 'agree'), 'low_confidence'],
    ['claims agree on another number', (id) => verdict(id, ['17'], ['4'], 0.99, 'agree'), 'disagree'],
    // ...and a verdict that does not say agree is never upgraded, whatever its readings.
    ['says disagree on agreeing readings', (id) => verdict(id, ['17'], ['17'], 0.99, 'disagree'), 'disagree'],
  ];
  for (const [name, make, code] of held) {
    it(`${name} → needs_review holding both readings, nothing announced`, () => {
      const t = verifying();
      expect(codeOf(send(t, make('RT1-1')))).toBe('ok');
      expect(t.phase).toBe('needs_review');
      expect(t.results).toHaveLength(0);
      expect(t.journal.kinds().slice(-2)).toEqual(['vision.verdict', 'round.held']);
      const vision = t.engine.publicState().round?.vision;
      expect(vision?.state).toBe('needs_review');
      expect(vision?.sensor).toEqual([{ slot: 'pocket', label: '17' }]);
      expect(vision?.hold?.code).toBe(code);
      expect(vision?.hold?.reason).not.toBe('');
      expect(vision?.decisions).toContain('accept_sensor');
      expect(vision?.decisions).toContain('void');
      // Nothing but a floor manager moves it on.
      expect(codeOf(t.command({ cmd: 'settle', roundId: 'RT1-1' }))).toBe('illegal_phase');
      expect(codeOf(t.wheel(wheel.result('g1', 17)))).toBe('round_verifying');
    });
  }

  it('the held round shows the camera reading, the frame and whether the camera may be accepted', () => {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['34'], 0.98));
    expect(t.engine.publicState().round?.vision?.hold).toMatchObject({
      camera: [{ slot: 'pocket', label: '34', confidence: 0.98 }],
      model: MODEL,
      frame: FRAME,
      framePath: `/tmp/frames/${FRAME.sha256}.png`,
    });
    expect(t.engine.publicState().round?.vision?.decisions).toEqual([
      'accept_sensor',
      'accept_camera',
      'void',
    ]);
    const blindT = verifying();
    send(blindT, blind('RT1-1', ['17'], 'no_frame'));
    expect(blindT.engine.publicState().round?.vision?.decisions).toEqual(['accept_sensor', 'void']);
  });
});

describe('a floor manager reviews a held result', () => {
  function held(): Table {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['34'], 0.98));
    return t;
  }

  it('accept the sensor → round.reviewed then the sensor number is final', () => {
    const t = held();
    const out = t.command(
      { cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: 'ball in 17 on camera 2' },
      FLOOR_MANAGER,
    );
    expect(codeOf(out)).toBe('ok');
    expect(t.journal.kinds().slice(-3)).toEqual(['command.review', 'round.reviewed', 'round.result']);
    const reviewed = [...t.journal.entries()].find((e) => e.kind === 'round.reviewed')!;
    expect(reviewed.data).toMatchObject({
      roundId: 'RT1-1',
      decision: 'accept_sensor',
      reason: 'ball in 17 on camera 2',
      approver: FLOOR_MANAGER,
    });
    expect(t.results.map((r) => r.result)).toMatchObject([{ number: 17 }]);
    expect(t.phase).toBe('result');
  });

  it('accept the camera → the camera number is final', () => {
    const t = held();
    t.command(
      { cmd: 'review', roundId: 'RT1-1', decision: 'accept_camera', reason: 'sensor misread' },
      FLOOR_MANAGER,
    );
    expect(t.results.map((r) => r.result)).toMatchObject([{ number: 34 }]);
    expect([...t.journal.entries()].at(-1)?.data).toMatchObject({ number: 34, verifiedBy: 'camera' });
  });

  it('void → round.reviewed then round.voided with the reason and approver', () => {
    const t = held();
    t.command(
      { cmd: 'review', roundId: 'RT1-1', decision: 'void', reason: 'ball jumped out' },
      FLOOR_MANAGER,
    );
    expect(t.phase).toBe('void');
    expect(t.journal.kinds().slice(-3)).toEqual(['command.review', 'round.reviewed', 'round.voided']);
    expect(t.results).toHaveLength(0);
    expect(t.engine.publicState().round?.vision).toBeNull();
  });

  it('a dealer cannot decide: forbidden, journaled, the round stays held', () => {
    const t = held();
    const out = t.command(
      { cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: 'looks fine' },
      DEALER,
    );
    expect(codeOf(out)).toBe('forbidden');
    expect(t.journal.kinds().slice(-2)).toEqual(['command.review', 'round.rejected']);
    expect(t.rejections.at(-1)).toMatchObject({ code: 'forbidden', input: 'review' });
    expect(t.phase).toBe('needs_review');
    expect(t.results).toHaveLength(0);
  });

  it('a review needs a reason and a known decision', () => {
    const t = held();
    expect(
      codeOf(
        t.command({ cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: ' ' }, FLOOR_MANAGER),
      ),
    ).toBe('invalid_command');
    expect(
      codeOf(
        t.command(
          { cmd: 'review', roundId: 'RT1-1', decision: 'accept_both' as 'void', reason: 'x' },
          FLOOR_MANAGER,
        ),
      ),
    ).toBe('invalid_command');
    expect(t.phase).toBe('needs_review');
  });

  it('accepting a camera that read nothing is refused', () => {
    const t = verifying();
    send(t, blind('RT1-1', ['17'], 'unavailable'));
    expect(
      codeOf(
        t.command({ cmd: 'review', roundId: 'RT1-1', decision: 'accept_camera', reason: 'x' }, FLOOR_MANAGER),
      ),
    ).toBe('invalid_command');
    expect(t.phase).toBe('needs_review');
  });

  it('review of a round that is not held, or a second review, is refused', () => {
    const t = verifying();
    expect(
      codeOf(
        t.command({ cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: 'x' }, FLOOR_MANAGER),
      ),
    ).toBe('illegal_phase');
    send(t, verdict('RT1-1', ['17'], ['34'], 0.98));
    t.command({ cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: 'x' }, FLOOR_MANAGER);
    expect(
      codeOf(
        t.command({ cmd: 'review', roundId: 'RT1-1', decision: 'void', reason: 'again' }, FLOOR_MANAGER),
      ),
    ).toBe('illegal_phase');
    expect(t.count('round.result')).toBe(1);
  });
});

describe('verdicts the engine refuses', () => {
  it('a verdict for another round is refused and journaled', () => {
    const t = verifying();
    expect(codeOf(send(t, verdict('RT1-9', ['17'], ['17'])))).toBe('unexpected_verdict');
    expect(t.journal.kinds().slice(-2)).toEqual(['vision.verdict', 'round.rejected']);
    expect(t.phase).toBe('verifying');
  });

  it('a second verdict is refused: the first one decided', () => {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['34']));
    expect(codeOf(send(t, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
    expect(t.phase).toBe('needs_review');
    const u = verifying();
    send(u, verdict('RT1-1', ['17'], ['17']));
    expect(codeOf(send(u, verdict('RT1-1', ['17'], ['34'])))).toBe('unexpected_verdict');
    expect(u.count('round.result')).toBe(1);
  });

  it('a verdict about another sensor reading is refused and holds the round', () => {
    const t = verifying();
    expect(codeOf(send(t, verdict('RT1-1', ['18'], ['18'])))).toBe('unexpected_verdict');
    expect(t.phase).toBe('needs_review');
    expect(t.engine.publicState().round?.vision?.hold?.code).toBe('invalid_verdict');
  });

  it('a verdict with no round being verified is refused', () => {
    const t = new Table(VISION);
    expect(codeOf(send(t, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
  });
});

describe('no verdict in time, restarts, vision off', () => {
  it('no verdict within verdictTimeoutMs → held (timeout) on the timer; a late verdict is refused', () => {
    const t = verifying();
    t.advance(4999).tick();
    expect(t.phase).toBe('verifying');
    t.advance(1).tick();
    expect(t.phase).toBe('needs_review');
    expect(t.engine.publicState().round?.vision?.hold?.code).toBe('timeout');
    expect(codeOf(send(t, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
    expect(t.results).toHaveLength(0);
  });

  it('a desk restarted mid-check before the deadline: still verifying, the check is asked again, one verdict decides', () => {
    const t = verifying();
    const seq = [...t.journal.entries()].find((e) => e.kind === 'round.verifying')?.seq;
    const r = t.reopen(1000);
    expect(r.phase).toBe('verifying');
    expect(r.engine.recovery.interrupted).toBeNull();
    expect(r.engine.pendingVerification()).toMatchObject({
      roundId: 'RT1-1',
      game: 'roulette',
      seq,
      sensor: ['17'],
      slots: ['pocket'],
      minConfidence: 0.9,
    });
    expect(r.results).toHaveLength(0);
    send(r, verdict('RT1-1', ['17'], ['17']));
    expect(r.phase).toBe('result');
    expect(r.engine.pendingVerification()).toBeUndefined();
    expect(codeOf(send(r, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
    expect(r.count('round.result')).toBe(1);
    // Restarted again after the result: nothing to check, nothing decided twice.
    const again = r.reopen(0);
    expect(again.engine.pendingVerification()).toBeUndefined();
    expect(again.count('round.result')).toBe(1);
  });

  it('restarted before the deadline and no verdict comes: held (timeout) at the original deadline', () => {
    const t = verifying();
    const r = t.reopen(3000);
    r.advance(1999).tick();
    expect(r.phase).toBe('verifying');
    r.advance(1).tick();
    expect(r.phase).toBe('needs_review');
    expect(r.engine.publicState().round?.vision?.hold?.code).toBe('timeout');
    expect(r.results).toHaveLength(0);
  });

  it('a desk restarted after the deadline holds the result for review (recovery), never a silent pass', () => {
    const t = verifying();
    const r = t.reopen(6000);
    expect(r.phase).toBe('needs_review');
    const hold = r.engine.publicState().round?.vision?.hold;
    expect(hold?.code).toBe('recovery');
    expect(hold?.reason).toMatch(/restarted 6 s after the result, past the check's 5 s/);
    expect(r.engine.recovery.interrupted?.kind).toBe('round.held');
    expect(r.engine.pendingVerification()).toBeUndefined();
    expect(r.results).toHaveLength(0);
    expect(codeOf(send(r, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
    r.command(
      { cmd: 'review', roundId: 'RT1-1', decision: 'accept_sensor', reason: 'checked on camera' },
      FLOOR_MANAGER,
    );
    expect(r.engine.state.lastResults[0]?.outcome).toMatchObject({ number: 17 });
  });

  it('a verdict journaled just before a crash is decided on restart, exactly once', () => {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['17']));
    const crashed = t.journal.truncated(t.journal.size - 1, () => t.clock.now());
    const r = t.reopen(0, crashed);
    expect(r.engine.recovery.rederived.map((e) => e.kind)).toEqual(['round.result']);
    expect(r.phase).toBe('result');
    expect(r.count('round.result')).toBe(1);
  });

  it('a sensor result journaled just before a crash: verifying re-derived, and checked again', () => {
    const t = verifying();
    const crashed = t.journal.truncated(t.journal.size - 1, () => t.clock.now());
    const r = t.reopen(0, crashed);
    expect(r.engine.recovery.rederived.map((e) => e.kind)).toEqual(['round.verifying']);
    expect(r.phase).toBe('verifying');
    expect(r.engine.pendingVerification()?.seq).toBe(r.engine.recovery.rederived[0]?.seq);
    expect(r.count('round.result')).toBe(0);
    // Re-derived after the deadline (the desk was down longer): held (recovery).
    const late = t.journal.truncated(t.journal.size - 1, () => t.clock.now());
    const l = t.reopen(7000, late);
    expect(l.phase).toBe('needs_review');
    expect(l.engine.publicState().round?.vision?.hold?.code).toBe('recovery');
  });

  it('a rebuilt table has the same held round as the live one', () => {
    const t = verifying();
    send(t, verdict('RT1-1', ['17'], ['34'], 0.98));
    expect(t.reopen(0).engine.state).toEqual(t.engine.state);
  });

  it('vision off (no policy): the number is final at once, as before', () => {
    const t = verifying(ROULETTE);
    expect(t.phase).toBe('result');
    expect(t.count('round.verifying')).toBe(0);
    expect(t.results).toHaveLength(1);
  });

  it('a floor manager may still void a round under verification', () => {
    const t = verifying();
    t.command({ cmd: 'void', roundId: 'RT1-1', reason: 'camera blocked by a player' }, FLOOR_MANAGER);
    expect(t.phase).toBe('void');
    expect(codeOf(send(t, verdict('RT1-1', ['17'], ['17'])))).toBe('unexpected_verdict');
  });
});
