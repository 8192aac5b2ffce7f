import type { TableConfig } from '../config/schema';
import type { TableConfig as RoundTableConfig } from '../rounds/config';

/** The round engine's view of a validated table configuration. */
export function roundConfigOf(cfg: TableConfig): RoundTableConfig {
  const game = cfg.table.game;
  if (game !== 'roulette' && game !== 'baccarat') {
    throw new Error(`the round engine does not run ${game} tables yet (roulette and baccarat only)`);
  }
  const roulette = cfg.rules.roulette;
  return {
    tableId: cfg.table.id,
    game,
    layout: cfg.devices.wheel?.layout ?? 'european',
    bettingMs: roulette.bettingSeconds * 1000,
    autoOpen: roulette.autoOpen,
    misspin: { policy: roulette.misspinPolicy, maxRespins: roulette.maxRespins },
    decks: cfg.devices.shoe?.decks ?? 8,
    vision: cfg.vision?.enabled
      ? { minConfidence: cfg.vision.minConfidence, verdictTimeoutMs: cfg.vision.verdictTimeoutMs }
      : null,
  };
}
