import type { CammeghVariant } from '../../protocols/cammegh/lines';
import type { WheelLayout, WheelNumber } from '../../wheel/layout';
import type { WheelAction, WheelState } from '../wheel-game';
import { scaled, type SimTiming } from '../timing';
import type { DeviceEncoder, Periodic } from './types';

/**
 * The two-character number field. 1-9 are zero-padded ('07'); zero is sent as ' 0' on both wheels,
 * because '00' is double zero on an American wheel (the public text leaves zero's padding open:
 * the desk's parser accepts '0', ' 0' and, on a single-zero wheel, '00').
 */
export function numberField(n: WheelNumber | undefined): string {
  if (n === undefined) return '  ';
  if (n === '00') return '00';
  if (n === 0) return ' 0';
  return String(n).padStart(2, '0');
}

/** Extended flags as the sim derives them from its state (see docs/protocols/cammegh.md). */
function extendedFlags(s: WheelState): number {
  let f = 0;
  if (s.rotorRpm < 2) f |= 0x01;
  else if (s.rotorRpm > 30) f |= 0x04;
  else if (s.rotorRpm < 10) f |= 0x08;
  else f |= 0x02;
  f |= s.rotorDirection === 'cw' ? 0x10 : 0x20;
  if (s.state === 2) f |= 0x80;
  if (s.state === 5) f |= 0x100;
  return f;
}

export function statusLine(s: WheelState, variant: CammeghVariant): string {
  const rpm = s.rotorRpm < 2 || s.rotorRpm > 60 ? 0 : Math.round(s.rotorRpm * 10);
  const base = [
    '*X',
    String(s.state),
    String(s.count).padStart(3, '0'),
    numberField(s.last),
    s.warnings.toString(16).toUpperCase(),
    String(rpm).padStart(3, '0'),
    s.rotorDirection === 'ccw' ? '1' : '0',
  ];
  if (variant === 'extended') {
    base.push(
      extendedFlags(s).toString(16).toUpperCase().padStart(4, '0'),
      Math.min(255, s.ballSpins).toString(16).toUpperCase().padStart(2, '0'),
      s.ballDirection === undefined ? '?' : s.ballDirection === 'ccw' ? '1' : '0',
      s.ballRevTime === undefined ? '?????' : s.ballRevTime.toString(16).toUpperCase().padStart(5, '0'),
      s.state === 5 ? numberField(s.pocket) : '??',
    );
  }
  return base.join(';');
}

/** Cammegh Mercury 360 output: Basic event lines, or Advanced/Extended status every 500 ms; the legacy "nn" line on every result. */
export class CammeghWheelEncoder implements DeviceEncoder<WheelAction, WheelState> {
  readonly protocol: string;

  constructor(
    private readonly variant: CammeghVariant,
    private readonly timing: SimTiming,
    _layout: WheelLayout,
  ) {
    this.protocol = `cammegh-${variant}`;
  }

  action(a: WheelAction): string[] {
    const basic = this.variant === 'basic';
    switch (a.kind) {
      case 'start':
        return basic ? ['*S'] : [];
      case 'nmb':
        return basic ? ['*N'] : [];
      case 'result':
        return basic ? [`*W ${numberField(a.number)}`, numberField(a.number)] : [numberField(a.number)];
      default:
        return [];
    }
  }

  periodic(): Periodic<WheelState>[] {
    if (this.variant === 'basic') return [];
    return [
      {
        everyMs: scaled(this.timing, this.timing.statusEveryMs, 'period'),
        run: (s) => [statusLine(s, this.variant)],
      },
    ];
  }

  fromHost(): string[] {
    return [];
  }

  onLinkUp(): string[] {
    return [];
  }
}
