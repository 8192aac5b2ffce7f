/**
 * The shoe reader test on a live desk: the shoe's cards, reader errors and rejected frames feed the
 * pure test (shoe-test.ts) while it runs; the technician saves the result to the journal
 * (`calibration.shoe.tested`, pass or fail, with the cards), so every test is audited.
 */
import { EventEmitter } from 'node:events';
import type { SerialDevice } from '../../hardware/drivers/device';
import type { Rejection, ShoeEventBody } from '../../hardware/protocols/types';
import type { Journal } from '../journal/types';
import type { User } from '../rounds/commands';
import {
  onCard,
  onReaderError,
  onRejectedFrame,
  shoeReport,
  startShoeTest,
  type ShoeTest,
} from './shoe-test';
import type { ShoeTestView } from './view';

export const SHOE_TEST_KIND = 'calibration.shoe.tested';

export class ShoeWizard extends EventEmitter<{ changed: [ShoeTestView] }> {
  private state: ShoeTest | null = null;
  private last: ShoeTestView['last'] = null;
  private readonly onEvent = (ev: ShoeEventBody & { at: number }) => {
    if (!this.state) return;
    if (ev.type === 'card') this.set(onCard(this.state, ev.index, ev.card, ev.burn, ev.at));
    else if (ev.type === 'readerError') this.set(onReaderError(this.state, ev.code, ev.text));
  };
  private readonly onFrameError = (r: Rejection) => {
    if (this.state) this.set(onRejectedFrame(this.state, `${r.reason}: ${r.detail}`));
  };

  constructor(
    private readonly journal: Journal,
    private readonly shoe: SerialDevice<ShoeEventBody>,
    private readonly now: () => number = Date.now,
  ) {
    super();
    shoe.on('event', this.onEvent);
    shoe.on('frameError', this.onFrameError);
  }

  view(): ShoeTestView {
    return { active: this.state, report: this.state ? shoeReport(this.state) : null, last: this.last };
  }

  start(user: User): void {
    this.set(startShoeTest(user.id, this.now()));
  }

  cancel(): void {
    this.state = null;
    this.emit('changed', this.view());
  }

  save(user: User): { ok: true; seq: number; passed: boolean } | { ok: false; message: string } {
    if (!this.state) return { ok: false, message: 'start the shoe test first' };
    const r = shoeReport(this.state);
    const entry = this.journal.append({
      kind: SHOE_TEST_KIND,
      actor: { id: user.id, role: user.role },
      data: {
        passed: r.passed,
        problems: r.problems,
        cards: this.state.cards.map((c) => ({ index: c.index, card: c.card, burn: c.burn })),
      },
    });
    this.last = { at: entry.at, by: user.id, passed: r.passed, cards: r.cards, seq: entry.seq };
    this.state = null;
    this.emit('changed', this.view());
    return { ok: true, seq: entry.seq, passed: r.passed };
  }

  close(): void {
    this.shoe.off('event', this.onEvent);
    this.shoe.off('frameError', this.onFrameError);
  }

  private set(next: ShoeTest): void {
    this.state = next;
    this.emit('changed', this.view());
  }
}
