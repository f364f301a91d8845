import { describe, expect, it } from 'vitest';
import { CompileError, compileC } from './compile.ts';
import { findUnsupportedType } from './unsupportedTypes.ts';

describe('types the machine cannot compute exactly are refused with where they occur', () => {
  it('finds long double in any spelling, and the quad types; not in comments, strings or other words', () => {
    expect(findUnsupportedType('int main(void) {\n  long double x = 1;\n}')).toMatchObject({ line: 2, column: 3, message: expect.stringMatching(/^'long double' is not supported/) });
    expect(findUnsupportedType('typedef double long ld;')).toMatchObject({ line: 1, column: 9 });
    expect(findUnsupportedType('static long   const double k;')).toMatchObject({ line: 1, column: 8 });
    expect(findUnsupportedType('int f(void) { return 0; }\n__float128 q;')).toMatchObject({ line: 2, column: 1, message: expect.stringMatching(/quad/) });
    expect(findUnsupportedType('/* long double */ const char *s = "long double"; long doubled; long long x; double y;')).toBeNull();
  });

  it('compileC refuses before clang runs, pinned to the line and column', async () => {
    const source = '#include <stdio.h>\nint main(void) {\n    long double x = 1.0L / 3;\n    printf("%Lf\\n", x);\n    return 0;\n}\n';
    const e = await compileC(source, { fileName: 'ld.c' }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(CompileError);
    expect((e as CompileError).message).toMatch(/^'long double' is not supported/);
    expect((e as CompileError).diagnostics[0]).toMatchObject({ file: 'ld.c', line: 3, column: 5, severity: 'error' });
  });
});
