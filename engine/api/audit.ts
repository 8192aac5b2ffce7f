/**
 * The searchable audit trail: the journal read backwards in chunks, newest first, filtered by kind
 * prefix and words. Bounded work per query (MAX_SCAN entries) so a search never stalls the desk,
 * whose engine shares the journal's connection.
 */
import type { AuditEntryView, AuditPage } from '../../contract/views';
import type { Journal, JournalEntry } from '../journal/types';

export const MAX_SCAN = 20_000;
const CHUNK = 1000;

export interface AuditQuery {
  text?: string;
  kind?: string;
  beforeSeq?: number;
  limit: number;
}

export function queryAudit(journal: Journal, q: AuditQuery, maxScan = MAX_SCAN): AuditPage {
  const headSeq = journal.headSeq();
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const kinds = (q.kind ?? '').split(',').filter(Boolean);
  const found: AuditEntryView[] = [];
  let upper = Math.min(q.beforeSeq ?? headSeq, headSeq);
  let scanned = 0;
  /** The oldest seq looked at: older entries were not searched. */
  let oldest = upper + 1;
  while (upper >= 1 && found.length < q.limit && scanned < maxScan) {
    const from = Math.max(1, upper - CHUNK + 1);
    const chunk: JournalEntry[] = [];
    for (const e of journal.entries(from)) {
      if (e.seq > upper) break;
      chunk.push(e);
    }
    for (let i = chunk.length - 1; i >= 0 && found.length < q.limit && scanned < maxScan; i--) {
      const e = chunk[i] as JournalEntry;
      scanned++;
      oldest = e.seq;
      if (kinds.length > 0 && !kinds.some((k) => e.kind.startsWith(k))) continue;
      if (words.length > 0) {
        const hay = `${e.kind} ${e.actor.id} ${e.actor.role} ${JSON.stringify(e.data)}`.toLowerCase();
        if (!words.every((w) => hay.includes(w))) continue;
      }
      found.push(auditView(e));
    }
    upper = from - 1;
  }
  return { entries: found, headSeq, scanned, truncated: oldest > 1 && found.length < q.limit };
}

export function auditView(e: JournalEntry): AuditEntryView {
  return { seq: e.seq, at: e.at, kind: e.kind, actor: e.actor, summary: summarise(e), data: e.data };
}

/** One line in words for the trail: who did what to which round, and why. */
export function summarise(e: JournalEntry): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const command = d['command'] as Record<string, unknown> | undefined;
  if (e.kind.startsWith('command.') && command) {
    const parts = [`${e.actor.id} (${e.actor.role}): ${String(command['cmd'])}`];
    if (command['roundId']) parts.push(`round ${String(command['roundId'])}`);
    if (command['reason']) parts.push(`reason: ${String(command['reason'])}`);
    return parts.join(', ');
  }
  if (e.kind === 'round.rejected')
    return `refused ${String(d['input'])}: ${String(d['code'])}: ${String(d['message'])}`;
  if (e.kind.startsWith('link.'))
    return `${e.actor.id} ${String(d['state'])}${d['reason'] ? `: ${String(d['reason'])}` : ''}`;
  if (e.kind.startsWith('session.'))
    return `${String(d['userId'] ?? e.actor.id)} ${e.kind.slice(8)}${d['reason'] ? `: ${String(d['reason'])}` : ''}`;
  const round = d['roundId'] ? ` round ${String(d['roundId'])}` : '';
  const why = d['reason'] ? `: ${String(d['reason'])}` : '';
  return `${e.kind}${round}${why}`;
}
