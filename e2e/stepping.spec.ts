import type { Page } from '@playwright/test';
import { test, expect, waitForRunEnd, OUT_DIR } from './fixtures.ts';

/**
 * The "see" panes: after a run, stepping changes the machine state (reference replay) and the
 * attention view (graph evaluator); a head's winning key jumps the selection to the token it
 * selects. Screenshots of each pane go to e2e-out/.
 */

async function runExample(page: Page, name: string): Promise<void> {
  await page.getByTestId('examples').selectOption(name);
  // Stepping replays the reference interpreter and the graph evaluator whichever engine ran.
  const reference = page.getByTestId('engine-reference');
  if (await reference.count()) await reference.check();
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
}

const facts = (page: Page) => page.getByTestId('machine-facts');
const selected = (page: Page) => page.getByTestId('selected-token');
const graphToken = (page: Page) => page.getByTestId('attention-view').locator('.pane-title .source-note');

test('stepping changes the machine state and the attention view; a winner jumps the selection', async ({ app: page }) => {
  await runExample(page, 'collatz');

  // Live by default: the selection followed the stream to its last token, the halt.
  await expect(selected(page)).toContainText('halt');
  await expect(facts(page)).toBeVisible();
  await expect(facts(page).locator('.op')).toHaveText('halt');
  await expect(page.getByTestId('graph-values')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('hull-overview')).toBeVisible();

  const executedAtEnd = await facts(page).getAttribute('data-executed');
  const graphAtEnd = await graphToken(page).textContent();

  // Back three instructions: fewer instructions executed, and the evaluator moved with it. Each
  // step waits for its replay to land, so the count read afterwards is that of the third step.
  let shown = executedAtEnd;
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('step-instruction-back').click();
    await expect(facts(page)).not.toHaveAttribute('data-executed', shown ?? '');
    shown = await facts(page).getAttribute('data-executed');
  }
  await expect(graphToken(page)).not.toHaveText(graphAtEnd ?? '');
  const executedBack = Number(shown);
  expect(executedBack).toBeLessThan(Number(executedAtEnd));

  // The toolbar's Step goes forward one instruction.
  await page.getByTestId('step').click();
  await expect(facts(page)).toHaveAttribute('data-executed', String(executedBack + 1));

  // Token steps inside an instruction keep the instruction but move the evaluator.
  const beforeToken = await graphToken(page).textContent();
  await page.getByTestId('step-token-back').click();
  await expect(graphToken(page)).not.toHaveText(beforeToken ?? '');

  await page.getByTestId('machine-state').screenshot({ path: `${OUT_DIR}/see-machine-state.png` });
  await page.getByTestId('attention-view').screenshot({ path: `${OUT_DIR}/see-attention.png` });
  await page.getByTestId('stepping').screenshot({ path: `${OUT_DIR}/see-stepping-bar.png` });

  // A head's winner: the selection jumps to the token it selected.
  const winner = page.getByTestId('attention-view').locator('[data-testid=head][data-name=stack_top] [data-testid=head-winner]');
  await expect(winner).toBeVisible();
  const target = Number(await winner.getAttribute('data-position'));
  await winner.click();
  await expect(selected(page)).toContainText(`token ${target.toLocaleString('en-US')} `);
  await expect(page.locator('.tok.tok-selected')).toHaveAttribute('data-i', String(target));

  // Clicking a token in the stream selects it.
  const tok = page.locator('.tok-row .tok[data-i]').nth(3);
  const i = Number(await tok.getAttribute('data-i'));
  await tok.click();
  await expect(selected(page)).toContainText(`token ${i.toLocaleString('en-US')} `);

  // The scrubber reaches any recorded token: one midway through the trace (past the program
  // prefix, which with the C runtime linked is itself tens of thousands of tokens).
  const prefix = Number((await page.getByTestId('prefix-count').textContent())!.replace(/,/g, ''));
  const last = Number(await page.getByTestId('scrubber').getAttribute('max'));
  const mid = Math.round((prefix + last) / 2);
  const midText = mid.toLocaleString('en-US');
  await page.getByTestId('scrubber').fill(String(mid));
  await expect(selected(page)).toContainText(`token ${midText} `);
  await expect(page.getByTestId('graph-values')).toContainText(`At token ${midText}`, { timeout: 60_000 });

  // Each pane expanded, with the memory view and the hull drawn large.
  await page.getByTestId('machine-state').getByRole('button', { name: 'expand' }).click();
  await expect(page.getByTestId('memory')).toBeVisible();
  await page.getByTestId('machine-state').screenshot({ path: `${OUT_DIR}/see-machine-state-expanded.png` });
  await page.getByTestId('machine-state').getByRole('button', { name: 'close' }).click();
  await page.getByTestId('attention-view').getByRole('button', { name: 'expand' }).click();
  await page.getByTestId('attention-view').locator('[data-testid=head][data-name=memory_read]').click();
  await expect(page.getByTestId('head-detail')).toContainText('memory_read');
  await page.getByTestId('attention-explanation').locator('summary').click();
  await page.waitForTimeout(300);
  await page.getByTestId('attention-view').screenshot({ path: `${OUT_DIR}/see-attention-expanded.png` });
  await page.getByTestId('attention-view').getByRole('button', { name: 'close' }).click();
  await page.screenshot({ path: `${OUT_DIR}/see-page.png` });
});

test('after a transformer run, the transformer\'s own heads agree with the graph evaluator at a stepped token', async ({ app: page }) => {
  const transformer = page.getByTestId('engine-transformer');
  test.skip((await transformer.count()) === 0, 'no transformer engine in this build');
  await page.getByTestId('examples').selectOption('collatz');
  await transformer.check();
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page, 300_000)).toMatch(/^Halted after/);
  await page.getByTestId('scrubber').fill('30000');
  await expect(selected(page)).toContainText('token 30,000 ');
  const heads = page.getByTestId('transformer-heads');
  await expect(heads).toContainText('Token 30,000', { timeout: 120_000 });
  await expect(page.getByTestId('graph-values')).toContainText('At token 30,000', { timeout: 60_000 });
  // Every labelled head attends to the token its graph lookup selects.
  await expect(heads.locator('.ok').first()).toBeVisible();
  expect(await heads.locator('.ok').count()).toBeGreaterThan(15);
  expect(await heads.locator('.err').count()).toBe(0);
  await page.getByTestId('attention-view').getByRole('button', { name: 'expand' }).click();
  await heads.scrollIntoViewIfNeeded();
  await page.getByTestId('attention-view').screenshot({ path: `${OUT_DIR}/see-attention-transformer.png` });
});
