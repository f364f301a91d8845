import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { readBinModel, writeBinModel } from '../src/core/weights/binFile.ts';
import { readSafetensors } from '../src/core/weights/safetensors.ts';
import { test, expect, openReady, pasteIntoEditor, waitForRunEnd, programOutput, metrics, OUT_DIR, setTokenLimit } from './fixtures.ts';
import { referenceRun } from './reference.ts';
import { generatedProgramSource } from '../src/testing/generatedProgram.ts';
import { DEFAULT_SETTINGS, encodeShareHash } from '../src/ui/url-state.ts';

/**
 * The transformer path: Run executes the transformer (the Emscripten core in the inference
 * worker) and checks its trace against the reference interpreter; Specialize bakes the program
 * into the weights in the build worker (HiGHS); the model downloads parse back.
 */

const hello = readFileSync('examples/hello.c', 'utf8');

async function saved(d: Download): Promise<Uint8Array> {
  const path = await d.path();
  return new Uint8Array(readFileSync(path));
}

async function selectExample(page: Page, name: string, args: string): Promise<void> {
  await page.getByTestId('examples').selectOption(name);
  await expect(page.getByTestId('args')).toHaveValue(args);
}

/** Clicks Specialize and waits for the build; returns the page's build time in ms. */
async function specialize(page: Page, timeout = 180_000): Promise<{ ms: number; result: string }> {
  const t0 = Date.now();
  await page.getByTestId('specialize').click();
  await expect(page.getByTestId('build-status')).toHaveText(/^Built in/, { timeout });
  const ms = Date.now() - t0;
  return { ms, result: (await page.getByTestId('build-result').textContent()) ?? '' };
}

test('hello runs on the transformer: output equals the reference, tok/s shown, trace checked', async ({ app: page }) => {
  const expected = await referenceRun(hello, 'World');
  await expect(page.getByTestId('engine-transformer')).toBeChecked();
  await expect(page.getByTestId('model-info')).toContainText('milp', { timeout: 60_000 });
  await selectExample(page, 'hello', 'World');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Halted after/);
  expect(status).toContain('universal model');
  expect(status).toContain('reference check: match');
  expect(await programOutput(page)).toBe(expected.output);
  await expect(page.getByTestId('token-count')).toHaveText(expected.tokens.toLocaleString('en-US'));
  await expect(page.getByTestId('tok-per-s')).toHaveText(/\d.* tok\/s$/);
  expect(Number((await metrics(page)).tokPerS)).toBeGreaterThan(0);
  await page.screenshot({ path: `${OUT_DIR}/transformer-hello.png` });

  // The trace download is the transformer's own tokens in the _ref.txt format.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-trace').click()]);
  const text = new TextDecoder().decode(await saved(dl));
  expect(text.startsWith('{\n')).toBe(true);
  expect(text.trimEnd().endsWith('halt')).toBe(true);

  // The same program on the reference interpreter prints the same.
  await page.getByTestId('engine-reference').check();
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after.*reference interpreter/);
  expect(await programOutput(page)).toBe(expected.output);
});

test('the universal model downloads as .bin, .safetensors and metadata that parse back', async ({ app: page }) => {
  await expect(page.getByTestId('download-weights')).toBeEnabled({ timeout: 60_000 });
  const [bin] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-weights').click()]);
  expect(bin.suggestedFilename()).toBe('transformer-vm-universal.bin');
  const model = readBinModel(await saved(bin));
  await expect(page.getByTestId('model-info')).toContainText(`D ${model.D} · L ${model.L}`);

  const [st] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-safetensors').click()]);
  const fromSt = readSafetensors(await saved(st));
  expect([fromSt.V, fromSt.D, fromSt.L, fromSt.F]).toEqual([model.V, model.D, model.L, model.F]);
  expect(fromSt.vocab).toEqual(model.vocab);
  expect(fromSt.embed).toEqual(model.embed);
  expect(fromSt.info?.headLabels?.[0]?.[0]).toBe('store_byte_1');
  expect(fromSt.info?.provenance?.kind).toBe('universal');

  const [js] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-metadata').click()]);
  const meta = JSON.parse(new TextDecoder().decode(await saved(js)));
  expect(meta.vocab).toEqual(model.vocab);
  expect(meta.tie_break).toHaveLength(model.L);
  expect(meta.head_labels).toHaveLength(model.L);
  expect(meta.shape).toEqual({ vocab: model.V, d_model: model.D, layers: model.L, heads: model.H, d_ffn: model.F });
});

test('specialize hello in the page, run it from `start`, download it with its program hash', async ({ app: page }) => {
  const expected = await referenceRun(hello, 'World');
  await selectExample(page, 'hello', 'World');
  const built = await specialize(page);
  console.log(`specialize hello in the page: ${built.ms} ms, ${built.result}`);
  expect(built.result).toMatch(/V \d+, D \d+, L \d+/);
  // The build said how it scheduled, and that other arguments need no new build.
  expect(built.result).toMatch(/MILP optimal|MILP stopped at its time limit|greedy schedule/);
  await expect(page.getByTestId('build-next')).toContainText('other arguments');
  await expect(page.getByTestId('model-select')).toHaveValue('specialized');
  await page.getByTestId('build-panel').screenshot({ path: `${OUT_DIR}/specialize-hello-log.png` });
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page);
  expect(status).toMatch(/^Halted after/);
  expect(status).toContain('specialized model');
  expect(status).toContain('reference check: match');
  expect(await programOutput(page)).toBe(expected.output);
  await page.screenshot({ path: `${OUT_DIR}/specialized-hello-run.png` });
  // Scrolled to the top as a person does (the wheel; a script's scroll does not stop following).
  await page.locator('.tok-scroll').hover();
  await page.mouse.wheel(0, -1_000_000);
  await expect(page.locator('.tok-row').first()).toContainText('start');

  const [st] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-safetensors').click()]);
  expect(st.suggestedFilename()).toBe('transformer-vm-specialized-hello.safetensors');
  const model = readSafetensors(await saved(st));
  expect(model.vocab).toContain('start');
  const prov = model.info?.provenance ?? {};
  expect(prov.programHash).toMatch(/^[0-9a-f]{16}$/);
  expect(prov.clangVersion).toMatch(/clang version/);
  expect(Number(prov.verifiedTokens)).toBe(expected.tokens);
  const [bin] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-weights').click()]);
  expect(readBinModel(await saved(bin)).D).toBe(model.D);
  const [compact] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-compact').click()]);
  expect(compact.suggestedFilename()).toBe('transformer-vm-specialized-hello.compact.safetensors');
  const compactBytes = await saved(compact);
  expect(writeBinModel(readSafetensors(compactBytes))).toEqual(writeBinModel(model));
  // hello's dense model is small (D 32, 90 FFN units: ~1.3 MB); the compact form is mostly its
  // embedding and unembedding (~0.13 MB).
  expect(compactBytes.length * 8).toBeLessThan((await saved(st)).length);

  // Other arguments: typed into Args as a person does, run on the same specialized model.
  const other = await referenceRun(hello, 'Moon');
  await page.getByTestId('args').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Moon', { delay: 30 });
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toContain('reference check: match');
  expect(await programOutput(page)).toBe(other.output);

  // The compact download, loaded back from disk into a page that switched to the universal
  // model, runs hello again; a malformed file is refused and the loaded model stays.
  await page.getByTestId('model-select').selectOption('universal');
  const compactPath = `${OUT_DIR}/hello.compact.safetensors`;
  writeFileSync(compactPath, compactBytes);
  await page.getByTestId('model-file').setInputFiles(compactPath);
  await expect(page.getByTestId('model-file-note')).toContainText('Loaded hello.compact.safetensors');
  await expect(page.getByTestId('model-select')).toHaveValue('specialized');
  await page.getByTestId('model-file').setInputFiles({ name: 'cut.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(compactBytes.subarray(0, compactBytes.length >> 1)) });
  await expect(page.getByTestId('model-file-note')).toContainText('cut.safetensors was not loaded');
  await expect(page.getByTestId('model-file-note')).toContainText('unchanged');
  await expect(page.getByTestId('model-select')).toHaveValue('specialized');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toContain('reference check: match');
  expect(await programOutput(page)).toBe(other.output);

  // A different program is refused by the specialized model, with a clear message.
  await pasteIntoEditor(page, 'int main(void) {\n    printf("other\\n");\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/specialized model is for 'hello'.*different/);
});

test('an infinite loop on the transformer is stopped by the user, and the next run works', async ({ app: page }) => {
  await pasteIntoEditor(page, 'int main(void) {\n    printf("looping\\n");\n    for (;;) {}\n    return 0;\n}\n');
  await setTokenLimit(page, '50000000');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toContainText('Running on the transformer');
  // Tokens stream while it runs.
  await expect.poll(async () => Number((await page.getByTestId('token-count').textContent())?.replace(/,/g, '')), { timeout: 60_000 }).toBeGreaterThan(20_000);
  await expect(page.getByTestId('output')).toContainText('looping');
  await page.screenshot({ path: `${OUT_DIR}/transformer-loop-running.png` });
  await page.getByTestId('stop').click();
  expect(await waitForRunEnd(page, 10_000)).toMatch(/^Stopped by you/);

  await pasteIntoEditor(page, 'int main(void) {\n    printf("after stop\\n");\n    return 0;\n}\n');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after.*reference check: match/);
  expect(await programOutput(page)).toBe('after stop\n');
});

test('a generated program of ~5,000 instructions, opened from a share link: specialized in the page, D within 10% of the universal 38, run to halt matching the reference', async ({ page }) => {
  test.setTimeout(400_000);
  const source = generatedProgramSource(16);
  const expected = await referenceRun(source, 'a');
  await openReady(page, '/' + encodeShareHash({ source, args: 'a', settings: DEFAULT_SETTINGS }));
  await expect(page.getByTestId('args')).toHaveValue('a');
  const built = await specialize(page, 300_000);
  console.log(`specialize generated16 in the page: ${built.ms} ms, ${built.result}`);
  const d = Number(/D (\d+)/.exec(built.result)?.[1]);
  expect(d).toBeGreaterThan(0);
  expect(d).toBeLessThanOrEqual(41);
  expect(built.result).toMatch(/\d{4} table neurons/);
  await expect(page.getByTestId('model-select')).toHaveValue('specialized');
  await page.getByTestId('run').click();
  const status = await waitForRunEnd(page, 300_000);
  expect(status).toMatch(/^Halted after/);
  expect(status).toContain('specialized model');
  expect(status).toContain('reference check: match');
  expect(await programOutput(page)).toBe(expected.output);
});

test('a build can be cancelled; the universal model can be rebuilt in the page and runs hello', async ({ page }) => {
  const expected = await referenceRun(hello, 'World');
  await openReady(page);
  await selectExample(page, 'collatz', '7');
  await page.getByTestId('time-limit').fill('120');
  await page.getByTestId('specialize').click();
  await expect(page.getByTestId('build-status')).toContainText('MILP', { timeout: 60_000 });
  await page.getByTestId('build-cancel').click();
  await expect(page.getByTestId('build-status')).toHaveText(/^Cancelled after/);
  await expect(page.getByTestId('model-select')).toHaveValue('universal');

  await page.getByTestId('greedy').check();
  await page.getByTestId('rebuild-universal').click();
  await expect(page.getByTestId('build-status')).toHaveText(/^Built in/, { timeout: 120_000 });
  await expect(page.getByTestId('model-info')).toContainText('greedy heuristic');
  await page.getByTestId('build-panel').screenshot({ path: `${OUT_DIR}/rebuild-universal-log.png` });
  await selectExample(page, 'hello', 'World');
  await page.getByTestId('run').click();
  expect(await waitForRunEnd(page)).toMatch(/^Halted after.*reference check: match/);
  expect(await programOutput(page)).toBe(expected.output);
});

test('cold and warm load of the transformer: core and universal model ready in the inference worker', async ({ page }) => {
  const figures: Record<string, unknown> = {};
  for (const phase of ['cold', 'warm'] as const) {
    const t0 = Date.now();
    if (phase === 'cold') await page.goto('/');
    else await page.reload();
    await expect(page.getByTestId('model-metrics')).toHaveAttribute('data-model-ms', /^\d+$/, { timeout: 60_000 });
    const m = await page.getByTestId('model-metrics').evaluate((e) => ({ ...(e as HTMLElement).dataset }));
    figures[phase] = { navigationToModelReadyMs: Date.now() - t0, fetchMs: Number(m.fetchMs), coreMs: Number(m.coreMs), modelMs: Number(m.modelMs), warmUpMs: Number(m.warmUpMs) };
  }
  writeFileSync(`${OUT_DIR}/transformer-load.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures));
});

test('figures: specialize hello, collatz, fibonacci and libc (7,205 instructions) in the page; transformer tok/s for collatz and sudoku', async ({ page }) => {
  test.skip(!process.env.E2E_FIGURES, 'set E2E_FIGURES=1 (several minutes)');
  test.setTimeout(900_000);
  await openReady(page);
  const figures: Record<string, unknown> = {};
  for (const [name, args] of [['collatz', '7'], ['sudoku', '530070000600195000098000060800060003400803001700020006060000280000419005000080079']]) {
    await selectExample(page, name, args);
    await page.getByTestId('run').click();
    const status = await waitForRunEnd(page, 600_000);
    expect(status).toContain('reference check: match');
    figures[`run-${name}`] = { status, rate: await page.getByTestId('tok-per-s').textContent(), tokPerS: (await metrics(page)).tokPerS };
    await page.screenshot({ path: `${OUT_DIR}/transformer-${name}.png` });
  }
  for (const [name, args, withGreedy] of [['hello', 'World', true], ['collatz', '7', true], ['fibonacci', '10', true], ['libc', '', false]] as const) {
    for (const greedy of withGreedy ? [false, true] : [false]) {
      await page.getByTestId('model-select').selectOption('universal');
      await selectExample(page, name, args);
      if (greedy) await page.getByTestId('greedy').check();
      else await page.getByTestId('greedy').uncheck();
      const built = await specialize(page, 600_000);
      await page.getByTestId('run').click();
      const status = await waitForRunEnd(page, 600_000);
      expect(status).toContain('reference check: match');
      figures[`specialize-${name}${greedy ? '-greedy' : ''}`] = { ...built, run: status, rate: (await metrics(page)).tokPerS };
    }
  }
  writeFileSync(`${OUT_DIR}/transformer-figures.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
});
