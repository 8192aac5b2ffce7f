/**
 * The overlay texts and banner items the round needs, pure: result, last results, round id and
 * table status as text inputs; scene items ("no more bets" banner) shown in their phases only.
 */
import type { ObsConfig } from '../config/schema';
import type { PublicResult, PublicTableState } from '../rounds/public-state';
import type { StudioItem } from './types';

const STATUS_TEXT: Readonly<Record<string, string>> = {
  idle: 'Waiting for the next round',
  betting_open: 'Place your bets',
  no_more_bets: 'No more bets',
  spinning: 'No more bets',
  dealing: 'Dealing',
  respin_required: 'Respin',
  result: 'Result',
  needs_review: 'Result under review',
  settled: 'Round complete',
  void: 'Round void',
  interrupted: 'Round paused',
  shoe_change: 'Shoe change',
};

/** Phases in which the round's own result is shown. */
const RESULT_PHASES = new Set(['result', 'settled']);

export function resultText(r: PublicResult): string {
  if (r.game === 'roulette') return `${r.number} ${r.facts.colour.toUpperCase()}`;
  const o = r.outcome;
  return o.winner === 'tie'
    ? `TIE ${o.playerTotal}–${o.bankerTotal}`
    : `${o.winner.toUpperCase()} ${o.playerTotal}–${o.bankerTotal}`;
}

function shortResult(r: PublicResult): string {
  return r.game === 'roulette' ? String(r.number) : { player: 'P', banker: 'B', tie: 'T' }[r.outcome.winner];
}

export function phaseOf(table: PublicTableState | null): string {
  return table?.round?.phase ?? 'idle';
}

export function overlayTexts(table: PublicTableState | null, plan: ObsConfig): Record<string, string> {
  const t = plan.overlays.texts;
  const out: Record<string, string> = {};
  const round = table?.round ?? null;
  const phase = phaseOf(table);
  if (t.result) {
    const mine =
      round && RESULT_PHASES.has(phase)
        ? table?.lastResults.find((r) => r.roundId === round.id && !r.voided)
        : undefined;
    out[t.result] = mine ? resultText(mine) : '';
  }
  if (t.lastResults)
    out[t.lastResults] = (table?.lastResults ?? [])
      .filter((r) => !r.voided)
      .slice(0, plan.overlays.lastResultsCount)
      .map(shortResult)
      .join('  ');
  if (t.roundId) out[t.roundId] = round ? `Round ${round.n} · ${round.id}` : '';
  if (t.tableStatus) out[t.tableStatus] = STATUS_TEXT[phase] ?? phase.replaceAll('_', ' ');
  return out;
}

export function overlayItems(table: PublicTableState | null, plan: ObsConfig): StudioItem[] {
  const phase = phaseOf(table);
  return plan.overlays.items.map((i) => ({
    scene: i.scene,
    source: i.source,
    enabled: i.phases.includes(phase),
  }));
}
