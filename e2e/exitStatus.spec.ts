import { test, expect, pasteIntoEditor, waitForRunEnd, programOutput } from './fixtures.ts';

const PROGRAM = `#include <stdio.h>
int main(int argc, char **argv) {
    printf("dividing by %s\\n", argv[1]);
    return 100 / (argv[1][0] - '0') == 50 ? 3 : 0;
}
`;

test('the output pane says the exit status, or the trap that stopped the program', async ({ app: page }) => {
  await pasteIntoEditor(page, PROGRAM);
  const args = page.getByTestId('args');
  await args.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2', { delay: 30 });
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  expect(await programOutput(page)).toBe('dividing by 2\n');
  // The outcome banner above the output (src/ui/run/outcomeText.ts) says how the run ended.
  await expect(page.getByTestId('run-outcome')).toHaveText('[exited with status 3]');

  await args.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('0', { delay: 30 });
  await page.getByTestId('run').click();
  await waitForRunEnd(page);
  expect(await programOutput(page)).toBe('dividing by 0\n');
  await expect(page.getByTestId('run-outcome')).toHaveText('[trap: integer divide by zero (status 136)]');
});
