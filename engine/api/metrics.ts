/**
 * The monitoring charts' data: a bounded time series per metric, kept in memory by the desk (the
 * journal keeps what matters for audit; these are operational figures).
 */
import type { MetricName, MetricPoint, MetricSeries } from '../../contract/views';

export const METRIC_NAMES: readonly MetricName[] = [
  'obs.fps',
  'obs.skippedFrames',
  'latency.sensorToResult',
  'vision.confidence',
  'platform.backlog',
];

/** Points kept per metric: at one a second, about 10 minutes. */
export const MAX_POINTS = 600;

export class MetricStore {
  private readonly series = new Map<MetricName, MetricPoint[]>(METRIC_NAMES.map((n) => [n, []]));

  constructor(private readonly maxPoints = MAX_POINTS) {}

  add(name: MetricName, point: MetricPoint): void {
    if (!Number.isFinite(point.value)) return;
    const s = this.series.get(name);
    if (!s) return;
    s.push(point);
    if (s.length > this.maxPoints) s.splice(0, s.length - this.maxPoints);
  }

  snapshot(): MetricSeries {
    return Object.fromEntries(METRIC_NAMES.map((n) => [n, [...(this.series.get(n) ?? [])]])) as MetricSeries;
  }
}
