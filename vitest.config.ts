import { defineConfig } from 'vitest/config';

// Fast tier by default; `SLOW=1` adds the long programs (see README).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
