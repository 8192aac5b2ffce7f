import { DEMO_TABLE_INPUT } from '../../engine/config/demo';
import { validateTableConfig } from '../../engine/config/validate';

/** A real hash (default cost) from the demo users. */
export const HASH = (DEMO_TABLE_INPUT.users[1] as { secret: string }).secret;

/** A valid hash with a cost below the default (N=1024): well-formed, but too weak for a table file. */
export const WEAK_HASH =
  'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

// The inputs are plain JSON-like data that the tests edit freely.
/* eslint-disable @typescript-eslint/no-explicit-any */
export type Input = any;

/** The smallest valid roulette table. */
export function minimalRoulette(): Input {
  return {
    table: { id: 'roulette-1', name: 'Roulette 1', studio: 'studio-a', game: 'roulette' },
    devices: { wheel: { port: '/dev/serial/by-id/usb-Cammegh-wheel', protocol: 'cammegh-extended' } },
    users: [{ id: 'ana', name: 'Ana', role: 'floor_manager', secret: HASH }],
  };
}

/** The smallest valid baccarat table. */
export function minimalBaccarat(): Input {
  return {
    table: { id: 'baccarat-1', name: 'Baccarat 1', studio: 'studio-a', game: 'baccarat' },
    devices: { shoe: { port: 'usb:067b:2303', protocol: 'sdlp' } },
    users: [{ id: 'ana', name: 'Ana', role: 'floor_manager', secret: HASH }],
  };
}

/** A roulette table with every section filled in. */
export function fullRoulette(): Input {
  return {
    table: { id: 'roulette-2', name: 'Roulette 2', studio: 'studio-a', game: 'roulette' },
    devices: {
      wheel: {
        port: 'tcp://10.0.0.20:4001',
        protocol: 'sdlp',
        layout: 'american',
        serial: { baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false },
        staleAfterMs: 5000,
      },
      shoe: { simulate: true, protocol: 'sdlp', decks: 6 },
    },
    rules: { roulette: { bettingSeconds: 20, misspinPolicy: 'floor_manager', maxRespins: 1 } },
    obs: {
      url: 'ws://127.0.0.1:4455',
      passwordEnv: 'OBS_PASSWORD',
      minDwellMs: 2000,
      scenePlan: {
        phases: { betting_open: 'Betting', spinning: 'Wheel', result: 'Result' },
        cameras: { wide: { scene: 'Wide' }, wheel: { scene: 'Wheel', source: 'Wheel Cam' } },
        transitions: { default: { name: 'Fade', durationMs: 300 }, phases: { spinning: { name: 'Cut' } } },
      },
    },
    vision: {
      enabled: true,
      minConfidence: 0.95,
      models: { roulette: 'models/roulette.onnx' },
      regions: { wheel: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 } },
    },
    platform: {
      webhook: { url: 'https://platform.example/outcomes', secretEnv: 'WEBHOOK_SECRET' },
      nats: { servers: ['nats://127.0.0.1:4222'], subjectPrefix: 'casino.outcomes' },
      signingKeyDir: './var/roulette-2/keys',
    },
    journal: { path: '/srv/studio/roulette-2.sqlite' },
    users: [
      { id: 'ana', name: 'Ana', role: 'floor_manager', secret: HASH },
      { id: 'bo', name: 'Bo', role: 'dealer', secret: HASH },
      { id: 'cy', name: 'Cy', role: 'technician', secret: HASH },
    ],
    server: { host: '0.0.0.0', port: 8080 },
  };
}

/** Every problem of an input as `path: message` lines ([] when valid). */
export function problems(input: unknown): string[] {
  const r = validateTableConfig(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}
