/** Feeds a table's device drivers into its engine. */
import type { DeviceEvents } from '../../hardware/drivers/device';
import type { ShoeEventBody, WheelEventBody } from '../../hardware/protocols/types';
import type { TableEngine } from './table-engine';

/** What the engine needs of a driver (a SerialDevice): its decoded events. */
export interface EventSource<B extends WheelEventBody | ShoeEventBody> {
  on(event: 'event', listener: (...args: DeviceEvents<B>['event']) => void): unknown;
  off(event: 'event', listener: (...args: DeviceEvents<B>['event']) => void): unknown;
}

/** Sends every decoded wheel and shoe event to `engine.handle`. Returns the function that detaches. */
export function attachDevices(
  engine: TableEngine,
  devices: { wheel?: EventSource<WheelEventBody>; shoe?: EventSource<ShoeEventBody> },
  opts: {
    /** The wheel's reading as the calibration profile in force says it is (engine/calibration). */
    calibrateWheel?: (
      event: DeviceEvents<WheelEventBody>['event'][0],
    ) => DeviceEvents<WheelEventBody>['event'][0];
  } = {},
): () => void {
  const calibrate = opts.calibrateWheel ?? ((e) => e);
  const onWheel = (event: DeviceEvents<WheelEventBody>['event'][0]): void => {
    engine.handle({ source: 'wheel', event: calibrate(event) });
  };
  const onShoe = (event: DeviceEvents<ShoeEventBody>['event'][0]): void => {
    engine.handle({ source: 'shoe', event });
  };
  devices.wheel?.on('event', onWheel);
  devices.shoe?.on('event', onShoe);
  return () => {
    devices.wheel?.off('event', onWheel);
    devices.shoe?.off('event', onShoe);
  };
}
