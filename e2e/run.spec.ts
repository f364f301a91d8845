import { test, expect, openReady, pasteIntoEditor, waitForRunEnd, programOutput, OUT_DIR } from './fixtures.ts';
import { referenceRun } from './reference.ts';

const TABLE = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3;
    for (int i = 1; i <= 6; i++) {
        printf("%d x %d = %d\\n", n, i, n * i);
    }
    printf("%s has %d characters\\n", argv[1], (int)strlen(argv[1]));
    return 0;
}
`;

test('pasted C runs and prints exactly what the reference interpreter prints', async ({ app: page }) => {
  const expected = await referenceRun(TABLE, '17');
  expect(expected.stop).toBe('halt');
  await pasteIntoEditor(page, TABLE);
  await page.getByTestId('args').fill('17');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Halted after/);
  expect(await programOutput(page)).toBe(expected.output);
  await expect(page.getByTestId('token-count')).toHaveText(expected.tokens.toLocaleString('en-US'));
  await expect(page.getByTestId('tok-per-s')).toHaveText(/tok\/s$/);
  await page.screenshot({ path: `${OUT_DIR}/run-page.png` });
  await page.getByTestId('token-stream').screenshot({ path: `${OUT_DIR}/run-token-stream-end.png` });
  // Scrolling up (the wheel, as a person does) pins the view (live-follow stops) and shows the program prefix.
  await page.locator('.tok-scroll').hover();
  await page.mouse.wheel(0, -1e7);
  await expect(page.locator('.tok-row').first()).toContainText('{');
  await expect(page.getByText('follow newest')).toBeVisible();
  await page.getByTestId('token-stream').screenshot({ path: `${OUT_DIR}/run-token-stream-prefix.png` });
  await page.locator('.output-pane').screenshot({ path: `${OUT_DIR}/run-output.png` });
});

test('Ctrl+Enter runs from the editor and from the args field', async ({ app: page }) => {
  const src = 'void compute(const char *input) {\n    printf("Hello, %s!\\n", input);\n}\n';
  const expected = await referenceRun(src, 'Enter');
  await pasteIntoEditor(page, src);
  await page.getByTestId('args').fill('Enter');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  expect(await programOutput(page)).toBe(expected.output);

  await page.getByTestId('args').fill('again');
  await page.getByTestId('args').press('ControlOrMeta+Enter');
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  expect(await programOutput(page)).toBe((await referenceRun(src, 'again')).output);
});

test('edits survive a reload', async ({ page }) => {
  await openReady(page);
  const src = '#include <stdio.h>\nint main(void) {\n    puts("kept across reloads");\n    return 0;\n}\n';
  await pasteIntoEditor(page, src);
  await page.getByTestId('args').fill('some args');
  await page.waitForTimeout(600); // the draft is saved 250 ms after the last edit
  await page.reload();
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kept across reloads');
  await expect(page.getByTestId('args')).toHaveValue('some args');
});
