/**
 * Rules that span sections of the table file: a roulette table needs a wheel, a card table a shoe;
 * rules only for the table's game; scene plan phases of the table's game; the vision model the game
 * needs; the shoe and the baccarat rules agree on decks; vision regions name configured cameras.
 *
 * They run even when some fields failed (so every problem is listed at once), and so read the
 * value defensively: any part of it may be missing or of the wrong type.
 */
import type { z } from 'zod';
import { DEFAULT_DECKS } from '../games/baccarat/shoe';
import { SCENE_PHASES } from './obs';
import { nearest } from './strict';
import { GAMES, isGame } from './table';

/** Reads `v.a.b.c` from a value that may be partly invalid, without trusting its shape. */
function at(v: unknown, ...keys: string[]): unknown {
  let cur = v;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function keysOf(v: unknown): string[] {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : [];
}

/** Rules that span sections. Runs even when fields failed, so it reads the value defensively. */
export function crossFieldChecks(v: unknown, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const game = at(v, 'table', 'game');

  if (isGame(game)) {
    const devices = at(v, 'devices');
    if (typeof devices === 'object' && devices !== null) {
      if (game === 'roulette' && at(devices, 'wheel') === undefined)
        issue(['devices', 'wheel'], 'required: a roulette table needs a wheel');
      if (game !== 'roulette' && at(devices, 'shoe') === undefined)
        issue(['devices', 'shoe'], `required: a ${game} table needs a shoe`);
    }
    for (const other of GAMES)
      if (other !== game && at(v, 'rules', other) !== undefined)
        issue(['rules', other], `this is a ${game} table: ${other} rules do not apply (rules.${game}?)`);

    const phases = SCENE_PHASES[game];
    const phaseKeys = (path: string[]) => {
      for (const key of keysOf(at(v, ...path)))
        if (!phases.includes(key)) {
          const near = nearest(key, phases);
          issue(
            [...path, key],
            `not a ${game} round phase (${near ? `did you mean "${near}"?` : `known: ${phases.join(', ')}`})`,
          );
        }
    };
    phaseKeys(['obs', 'scenePlan', 'phases']);
    phaseKeys(['obs', 'scenePlan', 'transitions', 'phases']);

    const vision = at(v, 'vision');
    if (typeof vision === 'object' && vision !== null && at(vision, 'enabled') !== false) {
      const model = game === 'roulette' ? 'roulette' : 'card';
      if (at(vision, 'models', model) === undefined)
        issue(['vision', 'models', model], `required when vision is enabled on a ${game} table`);
    }
  }

  const shoeDecks = at(v, 'devices', 'shoe', 'decks');
  const ruleDecks = at(v, 'rules', 'baccarat', 'decks');
  if (typeof shoeDecks === 'number' && typeof ruleDecks === 'number' && shoeDecks !== ruleDecks)
    issue(
      ['rules', 'baccarat', 'decks'],
      `${ruleDecks} decks, but devices.shoe.decks is ${shoeDecks} (${DEFAULT_DECKS} when not given): ` +
        `they must agree; set the shoe's decks and leave this out`,
    );
  const depth = at(v, 'rules', 'baccarat', 'cutCardDepth');
  const decks =
    typeof shoeDecks === 'number' ? shoeDecks : typeof ruleDecks === 'number' ? ruleDecks : DEFAULT_DECKS;
  if (typeof depth === 'number' && depth > (decks * 52) / 2)
    issue(
      ['rules', 'baccarat', 'cutCardDepth'],
      `must be at most ${(decks * 52) / 2} with ${decks} decks: the cut card goes in the back half of the shoe`,
    );

  const cameras = at(v, 'obs', 'scenePlan', 'cameras');
  if (typeof cameras === 'object' && cameras !== null) {
    const known = keysOf(cameras);
    for (const key of keysOf(at(v, 'vision', 'regions')))
      if (!known.includes(key)) {
        const near = nearest(key, known);
        const help = near ? `did you mean "${near}"?` : `known: ${known.join(', ') || 'none'}`;
        issue(['vision', 'regions', key], `not a camera of obs.scenePlan.cameras (${help})`);
      }
  }
}
