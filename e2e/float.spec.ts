import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gccNative, hasGccNative } from '../src/core/testing/gccNative.ts';
import { floatFuncptrProgram } from '../src/core/testing/floatFuncptrProgram.ts';
import { test, expect, openReady, pasteIntoEditor, waitForRunEnd, programOutput, OUT_DIR } from './fixtures.ts';

/**
 * A program with double and float arithmetic, %.2f and a table of double(double, double)
 * function pointers runs on the transformer (the Emscripten core on the universal model) and
 * prints exactly what gcc's native build prints, with gcc's exit status.
 */
const PROGRAM = floatFuncptrProgram('printf("%.2f %d\\n", y, (int)(f * 100));');

test.skip(!hasGccNative, 'gcc and stdbuf are needed for the native oracle');

test('a float program with function pointers runs on the transformer and prints what gcc prints', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'tvm-e2e-float-'));
  try {
    for (const args of ['3/', '7*']) {
      const native = gccNative(dir, 'float_funcptr', PROGRAM, args);
      await page.setViewportSize({ width: 1280, height: 800 });
      if (args === '3/') {
        await openReady(page);
        await expect(page.getByTestId('engine-transformer')).toBeChecked();
        await pasteIntoEditor(page, PROGRAM);
      }
      const argsField = page.getByTestId('args');
      await argsField.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(args, { delay: 40 });
      await page.getByTestId('run').click();
      const status = await waitForRunEnd(page);
      expect(status).toMatch(/^Halted after/);
      expect(status).toContain('reference check: match');
      expect(await programOutput(page)).toBe(native.output.toString('latin1'));
      expect(native.status).not.toBe(0); // both arguments give a status that shows in the outcome banner
      await expect(page.getByTestId('run-outcome')).toHaveText(`[exited with status ${native.status}]`);
      await page.screenshot({ path: `${OUT_DIR}/float-${args === '3/' ? 'divide' : 'multiply'}.png` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
