export {};

/**
 * Runs the benchmarks and prints their figures: `npm run bench` (all) or `npm run bench -- NAME`.
 * Performance targets are checked here, by a person reading the figures, not by timed tests.
 */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  'serial-latency': () => import('./serial-latency.bench'),
  'engine-latency': () => import('./engine-latency.bench'),
  'journal-latency': () => import('./journal-latency.bench'),
  'outcome-enqueue': () => import('./outcome-enqueue.bench'),
  'outcome-drain': () => import('./outcome-drain.bench'),
  vision: () => import('./vision.bench'),
  'obs-director': () => import('./obs-director.bench'),
  'vision-check': () => import('./vision-check.bench'),
  'browser-view': () => import('./browser-view.bench'),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  const load = BENCHES[name];
  if (!load) {
    console.error(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  await (await load()).run();
}
