import { defineConfig } from '@playwright/test';

// Browser tests run against `vite preview` of a fresh `vite build` (npm run test:e2e builds first).
// E2E_MODE=dev runs them against the dev server instead.
const dev = process.env.E2E_MODE === 'dev';
// E2E_PORT lets several checkouts run their browser tests at once.
const port = Number(process.env.E2E_PORT) || (dev ? 5173 : 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 60_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run'],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'off',
  },
  webServer: {
    command: dev
      ? `node_modules/.bin/vite --port ${port} --strictPort --host 127.0.0.1`
      : `node_modules/.bin/vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
