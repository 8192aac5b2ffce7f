/**
 * The shoe reader test as a pure fold: while it runs, every card the shoe reports is listed with its
 * number; gaps in the numbering (cards the desk never saw), numbers seen twice, reader errors and
 * rejected frames are problems. It passes with at least MIN_TEST_CARDS cards and no problem.
 */
import type { CardCode } from '../../hardware/cards';

export const MIN_TEST_CARDS = 10;
export const MAX_TEST_CARDS = 60;

export interface ShoeTest {
  startedBy: string;
  startedAt: number;
  cards: { index: number; card: CardCode; burn: boolean; at: number }[];
  problems: string[];
  rejectedFrames: number;
}

export interface ShoeTestReport {
  cards: number;
  passed: boolean;
  problems: string[];
}

export function startShoeTest(user: string, at: number): ShoeTest {
  return { startedBy: user, startedAt: at, cards: [], problems: [], rejectedFrames: 0 };
}

export function onCard(t: ShoeTest, index: number, card: CardCode, burn: boolean, at: number): ShoeTest {
  if (t.cards.length >= MAX_TEST_CARDS) return t;
  const last = t.cards[t.cards.length - 1];
  const problems = [...t.problems];
  if (t.cards.some((c) => c.index === index)) problems.push(`card number ${index} reported twice`);
  else if (last && index !== last.index + 1)
    problems.push(`card numbers ${last.index + 1}–${index - 1} never reached the desk`);
  return { ...t, cards: [...t.cards, { index, card, burn, at }], problems };
}

export function onReaderError(t: ShoeTest, code: string, text: string): ShoeTest {
  return { ...t, problems: [...t.problems, `reader error ${code}: ${text}`] };
}

export function onRejectedFrame(t: ShoeTest, reason: string): ShoeTest {
  return {
    ...t,
    rejectedFrames: t.rejectedFrames + 1,
    problems: [...t.problems, `frame rejected: ${reason}`],
  };
}

export function shoeReport(t: ShoeTest): ShoeTestReport {
  const problems = [...t.problems];
  if (t.cards.length < MIN_TEST_CARDS)
    problems.push(`${MIN_TEST_CARDS - t.cards.length} more card(s) to draw`);
  return { cards: t.cards.length, passed: problems.length === 0, problems };
}
