/**
 * A process of desks for the outcome-drain benchmark: opens the given tables' journals (filled by
 * the benchmark), makes one webhook delivery worker per table, says `ready`, starts them all on `go`
 * (a line on stdin), and prints one JSON line with its CPU time once every table is drained.
 *
 * Several of these stand for a studio's desks: a real desk is its own machine, so one desk's cursor
 * fsync must not stall another's event loop the way it would with 100 desks in one process.
 *
 *   node --import tsx bench/outcome-drain-desks.ts '{"dir","tables":[…],"count","url","maxInFlight"}'
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { WebhookTarget } from '../engine/delivery/webhook-target';
import { DeliveryWorker } from '../engine/delivery/worker';
import { openJournal } from '../engine/journal/sqlite-journal';

interface Args {
  dir: string;
  tables: string[];
  count: number;
  url: string;
  maxInFlight?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const journals = args.tables.map((t) => openJournal(join(args.dir, `${t}.sqlite`)));
const workers = journals.map(
  (j) =>
    new DeliveryWorker(j, new WebhookTarget({ url: args.url, maxInFlight: args.maxInFlight }), {
      alarmBacklog: 1e9,
      pollMs: 50,
    }),
);

/** Failed attempts by reason (numbers blanked): they are retried, and the figures say so. */
const failures: Record<string, number> = {};
const drained = Promise.all(
  workers.map(
    (w) =>
      new Promise<void>((resolve) => {
        w.on('status', (s) => {
          if (s.state === 'ok') return;
          const why = s.reason.replace(/\d+/g, 'N');
          failures[why] = (failures[why] ?? 0) + 1;
        });
        w.on('delivered', (d) => {
          if (d.sequence === args.count) resolve();
        });
      }),
  ),
);

const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const cpu = process.cpuUsage();
  for (const w of workers) w.start();
  void drained.then(async () => {
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    process.stdout.write(`${JSON.stringify({ done: true, cpuMs, failures })}\n`);
    await Promise.all(workers.map((w) => w.stop()));
    for (const j of journals) j.close();
    lines.close();
  });
});
process.stdout.write('ready\n');
