/**
 * Signed outcomes and their delivery for one table, as the desk runs them: the signing keys, the
 * recorder hooked into the round engine (outcome + outbox + log leaf in the round's final
 * transaction), and one in-order delivery worker per configured target (webhook, NATS JetStream).
 *
 * A target that cannot be set up (the webhook secret's environment variable is not set) does not
 * stop the desk: outcomes are still signed and kept in the outbox, and the target's status says
 * `bad_config` with the reason, so the backlog is visible and nothing is lost.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from '../../lib/logger';
import type { TableConfig } from '../config/schema';
import type { SqliteJournal } from '../journal/sqlite-journal';
import { ClockSyncMonitor } from '../outcomes/clock-sync';
import { KeyStore, type KeyListing, type KeyWrap } from '../outcomes/keys';
import { OutcomeRecorder, type FinalWrites } from '../outcomes/recorder';
import { NatsTarget } from './nats-target';
import { WebhookTarget } from './webhook-target';
import { DeliveryWorker, type DeliveryStatus, type DeliveryTarget } from './worker';

export interface OutcomeServiceOptions {
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Seals the private signing key at rest (Electron safeStorage, from main); plain 0600 files without. */
  keyWrap?: KeyWrap;
}

export interface OutcomeServiceEvents {
  status: [DeliveryStatus];
}

/** The journal entry of a key rotation (actor = the floor manager). */
export const KEYS_ROTATED = 'keys.rotated';

export class KeyRotationError extends Error {
  override readonly name = 'KeyRotationError';
}

export function signingKeyDir(config: TableConfig): string {
  return config.platform?.signingKeyDir ?? join(dirname(config.journal.path), 'keys');
}

export class OutcomeService extends EventEmitter<OutcomeServiceEvents> {
  private readonly statuses = new Map<string, DeliveryStatus>();
  private rotating = false;

  private constructor(
    private readonly journal: SqliteJournal,
    private readonly protection: string,
    readonly keys: KeyStore,
    readonly recorder: OutcomeRecorder,
    readonly workers: DeliveryWorker[],
    private readonly clock: ClockSyncMonitor,
    private readonly logger?: Logger,
  ) {
    super();
  }

  static async open(
    journal: SqliteJournal,
    config: TableConfig,
    opts: OutcomeServiceOptions = {},
  ): Promise<OutcomeService> {
    const platform = config.platform;
    if (!platform) throw new Error('no platform section: outcomes are off');
    if (config.table.game === 'blackjack')
      throw new Error('signed outcomes cover roulette and baccarat only');
    const keys = await KeyStore.open(signingKeyDir(config), { wrap: opts.keyWrap });
    for (const kid of keys.migrated)
      opts.logger?.warn({ kid, protection: opts.keyWrap?.name }, 'plain private key file sealed');
    const clock = new ClockSyncMonitor();
    const recorder = OutcomeRecorder.open(journal, keys, {
      context: {
        studio: config.table.studio,
        table: config.table.id,
        game: config.table.game,
        deviceIds: {
          wheel: config.devices.wheel && deviceId('wheel', config.devices.wheel),
          shoe: config.devices.shoe && deviceId('shoe', config.devices.shoe),
        },
      },
      clockSync: () => clock.current(),
    });
    const d = platform.delivery;
    const workerOptions = {
      backoff: { initialMs: 250, maxMs: d?.maxBackoffMs ?? 30_000, factor: 2, jitter: 0.5 },
      alarmBacklog: d?.alarmBacklog ?? 20,
      alarmAgeMs: d?.alarmAfterMs ?? 60_000,
    };
    const timeoutMs = d?.timeoutMs ?? 5000;
    const env = opts.env ?? process.env;
    const targets: DeliveryTarget[] = [];
    const problems: DeliveryStatus[] = [];
    if (platform.webhook) {
      const { url, secretEnv, caFile } = platform.webhook;
      const secret = secretEnv !== undefined ? env[secretEnv] : undefined;
      const ca = caFile !== undefined ? readCaFile(caFile) : undefined;
      if (secretEnv !== undefined && !secret)
        problems.push(
          badConfig('webhook', `environment variable ${secretEnv} (the webhook secret) is not set`),
        );
      else if (ca !== undefined && !ca.ok) problems.push(badConfig('webhook', ca.reason));
      else targets.push(new WebhookTarget({ url, secret, timeoutMs, ca: ca?.pem }));
    }
    if (platform.nats)
      targets.push(
        new NatsTarget({
          servers: platform.nats.servers,
          subject: `${platform.nats.subjectPrefix}.${config.table.studio}.${config.table.id}`,
          timeoutMs,
        }),
      );
    const workers = targets.map((t) => new DeliveryWorker(journal, t, workerOptions));
    const service = new OutcomeService(
      journal,
      opts.keyWrap?.name ?? 'file',
      keys,
      recorder,
      workers,
      clock,
      opts.logger,
    );
    for (const p of problems) service.onStatus(p);
    for (const w of workers) w.on('status', (s) => service.onStatus(s));
    recorder.on('enqueued', () => workers.forEach((w) => w.notify()));
    recorder.on('warning', (m) => opts.logger?.warn({ outcomes: m }, 'outcome not signed again'));
    return service;
  }

  readonly finalWrites: FinalWrites = (pending) => this.recorder.finalWrites(pending);

  /** How the private key is kept at rest (the wrap's name, `safeStorage`, or `file`: 0600) and every key. */
  signingKeys(): { protection: string; keys: readonly KeyListing[] } {
    return { protection: this.protection, keys: this.keys.list() };
  }

  /**
   * A new signing key while the desk runs (the app's way to rotate: only this process can seal the
   * new private key with the OS keychain). Outcomes signed before stay verifiable with the retired
   * public key, which stays in the JWKS; the next outcome is signed with the new key. A signature
   * is made synchronously inside a round's final transaction, so an outcome is signed wholly with
   * the old or wholly with the new key. Journaled as `keys.rotated` with the actor and reason; the
   * platform must be given the new JWKS (`keys export`, or it reloads a JWKS URL/file on the new kid).
   */
  async rotateKey(
    actor: { id: string; role: string },
    reason: string,
  ): Promise<{ previousKid: string; kid: string; seq: number }> {
    if (this.rotating) throw new KeyRotationError('a key rotation is already under way');
    this.rotating = true;
    try {
      const previousKid = this.keys.current().kid;
      const next = await this.keys.rotate();
      const e = this.journal.append({
        kind: KEYS_ROTATED,
        actor: actor as never,
        data: { previousKid, kid: next.kid, reason, protection: this.protection },
      });
      this.logger?.warn({ previousKid, kid: next.kid, actor: actor.id }, 'outcome signing key rotated');
      return { previousKid, kid: next.kid, seq: e.seq };
    } finally {
      this.rotating = false;
    }
  }

  /** The last status of every target (webhook, nats). */
  status(): DeliveryStatus[] {
    return [...this.statuses.values()];
  }

  start(): void {
    this.clock.start();
    for (const w of this.workers) w.start();
  }

  async stop(): Promise<void> {
    this.clock.stop();
    await Promise.all(this.workers.map((w) => w.stop()));
  }

  private onStatus(s: DeliveryStatus): void {
    const before = this.statuses.get(s.target);
    this.statuses.set(s.target, s);
    if (s.alarm && !before?.alarm)
      this.logger?.error(
        { target: s.target, backlog: s.backlog, oldestAgeMs: s.oldestAgeMs, reason: s.reason },
        'outcome delivery backlog alarm',
      );
    else if (!s.alarm && before?.alarm)
      this.logger?.warn({ target: s.target }, 'outcome delivery backlog cleared');
    this.emit('status', s);
  }
}

function deviceId(kind: string, d: { protocol: string; port?: string; simulate?: boolean }): string {
  return `${kind} ${d.protocol}@${d.simulate ? 'simulator' : (d.port ?? 'unknown port')}`;
}

/** The webhook's extra CA certificates: readable PEM with at least one certificate, or why not. */
function readCaFile(path: string): { ok: true; pem: string } | { ok: false; reason: string } {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, reason: `webhook caFile ${path} cannot be read: ${(e as Error).message}` };
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    return { ok: false, reason: `webhook caFile ${path} holds no PEM certificate` };
  return { ok: true, pem };
}

function badConfig(target: string, reason: string): DeliveryStatus {
  return {
    state: 'bad_config',
    reason,
    since: Date.now(),
    target,
    backlog: 0,
    oldestAgeMs: null,
    deliveredSeq: 0,
    failures: 0,
    alarm: true,
  };
}
