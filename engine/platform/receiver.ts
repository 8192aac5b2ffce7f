/**
 * The reference platform receiver: what a betting platform must do with the desk's deliveries, and
 * what the tests and the demo use as the platform. For each delivery it checks, in order:
 *
 *   1. the Standard Webhooks signature (when it has a secret) and that webhook-id is the outcome id;
 *   2. the outcome's JWS against the desk's JWKS (signature, canonical form, schema), and the signed
 *      tree head sent with it;
 *   3. the table's chain: the next sequence, linking the hash of the last accepted outcome, and the
 *      tree head's root equal to the log of everything accepted so far;
 *
 * then stores it (durably) and answers 200. Signatures are checked synchronously with node:crypto
 * (`verifyOutcomeSync`, the same checks as jose's `verifyOutcome`, pinned by a test), so from the
 * body's last byte to the in-memory head of the table nothing awaits and every request read in one
 * turn of the event loop shares one commit (one fsync).
 *
 * A desk may keep several deliveries of a table in flight (on several connections, so they can
 * arrive slightly out of order): one that is ahead of the table by at most `MAX_AHEAD` waits, after
 * its signatures are checked, up to `AHEAD_WAIT_MS` (below the desk's 5 s timeout) for its predecessors and is then decided like
 * any other; `decide` alone accepts, and only the next sequence, so acceptance stays in order. If
 * the predecessor does not come, it is refused as a gap (409) and the desk resends from there.
 *
 * A duplicate (same id, same bytes) answers 200 with
 * `{"duplicate": true}` and is not stored twice; anything else wrong answers 4xx with a JSON
 * `{error, message}` naming it. GET /outcomes lists what was accepted, GET /stats counts.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { verifyOutcomeSync } from '../outcomes/sign';
import { verifyTreeHeadSync } from '../transparency/signed-tree-head';
import { OutcomeMessageSchema } from '../delivery/message';
import { verifyWebhook } from '../delivery/standard-webhooks';
import { decide } from './accept';
import type { JwksSource } from './jwks-source';
import { ReceiverStore, type AcceptedRow } from './receiver-store';

export interface ReceiverOptions {
  port: number;
  host?: string;
  jwks: JwksSource;
  storePath: string;
  /** Standard Webhooks secret: when set, unsigned or wrongly signed requests are refused. */
  secret?: string;
  /** Serve HTTPS with this certificate (PEM chain) and private key (PEM); plain HTTP without. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  now?: () => number;
  /** Largest request body accepted (bytes). */
  maxBodyBytes?: number;
  /** How long a delivery that overtook its predecessor waits for it (default AHEAD_WAIT_MS). */
  aheadWaitMs?: number;
}

/** How far ahead of its table a delivery may arrive and wait for its predecessors, and how long. */
export const MAX_AHEAD = 64;
export const AHEAD_WAIT_MS = 4000;
const MAX_WAITING = 20_000;

export interface ReceiverStats {
  accepted: number;
  duplicates: number;
  rejected: Record<string, number>;
}

export type Verdict =
  | {
      status: 200;
      body: { accepted: true; outcomeId: string; sequence: number } | { duplicate: true; outcomeId: string };
    }
  | { status: 400 | 401 | 409 | 413 | 500; body: { error: string; message: string } };

export interface VerdictEvent {
  status: number;
  outcomeId?: string;
  duplicate?: boolean;
  error?: string;
  message?: string;
}

export class PlatformReceiver extends EventEmitter<{ verdict: [VerdictEvent] }> {
  readonly stats: ReceiverStats = { accepted: 0, duplicates: 0, rejected: {} };
  /** Deliveries waiting for their predecessor, by table key, then by the sequence they wait for. */
  private readonly waiting = new Map<string, Map<number, () => void>>();
  private waitingCount = 0;
  private constructor(
    private readonly server: Server,
    readonly store: ReceiverStore,
    private readonly opts: ReceiverOptions,
  ) {
    super();
  }

  static async start(opts: ReceiverOptions): Promise<PlatformReceiver> {
    const store = ReceiverStore.open(opts.storePath);
    const server = opts.tls ? createHttpsServer(opts.tls) : createServer();
    const receiver = new PlatformReceiver(server, store, opts);
    server.on('request', (req, res) => void receiver.route(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
    });
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `${this.opts.tls ? 'https' : 'http'}://127.0.0.1:${this.port}/outcomes`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.store.close();
  }

  /** Checks one delivery (headers and body as received) and stores it if it is good. */
  async receive(
    headers: Record<string, string | string[] | undefined>,
    body: string,
    via = 'webhook',
  ): Promise<Verdict> {
    const v = await this.check(headers, body, via);
    if (v.status === 200) {
      if ('duplicate' in v.body) this.stats.duplicates++;
      else this.stats.accepted++;
    } else this.stats.rejected[v.body.error] = (this.stats.rejected[v.body.error] ?? 0) + 1;
    if (this.listenerCount('verdict') > 0) this.emit('verdict', { status: v.status, ...v.body });
    return v;
  }

  private async check(
    headers: Record<string, string | string[] | undefined>,
    body: string,
    via: string,
  ): Promise<Verdict> {
    const now = (this.opts.now ?? Date.now)();
    const refuse = (status: 400 | 401 | 409, error: string, message: string): Verdict => ({
      status,
      body: { error, message },
    });
    if (this.opts.secret !== undefined && via === 'webhook') {
      const w = verifyWebhook(headers, body, this.opts.secret, now);
      if (!w.ok) return refuse(401, 'webhook_signature', w.reason);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return refuse(400, 'bad_request', 'the body is not JSON');
    }
    const msg = OutcomeMessageSchema.safeParse(parsed);
    if (!msg.success)
      return refuse(400, 'bad_request', `not an outcome message: ${msg.error.issues[0]?.message}`);
    const { jws, treeHead, outcomeId } = msg.data.data;
    const id = headers['webhook-id'];
    if (via === 'webhook' && id !== undefined && id !== outcomeId)
      return refuse(400, 'bad_request', `webhook-id ${String(id)} is not the outcome id ${outcomeId}`);

    let verified = verifyOutcomeSync(jws, this.opts.jwks.current);
    if (!verified.ok && verified.error === 'unknown_kid' && (await this.opts.jwks.reload()))
      verified = verifyOutcomeSync(jws, this.opts.jwks.current);
    if (!verified.ok)
      return refuse(verified.error === 'unknown_kid' ? 401 : 400, verified.error, verified.message);
    const doc = verified.doc;
    if (doc.outcomeId !== outcomeId)
      return refuse(
        400,
        'bad_request',
        `the message names ${outcomeId}, the signed outcome is ${doc.outcomeId}`,
      );
    const head = verifyTreeHeadSync(treeHead, this.opts.jwks.current);
    if (!head.ok) return refuse(400, 'tree_head', head.message);

    const lastSeq = this.store.chain(doc.studio, doc.table).lastSeq;
    if (doc.sequence > lastSeq + 1 && doc.sequence <= lastSeq + MAX_AHEAD)
      await this.predecessor(doc.studio, doc.table, doc.sequence - 1);

    // From here to store.accept nothing awaits: the table's chain cannot move underneath.
    const chain = this.store.chain(doc.studio, doc.table);
    const stored =
      doc.sequence <= chain.lastSeq ? this.store.storedJws(doc.studio, doc.table, doc.sequence) : undefined;
    const d = decide(chain, doc, jws, head.head, stored);
    if (d.kind === 'reject') return refuse(409, d.code, d.message);
    try {
      if (d.kind === 'duplicate') {
        await this.store.accept(undefined);
        return { status: 200, body: { duplicate: true, outcomeId } };
      }
      const row: AcceptedRow = {
        studio: doc.studio,
        table_id: doc.table,
        sequence: doc.sequence,
        outcome_id: doc.outcomeId,
        hash: d.hash,
        jws,
        tree_head: treeHead,
        received_at: now,
        via,
      };
      const accepted = this.store.accept(row, d.next);
      this.advanced(doc.studio, doc.table, doc.sequence);
      await accepted;
    } catch (e) {
      return { status: 500, body: { error: 'store', message: `not stored: ${(e as Error).message}` } };
    }
    return { status: 200, body: { accepted: true, outcomeId, sequence: doc.sequence } };
  }

  /** Resolves once the table's head reaches `seq` (or after AHEAD_WAIT_MS, or at once if full). */
  private predecessor(studio: string, table: string, seq: number): Promise<void> {
    const k = `${studio}\u0000${table}`;
    let byTable = this.waiting.get(k);
    if (this.waitingCount >= MAX_WAITING || byTable?.has(seq)) return Promise.resolve();
    if (!byTable) this.waiting.set(k, (byTable = new Map()));
    const waiters = byTable;
    this.waitingCount++;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (waiters.get(seq) === done) {
          waiters.delete(seq);
          this.waitingCount--;
          if (waiters.size === 0 && this.waiting.get(k) === waiters) this.waiting.delete(k);
        }
        resolve();
      };
      const timer = setTimeout(done, this.opts.aheadWaitMs ?? AHEAD_WAIT_MS);
      waiters.set(seq, done);
    });
  }

  /** The table's head moved to `seq`: the delivery waiting for it (if any) goes on. */
  private advanced(studio: string, table: string, seq: number): void {
    this.waiting.get(`${studio}\u0000${table}`)?.get(seq)?.();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://receiver');
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    try {
      if (req.method === 'POST' && url.pathname === '/outcomes') {
        const body = await readBody(req, this.opts.maxBodyBytes ?? 1 << 20);
        if (body === undefined) return send(413, { error: 'too_large', message: 'request body too large' });
        const v = await this.receive(req.headers, body);
        return send(v.status, v.body);
      }
      if (req.method === 'GET' && url.pathname === '/outcomes') {
        const q = url.searchParams;
        const rows = this.store.list({
          studio: q.get('studio') ?? undefined,
          table: q.get('table') ?? undefined,
          after: q.has('after') ? Number(q.get('after')) : undefined,
          limit: q.has('limit') ? Number(q.get('limit')) : undefined,
        });
        return send(200, {
          outcomes: rows.map((r) => ({
            studio: r.studio,
            table: r.table_id,
            sequence: r.sequence,
            outcomeId: r.outcome_id,
            jws: r.jws,
            treeHead: r.tree_head,
            receivedAt: r.received_at,
            via: r.via,
          })),
        });
      }
      if (req.method === 'GET' && url.pathname === '/stats') return send(200, this.stats);
      if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true });
      send(404, {
        error: 'not_found',
        message: `${req.method} ${url.pathname}: try POST/GET /outcomes, GET /stats`,
      });
    } catch (e) {
      if (!res.headersSent) send(500, { error: 'internal', message: (e as Error).message });
    }
  }
}

function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
