import type { ConnectionStatus } from '../lib/status';
import type { DeviceEventBody, EventMeta, Rejection } from '../hardware/protocols/types';

/** An event as the monitor prints it: the event's own fields, an ISO time, the frames it came from. */
export function eventJson(e: DeviceEventBody & EventMeta): Record<string, unknown> {
  const { at, mono: _mono, frames, ...body } = e;
  return { ...body, at: new Date(at).toISOString(), frames };
}

export function eventText(e: DeviceEventBody & EventMeta): string {
  const time = new Date(e.at).toISOString().slice(11, 23);
  const { at: _a, mono: _m, frames: _f, type, ...rest } = e;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${type.padEnd(13)} ${fields}`;
}

export function statusText(name: string, s: ConnectionStatus): string {
  return `${new Date(s.since).toISOString().slice(11, 23)} [${name}] ${s.state.toUpperCase()} ${s.reason}`;
}

export function rejectionText(r: Rejection): string {
  return `frame rejected (${r.reason}): ${r.detail} — ${JSON.stringify(r.raw)}`;
}
