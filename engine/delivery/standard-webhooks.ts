/**
 * Standard Webhooks (standardwebhooks.com) signatures, both ends:
 *
 *   webhook-id          the message id: the outcome id, the same on every retry (receivers dedupe on it)
 *   webhook-timestamp   integer seconds since the epoch, when this attempt was sent
 *   webhook-signature   space-separated `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`
 *
 * The secret is `whsec_<base64 key>` (the convention's format) or, for platforms that hand out a
 * plain string, its UTF-8 bytes. Verification compares in constant time, accepts any of several
 * signatures (secret rotation on the platform side) and refuses timestamps outside a tolerance
 * (default 5 minutes), so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_S = 5 * 60;

export function secretKey(secret: string): Buffer {
  if (secret.startsWith('whsec_')) {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    if (key.length === 0) throw new Error('webhook secret "whsec_…" has no base64 key after the prefix');
    return key;
  }
  if (secret === '') throw new Error('webhook secret is empty');
  return Buffer.from(secret, 'utf8');
}

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function webhookHeaders(
  id: string,
  body: string,
  secret: string | undefined,
  nowMs: number,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  if (secret !== undefined) headers['webhook-signature'] = signature(secret, id, timestamp, body);
  return headers;
}

export type WebhookCheck = { ok: true } | { ok: false; reason: string };

export function verifyWebhook(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  secret: string,
  nowMs: number,
  toleranceS = DEFAULT_TOLERANCE_S,
): WebhookCheck {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one('webhook-id');
  const ts = one('webhook-timestamp');
  const sig = one('webhook-signature');
  if (!id || !ts || !sig)
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!/^\d+$/.test(ts)) return { ok: false, reason: `webhook-timestamp "${ts}" is not integer seconds` };
  const skew = Math.abs(nowMs / 1000 - Number(ts));
  if (skew > toleranceS)
    return {
      ok: false,
      reason: `webhook-timestamp is ${Math.round(skew)} s away from now (tolerance ${toleranceS} s)`,
    };
  const expected = Buffer.from(signature(secret, id, Number(ts), body).slice(3), 'base64');
  for (const part of sig.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const got = Buffer.from(value, 'base64');
    if (got.length === expected.length && timingSafeEqual(got, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no webhook-signature matches (wrong secret, or the body was changed)' };
}
