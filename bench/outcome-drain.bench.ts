/**
 * Draining a backlog: outcomes per second from the outbox to the platform once it is back.
 *
 *   1. one table, 10,000 outcomes, webhook to the reference receiver (its own process, over
 *      loopback, verifying every JWS, tree head and chain, storing with fsync) — in order, one at a time;
 *   2. a studio: TABLES tables each with the backlog of an hour-long outage, all draining at once to
 *      one receiver (the receiver group-commits across tables) — the target: under 10 s;
 *   3. one table, 10,000 outcomes to NATS JetStream (nats-server -js, when installed).
 *
 *   npm run bench -- outcome-drain     (BENCH_N=10000, BENCH_TABLES=100, BENCH_ROUNDS_PER_HOUR=80)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NatsTarget } from '../engine/delivery/nats-target';
import { WebhookTarget } from '../engine/delivery/webhook-target';
import { DeliveryWorker, type DeliveryTarget } from '../engine/delivery/worker';
import type { SqliteJournal } from '../engine/journal/sqlite-journal';
import { KeyStore } from '../engine/outcomes/keys';
import { filledJournal } from './outcome-fixtures';

const N = Number(process.env.BENCH_N ?? 10_000);
const TABLES = Number(process.env.BENCH_TABLES ?? 100);
/** A roulette round takes 45-60 s, a baccarat hand 30-50 s: 80 an hour is a busy table. */
const PER_HOUR = Number(process.env.BENCH_ROUNDS_PER_HOUR ?? 80);
const BIN = fileURLToPath(new URL('../bin/studio-desk.mjs', import.meta.url));

function startReceiver(dir: string, jwksPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'platform-receiver',
      '--port',
      '0',
      '--jwks',
      jwksPath,
      '--store',
      join(dir, `received-${Date.now()}.sqlite`),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}`)));
  });
}

async function drain(
  journals: SqliteJournal[],
  target: (i: number) => DeliveryTarget,
  total: number,
): Promise<number> {
  const workers = journals.map((j, i) => new DeliveryWorker(j, target(i), { alarmBacklog: 1e9, pollMs: 50 }));
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    let left = workers.length;
    const timer = setTimeout(() => reject(new Error('drain took more than 10 minutes')), 600_000);
    for (const w of workers) {
      w.on('status', (s) => {
        if (s.state === 'error') reject(new Error(s.reason));
      });
      w.on('delivered', () => {
        if (w.current.deliveredSeq === 0) return;
      });
      const check = () => {
        if (w.current.backlog === 0 && w.current.state === 'ok') {
          if (--left === 0) {
            clearTimeout(timer);
            resolve();
          }
          return;
        }
        setTimeout(check, 5);
      };
      w.start();
      setTimeout(check, 5);
    }
  });
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(workers.map((w) => w.stop()));
  void total;
  return seconds;
}

function report(label: string, count: number, seconds: number): void {
  console.log(
    `${label.padEnd(58)} ${count} outcomes in ${seconds.toFixed(2)} s = ${Math.round(count / seconds)} outcomes/s`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'outcome-drain-'));
  const children: ChildProcess[] = [];
  try {
    const keys = await KeyStore.open(join(dir, 'keys'));
    const jwksPath = join(dir, 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify(keys.jwks()));
    console.log(`# outcome-drain (Node ${process.version}, ${dir})`);

    let t = performance.now();
    const big = filledJournal(dir, 'big', keys, N);
    console.log(`(filled ${N} outcomes in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    const r1 = await startReceiver(dir, jwksPath);
    children.push(r1.child);
    report(
      '1 table backlog -> webhook receiver (loopback, in order)',
      N,
      await drain([big], () => new WebhookTarget({ url: r1.url }), N),
    );

    const perTable = PER_HOUR;
    t = performance.now();
    const studio = Array.from({ length: TABLES }, (_, i) => filledJournal(dir, `t${i + 1}`, keys, perTable));
    console.log(
      `(filled ${TABLES} tables x ${perTable} outcomes in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    const r2 = await startReceiver(dir, jwksPath);
    children.push(r2.child);
    const total = TABLES * perTable;
    const secs = await drain(studio, () => new WebhookTarget({ url: r2.url }), total);
    report(`${TABLES} tables x 1 h outage (${PER_HOUR}/h) -> webhook, in parallel`, total, secs);
    console.log(
      `target: a ${TABLES}-table studio's hour-long outage (${total} outcomes) drains in under 10 s — ${secs < 10 ? 'met' : 'NOT met'} (${secs.toFixed(2)} s)`,
    );
    for (const j of studio) j.close();

    const nats = await startNats(dir);
    if (nats) {
      children.push(nats.child);
      // A fresh table (its own subject) so the stream starts empty.
      const nt = filledJournal(dir, 'natsbig', keys, 0);
      nt.close();
      big.sideTx((tx) => tx.run("DELETE FROM outcome_delivery WHERE target = 'nats'"));
      const secsNats = await drain(
        [big],
        () => new NatsTarget({ servers: [nats.url], subject: 'outcomes.bench.big' }),
        N,
      );
      report('1 table backlog -> NATS JetStream (Nats-Msg-Id, in order)', N, secsNats);
    } else console.log('NATS JetStream: SKIPPED (nats-server not installed)');
    big.close();
  } finally {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startNats(dir: string): Promise<{ child: ChildProcess; url: string } | undefined> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    'nats-server',
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', join(dir, 'nats')],
    { stdio: 'ignore' },
  );
  const ok = await new Promise<boolean>((resolve) => {
    child.once('error', () => resolve(false));
    setTimeout(() => resolve(child.exitCode === null), 1000);
  });
  return ok ? { child, url: `nats://127.0.0.1:${port}` } : undefined;
}
