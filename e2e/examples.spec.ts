import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test, expect, waitForRunEnd, programOutput, metrics, OUT_DIR } from './fixtures.ts';
import { referenceRun } from './reference.ts';

interface Entry { name: string; file: string; args: string; tier?: string }

const manifest: Entry[] = existsSync('examples/manifest.json')
  ? (JSON.parse(readFileSync('examples/manifest.json', 'utf8')) as Entry[])
  : [];
const chosen = manifest.filter((e) => process.env.SLOW || e.tier !== 'slow' || ['collatz', 'sudoku'].includes(e.name));

test('every example from the menu prints what the reference prints', async ({ app: page }) => {
  test.skip(chosen.length === 0, 'examples/manifest.json has no examples yet');
  const rates: Record<string, { tokens: string | null; rate: string | null; tokPerS: string | undefined }> = {};
  for (const e of chosen) {
    const source = readFileSync(`examples/${e.file}`, 'utf8');
    await page.getByTestId('examples').selectOption(e.name);
    await expect(page.getByTestId('args')).toHaveValue(e.args);
    await page.getByTestId('run').click();
    // The oracle runs in Node while the page runs the example.
    const expected = await referenceRun(source, e.args);
    const status = await waitForRunEnd(page);
    expect([e.name, status]).toEqual([e.name, expect.stringMatching(/^Halted after/)]);
    const got = await programOutput(page);
    if (got !== expected.output) {
      let i = 0;
      while (i < got.length && got[i] === expected.output[i]) i++;
      throw new Error(`${e.name}: output differs at character ${i}: page ${JSON.stringify(got.slice(i, i + 40))}, reference ${JSON.stringify(expected.output.slice(i, i + 40))}`);
    }
    rates[e.name] = {
      tokens: await page.getByTestId('token-count').textContent(),
      rate: await page.getByTestId('tok-per-s').textContent(),
      tokPerS: (await metrics(page)).tokPerS,
    };
    if (e.name === 'sudoku' || e.name === 'collatz') {
      await page.screenshot({ path: `${OUT_DIR}/example-${e.name}.png` });
    }
  }
  writeFileSync(`${OUT_DIR}/example-rates.json`, JSON.stringify(rates, null, 2));
  console.log(JSON.stringify(rates, null, 2));
});
