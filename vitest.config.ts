import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure code, fakes, loopback sockets; files in parallel) and `system`
 * (real ptys through socat, child processes of the CLI; one file at a time, because their timing
 * is real and the machine has two cores).
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/hil/**', 'tests/cli/**', '**/node_modules/**'] },
      },
      {
        extends: true,
        test: { name: 'system', include: ['tests/hil/**/*.test.ts', 'tests/cli/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
