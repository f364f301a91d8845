import { readFileSync, writeFileSync } from 'node:fs';
import type { Page, Response } from '@playwright/test';
import { test, expect, waitForRunEnd, programOutput, OUT_DIR } from './fixtures.ts';
import { referenceRun } from './reference.ts';

/**
 * The built page works offline: the service worker (`vite/offlinePlugin.ts`) precaches the app,
 * the compile worker's Cache API layer holds clang; a reload with no network loads, compiles and
 * runs hello on the transformer with the same output.
 */

const hello = readFileSync('examples/hello.c', 'utf8');

interface CacheFigures {
  app: { name: string; entries: number; bytes: number } | null;
  clang: { name: string; entries: number; bytes: number } | null;
}

/** The page's Cache API stores: the service worker's precache and the compile worker's clang store. */
async function cacheFigures(page: Page): Promise<CacheFigures> {
  return page.evaluate(async () => {
    const describe = async (prefix: string) => {
      const name = (await caches.keys()).find((n) => n.startsWith(prefix));
      if (!name) return null;
      const cache = await caches.open(name);
      let bytes = 0;
      const keys = await cache.keys();
      for (const k of keys) bytes += (await (await cache.match(k))!.blob()).size;
      return { name, entries: keys.length, bytes };
    };
    return { app: await describe('tvm-app-'), clang: await describe('tvm-clang-assets-') };
  });
}

async function runHello(page: Page): Promise<{ status: string; output: string }> {
  await page.getByTestId('examples').selectOption('hello');
  await expect(page.getByTestId('args')).toHaveValue('World');
  await expect(page.getByTestId('engine-transformer')).toBeChecked();
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  return { status, output: await programOutput(page) };
}

async function waitReady(page: Page): Promise<void> {
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 180_000 });
  await expect(page.getByTestId('model-metrics')).toHaveAttribute('data-model-ms', /^\d+$/, { timeout: 60_000 });
}

test('a reload with no network loads, compiles and runs hello on the transformer', async ({ page, context, guard }) => {
  const expected = await referenceRun(hello, 'World');
  await page.goto('/');
  await waitReady(page);
  // The first load is controlled once the worker has precached and activated (clients.claim).
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  const online = await runHello(page);
  expect(online.status).toMatch(/^Halted after.*reference check: match/);
  expect(online.output).toBe(expected.output);

  // clang's store is written while its download streams; wait until both big assets are in it.
  await expect.poll(async () => (await cacheFigures(page)).clang?.entries ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const caches = await cacheFigures(page);
  expect(caches.app, 'the service worker precache').not.toBeNull();
  const precached = await page.evaluate(async () => {
    const text = await (await fetch('/sw.js')).text();
    return JSON.parse(/__SW_PRECACHE__ = (\[[^\]]*\])/.exec(text)?.[1] ?? '[]') as string[];
  });
  expect(precached).toContain('index.html');
  expect(caches.app!.entries).toBe(precached.length);

  await context.setOffline(true);
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  const t0 = Date.now();
  await page.reload();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  const editorMs = Date.now() - t0;
  await waitReady(page);
  const readyMs = Date.now() - t0;
  const status = (await page.getByTestId('status').textContent()) ?? '';
  expect(status).toContain('from the browser cache');
  const offline = await runHello(page);
  const runMs = Date.now() - t0;
  expect(offline.status).toMatch(/^Halted after.*reference check: match/);
  expect(offline.output).toBe(online.output);
  await page.screenshot({ path: `${OUT_DIR}/offline.png` });

  // Every response of the offline page came from the service worker, none from the network.
  const fromNetwork = responses.filter((r) => /^https?:/.test(r.url()) && !r.fromServiceWorker()).map((r) => r.url());
  expect(fromNetwork, 'responses not served by the service worker while offline').toEqual([]);
  expect(responses.length).toBeGreaterThan(0);
  // And the network really is cut: a file the worker does not precache cannot be fetched.
  // Chromium logs the refused request as a console error: expected here, so taken off the guard's list.
  const errorsBefore = guard.consoleErrors.length;
  const probe = await page.evaluate(() => fetch('/sw.js', { cache: 'no-store' }).then((r) => `HTTP ${r.status}`, (e: Error) => `failed: ${e.message}`));
  expect(probe).toMatch(/^failed/);
  const disconnected = (m: string) => m.includes('ERR_INTERNET_DISCONNECTED');
  await expect.poll(() => guard.consoleErrors.slice(errorsBefore).some(disconnected)).toBe(true);
  guard.consoleErrors.splice(errorsBefore, guard.consoleErrors.length - errorsBefore,
    ...guard.consoleErrors.slice(errorsBefore).filter((m) => !disconnected(m)));
  await context.setOffline(false);

  const figures = {
    precache: caches.app, clangStore: caches.clang,
    offlineReload: { navigationToEditorMs: editorMs, navigationToReadyMs: readyMs, navigationToHelloHaltedMs: runMs, status },
    serviceWorkerResponses: responses.length,
  };
  writeFileSync(`${OUT_DIR}/offline.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
});
