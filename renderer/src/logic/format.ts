/** Small display helpers shared by the views. Pure. */
import type { PublicResult } from '../../../contract/views';

export function clock(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

export function seconds(ms: number): string {
  return `${Math.ceil(Math.max(0, ms) / 1000)}`;
}

export function resultLabel(r: PublicResult): string {
  if (r.game === 'roulette') return String(r.number);
  const o = r.outcome;
  return `${o.winner === 'player' ? 'P' : o.winner === 'banker' ? 'B' : 'T'} ${o.playerTotal}-${o.bankerTotal}`;
}

export function resultTone(r: PublicResult): string {
  if (r.voided) return 'void';
  if (r.game === 'roulette') return r.facts.colour;
  return r.outcome.winner;
}

const PHASES: Record<string, string> = {
  idle: 'Idle',
  betting_open: 'Betting open',
  no_more_bets: 'No more bets',
  spinning: 'Spinning',
  respin_required: 'Misspin',
  result: 'Result',
  settled: 'Settled',
  void: 'Void',
  dealing: 'Dealing',
  interrupted: 'Held',
  needs_review: 'Under review',
  verifying: 'Checking result',
};

export function phaseLabel(phase: string | undefined): string {
  return phase ? (PHASES[phase] ?? phase) : 'No round';
}
