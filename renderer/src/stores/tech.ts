/** The technician's live view: raw traffic (hex and text) beside the decoded events, bounded. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  CalibrationView,
  DecodedLine,
  PortView,
  ShoeTestView,
  TrafficLine,
} from '../../../contract/views';

export const MAX_LINES = 200;

export const useTechStore = defineStore('tech', () => {
  const traffic = ref<TrafficLine[]>([]);
  const decoded = ref<DecodedLine[]>([]);
  const ports = ref<PortView[] | null>(null);
  const watching = ref<string | null>(null);
  const paused = ref(false);
  const calibration = ref<CalibrationView | null>(null);

  function applyCalibration(v: CalibrationView): void {
    calibration.value = v;
  }

  const shoeTest = ref<ShoeTestView | null>(null);
  function applyShoeTest(v: ShoeTestView): void {
    shoeTest.value = v;
  }

  function push<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > MAX_LINES) list.splice(0, list.length - MAX_LINES);
  }

  function applyTraffic(t: TrafficLine): void {
    if (!paused.value) push(traffic.value, t);
  }

  function applyDecoded(d: DecodedLine): void {
    if (!paused.value) push(decoded.value, d);
  }

  function clear(): void {
    traffic.value = [];
    decoded.value = [];
  }

  return {
    traffic,
    decoded,
    ports,
    watching,
    paused,
    calibration,
    shoeTest,
    applyShoeTest,
    applyTraffic,
    applyDecoded,
    applyCalibration,
    clear,
  };
});
