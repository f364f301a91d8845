import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileSourceCached } from '../../testing/compiledExamples.ts';
import { runReference } from '../reference/interpret.ts';
import { gccNative, hasGccNative, outputDifference } from '../testing/gccNative.ts';
import { formatIsSmall, SMALL_FORMATS, usesOnlySmallFormats } from './printfFormats.ts';

describe('which printf engine a program links', () => {
  it('small: literal formats within the set, in every printf-family call', () => {
    expect(usesOnlySmallFormats('int main(void) { printf("F(%d) = %u\\n", 1, 2u); return 0; }')).toBe(true);
    expect(usesOnlySmallFormats('void f(char *b, FILE *o) { fprintf(o, "%-5s|%05x|%c%%", "a", 3, 65); snprintf(b, 8, "%lu" "%zu", 1ul, sizeof b); }')).toBe(true);
    expect(usesOnlySmallFormats('int main(void) { puts("no printf at all"); return 0; } // printf("%f")')).toBe(true);
    expect(usesOnlySmallFormats('int main(void) { puts("printf(\\"%f\\", x)"); return 0; }')).toBe(true);
    expect(usesOnlySmallFormats('void f(int i, int n) { printf(i ? " %d" : "%d", n); printf(i > 1 ? "a" : i ? "b%s" : "c%x", n); }')).toBe(true);
  });

  it('general: any conversion, flag or length outside the set, or a format that is not a literal', () => {
    for (const call of ['printf("%f", x)', 'printf("%lld", x)', 'printf("%.2d", x)', 'printf("%+d", x)', 'printf("%5%")', 'printf("%05s", s)', 'printf("%*d", 3, x)',
      'printf("%hd", x)', 'printf("%o", x)', 'printf("%p", p)', 'printf("\\045f", x)', 'printf("\\x25" "f", x)', 'printf(fmt, x)', 'printf("%" PRId64, x)', 'vprintf("%d", ap)',
      '__builtin_printf("%d", x)', 'int (*p)(const char *, ...) = printf', 'sprintf(b, s)', 'printf("%d"', 'printf(i ? "%d" : "%f", x)', 'printf(i ? "%d" : fmt, x)']) {
      expect(usesOnlySmallFormats(`void f(void) { ${call}; }`), call).toBe(false);
    }
  });

  it('the set: each conversion, with and without flags, width and length', () => {
    for (const c of SMALL_FORMATS.conversions) {
      expect(formatIsSmall(`%${c} %-7${c} %z${c}`), c).toBe(true);
      // %ls and %lc are wide characters: the general engine's.
      expect(formatIsSmall(`%l${c}`), c).toBe(!'sc'.includes(c));
      expect(formatIsSmall(`%08${c}`), c).toBe(SMALL_FORMATS.numericConversions.includes(c));
    }
  });
});

const dir = mkdtempSync(join(tmpdir(), 'tvm-printf-small-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every spec of the set on edge values, through the small engine (the program links it: checked
// by the instruction count against the same program with one general format added).
const SMALL_PROGRAM = `#include <stdio.h>
#include <string.h>
#include <limits.h>
int main(void) {
  int ds[] = {0, 7, -7, 42, -100000, INT_MAX, INT_MIN};
  for (int i = 0; i < 7; i++) printf("[%d|%i|%5d|%-5d|%05d|%-05d|%1d|%12d|%ld]\\n", ds[i], ds[i], ds[i], ds[i], ds[i], ds[i], ds[i], ds[i], (long)ds[i]);
  unsigned us[] = {0, 9, 255, 4096, 0xdeadbeefu, UINT_MAX};
  for (int i = 0; i < 6; i++) printf("[%u|%x|%X|%8x|%-8X|%08x|%zu|%lx]\\n", us[i], us[i], us[i], us[i], us[i], us[i], (size_t)us[i], (unsigned long)us[i]);
  printf("[%c|%3c|%-3c|%s|%8s|%-8s|%s|%%]\\n", 'a', 'b', 'c', "str", "right", "left", "");
  char buf[16];
  int n = snprintf(buf, sizeof buf, "%s-%d-%x-%c", "overflowing", -12345, 0xabcdefu, 'z');
  printf("%d [%s] %d\\n", n, buf, (int)strlen(buf));
  n = sprintf(buf, "%05d%%", -42);
  fprintf(stderr, "%d [%s]\\n", n, buf);
  printf("%d\\n", snprintf(NULL, 0, "%u", 4000000000u));
  return 0;
}
`;

describe.skipIf(!hasGccNative)('the small printf engine against glibc', () => {
  it('prints every spec of its set as glibc does (reference interpreter vs gcc)', async () => {
    const source = SMALL_PROGRAM;
    expect(usesOnlySmallFormats(source)).toBe(true);
    const { program } = await compileSourceCached(source, 'printf_small.c', null);
    const general = await compileSourceCached(`${source}\nvoid unused_general(double x) { printf("%g", x); }\n`, 'printf_general.c', null);
    // the small engine is linked: the same program with one general format is much larger
    expect(program.instructions.length).toBeLessThan(general.program.instructions.length * 0.7);
    const run = runReference(program, null, { maxTokens: 20_000_000 });
    expect(run.stop, run.error).toBe('halt');
    const native = gccNative(dir, 'printf_small', source, null);
    expect(outputDifference(run.output, native.output, 'small printf')).toBeNull();
  });
});
