/**
 * What is delivered for one outcome, over the webhook and over NATS alike: a Standard Webhooks
 * style JSON body whose `data` carries the signed outcome (compact JWS) and the signed tree head of
 * the log right after it was added. The body depends only on the outbox row, so every retry sends
 * the same bytes (the webhook signature changes with the attempt's timestamp, the body never does).
 */
import { z } from 'zod';
import type { OutboxRow } from '../outcomes/outbox';

export const OUTCOME_EVENT_TYPE = 'round.outcome';

export interface OutcomeMessage {
  type: typeof OUTCOME_EVENT_TYPE;
  /** When the outcome was made (UTC), not when this attempt was sent. */
  timestamp: string;
  data: { outcomeId: string; sequence: number; jws: string; treeHead: string };
}

export const OutcomeMessageSchema = z.object({
  type: z.literal(OUTCOME_EVENT_TYPE),
  timestamp: z.string(),
  data: z.object({
    outcomeId: z.string().min(1),
    sequence: z.int().min(1),
    jws: z.string().min(1),
    treeHead: z.string().min(1),
  }),
});

export function outcomeMessage(row: OutboxRow, treeHeadJws: string): string {
  const msg: OutcomeMessage = {
    type: OUTCOME_EVENT_TYPE,
    timestamp: new Date(row.created_at).toISOString(),
    data: { outcomeId: row.outcome_id, sequence: row.sequence, jws: row.jws, treeHead: treeHeadJws },
  };
  return JSON.stringify(msg);
}
