/**
 * The wheel calibration profile in force applied to readings: the rotor direction inverted when the
 * technician said so, the pocket offset recorded but never applied to a number the wheel reports
 * itself, and the profile version journaled with the raw frames and carried into the outcome's
 * sensor evidence.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applyProfile, offsetWarning } from '../../engine/calibration/apply-profile';
import { ActiveWheelProfile, PROFILE_KIND } from '../../engine/calibration/wheel-profiles';
import { buildOutcomeBody, type RoundEntry } from '../../engine/outcomes/round-evidence';
import { attachDevices } from '../../engine/rounds/devices';
import { TableEngine, type Command } from '../../engine/rounds';
import type { DeviceEvents } from '../../hardware/drivers/device';
import type { WheelEventBody } from '../../hardware/protocols/types';
import { MemoryJournal } from '../support/memory-journal';
import { wheel } from '../rounds/support/device-events';
import { StepClock } from '../rounds/support/step-clock';
import { ROULETTE } from '../rounds/support/table';
import { DEALER } from '../rounds/support/users';

const PROFILE = { version: 3, directionInverted: true, pocketOffset: 2 };

describe('applyProfile', () => {
  it('inverts the rotor direction of rotor events and results, keeps the ball direction and the number', () => {
    const rotor = applyProfile(wheel.rotor('cw'), PROFILE);
    expect(rotor).toMatchObject({
      direction: 'ccw',
      calibration: { profile: 3, changed: { direction: 'cw' } },
    });
    const result = applyProfile(
      { ...wheel.result('g1', 17), rotorDirection: 'ccw', ballDirection: 'cw' } as WheelEventBody,
      PROFILE,
    );
    expect(result).toMatchObject({
      number: 17,
      pocket: 8,
      ballDirection: 'cw',
      rotorDirection: 'cw',
      calibration: {
        profile: 3,
        pocketOffset: 2,
        pocketOffsetApplied: false,
        changed: { rotorDirection: 'ccw' },
      },
    });
  });

  it('a profile that does not invert still records its version on results; other events are untouched', () => {
    const p = { version: 1, directionInverted: false, pocketOffset: 0 };
    expect(applyProfile(wheel.result('g1', 5), p)).toMatchObject({
      number: 5,
      calibration: { profile: 1, changed: {} },
    });
    const launch = wheel.launched('g1', 'cw');
    expect(applyProfile(launch, p)).toBe(launch);
    const r = wheel.result('g1', 5);
    expect(applyProfile(r, null)).toBe(r);
  });

  it('a non-zero offset is said to the technician in words, zero is not', () => {
    expect(offsetWarning(PROFILE)).toMatch(/2 pocket\(s\) off.*re-zero/);
    expect(offsetWarning({ ...PROFILE, pocketOffset: 0 })).toBeNull();
    expect(offsetWarning(null)).toBeNull();
  });
});

describe('the profile in force on a table (journal → engine → outcome evidence)', () => {
  function table(withProfile: boolean) {
    const clock = new StepClock();
    const journal = new MemoryJournal(() => clock.now());
    if (withProfile)
      journal.append({
        kind: PROFILE_KIND,
        actor: { id: 'demo-tech', role: 'technician' },
        data: { ...PROFILE, spins: [] },
      });
    const engine = TableEngine.open(journal, ROULETTE, { clock });
    const active = new ActiveWheelProfile(journal);
    const device = new EventEmitter<Pick<DeviceEvents<WheelEventBody>, 'event'>>();
    attachDevices(engine, { wheel: device }, { calibrateWheel: (ev) => applyProfile(ev, active.current()) });
    const send = (body: WheelEventBody, frame: string) =>
      device.emit('event', { ...body, at: clock.now(), mono: clock.monotonic(), frames: [frame] });
    const command = (c: object) =>
      engine.handle({ source: 'operator', command: { ...c, user: DEALER } as Command });
    return { clock, journal, engine, active, send, command };
  }

  /** The wheel says the rotor turns cw and the ball is launched cw: the same direction as reported. */
  function spin(t: ReturnType<typeof table>) {
    t.command({ cmd: 'openBetting', roundId: null });
    t.send(wheel.rotor('cw'), '$W,1,HB,dir=cw');
    t.send(wheel.launched('g1', 'cw'), '$W,2,LAUNCH,game=g1,dir=cw');
  }

  it('without a profile the reported directions make the launch a misspin', () => {
    const t = table(false);
    spin(t);
    expect(t.engine.publicState().round?.roulette?.misspins).toEqual(['launched_with_rotor']);
  });

  it('with the inverting profile the launch is valid, the number stands, and the outcome names profile v3 beside the raw frames', () => {
    const t = table(true);
    expect(t.active.current()?.version).toBe(3);
    spin(t);
    expect(t.engine.publicState().round?.roulette?.misspins).toEqual([]);
    expect([...t.journal.entries()].find((e) => e.kind === 'round.ballLaunched')?.data).toMatchObject({
      direction: 'clockwise',
      rotorDirection: 'anticlockwise',
    });
    t.command({ cmd: 'closeBetting', roundId: 'RT1-1' });
    t.send(
      { ...wheel.result('g1', 17), rotorDirection: 'cw' } as WheelEventBody,
      '$W,3,RESULT,game=g1,n=17,rdir=cw',
    );
    expect(t.engine.publicState().round?.roulette?.winningNumber).toBe(17);
    const input = [...t.journal.entries()].find((e) => e.kind === 'device.wheel.result');
    expect(input?.data).toMatchObject({
      number: 17,
      rotorDirection: 'ccw',
      frames: ['$W,3,RESULT,game=g1,n=17,rdir=cw'],
      calibration: { profile: 3, pocketOffsetApplied: false, changed: { rotorDirection: 'cw' } },
    });
    const settled = t.command({ cmd: 'settle', roundId: 'RT1-1' });
    expect(settled.ok).toBe(true);
    const entries = [...t.journal.entries()] as RoundEntry[];
    const body = buildOutcomeBody(entries, 'RT1-1', {
      studio: 's',
      table: 'RT1',
      game: 'roulette',
      deviceIds: { wheel: 'wheel sdlp@test' },
      clock: { synced: true, source: 'test' },
    });
    expect(body.result).toMatchObject({ number: 17 });
    const sensor = body.evidence.sensor as {
      status: string;
      events: { frames: string[]; calibration?: unknown }[];
    };
    expect(sensor.status).toBe('present');
    const resultEvent = sensor.events.find((e) => e.frames[0]?.includes('RESULT'));
    expect(resultEvent?.calibration).toMatchObject({ profile: 3, directionInverted: true, pocketOffset: 2 });
  });

  it('a profile saved while the desk runs is in force for the next reading', () => {
    const t = table(false);
    t.active.set({ ...PROFILE, version: 4, at: 0, by: 'demo-tech', seq: 1, spins: [] });
    spin(t);
    expect(t.engine.publicState().round?.roulette?.misspins).toEqual([]);
    const rotor = [...t.journal.entries()].find((e) => e.kind === 'device.wheel.rotor');
    expect(rotor?.data).toMatchObject({ direction: 'ccw', calibration: { profile: 4 } });
  });
});
