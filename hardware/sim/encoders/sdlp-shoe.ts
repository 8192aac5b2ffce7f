import type { ShoeAction, ShoeState } from '../shoe-game';
import { MIN_HEARTBEAT_MS, MIN_RETRANSMIT_MS, scaled, type SimTiming } from '../timing';
import { ReliableSender } from './sdlp-reliable';
import type { DeviceEncoder, Periodic } from './types';

export class SdlpShoeEncoder implements DeviceEncoder<ShoeAction, ShoeState> {
  readonly protocol = 'sdlp';
  private readonly tx: ReliableSender;
  private current: ShoeState | undefined;

  constructor(
    private readonly timing: SimTiming,
    private readonly model = 'SDSIM-S',
  ) {
    this.tx = new ReliableSender(
      'S',
      Math.max(MIN_RETRANSMIT_MS, scaled(timing, timing.retransmitMs, 'period')),
      () => ({
        model: this.model,
        fw: '1.0',
        ...(this.current?.inserted
          ? { shoe: this.shoeId(this.current), decks: String(this.current.decks) }
          : {}),
      }),
    );
  }

  get sender(): ReliableSender {
    return this.tx;
  }

  action(a: ShoeAction, s: ShoeState, now: number): string[] {
    this.current = s;
    const shoe = this.shoeId(s);
    switch (a.kind) {
      case 'in':
        return [this.tx.event('IN', { shoe, decks: String(s.decks) }, now)];
      case 'out':
        return [this.tx.event('OUT', { shoe }, now)];
      case 'card':
        return [
          this.tx.event('CARD', { shoe, i: String(a.index), c: a.card, burn: a.burn ? '1' : '0' }, now),
        ];
      case 'cut':
        return [this.tx.event('CUT', { shoe, i: String(a.index) }, now)];
      case 'error':
        return [this.tx.event('ERR', { code: a.code, text: 'card-not-read' }, now)];
    }
  }

  /** Shoe ids must never repeat for the device's life (docs/protocols/sdlp.md): prefix the boot id. */
  private shoeId(s: ShoeState): string {
    return `${this.tx.boot}-${s.shoe}`;
  }

  periodic(): Periodic<ShoeState>[] {
    const t = this.timing;
    return [
      {
        everyMs: Math.max(MIN_HEARTBEAT_MS, scaled(t, t.heartbeatMs, 'period')),
        run: (s) => [
          this.tx.unsequenced('HB', {
            state: s.inserted ? 'in' : 'out',
            shoe: this.shoeId(s),
            cards: String(s.drawn),
          }),
        ],
      },
      {
        everyMs: Math.max(MIN_RETRANSMIT_MS, scaled(t, t.retransmitMs, 'period')) / 2,
        run: (_s, now) => this.tx.retransmit(now),
      },
    ];
  }

  fromHost(line: string, s: ShoeState, now: number): string[] {
    this.current = s;
    return this.tx.fromHost(line, now);
  }

  onLinkUp(s: ShoeState): string[] {
    this.current = s;
    return [this.tx.hello()];
  }
}
