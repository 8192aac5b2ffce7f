/** Turns a simulated device's actions and state into protocol lines (without line ends). */
export interface Periodic<S> {
  everyMs: number;
  run(state: S, now: number): string[];
}

export interface DeviceEncoder<A, S> {
  readonly protocol: string;
  /** Lines to send when the device does something. */
  action(a: A, s: S, now: number): string[];
  /** Lines sent on a timer (status, heartbeat, retransmission). */
  periodic(): Periodic<S>[];
  /** Replies to a line from the desk. */
  fromHost(line: string, s: S, now: number): string[];
  /** Lines a device sends when its port comes up. */
  onLinkUp(s: S, now: number): string[];
}
