/**
 * Playing cards as the desk names them: rank then suit, e.g. 'AS', '10H', 'QD', '2C'.
 * The same labels are used by the shoe protocols and the card vision model.
 */

export const RANKS = ['A', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'J', 'Q', 'K'] as const;
export const SUITS = ['S', 'H', 'D', 'C'] as const;
export type Rank = (typeof RANKS)[number];
export type Suit = (typeof SUITS)[number];
export type CardCode = `${Rank}${Suit}`;

export interface Card {
  rank: Rank;
  suit: Suit;
}

const CARD_RE = /^(A|[2-9]|10|T|J|Q|K)([SHDC])$/;

/** Parses 'QH', '10H' (also 'TH' for ten, as some readers write it). Undefined when not a card. */
export function parseCard(text: string): CardCode | undefined {
  const m = CARD_RE.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  const rank = (m[1] === 'T' ? '10' : m[1]) as Rank;
  return `${rank}${m[2] as Suit}`;
}

export function splitCard(code: CardCode): Card {
  const suit = code.slice(-1) as Suit;
  const rank = code.slice(0, -1) as Rank;
  return { rank, suit };
}

/** All 52 cards in a fixed order (suits then ranks). */
export function fullDeck(): CardCode[] {
  const out: CardCode[] = [];
  for (const s of SUITS) for (const r of RANKS) out.push(`${r}${s}`);
  return out;
}
