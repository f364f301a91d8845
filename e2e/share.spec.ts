import LZString from 'lz-string';
import { test, expect, openReady, pasteIntoEditor, waitForRunEnd, programOutput, OUT_DIR } from './fixtures.ts';
import { referenceRun } from './reference.ts';

const PROGRAM = 'void compute(const char *input) {\n    printf("shared: %s\\n", input);\n}\n';

test('a share link reproduces program, args and settings in a fresh page, without running it', async ({ page, browser }) => {
  await openReady(page);
  await pasteIntoEditor(page, PROGRAM);
  await page.getByTestId('args').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('over the wire', { delay: 20 });
  await page.getByTestId('max-tokens').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('123000', { delay: 20 });
  await page.keyboard.press('Tab');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v2\.[A-Za-z0-9+\-$]+$/);
  await expect(page.getByTestId('status')).toContainText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // A fresh context: no localStorage, no Cache API entries.
  const other = await browser.newContext({ baseURL: new URL(url).origin });
  const fresh = await other.newPage();
  const errors: string[] = [];
  fresh.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await fresh.goto(url);
  await expect(fresh.getByTestId('link-notice')).toContainText('Nothing has run');
  await expect(fresh.locator('.monaco-editor .view-lines')).toContainText('printf("shared: %s\\n", input);');
  await expect(fresh.getByTestId('args')).toHaveValue('over the wire');
  await expect(fresh.getByTestId('max-tokens')).toHaveValue('123000');
  await expect(fresh.getByTestId('token-count')).toHaveText('0');
  expect(new URL(fresh.url()).hash).toBe(''); // later edits must survive a reload
  await expect(fresh.getByTestId('status')).toContainText('Ready', { timeout: 180_000 });
  await fresh.screenshot({ path: `${OUT_DIR}/share-opened.png` });
  await fresh.getByTestId('run').click();
  expect(await waitForRunEnd(fresh)).toMatch(/^Halted after/);
  expect(await programOutput(fresh)).toBe((await referenceRun(PROGRAM, 'over the wire')).output);
  expect(errors).toEqual([]);
  await other.close();
});

test('malformed, hostile, oversized and wrong-version links show a message and run nothing', async ({ page }) => {
  page.on('dialog', (d) => {
    throw new Error(`a link opened a dialog: ${d.message()}`);
  });
  const hostileSource = '</script><img src=x onerror="alert(1)"><script>alert(2)</script>\nint main(void){return 0;}\n';
  const scriptLink = '#v2.' + LZString.compressToEncodedURIComponent(JSON.stringify({
    source: hostileSource, args: '"><svg onload=alert(3)>', settings: { maxTokens: 5000 },
  }));
  const cases: Array<[string, RegExp | null]> = [
    ['#v2.%%%garbage', /not a playground share link/],
    ['#v2.AAAA', /damaged/],
    ['#v9.' + LZString.compressToEncodedURIComponent('{}'), /newer playground \(link version 9/],
    [`#v2.${'A'.repeat(25_000)}`, /too long/],
    ['#<img src=x onerror=alert(1)>', /not a playground share link/],
    [scriptLink, null],
  ];
  for (const [hash, message] of cases) {
    await page.goto('/' + hash);
    await expect(page.locator('.monaco-editor')).toBeVisible();
    if (message) {
      await expect(page.getByTestId('link-notice')).toContainText(message);
      await expect(page.getByTestId('link-notice')).toContainText('Nothing was run.');
    } else {
      // The hostile text is only editor text: it shows verbatim, nothing executes, nothing is injected.
      await expect(page.getByTestId('link-notice')).toContainText('Nothing has run');
      await expect(page.locator('.monaco-editor .view-lines')).toContainText('<script>alert(2)</script>');
      await expect(page.getByTestId('args')).toHaveValue('"><svg onload=alert(3)>');
      expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    }
    await page.waitForTimeout(300);
    await expect(page.getByTestId('token-count')).toHaveText('0');
    expect(await programOutput(page)).toBe('');
  }
  await page.screenshot({ path: `${OUT_DIR}/share-refused.png` });
});
