/** The `rules` section: the house rules of each game, with their defaults. */
import { z } from 'zod';
import { strictObject } from './strict';

export const RouletteRulesSchema = strictObject({
  /** Betting time once betting opens. */
  bettingSeconds: z.number().int().min(5).max(120).default(15),
  /**
   * After a misspin (no spin, ball out, launched with the rotor): 'respin' lets the dealer relaunch
   * up to maxRespins times, then a floor manager decides; 'floor_manager' makes every misspin wait
   * for a floor manager (respin or void).
   */
  misspinPolicy: z.enum(['respin', 'floor_manager']).default('respin'),
  /** Respins the dealer may make in one round before a floor manager must decide. */
  maxRespins: z.number().int().min(0).max(10).default(3),
  /** Open the next round's betting as soon as a round is settled. */
  autoOpen: z.boolean().default(false),
});

/** Cards that must stay behind the cut card: the hand in progress may need 5 more, the last hand 6. */
export const MIN_CUT_CARD_DEPTH = 11;

export const BaccaratRulesSchema = strictObject({
  /** Decks in the shoe; taken from devices.shoe.decks, and must agree with it when given. */
  decks: z.number().int().min(1).max(12).optional(),
  /** Cards behind the cut card. */
  cutCardDepth: z.number().int().min(MIN_CUT_CARD_DEPTH).max(312).default(16),
  /** First card face up, then its value in cards burned face down. */
  burn: z.literal('standard').default('standard'),
});

export const BlackjackRulesSchema = strictObject({
  /** H17 when true, S17 when false. */
  dealerHitsSoft17: z.boolean().default(false),
});

export const RulesSchema = strictObject({
  roulette: RouletteRulesSchema.optional(),
  baccarat: BaccaratRulesSchema.optional(),
  blackjack: BlackjackRulesSchema.optional(),
});

export const ROULETTE_DEFAULTS = RouletteRulesSchema.parse({});
export const BACCARAT_DEFAULTS = BaccaratRulesSchema.parse({});
export const BLACKJACK_DEFAULTS = BlackjackRulesSchema.parse({});
