import { test, expect, pasteIntoEditor, waitForRunEnd, programOutput, OUT_DIR } from './fixtures.ts';

test('bad C shows a diagnostic marker on the right line and runs nothing', async ({ app: page }) => {
  const bad = 'int main(void) {\n    int x = 1;\n    return x +* ;\n}\n';
  await pasteIntoEditor(page, bad);
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Compile error: program\.c:3:\d+: /);
  // Monaco draws error markers as squiggles; the hover/marker model is checked through the DOM.
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  const top = await page.locator('.monaco-editor .squiggly-error').first().evaluate((e) => e.parentElement?.style.top ?? (e as HTMLElement).style.top);
  const line3Top = await page.locator('.monaco-editor .view-line').nth(2).evaluate((e) => (e as HTMLElement).style.top);
  expect(top).toBe(line3Top);
  expect(await programOutput(page)).toBe('');
  await expect(page.getByTestId('token-count')).toHaveText('0');
  await page.screenshot({ path: `${OUT_DIR}/diagnostic.png` });
});

test('a construct the machine cannot run is refused with its name', async ({ app: page }) => {
  await pasteIntoEditor(page, '#include <stdio.h>\nvolatile int g = 2;\nint main(void) {\n    int pages = __builtin_wasm_memory_grow(0, g);\n    printf("%d\\n", pages);\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Refused at the validate stage: .*program\.c:4:\d+.*memory\.grow — growing linear memory/);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  expect(await programOutput(page)).toBe('');
});
