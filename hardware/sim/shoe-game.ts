import { randomInt } from 'node:crypto';
import { fullDeck, splitCard, type CardCode } from '../cards';
import type { ShoeStep } from './scripts';
import { StoppableSleep } from './stoppable-sleep';
import { scaled, type SimTiming } from './timing';

export type ShoeAction =
  | { kind: 'in' }
  | { kind: 'out' }
  | { kind: 'card'; card: CardCode; burn: boolean; index: number }
  | { kind: 'cut'; index: number }
  | { kind: 'error'; code: string };

export interface ShoeState {
  shoe: string;
  inserted: boolean;
  decks: number;
  /** Cards drawn from this shoe so far (the index of the last card, 1-based). */
  drawn: number;
  cutReached: boolean;
}

export interface ShoeGameOptions {
  timing: SimTiming;
  decks: number;
  /** The cut card lies this many cards before the end of the shoe. */
  cutDepth: number;
  script?: ShoeStep[];
  /** Deal every card of the shoe (test rigs), instead of stopping one hand after the cut card. */
  dealAll?: boolean;
  /** Stop after this many shoes. */
  maxShoes?: number;
  /**
   * Whether the hand being dealt takes another card, given its cards so far. The
   * dealer's rules, not the shoe's: the CLI passes the baccarat tableau; the default deals 4 to 6.
   */
  handRule?: (cards: CardCode[]) => boolean;
  onAction: (a: ShoeAction, s: ShoeState) => void;
  onFinished?: () => void;
}

/** Fisher-Yates with crypto.randomInt: every order of the shoe equally likely. */
export function shuffledShoe(decks: number): CardCode[] {
  const cards: CardCode[] = [];
  for (let d = 0; d < decks; d++) cards.push(...fullDeck());
  for (let i = cards.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [cards[i], cards[j]] = [cards[j] as CardCode, cards[i] as CardCode];
  }
  return cards;
}

/** Standard burn: the first card's value (A=1, 10/J/Q/K=10) says how many more to burn. */
export function burnCount(first: CardCode): number {
  const { rank } = splitCard(first);
  if (rank === 'A') return 1;
  if (rank === '10' || rank === 'J' || rank === 'Q' || rank === 'K') return 10;
  return Number(rank);
}

/** A card-reading shoe with a dealer at it: insert, burn, deal hands, cut card, last hand, shoe out, next shoe. */
export class ShoeGame {
  readonly state: ShoeState = { shoe: 'S0000', inserted: false, decks: 8, drawn: 0, cutReached: false };
  private readonly clock = new StoppableSleep();
  private shoes = 0;
  private injected: { error?: string } = {};

  constructor(private readonly opts: ShoeGameOptions) {}

  inject(fault: { error?: string }): void {
    Object.assign(this.injected, fault);
  }

  stop(): void {
    this.clock.stop();
  }

  async run(): Promise<void> {
    if (!(await this.clock.sleep(scaled(this.opts.timing, 1000)))) return this.finish();
    if (this.opts.script) await this.runScript(this.opts.script);
    else await this.runRandom();
    this.finish();
  }

  private finish(): void {
    this.opts.onFinished?.();
  }

  private async runScript(steps: ShoeStep[]): Promise<void> {
    const t = this.opts.timing;
    if (steps[0]?.kind !== 'in') this.insert(this.opts.decks);
    for (const step of steps) {
      if (this.clock.stopped) return;
      if (step.kind === 'in') this.insert(step.decks ?? this.opts.decks);
      else if (step.kind === 'out') this.remove();
      else if (step.kind === 'cut') {
        this.state.cutReached = true;
        this.emit({ kind: 'cut', index: this.state.drawn });
      } else this.draw(step.card, step.burn);
      if (!(await this.clock.sleep(scaled(t, t.cardMs)))) return;
    }
  }

  private async runRandom(): Promise<void> {
    const t = this.opts.timing;
    while (!this.clock.stopped && (this.opts.maxShoes === undefined || this.shoes < this.opts.maxShoes)) {
      const cards = shuffledShoe(this.opts.decks);
      const cutAt = cards.length - this.opts.cutDepth;
      this.insert(this.opts.decks);
      let i = 0;
      const next = (burn: boolean): boolean => {
        const card = cards[i++];
        if (!card) return false;
        this.draw(card, burn);
        if (i === cutAt) {
          this.state.cutReached = true;
          this.emit({ kind: 'cut', index: i });
        }
        return true;
      };
      if (!(await this.clock.sleep(scaled(t, t.cardMs)))) return;
      const first = cards[0] as CardCode;
      next(true);
      for (let b = 0; b < burnCount(first); b++) {
        if (!(await this.clock.sleep(scaled(t, t.cardMs)))) return;
        next(true);
      }
      let lastHand = false;
      while (i < cards.length) {
        if (!(await this.clock.sleep(scaled(t, t.handPauseMs)))) return;
        const hand: CardCode[] = [];
        const wantsMore =
          this.opts.handRule ?? ((h: CardCode[]) => h.length < 4 || (h.length < 6 && randomInt(0, 2) === 1));
        while (i < cards.length && wantsMore(hand)) {
          if (this.injected.error) {
            this.emit({ kind: 'error', code: this.injected.error });
            this.injected.error = undefined;
          }
          hand.push(cards[i] as CardCode);
          next(false);
          if (!(await this.clock.sleep(scaled(t, t.cardMs)))) return;
        }
        if (lastHand && !this.opts.dealAll) break;
        if (this.state.cutReached) lastHand = true;
      }
      if (!(await this.clock.sleep(scaled(t, t.handPauseMs)))) return;
      this.remove();
      if (!(await this.clock.sleep(scaled(t, t.handPauseMs)))) return;
    }
  }

  private insert(decks: number): void {
    this.shoes++;
    Object.assign(this.state, {
      shoe: `S${String(this.shoes).padStart(4, '0')}`,
      inserted: true,
      decks,
      drawn: 0,
      cutReached: false,
    });
    this.emit({ kind: 'in' });
  }

  private remove(): void {
    this.state.inserted = false;
    this.emit({ kind: 'out' });
  }

  private draw(card: CardCode, burn: boolean): void {
    this.state.drawn++;
    this.emit({ kind: 'card', card, burn, index: this.state.drawn });
  }

  private emit(a: ShoeAction): void {
    this.opts.onAction(a, this.state);
  }
}
