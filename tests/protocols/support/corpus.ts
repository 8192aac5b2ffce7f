import { CammeghWheelEncoder, statusLine } from '../../../hardware/sim/encoders/cammegh-wheel';
import { SdlpShoeEncoder } from '../../../hardware/sim/encoders/sdlp-shoe';
import { SdlpWheelEncoder } from '../../../hardware/sim/encoders/sdlp-wheel';
import type { ShoeState } from '../../../hardware/sim/shoe-game';
import { REALISTIC_TIMING } from '../../../hardware/sim/timing';
import type { DeviceEncoder } from '../../../hardware/sim/encoders/types';
import type { WheelAction, WheelState } from '../../../hardware/sim/wheel-game';
import type { CammeghVariant } from '../../../hardware/protocols/cammegh/lines';
import type { WheelLayout, WheelNumber } from '../../../hardware/wheel/layout';

/**
 * Valid lines of every protocol, as the simulator's encoders write them: the seeds that the fuzz
 * tests mutate. Each list tells one or two short games so that every frame type appears.
 */
const NUMBERS: Record<WheelLayout, WheelNumber[]> = {
  european: [17, 0, 32],
  american: ['00', 28, 5],
};

function wheelState(over: Partial<WheelState>): WheelState {
  return {
    state: 2,
    game: 1,
    count: 1,
    warnings: 0,
    rotorRpm: 24,
    rotorDirection: 'cw',
    ballSpins: 0,
    ...over,
  };
}

export function sdlpWheelLines(layout: WheelLayout): string[] {
  const enc = new SdlpWheelEncoder(layout, REALISTIC_TIMING);
  const [hb] = enc.periodic();
  const lines = [...enc.onLinkUp()];
  NUMBERS[layout].forEach((number, i) => {
    const game = i + 1;
    const s = wheelState({ game, count: game, ballDirection: 'ccw', ballSpins: 9 + i });
    lines.push(...enc.action({ kind: 'start', game }, s, 0));
    if (hb) lines.push(...hb.run(s, 0));
    lines.push(...enc.action({ kind: 'launch', game }, { ...s, state: 3 }, 0));
    lines.push(...enc.action({ kind: 'nmb', game }, { ...s, state: 4 }, 0));
    lines.push(...enc.action({ kind: 'result', game, number }, { ...s, state: 5, last: number }, 0));
  });
  const s = wheelState({ game: 4 });
  lines.push(...enc.action({ kind: 'misspin', game: 4, reason: 'same_direction' }, s, 0));
  lines.push(...enc.action({ kind: 'error', game: 4, code: 'rim_sensor' }, s, 0));
  lines.push(...enc.action({ kind: 'closed' }, s, 0));
  return lines;
}

export function sdlpShoeLines(): string[] {
  const enc = new SdlpShoeEncoder(REALISTIC_TIMING);
  const [hb] = enc.periodic();
  const s: ShoeState = { shoe: 'S0001', inserted: true, decks: 8, drawn: 0, cutReached: false };
  const lines = [...enc.onLinkUp(s)];
  lines.push(...enc.action({ kind: 'in' }, s, 0));
  const cards = [
    ['7H', true],
    ['QS', false],
    ['10D', false],
    ['AC', false],
  ] as const;
  cards.forEach(([card, burn], i) => {
    s.drawn = i + 1;
    lines.push(...enc.action({ kind: 'card', card, burn, index: s.drawn }, s, 0));
  });
  if (hb) lines.push(...hb.run(s, 0));
  lines.push(...enc.action({ kind: 'cut', index: s.drawn }, s, 0));
  lines.push(...enc.action({ kind: 'error', code: 'misread' }, s, 0));
  lines.push(...enc.action({ kind: 'out' }, { ...s, inserted: false }, 0));
  return lines;
}

export function cammeghLines(variant: CammeghVariant, layout: WheelLayout): string[] {
  const enc: DeviceEncoder<WheelAction, WheelState> = new CammeghWheelEncoder(
    variant,
    REALISTIC_TIMING,
    layout,
  );
  const lines: string[] = [];
  let last: WheelNumber | undefined;
  NUMBERS[layout].forEach((number, i) => {
    const game = i + 1;
    const base = wheelState({ game, count: 250 + game, last });
    const phases: WheelState[] = [
      { ...base, state: 2 },
      { ...base, state: 3, ballDirection: 'ccw', ballRevTime: 20000 },
      { ...base, state: 4, ballDirection: 'ccw', ballRevTime: 22000, ballSpins: 8 },
      { ...base, state: 5, ballDirection: 'ccw', ballSpins: 10, last: number, pocket: number },
    ];
    lines.push(...enc.action({ kind: 'start', game }, base, 0));
    for (const p of phases) {
      if (p.state === 4) lines.push(...enc.action({ kind: 'nmb', game }, p, 0));
      if (p.state === 5) lines.push(...enc.action({ kind: 'result', game, number }, p, 0));
      if (variant !== 'basic') lines.push(statusLine(p, variant), statusLine(p, variant));
    }
    last = number;
  });
  if (variant !== 'basic') {
    lines.push(statusLine(wheelState({ state: 3, warnings: 0x2 }), variant));
    lines.push(statusLine(wheelState({ state: 6, count: 0 }), variant));
  }
  lines.push('*Y:P:1');
  return lines;
}
