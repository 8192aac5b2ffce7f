/** The `table` section: who and what the table is. */
import { z } from 'zod';
import { label, slug } from './fields';
import { strictObject } from './strict';

export const GAMES = ['roulette', 'baccarat', 'blackjack'] as const;
export type Game = (typeof GAMES)[number];

export function isGame(v: unknown): v is Game {
  return typeof v === 'string' && (GAMES as readonly string[]).includes(v);
}

export const TableSchema = strictObject({
  id: slug,
  name: label,
  studio: slug,
  game: z.enum(GAMES, {
    error: (iss) =>
      iss.input === undefined
        ? 'required'
        : `unknown game ${JSON.stringify(iss.input)} (known: ${GAMES.join(', ')})`,
  }),
});
