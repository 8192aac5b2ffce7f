/**
 * The punto banco drawing rules written out as a dealer's card prints them, used as the tests'
 * oracle. Deliberately independent of engine/games/baccarat: its own point table, its own rules.
 */
import type { CardCode, Suit } from '../../../hardware/cards';

/** Point value by rank, as printed on a baccarat layout. */
export const POINTS_BY_RANK: Readonly<Record<string, number>> = {
  A: 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
  '8': 8,
  '9': 9,
  '10': 0,
  J: 0,
  Q: 0,
  K: 0,
};

/** Player on two cards, by total 0–9: D draws, S stands, N natural (nobody draws). */
//                       0 1 2 3 4 5 6 7 8 9
export const PLAYER_RULE = 'D D D D D D S S N N'.split(' ');

/**
 * Banker on two cards (rows: total 0–7; 8–9 are naturals). Columns: the point value 0–9 of the
 * player's third card, then the player standing on 6–7. D draws, S stands.
 */
//                                    player's third card   player
//                                    0 1 2 3 4 5 6 7 8 9   stood
export const BANKER_TABLEAU: readonly string[][] = [
  /* 0 */ 'D D D D D D D D D D   D',
  /* 1 */ 'D D D D D D D D D D   D',
  /* 2 */ 'D D D D D D D D D D   D',
  /* 3 */ 'D D D D D D D D S D   D',
  /* 4 */ 'S S D D D D D D S S   D',
  /* 5 */ 'S S S S D D D D S S   D',
  /* 6 */ 'S S S S S S D D S S   S',
  /* 7 */ 'S S S S S S S S S S   S',
].map((row) => row.split(/\s+/));

export function pointsOf(card: CardCode): number {
  const points = POINTS_BY_RANK[card.slice(0, -1)];
  if (points === undefined) throw new Error(`test oracle: unknown card ${card}`);
  return points;
}

export function totalOf(cards: readonly CardCode[]): number {
  return cards.reduce((sum, c) => sum + pointsOf(c), 0) % 10;
}

/** Reads the player row: 'draw', 'stand' or 'natural' for a two-card total. */
export function playerAction(total: number): 'draw' | 'stand' | 'natural' {
  const cell = PLAYER_RULE[total];
  return cell === 'D' ? 'draw' : cell === 'S' ? 'stand' : 'natural';
}

/** Reads the banker tableau: whether the banker draws, given the player's third card or 'stood'. */
export function bankerDraws(bankerTotal: number, playerThird: number | 'stood'): boolean {
  const row = BANKER_TABLEAU[bankerTotal];
  if (row === undefined) return false; // 8 and 9 are naturals: no draw
  return row[playerThird === 'stood' ? 10 : playerThird] === 'D';
}

/** A card worth `points` (0 → a king). */
export function cardWorth(points: number, suit: Suit = 'S'): CardCode {
  const rank = points === 0 ? 'K' : points === 1 ? 'A' : String(points);
  return `${rank}${suit}` as CardCode;
}

/** Two cards totalling `total`: a ten and a card worth `total` (a ten and a king for 0). */
export function twoCardsTotalling(total: number, suit: Suit = 'S'): [CardCode, CardCode] {
  return [`10${suit}`, cardWorth(total, suit)];
}

/**
 * The hand the oracle deals from the front of `cards`: P, B, P, B, then the tableau.
 * Returns the two sides' cards; the number used is `player.length + banker.length`.
 */
export function oracleDeal(cards: readonly CardCode[]): { player: CardCode[]; banker: CardCode[] } {
  const take = (i: number): CardCode => {
    const card = cards[i];
    if (card === undefined) throw new Error('test oracle: not enough cards');
    return card;
  };
  const player = [take(0), take(2)];
  const banker = [take(1), take(3)];
  const p = totalOf(player);
  const b = totalOf(banker);
  if (playerAction(p) === 'natural' || b >= 8) return { player, banker };
  let next = 4;
  let third: number | 'stood' = 'stood';
  if (playerAction(p) === 'draw') {
    const card = take(next++);
    player.push(card);
    third = pointsOf(card);
  }
  if (bankerDraws(b, third)) banker.push(take(next));
  return { player, banker };
}
