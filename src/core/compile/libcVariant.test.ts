/**
 * Which libc a program links (libcObject.ts, floatUse.ts): integer-only programs get printf
 * without the float formatter; the integer-only printf/scanf refuse a float conversion with a
 * message (reachable only by a program that passes no floating value, i.e. undefined behaviour
 * or a format built at run time).
 */
import { describe, expect, it } from 'vitest';
import { wasmToProgram } from '../pipeline.ts';
import { runReference } from '../reference/interpret.ts';
import { compileSourceCached } from '../../testing/compiledExamples.ts';
import { decodeModule } from '../wasm/decode.ts';
import { compileC } from './compile.ts';
import { runWasmDirect } from './runWasmDirect.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

// %+d is outside the small printf engine's set (printfFormats.ts): both link the general one.
const FIBONACCI = `#include <stdio.h>
int main(void) {
  int a = 0, b = 1;
  for (int k = 0; k < 10; k++) { printf("F(%d) = %+d\\n", k, a); int t = a + b; a = b; b = t; }
  return 0;
}
`;

/** The same program, plus an unused double: detection must pick the full libc. */
const FIBONACCI_WITH_DOUBLE = FIBONACCI.replace('int main(void) {', 'double unused;\nint main(void) {');

function functionNames(wasm: Uint8Array): string[] {
  return decodeModule(wasm).functions.map((f) => f.name);
}

describe('libc variant selection', () => {
  it('links an integer-only program without the float formatter, and much smaller', async () => {
    const integer = await compileC(FIBONACCI);
    const full = await compileC(FIBONACCI_WITH_DOUBLE);
    const integerNames = functionNames(integer.wasm);
    const fullNames = functionNames(full.wasm);
    expect(integerNames).toContain('printf');
    expect(integerNames).not.toContain('format_double');
    expect(integerNames.filter((n) => n.startsWith('big_'))).toEqual([]);
    expect(fullNames).toContain('format_double');
    // the float formatter is about 2,000 machine instructions (docs/c-runtime.md)
    const instructions = (wasm: Uint8Array) => wasmToProgram(wasm, integer.clangVersion).program.instructions.length;
    expect(instructions(full.wasm) - instructions(integer.wasm)).toBeGreaterThan(1500);
    expect(text(runWasmDirect(integer.wasm, '').output)).toBe(text(runWasmDirect(full.wasm, '').output));
  });

  it('links the small printf engine, and not the general one, when every format is a literal within its set', async () => {
    const small = await compileC(FIBONACCI.replace('%+d', '%d'));
    const general = await compileC(FIBONACCI);
    expect(functionNames(small.wasm)).toContain('small_format_to');
    expect(functionNames(small.wasm)).not.toContain('format_to');
    expect(functionNames(general.wasm)).toContain('format_to');
    expect(functionNames(general.wasm)).not.toContain('small_format_to');
    const instructions = (wasm: Uint8Array) => wasmToProgram(wasm, small.clangVersion).program.instructions.length;
    expect(instructions(small.wasm)).toBeLessThan(instructions(general.wasm) / 2);
    expect(text(runWasmDirect(small.wasm, '').output)).toBe(text(runWasmDirect(general.wasm, '').output).replace(/= \+/g, '= '));
  });

  it('links scanf without the float parser for an integer-only program', async () => {
    const c = await compileC('#include <stdio.h>\nint main(void) { int x; if (scanf("%d", &x) == 1) printf("%d\\n", x * 2); return 0; }');
    const names = functionNames(c.wasm);
    expect(names).toContain('scanf');
    expect(names).not.toContain('parse_float');
    expect(text(runWasmDirect(c.wasm, '21').output)).toBe('42\n');
  });

  it('the integer-only printf names a float conversion it meets instead of printing garbage', async () => {
    // the format is built at run time and no floating value exists: undefined behaviour in C,
    // but the one way an integer-only program reaches the conversion
    const source = `#include <stdio.h>
int main(void) {
  char format[9] = {'<', '%', '.', '2', 'f', '>', '%', 'c', 0};
  format[7] = 'd';
  printf(format, 7LL, 42);
  printf("\\n");
  return 0;
}
`;
    const c = await compileC(source);
    expect(functionNames(c.wasm)).not.toContain('format_double');
    const expected = '<[printf: %f needs floating-point support]>42\n';
    expect(text(runWasmDirect(c.wasm, '').output)).toBe(expected);
    const { program, input } = await compileSourceCached(source, 'stub.c', '');
    expect(text(runReference(program, input).output)).toBe(expected);
  });

  it('the integer-only scanf names a float conversion it meets', async () => {
    const source = `#include <stdio.h>
int main(void) {
  char format[4] = {'%', 'l', 'f', 0};
  long long bits = 0;
  int n = sscanf("2.5", format, &bits);
  printf(" %d %lld\\n", n, bits);
  return 0;
}
`;
    const c = await compileC(source);
    expect(functionNames(c.wasm)).not.toContain('parse_float');
    expect(text(runWasmDirect(c.wasm, '').output)).toBe('[scanf: %f needs floating-point support] 0 0\n');
  });
});
