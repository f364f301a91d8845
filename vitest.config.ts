import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Fast tier by default; `SLOW=1` adds the long programs (see README).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'examples/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves one core idle; on CI's two cores that ran every file in sequence.
    // Test files share only write-then-rename caches (.cache/programs, .cache/models).
    maxWorkers: availableParallelism(),
  },
});
