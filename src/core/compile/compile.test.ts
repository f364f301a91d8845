import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModule } from '../wasm/decode.ts';
import { CompileError, compileC } from './compile.ts';
import { runWasmDirect } from './runWasmDirect.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function compileError(source: string, fileName = 'bad.c'): Promise<CompileError> {
  try {
    await compileC(source, { fileName });
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error('expected a CompileError');
}

describe('compileC', () => {
  it('compiles the original form with no #include and records the clang version', async () => {
    const c = await compileC('void compute(const char *in) { printf("Hi %s %d\\n", in, str_len(in)); }');
    expect(c.entry).toBe('compute');
    expect(c.takesInput).toBe(true);
    expect(c.clangVersion).toMatch(/^clang version 22\./);
    expect(text(c.wasm.subarray(0, 4))).toBe('\0asm');
    const run = runWasmDirect(c.wasm, 'there');
    expect(text(run.output)).toBe('Hi there 5\n');
    expect(run.stop).toBe('return');
  });

  it('surfaces a syntax error with file, line and column', async () => {
    const e = await compileError('void compute(void) {\n  int x = 1\n  putchar(x);\n}\n', 'prog.c');
    expect(e.stage).toBe('compile');
    expect(e.where).toMatchObject({ file: 'prog.c', line: 2, column: 12 });
    expect(e.message).toMatch(/expected ';'/);
    expect(e.diagnostics[0]).toMatchObject({ file: 'prog.c', line: 2, column: 12, severity: 'error' });
    expect(e.format()).toMatch(/^prog\.c:2:12: expected ';'/);
  });

  it('formats every error, one per line, after the first', async () => {
    const e = await compileError('int f(void) {\n  return z;\n}\nint main(void) {\n  return y;\n}\n', 'two.c');
    expect(e.message).toBe("use of undeclared identifier 'z' (and 1 more error)");
    expect(e.format().split('\n')).toEqual(["two.c:2:10: use of undeclared identifier 'z' (and 1 more error)", "  two.c:5:10: use of undeclared identifier 'y'"]);
  });

  it('names an undefined function and says the runtime does not provide it', async () => {
    const e = await compileError('int helper(int);\nvoid compute(void) {\n  putchar(helper(3));\n}\n');
    expect(e.message).toMatch(/undefined symbol 'helper'.*not provided by the runtime/);
    expect(e.where).toMatchObject({ file: 'bad.c', line: 3, column: 11 });
    expect(e.diagnostics).toHaveLength(1);
  });

  it('says which headers exist when one is missing', async () => {
    const e = await compileError('#include <pthread.h>\nvoid compute(void) {}\n');
    expect(e.message).toMatch(/'pthread\.h' file not found \(the runtime provides .*<stdio\.h>/);
    expect(e.where).toMatchObject({ file: 'bad.c', line: 1, column: 10 });
  });

  it('refuses a program without an entry point', async () => {
    const e = await compileError('int f(void) { return 1; }');
    expect(e.message).toMatch(/no entry point/);
  });

  it('returns warnings of a successful compilation as diagnostics', async () => {
    const c = await compileC('void compute(void) { int unused_but_set; unused_but_set = 1; printf("%d\\n", "x"); }', {
      fileName: 'warn.c',
    });
    const warning = c.diagnostics.find((d) => d.severity === 'warning');
    expect(warning).toMatchObject({ file: 'warn.c', line: 1 });
  });

  it('runs int main(void) and int main(int argc, char **argv)', async () => {
    const noArgs = await compileC('#include <stdio.h>\nint main(void) { puts("plain main"); return 0; }');
    expect(noArgs).toMatchObject({ entry: 'main', takesInput: false });
    expect(text(runWasmDirect(noArgs.wasm, null).output)).toBe('plain main\n');

    const withArgs = await compileC(
      '#include <stdio.h>\n#include <string.h>\nint main(int argc, char **argv) { printf("%d %s %s|%s %d\\n", argc, argv[0], argv[1], argv[2], argv[3] == 0); return (int)strlen(argv[1]); }',
    );
    expect(withArgs).toMatchObject({ entry: 'main', takesInput: true });
    expect(text(runWasmDirect(withArgs.wasm, 'the "quoted argument"').output)).toBe('3 program the|quoted argument 1\n');
  });

  it('assert() prints the failed condition and halts', async () => {
    const c = await compileC('#include <assert.h>\nvoid compute(const char *in) {\n  assert(in[0] == 0);\n  putchar(66);\n}\n', {
      fileName: 'a.c',
    });
    const run = runWasmDirect(c.wasm, 'x');
    expect(text(run.output)).toBe('Assertion failed: in[0] == 0 (a.c: compute: 3)\n');
    expect(run.stop).toBe('halt');
  });

  it('exit() halts through env.halt', async () => {
    const c = await compileC('#include <stdlib.h>\nvoid compute(void) { putchar(65); exit(0); putchar(66); }');
    const run = runWasmDirect(c.wasm, null);
    expect(text(run.output)).toBe('A');
    expect(run.stop).toBe('halt');
  });

  it('malloc places the heap after the input string', async () => {
    const c = await compileC(
      '#include <stdlib.h>\n#include <string.h>\nvoid compute(const char *in) { char *a = malloc(40); char *b = calloc(3, 8); strcpy(a, "heap"); free(a); char *c = malloc(16); printf("%s %s %d %d %d\\n", in, c, b > in + strlen(in), (int)(c == a), b[23]); }',
    );
    const input = 'an input string longer than sixteen bytes';
    expect(text(runWasmDirect(c.wasm, input).output)).toBe(`${input} heap 1 1 0\n`);
  });

  it('provides memcpy and memset for code clang generates on its own', async () => {
    const c = await compileC(
      'struct big { int v[20]; };\nstatic struct big a, b;\nvoid compute(void) { int local[16] = {1, 2, 3}; for (int i = 0; i < 20; i++) a.v[i] = i + local[i & 3]; b = a; print_int(b.v[18] + local[15]); }',
    );
    expect(text(runWasmDirect(c.wasm, null).output)).toBe('21');
  });
});

/** Lowered ops (docs/original-design.md §6): each becomes a long instruction sequence on the machine. */
const LOWERED = /^i32\.(mul|div_[su]|rem_[su]|and|or|xor|shl|shr_[su]|rotl|rotr|clz|ctz|popcnt|extend8_s|extend16_s)$/;
const LIBC_FUNCTIONS = [
  'vprintf', 'printf', 'puts', 'print_int', 'sscanf', 'atoi', 'abs', 'malloc', 'free', 'calloc', 'realloc',
  'strlen', 'strcmp', 'strncmp', 'strcpy', 'strncpy', 'strcat', 'strncat', 'strchr', 'strrchr', 'strstr',
  'memcpy', 'memmove', 'memset', 'memcmp', 'memchr', 'format_decimal', 'format_hex', 'read_decimal',
  'sink_put', 'sink_span', 'sink_repeat', 'format_decimal_64', 'format_hex_64', 'vsnprintf', 'snprintf',
  'fputs', 'fputc', 'float_unsupported', 'split_limb', 'big_mul_pow2', 'big_mul_pow5', 'big_compare', 'big_subtract', 'expand_exact', 'round_digits',
];

describe('runtime libc code', () => {
  // examples/libc.c links the integer-only libc; a double makes it link the full one (floatUse.ts)
  it.each([
    ['integer', '', 'float_unsupported'],
    ['full', 'static double force_full_libc;\n', 'expand_exact'],
  ])('%s variant: uses lowered ops only with constant operands, and no bulk memory', async (_variant, prefix, marker) => {
    const source = prefix + readFileSync(new URL('../../../examples/libc.c', import.meta.url), 'utf8');
    const c = await compileC(source, { fileName: 'libc.c' });
    const m = decodeModule(c.wasm);
    const seen = new Set(m.functions.map((f) => f.name));
    for (const name of ['vprintf', 'sscanf', 'malloc', 'memmove', 'strstr', marker]) expect(seen).toContain(name);
    const offenders: string[] = [];
    for (const f of m.functions) {
      for (const [i, ins] of f.body.entries()) {
        if (ins.op.startsWith('memory.')) offenders.push(`${f.name}: ${ins.op}`);
        if (!LIBC_FUNCTIONS.includes(f.name) || !LOWERED.test(ins.op)) continue;
        const previous = f.body[i - 1];
        if (previous?.op !== 'i32.const') offenders.push(`${f.name}: ${ins.op} with a variable operand (instruction ${i})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('memcpy and memset are plain loops that call nothing', async () => {
    const c = await compileC('#include <stdio.h>\n#include <string.h>\nchar a[9], b[9];\nvoid compute(void) { memset(a, 65, 8); memcpy(b, a, 9); puts(b); }');
    const m = decodeModule(c.wasm);
    for (const name of ['memcpy', 'memset']) {
      const f = m.functions.find((g) => g.name === name);
      expect(f, name).toBeDefined();
      expect(f!.body.filter((ins) => ins.op === 'call')).toEqual([]);
    }
    expect(text(runWasmDirect(c.wasm, null).output)).toBe('AAAAAAAA\n');
  });
});
