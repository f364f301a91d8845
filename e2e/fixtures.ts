/**
 * Shared e2e fixtures: every test fails if the page logs a console error, throws, or sends a
 * request anywhere but the local preview server; helpers drive the editor like a person does.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const OUT_DIR = 'e2e-out';
mkdirSync(OUT_DIR, { recursive: true });

interface Guard {
  consoleErrors: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ guard: Guard }>({
  guard: [async ({ context }, use) => {
    const guard: Guard = { consoleErrors: [], foreignRequests: [] };
    const watch = (page: Page) => {
      page.on('console', (m) => {
        if (m.type() === 'error') guard.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => guard.consoleErrors.push(`uncaught: ${e.message}`));
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    context.on('request', (r) => {
      const url = new URL(r.url());
      const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      if (!local) guard.foreignRequests.push(r.url());
    });
    await use(guard);
    expect(guard.foreignRequests, 'requests that left localhost').toEqual([]);
    expect(guard.consoleErrors, 'console errors').toEqual([]);
  }, { auto: true }],
});

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
