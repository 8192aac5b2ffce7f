import type { WheelLayout } from '../../wheel/layout';
import type { WheelAction, WheelState } from '../wheel-game';
import { MIN_HEARTBEAT_MS, MIN_RETRANSMIT_MS, scaled, type SimTiming } from '../timing';
import { ReliableSender } from './sdlp-reliable';
import type { DeviceEncoder, Periodic } from './types';

const HB_STATE: Record<number, string> = {
  1: 'idle',
  2: 'betting',
  3: 'spinning',
  4: 'spinning',
  5: 'result',
  6: 'closed',
  7: 'locked',
};

export class SdlpWheelEncoder implements DeviceEncoder<WheelAction, WheelState> {
  readonly protocol = 'sdlp';
  private readonly tx: ReliableSender;

  constructor(
    private readonly layout: WheelLayout,
    private readonly timing: SimTiming,
    private readonly model = 'SDSIM-W',
  ) {
    this.tx = new ReliableSender(
      'W',
      Math.max(MIN_RETRANSMIT_MS, scaled(timing, timing.retransmitMs, 'period')),
      () => ({
        model: this.model,
        fw: '1.0',
        layout: this.layout === 'american' ? 'US' : 'EU',
      }),
    );
  }

  get sender(): ReliableSender {
    return this.tx;
  }

  action(a: WheelAction, s: WheelState, now: number): string[] {
    // Game ids must never repeat for the device's life (docs/protocols/sdlp.md): prefix the boot id.
    const game = `${this.tx.boot}-${s.game}`;
    switch (a.kind) {
      case 'start':
        return [this.tx.event('START', { game }, now)];
      case 'launch':
        return [
          this.tx.event('LAUNCH', { game, dir: s.ballDirection ?? 'cw', rpm: s.rotorRpm.toFixed(1) }, now),
        ];
      case 'nmb':
        return [this.tx.event('NMB', { game }, now)];
      case 'result':
        return [
          this.tx.event(
            'RESULT',
            {
              game,
              n: String(a.number),
              dir: s.ballDirection ?? 'cw',
              rpm: s.rotorRpm.toFixed(1),
              rdir: s.rotorDirection,
              revs: String(s.ballSpins),
            },
            now,
          ),
        ];
      case 'misspin':
        return [
          this.tx.event(
            'MISSPIN',
            {
              game,
              reason: a.reason,
              text: a.reason === 'same_direction' ? 'ball-launched-with-rotor' : 'respin',
            },
            now,
          ),
        ];
      case 'error':
        return [
          this.tx.event('ERR', { code: a.code, text: 'no-winning-number' }, now),
          this.tx.event('MISSPIN', { game, reason: 'void', text: a.code }, now),
        ];
      case 'closed':
        return [this.tx.event('CLOSED', {}, now)];
    }
  }

  periodic(): Periodic<WheelState>[] {
    const t = this.timing;
    return [
      {
        everyMs: Math.max(MIN_HEARTBEAT_MS, scaled(t, t.heartbeatMs, 'period')),
        run: (s) => [
          this.tx.unsequenced('HB', {
            state: HB_STATE[s.state] ?? 'idle',
            game: String(s.game),
            rpm: s.rotorRpm.toFixed(1),
            dir: s.rotorDirection,
          }),
        ],
      },
      {
        everyMs: Math.max(MIN_RETRANSMIT_MS, scaled(t, t.retransmitMs, 'period')) / 2,
        run: (_s, now) => this.tx.retransmit(now),
      },
    ];
  }

  fromHost(line: string, _s: WheelState, now: number): string[] {
    return this.tx.fromHost(line, now);
  }

  onLinkUp(): string[] {
    return [this.tx.hello()];
  }
}
