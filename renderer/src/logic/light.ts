/** A status light: its colour class and the words it shows (state plus reason). Pure. */
import type { ConnectionStatus } from '../../../contract/views';

export type LightTone = 'ok' | 'warn' | 'bad' | 'off';

const WORDS: Record<ConnectionStatus['state'], string> = {
  ok: 'OK',
  connecting: 'Connecting',
  stale: 'Silent',
  disconnected: 'Disconnected',
  bad_config: 'Misconfigured',
  authentication_failure: 'Login refused',
  error: 'Error',
};

export function lightTone(status: ConnectionStatus, configured = true): LightTone {
  if (!configured) return 'off';
  switch (status.state) {
    case 'ok':
      return 'ok';
    case 'connecting':
    case 'stale':
      return 'warn';
    default:
      return 'bad';
  }
}

export function lightWords(status: ConnectionStatus, configured = true): string {
  if (!configured) return 'Off';
  return WORDS[status.state] ?? status.state;
}

/** "12 s" / "3 min" since a moment, for "silent for 12 s". */
export function ago(since: number, now: number): string {
  const s = Math.max(0, Math.round((now - since) / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 90 ? `${m} min` : `${Math.round(m / 60)} h`;
}
