/**
 * The demo table, started by `studio-desk start` with no file: roulette on a simulated SDLP wheel,
 * a simulated shoe beside it, one user per role, the journal under ./var/demo/. No OBS, vision or
 * platform: the demo needs nothing but this machine.
 */
import type { Role } from '../auth/roles';
import { TableConfigSchema, type TableConfig, type TableConfigInput } from './schema';

/**
 * The demo users' secrets, for the demo only (printed by the demo, written in the README). Their
 * hashes below were made with `hashSecret` at the default cost.
 */
export const DEMO_CREDENTIALS: readonly { id: string; role: Role; secret: string }[] = [
  { id: 'demo-dealer', role: 'dealer', secret: '1234' },
  { id: 'demo-floor', role: 'floor_manager', secret: 'floor-demo' },
  { id: 'demo-tech', role: 'technician', secret: 'tech-demo' },
];

export const DEMO_TABLE_INPUT: TableConfigInput = {
  table: { id: 'demo', name: 'Demo roulette', studio: 'demo-studio', game: 'roulette' },
  devices: {
    wheel: { simulate: true, protocol: 'sdlp', layout: 'european' },
    shoe: { simulate: true, protocol: 'sdlp', decks: 8 },
  },
  rules: { roulette: { bettingSeconds: 15, misspinPolicy: 'respin', maxRespins: 3 } },
  journal: { path: './var/demo/journal.sqlite' },
  users: [
    {
      id: 'demo-dealer',
      name: 'Demo Dealer',
      role: 'dealer',
      secret: 'scrypt$32768$8$1$ztV+9CRP6HPnRGImiM15dg==$fVwbvfBLR8vKsilCrynk7dX7lukgSkOC3zsACxGbgNM=',
    },
    {
      id: 'demo-floor',
      name: 'Demo Floor Manager',
      role: 'floor_manager',
      secret: 'scrypt$32768$8$1$R7+X0XB/0KIeJuzxgcnv2g==$myJqMqhmZ4s+Q7q4ZIzmstpc+LNZguViLop631XEkcg=',
    },
    {
      id: 'demo-tech',
      name: 'Demo Technician',
      role: 'technician',
      secret: 'scrypt$32768$8$1$lxFhDfbszpdXaRD9dUIEhA==$LJN3w0Pc/JzLeE4HUbQcWcNyyOrmZ9ef02x+VN4uz/Y=',
    },
  ],
  server: { host: '127.0.0.1', port: 7700 },
};

/** The embedded demo table, validated like any file (a fresh copy on each call). */
export function demoTableConfig(): TableConfig {
  return TableConfigSchema.parse(structuredClone(DEMO_TABLE_INPUT));
}
