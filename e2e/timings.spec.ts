import { writeFileSync } from 'node:fs';
import { test, expect, pasteIntoEditor, waitForRunEnd, metrics, OUT_DIR } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** Navigation start → editor visible, and → clang loaded ("Ready"), in ms. */
async function timedLoad(page: Page, reload: boolean): Promise<{ editorMs: number; readyMs: number; clangLoadMs: number; statusText: string }> {
  const t0 = Date.now();
  if (reload) await page.reload();
  else await page.goto('/');
  await expect(page.locator('.monaco-editor')).toBeVisible();
  const editorMs = Date.now() - t0;
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 180_000 });
  const readyMs = Date.now() - t0;
  const m = await metrics(page);
  return { editorMs, readyMs, clangLoadMs: Number(m.loadMs), statusText: (await page.getByTestId('status').textContent()) ?? '' };
}

async function timedCompile(page: Page): Promise<{ workerMs: number; clangMs: number; clickToHaltMs: number }> {
  const t0 = Date.now();
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  const m = await metrics(page);
  return { workerMs: Number(m.compileMs), clangMs: Number(m.clangMs), clickToHaltMs: Date.now() - t0 };
}

test('cold and warm page loads, first and later compiles (figures to e2e-out/timings.json)', async ({ page }) => {
  const cold = await timedLoad(page, false);
  expect(cold.statusText).toMatch(/downloaded/);
  await pasteIntoEditor(page, 'int main(void) {\n    printf("%d\\n", 6 * 7);\n    return 0;\n}\n');
  const firstCompile = await timedCompile(page);
  const laterCompiles = [await timedCompile(page), await timedCompile(page)];

  const warm = await timedLoad(page, true);
  // The second visit reads clang from the Cache API: no download.
  expect(warm.statusText).toContain('from the browser cache');
  const warmFirstCompile = await timedCompile(page);

  const figures = { cold, firstCompile, laterCompiles, warm, warmFirstCompile, when: new Date().toISOString() };
  writeFileSync(`${OUT_DIR}/timings.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
});
