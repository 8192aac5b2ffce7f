/** Monitoring series: OBS fps and skipped frames, sensor-to-result latency, vision confidence, backlog. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MetricName, MetricPoint, MetricSeries } from '../../../contract/views';

export const MAX_POINTS = 600;

function empty(): MetricSeries {
  return {
    'obs.fps': [],
    'obs.skippedFrames': [],
    'latency.sensorToResult': [],
    'vision.confidence': [],
    'platform.backlog': [],
  };
}

export const useMonitorStore = defineStore('monitor', () => {
  const series = ref<MetricSeries>(empty());

  function applySeries(s: MetricSeries): void {
    series.value = { ...empty(), ...s };
  }

  function applyMetric(name: MetricName, point: MetricPoint): void {
    const list = series.value[name];
    if (!list) return;
    list.push(point);
    if (list.length > MAX_POINTS) list.splice(0, list.length - MAX_POINTS);
  }

  return { series, applySeries, applyMetric };
});
