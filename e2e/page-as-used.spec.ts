import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, pasteIntoEditor, waitForRunEnd, programOutput, editorText, setTokenLimit, startFollowedLiveRun, OUT_DIR } from './fixtures.ts';

/** The engine's position cap, from its one source (src/core/infer/maxPositions.json). */
const MAX_POSITIONS = Number(readFileSync(new URL('../src/core/infer/maxPositions.json', import.meta.url), 'utf8'));

/**
 * The page as a person uses it (issue #13): typing while programs run, the token limit field,
 * the token stream following to `halt`, stop reasons and divergences where the person looks,
 * the C line and call stack while stepping, plain-words explanations, tooltips, and the layout at
 * 1280×800 and 1920×1080 (screenshots in e2e-out/, checked by eye in review).
 */

/** A loop long enough to keep either engine busy for seconds (the limit cuts it). */
const LONG = `#include <stdio.h>
int main(void) {
    volatile int s = 0;
    for (int i = 0; i < 100000000; i++) s += i;
    printf("%d\\n", s);
    return 0;
}
`;

/** Halts after ~1M tokens on the transformer (several seconds of streaming). */
const HALTS_LATE = `#include <stdio.h>
int main(void) {
    volatile int s = 0;
    for (int i = 0; i < 9000; i++) s += i;
    printf("sum %d\\n", s);
    return 0;
}
`;

const STEPPED = `#include <stdio.h>
struct point { int x; int y; };
__attribute__((noinline)) int area(struct point p) {
    return p.x * p.y;
}
int main(void) {
    struct point p = { 6, 7 };
    printf("%d\\n", area(p));
    return 3;
}
`;

const SENTENCE = 'the quick brown fox jumps over the lazy dog 0123456789 ';

/** Types `text` at 30 ms a key at the end of the editor's first line. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay: 30 });
}

async function useEngine(page: Page, engine: 'transformer' | 'reference'): Promise<void> {
  await page.getByTestId(`engine-${engine}`).check();
}

for (const engine of ['transformer', 'reference'] as const) {
  test(`no keystroke is lost while a long ${engine} run streams`, async ({ app: page }) => {
    await useEngine(page, engine);
    await pasteIntoEditor(page, `// typed: \n${LONG}`);
    await setTokenLimit(page, engine === 'transformer' ? 3_000_000 : 20_000_000);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('stop')).toBeEnabled({ timeout: 120_000 });
    // Type through the whole run: while the engine works and while its tokens flood the page.
    let typed = '';
    for (let k = 0; k < 6; k++) {
      await typeInEditor(page, SENTENCE);
      typed += SENTENCE;
      if (await page.getByTestId('run').isEnabled()) break;
    }
    const stop = page.getByTestId('stop');
    if (await stop.isEnabled()) await stop.click({ timeout: 5_000 }).catch(() => {});
    await waitForRunEnd(page);
    const first = (await editorText(page)).split('\n')[0];
    expect(first).toBe(`// typed: ${typed}`);
  });
}

test('the token limit field keeps what is typed and says the engine\'s real cap', async ({ app: page }) => {
  const field = page.getByTestId('max-tokens');
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2000000', { delay: 40 });
  await expect(field).toHaveValue('2000000');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await expect(field).toHaveValue('');
  await page.keyboard.type('2000000', { delay: 40 });
  await page.keyboard.press('Tab');
  await expect(field).toHaveValue('2000000');
  // The transformer holds MAX_POSITIONS positions: a larger limit is lowered, and the field says why.
  await expect(page.getByTestId('engine-transformer')).toBeChecked();
  expect(await setTokenLimit(page, MAX_POSITIONS + 1_000_000)).toBe(String(MAX_POSITIONS));
  await expect(page.getByTestId('max-tokens-note')).toContainText(`${MAX_POSITIONS.toLocaleString('en-US')} positions`);
  await useEngine(page, 'reference');
  expect(await setTokenLimit(page, 50_000_000)).toBe('50000000');
  expect(await setTokenLimit(page, 12)).toBe('1000');
});

test('a long transformer run is followed to halt, and the stop reason is one sentence everywhere', async ({ app: page }) => {
  await pasteIntoEditor(page, HALTS_LATE);
  await setTokenLimit(page, 5_000_000);
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Halted after/);
  const halt = page.locator('[data-testid=token-stream] .tok-scroll .tok-halt');
  await expect(halt).toBeInViewport();
  await expect(page.getByTestId('run-outcome')).toHaveText('[exited with status 0]');
  await expect(page.getByTestId('machine-state')).not.toContainText('nothing has run yet');
  // main's return goes through exit(), whose env.halt is the last instruction (docs/c-runtime.md "Exit status").
  await expect(page.getByTestId('machine-facts')).toContainText('in exit');

  // A run cut by the limit says the same reason in the status line and in the output pane.
  await pasteIntoEditor(page, LONG);
  await setTokenLimit(page, 30_000);
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Stopped at the token limit of 30,000: 30,000 tokens/);
  await expect(page.getByTestId('run-outcome')).toHaveText('[stopped at the token limit of 30,000]');
  await useEngine(page, 'reference');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Stopped at the token limit of 30,000: 30,000 tokens/);
  await expect(page.getByTestId('token-count')).toHaveText('30,000');
});

test('a divergence from the reference is said in the output pane, with the token to jump to', async ({ app: page }) => {
  await pasteIntoEditor(page, '#include <stdio.h>\nint main(void) {\n    volatile int *p = (volatile int *)0x7ffffff0;\n    *p = 42;\n    printf("wrote %d\\n", *p);\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^The transformer (DIVERGED|and the reference interpreter differ)/);
  const outcome = page.getByTestId('run-outcome');
  await expect(outcome).toContainText(/DIVERGED|differ in length/);
  await expect(outcome).toHaveClass(/run-outcome-error/);
  const button = page.getByTestId('jump-divergence');
  const target = Number((await button.textContent())!.replace(/[^0-9]/g, ''));
  await button.click();
  await expect(page.getByTestId('selected-token')).toContainText(`token ${target.toLocaleString('en-US')}`);
  await expect(page.getByTestId('token-explanation')).toContainText(`Token ${target.toLocaleString('en-US')}`);
});

/** A construct the pipeline refuses (growing linear memory): compiled by clang, never run. */
const GROWS_MEMORY = '#include <stdio.h>\nvolatile int g = 2;\nint main(void) {\n    int pages = __builtin_wasm_memory_grow(0, g);\n    printf("%d\\n", pages);\n    return 0;\n}\n';

/** The see panes after a Run that ran nothing: why, in both panes; no machine state, no "waiting". */
async function expectNothingRan(page: Page, why: RegExp): Promise<void> {
  for (const pane of ['machine-state', 'attention-view']) {
    await expect(page.getByTestId(pane).getByTestId('not-run')).toContainText(why);
    await expect(page.getByTestId(pane)).not.toContainText(/Waiting for the first token|produced no tokens|Replaying/);
  }
  await expect(page.getByTestId('machine-facts')).toHaveCount(0);
  await expect(page.getByTestId('attention-at')).toHaveCount(0);
  await expect(page.getByTestId('token-count')).toHaveText('0');
  // Still so a moment later (no late answer of an earlier run, no replay starting).
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('machine-state').getByTestId('not-run')).toContainText(why);
  await expect(page.getByTestId('machine-facts')).toHaveCount(0);
}

test('after a refused run the see panes say why nothing ran, not a stale or waiting state', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // hello runs first, so the panes have a machine state and heads that could stay.
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  await expect(page.getByTestId('machine-facts')).toBeVisible();

  // The pipeline refuses a construct: compiled, never run.
  await pasteIntoEditor(page, GROWS_MEMORY);
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Refused at the validate stage/);
  await expectNothingRan(page, /Nothing ran: Refused at the validate stage: .*memory\.grow/);
  await page.screenshot({ path: `${OUT_DIR}/page-refused-pipeline-1280x800.png` });

  // A specialized model asked to run another program: the model refuses it.
  await page.getByTestId('examples').selectOption('hello');
  await page.getByTestId('specialize').click();
  await expect(page.getByTestId('build-status')).toHaveText(/^Built in/, { timeout: 180_000 });
  await expect(page.getByTestId('model-select')).toHaveValue('specialized');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  await expect(page.getByTestId('machine-facts')).toBeVisible();
  await pasteIntoEditor(page, 'int main(void) {\n    return 7;\n}\n');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/specialized model is for 'hello'.*different/);
  await expectNothingRan(page, /Nothing ran: .*specialized model is for 'hello'/);
  await expect(page.getByTestId('run-outcome')).toContainText('not run');
  await page.screenshot({ path: `${OUT_DIR}/page-refused-model-1280x800.png` });
});

test('the "follow newest" button never covers the last row', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await pasteIntoEditor(page, HALTS_LATE);
  await setTokenLimit(page, 5_000_000);
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  // A token of the last row selected after the run halted: the pane stops following and the button appears.
  const halt = page.locator('.tok-scroll .tok-halt');
  await expect(halt).toBeInViewport();
  await halt.click();
  const button = page.getByTestId('follow-newest');
  await expect(button).toBeVisible();
  const lastRow = page.locator('.tok-scroll .tok-row', { has: page.locator('.tok-halt') });
  const under = async () => {
    const b = (await button.boundingBox({ timeout: 10_000 }))!;
    const rowBox = (await lastRow.boundingBox({ timeout: 10_000 }))!;
    const toks = await lastRow.locator('.tok').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    const overlaps = toks.filter((t) => t.x < b.x + b.width && b.x < t.x + t.w && t.y < b.y + b.height && b.y < t.y + t.h);
    return { rowBottom: rowBox.y + rowBox.height, buttonTop: b.y, overlaps: overlaps.length };
  };
  let u = await under();
  expect(u.overlaps).toBe(0);
  expect(u.rowBottom).toBeLessThanOrEqual(u.buttonTop);
  await expect(halt).toBeInViewport({ ratio: 1 });
  // Scrolled away and back by the wheel, as a person does: the last row is above the button again.
  await page.locator('.tok-scroll').hover();
  await page.mouse.wheel(0, -400);
  await expect(button).toBeVisible();
  await page.mouse.wheel(0, 10_000);
  await expect(halt).toBeInViewport({ ratio: 1 });
  if (await button.isVisible()) {
    u = await under();
    expect(u.overlaps).toBe(0);
    expect(u.rowBottom).toBeLessThanOrEqual(u.buttonTop);
  }
  await page.screenshot({ path: `${OUT_DIR}/page-follow-newest-1280x800.png` });
});

test('stepping shows the C line in the editor, the call stack in C names and plain-words explanations', async ({ app: page }) => {
  await pasteIntoEditor(page, STEPPED);
  await page.getByTestId('run').click();
  await waitForRunEnd(page);
  expect(await programOutput(page)).toBe('42\n');
  // From the first trace token, step by instruction until the machine is inside area().
  const prefix = Number((await page.getByTestId('prefix-count').textContent())!.replace(/,/g, ''));
  await page.getByTestId('scrubber').fill(String(prefix));
  await expect(page.getByTestId('machine-facts')).toHaveAttribute('data-token', String(prefix));
  // The C runtime's startup runs before main() (a few hundred instructions).
  for (let i = 0; i < 1000; i++) {
    const stack = await page.getByTestId('call-stack').textContent();
    if (stack?.includes('area:')) break;
    const before = await page.getByTestId('machine-facts').getAttribute('data-token');
    await page.getByTestId('step-instruction').click();
    await expect(page.getByTestId('machine-facts')).not.toHaveAttribute('data-token', before!);
  }
  await expect(page.getByTestId('call-stack')).toContainText(/area:4.*←.*main:8/);
  await expect(page.locator('.monaco-editor .exec-line')).toHaveCount(1);
  const top = await page.locator('.monaco-editor .exec-line').evaluate((e) => (e.parentElement as HTMLElement).style.top || (e as HTMLElement).style.top);
  const line4 = await page.locator('.monaco-editor .view-line').filter({ hasText: 'return p.x * p.y;' }).evaluate((e) => (e as HTMLElement).style.top);
  expect(top).toBe(line4);
  await expect(page.getByTestId('token-explanation')).toContainText(/Token [\d,]+ · /);
  await expect(page.getByTestId('head-explanation')).toContainText(/the head .* compared its query/, { timeout: 60_000 });
  // Nothing of the wrapper: main is main, no line of the struct declaration.
  await expect(page.getByTestId('listing')).not.toContainText(/\bcompute\b/);
  await page.getByTestId('follow').click();
  await expect(page.getByTestId('selected-token')).toContainText('halt');
  // At the end of a finished run there is nothing to pause and nowhere further to go.
  await expect(page.getByTestId('follow')).toBeDisabled();
  await expect(page.getByTestId('pause')).toHaveCount(0);
  await expect(page.getByTestId('attention-at')).not.toContainText('evaluating', { timeout: 60_000 });
  await expect(page.getByTestId('machine-facts')).toBeVisible();
});

/** Two loops, one after the other: scrubbing to a quarter and to three quarters of the run lands in each. */
const TWO_LOOPS = `int main(void) {
    volatile int a = 0, b = 0;
    for (int i = 0; i < 3000; i++) a += i;
    for (int i = 0; i < 3000; i++) b -= i;
    return (a + b) & 1;
}
`;

/** The editor line (number and text) that carries the execution mark, or null. */
async function markedLine(page: Page): Promise<{ n: number; text: string } | null> {
  return page.evaluate(() => {
    const mark = document.querySelector('.monaco-editor .view-overlays .exec-line');
    if (!mark) return null;
    const top = (mark.parentElement as HTMLElement).style.top;
    const lines = [...document.querySelectorAll('.monaco-editor .view-line')] as HTMLElement[];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const k = lines.findIndex((l) => l.style.top === top);
    return k < 0 ? null : { n: k + 1, text: (lines[k].textContent ?? '').replace(/\u00a0/g, ' ').trim() };
  });
}

/** The innermost frame's line in the call stack ("main:4 ← …" → 4). */
async function stackLine(page: Page): Promise<number> {
  const text = (await page.getByTestId('call-stack').textContent()) ?? '';
  return Number(/main:(\d+)/.exec(text)?.[1] ?? NaN);
}

test('the C line is marked while a run is followed live and while scrubbing; a token clicked in the live stream stays in view', async ({ app: page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Following a live run: the mark follows the machine state (a few times a second) onto the loop's line.
  await startFollowedLiveRun(page);
  await expect.poll(async () => (await markedLine(page))?.text, { timeout: 30_000 }).toBe('for (;;) s++;');
  await page.screenshot({ path: `${OUT_DIR}/page-following-1280x800.png` });
  // A click on a token of the live stream selects it: the pane stops following and keeps it in view.
  const live = page.locator('[data-testid=token-stream] canvas');
  const box = (await live.boundingBox())!;
  await page.mouse.click(box.x + 76, box.y + 18 * 4 + 9);
  await expect(page.getByTestId('follow')).toHaveText('Follow live');
  const picked = Number((await page.getByTestId('selected-token').locator('b').textContent())!.replace(/,/g, ''));
  const selected = page.locator('.tok-scroll .tok.tok-selected');
  await expect(selected).toHaveAttribute('data-i', String(picked));
  await page.waitForTimeout(1_000);
  await expect(selected).toBeInViewport();
  await expect(page.getByTestId('follow-newest')).toBeVisible();
  await page.getByTestId('stop').click();
  await waitForRunEnd(page);

  // Scrubbing with the mouse: a quarter of the way is in the first loop, three quarters in the second.
  await pasteIntoEditor(page, TWO_LOOPS);
  await setTokenLimit(page, 5_000_000);
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after/);
  const scrub = (await page.getByTestId('scrubber').boundingBox())!;
  for (const [at, line] of [[0.25, 3], [0.75, 4]] as const) {
    await page.mouse.move(scrub.x + scrub.width * (at - 0.05), scrub.y + scrub.height / 2);
    await page.mouse.down();
    await page.mouse.move(scrub.x + scrub.width * at, scrub.y + scrub.height / 2, { steps: 5 });
    await page.mouse.up();
    const token = (await page.getByTestId('selected-token').locator('b').textContent())!.replace(/,/g, '');
    await expect(page.getByTestId('machine-facts')).toHaveAttribute('data-token', token);
    await expect.poll(() => stackLine(page)).toBe(line);
    await expect.poll(async () => (await markedLine(page))?.n).toBe(line);
  }
  // Home on the scrubber goes to token 0, in the program prefix: no C line has run yet.
  await page.getByTestId('scrubber').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('selected-token')).toContainText('token 0 /');
  await expect(page.getByTestId('machine-facts')).toContainText('nothing has run yet');
  await expect(page.locator('.monaco-editor .view-overlays .exec-line')).toHaveCount(0);
});

test('the first visit shows clang\'s download (a bar with MB of MB, the rate, that it happens once); Run meanwhile waits for it', async ({ page }) => {
  // A fresh context has nothing in the Cache API: clang downloads. Throttled to 25 MB/s so the bar is seen.
  await page.setViewportSize({ width: 1280, height: 800 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 5, downloadThroughput: 25e6, uploadThroughput: 10e6 });
  await page.goto('/');
  const bar = page.getByTestId('clang-download');
  await expect(bar).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('status')).toContainText(/Downloading the C compiler \(clang, \d+ MB\): this happens once/);
  await expect(bar).toContainText(/^[\d.]+ \/ [\d.]+ MB · [\d.]+ MB\/s · \d+ s left$/, { timeout: 30_000 });
  const [loaded, total] = (await page.getByTestId('clang-progress').evaluate((e) => [(e as HTMLProgressElement).value, (e as HTMLProgressElement).max]));
  expect(total).toBeGreaterThan(50e6);
  expect(loaded).toBeLessThan(total);
  await page.screenshot({ path: `${OUT_DIR}/page-first-visit-1280x800.png` });
  // Run pressed meanwhile: the status says the run waits for clang, the bar keeps moving, and the
  // run goes ahead once clang is there.
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('Compiling: waiting for clang to finish loading…');
  await expect(bar).toBeVisible();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after .* · exited with status 0$/);
  await expect(bar).toHaveCount(0);
  expect(await programOutput(page)).toBe('Hello, World!\n');
});

test('output can be copied and downloaded; compile errors are all shown; the status has its full text on hover', async ({ app: page }) => {
  await expect(page.getByTestId('clang-version')).toHaveText(/^clang \d+/);
  await expect(page.getByTestId('clang-version')).toHaveAttribute('title', /clang version/);
  await useEngine(page, 'reference');
  await pasteIntoEditor(page, '#include <stdio.h>\nint main(void) {\n    for (int i = 0; i < 3; i++) printf("line %d\\n", i);\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  await expect(page.getByTestId('status')).toHaveAttribute('title', status);
  await page.getByTestId('copy-output').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('line 0\nline 1\nline 2\n');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-output').click()]);
  expect(dl.suggestedFilename()).toBe('output.txt');

  await pasteIntoEditor(page, 'int main(void) {\n    int a = b;\n    int c = d;\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Compile error/);
  const xterm = page.locator('.output-pane .xterm-rows');
  await expect(xterm).toContainText("use of undeclared identifier 'b'");
  await expect(xterm).toContainText("use of undeclared identifier 'd'");
});

test('every control says what it does on hover', async ({ app: page }) => {
  await useEngine(page, 'reference');
  await page.getByTestId('run').click();
  await waitForRunEnd(page);
  const untitled = await page.evaluate(() => [...document.querySelectorAll('button, input, select, [role=slider]')]
    .filter((e) => (e as HTMLElement).offsetParent !== null && !e.closest('.monaco-editor') && !e.closest('[title]') && !(e as HTMLElement).title)
    .map((e) => (e as HTMLElement).dataset.testid ?? e.outerHTML.slice(0, 80)));
  expect(untitled).toEqual([]);
});

for (const lines of process.env.SLOW ? [20_000, 100_000] : [20_000]) {
  test(`a program printing ${lines.toLocaleString('en-US')} lines with putchar runs without React errors`, async ({ app: page }) => {
    await useEngine(page, 'reference');
    await pasteIntoEditor(page, `#include <stdio.h>\nint main(void) {\n    for (int i = 0; i < ${lines}; i++) { putchar('a' + i % 26); putchar('\\n'); }\n    return 0;\n}\n`);
    await setTokenLimit(page, 50_000_000);
    await page.getByTestId('run').click();
    const status = await waitForRunEnd(page);
    // 100,000 lines take more than 50M tokens: the limit cuts the run, the page must stay sound.
    if (lines <= 20_000) {
      expect(status).toMatch(/^Halted after/);
      expect((await programOutput(page)).length).toBe(2 * lines);
    } else {
      expect(status).toMatch(/^Stopped at the token limit of 50,000,000/);
    }
    // The guard fixture fails the test on any console error ("Maximum update depth exceeded" included).
  });
}

for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
  test(`layout at ${w}×${h}: nothing wraps or spills`, async ({ app: page }) => {
    await page.setViewportSize({ width: w, height: h });
    await pasteIntoEditor(page, STEPPED);
    await page.getByTestId('run').click();
    await waitForRunEnd(page);
    await page.getByTestId('step-instruction-back').click();
    await expect(page.getByTestId('head-explanation')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: `${OUT_DIR}/page-${w}x${h}.png` });
    // One row each: the token stream's header, the model pane's rows, the stepping bar's button row.
    const heights = await page.evaluate(() => {
      const h = (sel: string) => [...document.querySelectorAll(sel)].map((e) => Math.round(e.getBoundingClientRect().height));
      return { tokenHeader: h('.token-pane .pane-title'), modelRows: h('.model-pane .model-row'), status: h('.status') };
    });
    for (const v of heights.tokenHeader) expect(v).toBeLessThanOrEqual(30);
    for (const v of heights.modelRows) expect(v).toBeLessThanOrEqual(40);
    for (const v of heights.status) expect(v).toBeLessThanOrEqual(34);
    // The scrubber spans the stepping bar.
    const scrub = await page.getByTestId('scrubber').boundingBox();
    const bar = await page.getByTestId('stepping').boundingBox();
    expect(scrub!.width).toBeGreaterThan(bar!.width * 0.8);
    // The selected token's text is not cut.
    const cut = await page.getByTestId('selected-token').evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    expect(cut).toBe(false);
    // The output pane is not covered by the model pane's build log.
    const out = await page.locator('.output-pane').boundingBox();
    const model = await page.getByTestId('model-pane').boundingBox();
    const overlap = !(model!.x >= out!.x + out!.width || model!.x + model!.width <= out!.x || model!.y >= out!.y + out!.height || model!.y + model!.height <= out!.y);
    expect(overlap).toBe(false);
  });
}
