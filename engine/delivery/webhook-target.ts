/**
 * The webhook target: one HTTP(S) POST per outcome (Standard Webhooks headers), on keep-alive
 * connections, up to `maxInFlight` at once (one connection each; the worker keeps them in order and
 * the reference receiver lets one that overtook its predecessor wait for it), each with a deadline: a platform that accepts the connection and never answers costs
 * `timeoutMs`, then the request is destroyed and retried. 2xx is delivered (a receiver answers 2xx
 * for a duplicate id too); anything else is a failed attempt with the platform's own words.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { PendingOutcome } from '../outcomes/outbox';
import { outcomeMessage } from './message';
import { webhookHeaders } from './standard-webhooks';
import type { DeliveryTarget, SendResult } from './worker';

export interface WebhookTargetOptions {
  url: string;
  /** The Standard Webhooks secret; without one, requests carry no webhook-signature. */
  secret?: string;
  timeoutMs?: number;
  /** Requests in flight at once (default 4; 1 for a platform that refuses anything out of order). */
  maxInFlight?: number;
  /** CA certificates (PEM) trusted for an https url, beside the system's; verification stays on. */
  ca?: string | Buffer;
  now?: () => number;
}

export const DEFAULT_WEBHOOK_IN_FLIGHT = 4;

export class WebhookTarget implements DeliveryTarget {
  readonly name = 'webhook';
  readonly maxInFlight: number;
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: WebhookTargetOptions) {
    this.url = new URL(opts.url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:')
      throw new Error(`webhook url must be http(s): ${opts.url}`);
    this.maxInFlight = Math.max(1, opts.maxInFlight ?? DEFAULT_WEBHOOK_IN_FLIGHT);
    const agentOpts = { keepAlive: true, maxSockets: this.maxInFlight, keepAliveMsecs: 1000 };
    this.agent =
      this.url.protocol === 'https:'
        ? new HttpsAgent({ ...agentOpts, ...(opts.ca !== undefined ? { ca: withSystemCas(opts.ca) } : {}) })
        : new HttpAgent(agentOpts);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.now = opts.now ?? Date.now;
  }

  send(outcome: PendingOutcome): Promise<SendResult> {
    const body = outcomeMessage(outcome, outcome.tree_head_jws);
    const headers = {
      ...webhookHeaders(outcome.outcome_id, body, this.opts.secret, this.now()),
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'studio-desk-outbox/1',
    };
    const request = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const done = (r: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const req = request(
        this.url,
        { method: 'POST', headers, agent: this.agent },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            if (chunks.length < 16) chunks.push(c);
          });
          res.on('error', (e) =>
            done({ ok: false, state: 'disconnected', reason: `answer cut off: ${e.message}` }),
          );
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8').slice(0, 300);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300)
              done({ ok: true, duplicate: /"duplicate"\s*:\s*true/.test(text) });
            else
              done({
                ok: false,
                state: 'error',
                reason: `platform answered ${status} to ${outcome.outcome_id}${text ? `: ${text.replace(/\s+/g, ' ')}` : ''}`,
              });
          });
        },
      );
      const timer = setTimeout(() => {
        done({ ok: false, state: 'disconnected', reason: `no answer within ${this.timeoutMs} ms` });
        req.destroy(new Error('timeout'));
      }, this.timeoutMs);
      req.on('error', (e: NodeJS.ErrnoException) =>
        done({
          ok: false,
          state: 'disconnected',
          reason: `${this.url.host}: ${e.code ?? ''} ${e.message}`.trim(),
        }),
      );
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

/** A custom `ca` replaces Node's trust store: keep the system's roots and add the configured ones. */
function withSystemCas(ca: string | Buffer): string[] {
  return [...rootCertificates, ca.toString()];
}
