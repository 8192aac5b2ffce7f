import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure code, fakes, loopback sockets; files in parallel) and `system`
 * (real ptys through socat, child processes of the CLI; one file at a time, because their timing
 * is real and the machine has two cores).
 */
/** Tests that spawn and kill child processes: real timing, so they run with the system project. */
const PROCESS_TESTS = [
  'tests/journal/lock.test.ts',
  'tests/journal/kill-durability.test.ts',
  'tests/journal/audit-cli.test.ts',
  // Outcome delivery: real sockets, a fault proxy, nats-server, timing of retries (team OUTCOMES).
  'tests/delivery/**/*.test.ts',
];

/** The browser view over real sockets and simulators, and end to end in Chromium (team DESK-UI). */
const DESK_UI_SYSTEM = [
  'tests/api/desk-server.test.ts',
  'tests/e2e/**/*.test.ts',
  'tests/packaging/**/*.test.ts',
];

/** A real OBS under Xvfb, and the director in a desk on simulated devices (team OBS). */
const OBS_SYSTEM = ['tests/obs-real/**/*.test.ts', 'tests/studio/desk-obs.test.ts'];

/** The vision runtime: real ONNX sessions in worker threads, worker timeouts (team VISION-MODELS). */
const VISION_SYSTEM = [
  'tests/vision/classifier.test.ts',
  'tests/vision/eval-heldout.test.ts',
  // The vision check with the real models in their worker (team VISION-CHECK).
  'tests/vision-check/real-models.test.ts',
];

export default defineConfig({
  // Component tests (tests/renderer, happy-dom by a per-file comment) import .vue files.
  plugins: [vue()],
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [
            'tests/hil/**',
            'tests/cli/**',
            ...PROCESS_TESTS,
            ...DESK_UI_SYSTEM,
            ...OBS_SYSTEM,
            ...VISION_SYSTEM,
            '**/node_modules/**',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: [
            'tests/hil/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            ...PROCESS_TESTS,
            ...DESK_UI_SYSTEM,
            ...OBS_SYSTEM,
            ...VISION_SYSTEM,
          ],
          fileParallelism: false,
        },
      },
    ],
  },
});
