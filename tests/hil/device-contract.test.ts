import { afterEach, describe, it } from 'vitest';
import { createShoeDevice, createWheelDevice } from '../../hardware/drivers/create';
import type { ShoeEvent, WheelEvent } from '../../hardware/protocols/types';
import { havePeer } from '../support/peers';
import { checkShoeContract, checkWheelContract, observe } from './contract';
import { shoeRig, wheelRig } from './rig';

/**
 * The same contract, against the simulator on a pty (always) and against real devices when
 * WHEEL_PORT (with WHEEL_PROTOCOL, WHEEL_LAYOUT) or SHOE_PORT names one. A real wheel must be
 * spinning during the observation window (WHEEL_OBSERVE_MS, default 60 s).
 */
const socat = havePeer('socat', 'the pty hardware-in-the-loop suite');
const { WHEEL_PORT, SHOE_PORT } = process.env;
if (!WHEEL_PORT)
  console.warn('real wheel contract not run: set WHEEL_PORT (and WHEEL_PROTOCOL, WHEEL_LAYOUT) to run it');
if (!SHOE_PORT) console.warn('real shoe contract not run: set SHOE_PORT to run it');

describe.skipIf(!socat)('device contract: simulators on a pty', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  for (const protocol of ['sdlp', 'cammegh-basic', 'cammegh-advanced', 'cammegh-extended'] as const) {
    it(`simulated ${protocol} wheel honours the wheel contract`, { timeout: 30_000 }, async () => {
      const rig = await wheelRig({ protocol, layout: 'european', timing: { scale: 0.01 } });
      stop = rig.stop;
      const seen = await observe(rig.device, 3000);
      checkWheelContract(rig.device, seen.events as WheelEvent[], seen.states);
    });
  }

  it('simulated sdlp shoe honours the shoe contract', { timeout: 30_000 }, async () => {
    const rig = await shoeRig({ protocol: 'sdlp', timing: { scale: 0.01 } });
    stop = rig.stop;
    const seen = await observe(rig.device, 2000);
    checkShoeContract(rig.device, seen.events as ShoeEvent[], seen.states);
  });
});

describe.runIf(Boolean(WHEEL_PORT))('device contract: real wheel on WHEEL_PORT', () => {
  it('honours the wheel contract', { timeout: 600_000 }, async () => {
    const device = createWheelDevice({
      port: WHEEL_PORT as string,
      protocol: process.env.WHEEL_PROTOCOL ?? 'cammegh-advanced',
      layout: process.env.WHEEL_LAYOUT === 'american' ? 'american' : 'european',
    });
    device.start();
    try {
      const seen = await observe(device, Number(process.env.WHEEL_OBSERVE_MS ?? 60_000));
      checkWheelContract(device, seen.events as WheelEvent[], seen.states);
    } finally {
      await device.stop();
    }
  });
});

describe.runIf(Boolean(SHOE_PORT))('device contract: real shoe on SHOE_PORT', () => {
  it('honours the shoe contract', { timeout: 600_000 }, async () => {
    const device = createShoeDevice({
      port: SHOE_PORT as string,
      protocol: process.env.SHOE_PROTOCOL ?? 'sdlp',
    });
    device.start();
    try {
      const seen = await observe(device, Number(process.env.SHOE_OBSERVE_MS ?? 60_000));
      checkShoeContract(device, seen.events as ShoeEvent[], seen.states);
    } finally {
      await device.stop();
    }
  });
});
