/**
 * Shared e2e fixtures: every test fails if the page logs a console error, throws, or sends a
 * request anywhere but the local preview server; helpers drive the editor like a person does.
 *
 * `page` is a fresh page per test (for what a first visit, a reload or a link does). `app` is one
 * page loaded once per worker and handed to each test that asks for it after `resetApp` (no run,
 * the transformer and the universal model, hello and its args, the default token limit, 1440×900,
 * nothing expanded): loading clang and building the C runtime costs ~5 s a page, which most tests
 * need not pay again.
 */
import { test as base, expect, type BrowserContextOptions, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEFAULT_TOKEN_LIMIT, MAX_TOKEN_LIMIT } from '../src/ui/url-state.ts';

export const OUT_DIR = 'e2e-out';
mkdirSync(OUT_DIR, { recursive: true });

interface Guard {
  consoleErrors: string[];
  foreignRequests: string[];
}

/** Routes a context's console errors and foreign requests to whichever guard `current()` names. */
function watchContext(context: import('@playwright/test').BrowserContext, current: () => Guard): void {
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') current().consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => current().consoleErrors.push(`uncaught: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  context.on('request', (r) => {
    const url = new URL(r.url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (!local) current().foreignRequests.push(r.url());
  });
}

function checkGuard(guard: Guard): void {
  expect(guard.foreignRequests, 'requests that left localhost').toEqual([]);
  expect(guard.consoleErrors, 'console errors').toEqual([]);
}

interface SharedApp {
  page: Page;
  guard: { current: Guard };
}

export const test = base.extend<{ guard: Guard; app: Page }, { sharedApp: SharedApp }>({
  guard: [async ({ context }, use) => {
    const guard: Guard = { consoleErrors: [], foreignRequests: [] };
    watchContext(context, () => guard);
    await use(guard);
    checkGuard(guard);
  }, { auto: true }],
  sharedApp: [async ({ browser }, use, workerInfo) => {
    const u = workerInfo.project.use;
    const options: BrowserContextOptions = { baseURL: u.baseURL, viewport: u.viewport, permissions: u.permissions, acceptDownloads: true };
    const context = await browser.newContext(options);
    const holder = { current: { consoleErrors: [], foreignRequests: [] } as Guard };
    watchContext(context, () => holder.current);
    const page = await context.newPage();
    await openReady(page);
    checkGuard(holder.current);
    await use({ page, guard: holder });
    await context.close();
  }, { scope: 'worker' }],
  app: async ({ sharedApp }, use) => {
    sharedApp.guard.current = { consoleErrors: [], foreignRequests: [] };
    await resetApp(sharedApp.page);
    await use(sharedApp.page);
    checkGuard(sharedApp.guard.current);
  },
});

/** Puts the shared page back to a known state between tests, as a person would (clicks). */
export async function resetApp(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.keyboard.press('Escape');
  if (await page.getByTestId('stop').isEnabled()) await page.getByTestId('stop').click();
  await expect(page.getByTestId('run')).toBeEnabled({ timeout: 120_000 });
  for (const b of await page.locator('.see-pane.expanded .expand').all()) await b.click();
  const closeLog = page.getByRole('button', { name: 'Close the build log' });
  if (await closeLog.isVisible()) await closeLog.click();
  const dismiss = page.getByTestId('link-notice').getByRole('button', { name: 'Dismiss' });
  if (await dismiss.isVisible()) await dismiss.click();
  await page.getByTestId('engine-transformer').check();
  const model = page.getByTestId('model-select');
  if ((await model.inputValue()) !== 'universal') await model.selectOption('universal');
  await page.getByTestId('examples').selectOption('hello');
  if ((await page.getByTestId('max-tokens').inputValue()) !== String(DEFAULT_TOKEN_LIMIT)) await setTokenLimit(page, DEFAULT_TOKEN_LIMIT);
  const follow = page.getByTestId('follow-newest');
  if (await follow.isVisible()) await follow.click();
}


export { expect };

/** Opens the page and waits until clang is loaded and the editor is up. */
export async function openReady(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 180_000 });
}

/** Replaces the editor's text through the clipboard: focus, select all, paste. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(page)).toBe(normalizeEditorText(text));
}

/** The editor's text as rendered (Monaco draws each line in a .view-line; nbsp for spaces). */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')] as HTMLElement[];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n').replace(/\s+$/, '');
  });
}

export function normalizeEditorText(t: string): string {
  return t.replace(/\s+$/, '');
}

/** Waits for the current run to end (Run is enabled again) and returns the status text. */
export async function waitForRunEnd(page: Page, timeout = 180_000): Promise<string> {
  await expect(page.getByTestId('run')).toBeEnabled({ timeout });
  return (await page.getByTestId('status').textContent()) ?? '';
}

export async function programOutput(page: Page): Promise<string> {
  return (await page.getByTestId('output').textContent()) ?? '';
}

export async function metrics(page: Page): Promise<Record<string, string | undefined>> {
  return page.getByTestId('metrics').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
}

/** Types a token limit as a person does (select all, type, leave the field); returns what the field then shows. */
export async function setTokenLimit(page: Page, n: number | string): Promise<string> {
  const field = page.getByTestId('max-tokens');
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(String(n), { delay: 15 });
  await page.keyboard.press('Tab');
  return field.inputValue();
}

/** A program that never halts: its run streams until the token limit or Stop. */
export const FOREVER = 'int main(void) {\n    volatile int s = 0;\n    for (;;) s++;\n    return 0;\n}\n';

/**
 * Starts FOREVER on `engine` with the page's largest token limit and returns once it streams past
 * 50,000 tokens, the token pane following. The limit must outlast any measurement: at ~400 K tok/s
 * a 3M-token transformer run ended within 8 s, before the frames spec's 10 s of measuring, so its
 * figures covered a finished run and its Stop click waited on a disabled button until the test's
 * timeout. Measure with `whileLive`, which fails if the run ended meanwhile.
 */
export async function startFollowedLiveRun(page: Page, engine: 'transformer' | 'reference' = 'transformer'): Promise<void> {
  await page.getByTestId(`engine-${engine}`).check();
  await pasteIntoEditor(page, FOREVER);
  await setTokenLimit(page, MAX_TOKEN_LIMIT);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('stop')).toBeEnabled({ timeout: 120_000 });
  await expect.poll(async () => Number((await page.getByTestId('token-count').textContent())?.replace(/,/g, '')), { timeout: 60_000 }).toBeGreaterThan(50_000);
}

/** Runs `during` and fails unless the run was still streaming when it ended (figures of a live run, never of a finished one). */
export async function whileLive<T>(page: Page, during: () => Promise<T>): Promise<T> {
  const r = await during();
  if (!(await page.getByTestId('stop').isEnabled())) {
    throw new Error(`the run ended before the measurement did (${await page.getByTestId('status').textContent()}): the figures would not be of a live run`);
  }
  return r;
}

/** Stops a live run (if it is still live) and waits for the page to say it ended. */
export async function stopRun(page: Page): Promise<string> {
  const stop = page.getByTestId('stop');
  if (await stop.isEnabled()) await stop.click({ timeout: 10_000 });
  return waitForRunEnd(page);
}

/** requestAnimationFrame gaps (ms) in the page while `during` runs. */
export async function frameGaps(page: Page, during: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __on: boolean; __last: number };
    w.__gaps = [];
    w.__on = true;
    w.__last = performance.now();
    const tick = (t: number) => {
      if (!w.__on) return;
      w.__gaps.push(t - w.__last);
      w.__last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  return page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __on: boolean };
    w.__on = false;
    return w.__gaps.slice(1);
  });
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
