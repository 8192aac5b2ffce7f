/**
 * Hand-written Cammegh Mercury 360 status packets, built field by field from the public format
 * (`*X;s;ccc;nn;f;rrr;d` and, for Extended, `;eeee;ss;b;vvvvv;pp`), independently of the decoder
 * and of the simulator's encoder.
 */
export interface StatusFields {
  state: number;
  count: number;
  /** The two-character number field as sent ('  ' when none). */
  last?: string;
  warnings?: number;
  /** Rotor speed in tenths of rpm. */
  rpm10?: number;
  /** 0 clockwise, 1 anti-clockwise. */
  dir?: 0 | 1;
}

export interface ExtendedStatusFields extends StatusFields {
  flags?: number;
  spins?: number;
  /** '?', '0' or '1'. */
  ball?: string;
  /** Ball revolution time in 1/32768 s, undefined for '?????'. */
  revTime?: number;
  /** Pocket field as sent ('??' when unknown). */
  pocket?: string;
}

const pad = (n: number, width: number, radix = 10) => n.toString(radix).toUpperCase().padStart(width, '0');

export function advanced(s: StatusFields): string {
  return [
    '*X',
    String(s.state),
    pad(s.count, 3),
    s.last ?? '  ',
    pad(s.warnings ?? 0, 1, 16),
    pad(s.rpm10 ?? 240, 3),
    String(s.dir ?? 0),
  ].join(';');
}

export function extended(s: ExtendedStatusFields): string {
  return [
    advanced(s),
    pad(s.flags ?? 0x12, 4, 16),
    pad(s.spins ?? 0, 2, 16),
    s.ball ?? '?',
    s.revTime === undefined ? '?????' : pad(s.revTime, 5, 16),
    s.pocket ?? '??',
  ].join(';');
}

/** Two-character number field for a winning number, as a wheel of this layout would send it. */
export function numberField(label: string): string {
  return label === '00' ? '00' : label.padStart(2, ' ');
}
