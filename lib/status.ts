/**
 * One status for every connection the desk keeps (serial devices, OBS, vision, platform),
 * always with a reason a person can read.
 */
export const CONNECTION_STATES = [
  'ok',
  'connecting',
  'stale',
  'disconnected',
  'bad_config',
  /** The peer refused our credentials (a wrong OBS password): retrying cannot help. */
  'authentication_failure',
  'error',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ConnectionStatus {
  state: ConnectionState;
  /** Why the connection is in this state, in words (empty only for a plain 'ok'). */
  reason: string;
  /** Wall-clock ms when this state was entered. */
  since: number;
}
