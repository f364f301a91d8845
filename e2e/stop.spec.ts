import { test, expect, pasteIntoEditor, waitForRunEnd, programOutput, setTokenLimit } from './fixtures.ts';

test('an infinite loop can be stopped, and the page stays usable', async ({ app: page }) => {
  await pasteIntoEditor(page, '#include <stdio.h>\nint main(void) {\n    puts("looping");\n    for (;;) {}\n    return 0;\n}\n');
  // A high limit, so the run is still going when Stop is pressed.
  await setTokenLimit(page, '50000000');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('stop')).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('status')).toContainText('Running');
  // The main thread is free while the worker runs: the page answers at once.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  expect(Date.now() - t0).toBeLessThan(5_000);
  await page.getByTestId('stop').click();
  const status = await waitForRunEnd(page, 10_000);
  expect(status).toMatch(/^Stopped by you/);
  await expect(page.getByTestId('stop')).toBeDisabled();

  // The recreated worker runs the next program normally.
  await pasteIntoEditor(page, '#include <stdio.h>\nint main(void) {\n    puts("after stop");\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  expect(await programOutput(page)).toBe('after stop\n');
});

test('the token limit stops a runaway program by itself', async ({ app: page }) => {
  await pasteIntoEditor(page, 'int main(void) {\n    for (;;) {}\n    return 0;\n}\n');
  await setTokenLimit(page, '20000');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Stopped at the token limit of 20,000: 20,000 tokens/);
  await expect(page.getByTestId('run-outcome')).toHaveText('[stopped at the token limit of 20,000]');
});
