/**
 * Small C programs using the runtime libc, each compiled natively with gcc (glibc is the oracle)
 * and through clang to wasm, compared byte for byte: V8 running the wasm directly for all of
 * them, the whole pipeline's reference interpreter for those the machine can already run
 * (`machine: true`; the others need the f64/i64 lowering). The argument string's words are argv
 * and the string is stdin (gccNative); natively stdout and stderr are unbuffered and merged, as on
 * the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReference } from '../../reference/interpret.ts';
import { compileSourceCached } from '../../../testing/compiledExamples.ts';
import { CompileError, compileC } from '../compile.ts';
import { runWasmDirect } from '../runWasmDirect.ts';
import { gccNative, hasGccNative } from '../../testing/gccNative.ts';

const hasGcc = hasGccNative;
if (!hasGcc) console.warn('libcPrograms.test.ts: gcc or stdbuf not found, so the comparisons with glibc are skipped');
const dir = mkdtempSync(join(tmpdir(), 'tvm-libc-programs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  name: string;
  args: string;
  machine: boolean;
  source: string;
  /** The reference run's token budget when the default is too small. */
  maxTokens?: number;
}

const CASES: Case[] = [
  {
    // NaN signs as gcc's x86-64 programs print them: invalid operations give the negative default
    // NaN, a NaN operand passes through, and glibc's own choice per function.
    name: 'nan-signs',
    args: '',
    machine: true,
    source: `#include <stdio.h>
#include <math.h>
int main(void) {
  volatile double m1 = -1.0, two = 2.0, z = 0.0, inf = INFINITY, m2 = -2.0, n = NAN;
  volatile float fz = 0.0f, fn = NAN;
  printf("%f %f %f %f %f %f\\n", z / z, inf - inf, z * inf, inf / inf, sqrt(m1), n + 1.0);
  printf("%f %f %f %f %f %f\\n", -n, n * m1, fabs(z / z), copysign(n, -1.0), (double)(fz / fz), (double)(float)(z / z));
  printf("%f %f %f %f %f\\n", log(m1), log2(m1), log10(m1), log1p(m2), pow(-8.0, 1.0 / 3));
  printf("%f %f %f %f %f\\n", acos(two), asin(two), fmod(1.0, z), fmod(inf, 1.0), sin(inf));
  printf("%f %f %f %f %f\\n", sqrtf(-1.0f), logf(-1.0f), acosf(2.0f), powf(-8.0f, 0.5f), (double)(fn + 1.0f));
  printf("%e %g %a %5.1f|%-6f|\\n", z / z, n, z / z, n, z / z);
  return 0;
}`,
  },
  {
    name: 'wide',
    args: '',
    machine: true,
    source: `#include <stdio.h>
int main(void) {
  const int *none = 0;
  printf("%ls|%lc|%5ls|%-4lc|%.2ls|%-6ls|\\n", L"wide", L'x', L"ab", L'y', L"wide", L"ab");
  printf("[%ls] %d\\n", none, printf("%lc%lc\\n", 'o', 'k'));
  return 0;
}`,
  },
  {
    name: 'streams',
    args: 'line one\nline two\n',
    machine: true,
    source: `#include <stdio.h>
int main(void) {
  char line[32];
  int c = getchar();
  printf("first byte %c\\n", c);
  fprintf(stderr, "to stderr %d\\n", 42);
  fputs("fputs\\n", stdout);
  fputc('!', stderr);
  putc('\\n', stdout);
  while (fgets(line, sizeof line, stdin)) printf("[%s]", line);
  fwrite("done\\n", 1, 5, stdout);
  fflush(stdout);
  printf("eof %d\\n", getchar() == EOF);
  return 0;
}`,
  },
  {
    name: 'sprintf',
    args: '',
    machine: true,
    source: `#include <stdio.h>
#include <string.h>
int main(void) {
  char buf[40];
  int n = snprintf(buf, 10, "%s=%05d|%-4x|", "value", -42, 255);
  printf("%d %zu [%s]\\n", n, strlen(buf), buf);
  n = sprintf(buf, "%+d %o %#o %#x %c%%", 7, 8, 8, 255, 'z');
  printf("%d [%s]\\n", n, buf);
  printf("[%*d] [%-*d] [%.*s] [%hhd] [%hu]\\n", 6, 12, 6, 12, 3, "abcdef", 300, 70000);
  printf("%d\\n", snprintf(NULL, 0, "%d", 123456));
  return 0;
}`,
  },
  {
    name: 'integers64',
    args: '',
    machine: true,
    source: `#include <stdio.h>
#include <inttypes.h>
int main(void) {
  long long a = -9223372036854775807LL - 1;
  unsigned long long b = 18446744073709551615ULL;
  printf("%lld %llu %llx %llo\\n", a, b, b, b);
  printf("%" PRId64 " %" PRIu64 " %" PRIx64 " %020" PRIX64 "\\n", (int64_t)-12345678901234, (uint64_t)1 << 40, (uint64_t)0xfeedfacecafe, (uint64_t)0xabcdef);
  printf("%jd %ju %lli\\n", (intmax_t)-1, (uintmax_t)1000000000000, 0LL);
  return 0;
}`,
  },
  {
    name: 'strto',
    args: "'  -123abc 0x1F 0777 99999999999 z'",  // one argv word: the program parses argv[1] as a whole
    machine: true,
    source: `#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
int main(int argc, char **argv) {
  char *end;
  const char *s = argv[1];
  long v = strtol(s, &end, 10);
  printf("%ld rest [%s]\\n", v, end);
  printf("%ld %ld %lu %d %ld\\n", strtol(" 0x1F", 0, 0), strtol("0777", 0, 0), strtoul("z", 0, 36), atoi(" 17"), atol("-8"));
  return 0;
}`,
  },
  {
    name: 'strto64',
    args: '',
    machine: false, // returns a long long: needs the i64 lowering
    source: `#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
int main(void) {
  char *end;
  errno = 0;
  long long big = strtoll("99999999999999999999", &end, 10);
  printf("%lld %d\\n", big, errno == ERANGE);
  printf("%llu %lld\\n", strtoull("18446744073709551615", 0, 10), atoll("-42x"));
  return 0;
}`,
  },
  {
    name: 'strings',
    args: '',
    machine: true,
    source: `#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
int main(void) {
  char text[] = "the quick,brown  fox;jumps";
  for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf("<%s>", t);
  printf("\\n%zu %zu %s\\n", strspn("aabbcx", "ab"), strcspn("hello world", " "), strpbrk("hello", "lo"));
  char *d = strdup("duplicate");
  char *n = strndup("truncate me", 5);
  printf("%s %s %zu %d %d\\n", d, n, strnlen("abc", 2), strcasecmp("HeLLo", "hello"), strncasecmp("abcX", "ABCy", 3));
  printf("%s %s\\n", strerror(34), (char *)memrchr("a/b/c", '/', 5));
  free(d);
  free(n);
  return 0;
}`,
  },
  {
    name: 'scanf',
    args: '12 -7 0x1f 077 word rest-of-line',
    machine: true,
    source: `#include <stdio.h>
int main(void) {
  int a, b, c, d;
  char w[16], r[32];
  int n = scanf("%d %d %i %i %15s %31[^\\n]", &a, &b, &c, &d, w, r);
  printf("%d: %d %d %d %d %s [%s]\\n", n, a, b, c, d, w, r);
  long long x;
  unsigned long long y;
  char ch;
  n = sscanf("-123456789012 987654321098 Q", "%lld %llu %c", &x, &y, &ch);
  printf("%d %lld %llu %c\\n", n, x, y, ch);
  return 0;
}`,
  },
  {
    name: 'sorting',
    args: '',
    machine: false,
    source: `#include <stdio.h>
#include <stdlib.h>
static int ascending(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int descending(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
int main(void) {
  int v[12];
  srand(7);
  for (int i = 0; i < 12; i++) v[i] = rand() % 100;
  int (*order[2])(const void *, const void *) = {ascending, descending};
  for (int k = 0; k < 2; k++) {
    qsort(v, 12, sizeof v[0], order[k]);
    for (int i = 0; i < 12; i++) printf("%d ", v[i]);
    printf("\\n");
  }
  int key = v[5];
  qsort(v, 12, sizeof v[0], ascending);
  int *found = bsearch(&key, v, 12, sizeof v[0], ascending);
  printf("%d %d %d\\n", found != NULL, found ? *found : -1, abs(-5) + (int)labs(-6L));
  div_t q = div(-17, 5);
  printf("%d %d %d\\n", q.quot, q.rem, rand());
  return 0;
}`,
  },
  {
    name: 'floats',
    args: "'3.25 1e-3'",  // one argv word: the program parses argv[1] as a whole
    machine: false,
    source: `#include <stdio.h>
#include <stdlib.h>
#include <math.h>
int main(int argc, char **argv) {
  char *end;
  double x = strtod(argv[1], &end);
  double y = atof(end);
  printf("%f %e %g %a\\n", x, y, x / y, x);
  printf("[%10.3f] [%-12.4e] [%+g] [%#.0f] [%08.2f] [%G]\\n", x * y, x, -x, x, -y, 1e-10);
  printf("%.20f %.17g %g %g %g\\n", 0.1, 0.1, 1.0 / 3, 1e100, 123456789.0);
  printf("%f %f %g %g %f\\n", sqrt(2.0), fabs(-x), floor(-x), ceil(x), round(2.5));
  printf("%d %d %d %f %F\\n", isnan(NAN), isinf(-INFINITY), signbit(-0.0) != 0, 1.0 / 0.0, -HUGE_VAL);
  float f;
  double d;
  int n = sscanf("2.5e3 -0.125", "%f %lf", &f, &d);
  printf("%d %g %g %.3f\\n", n, f, d, fmin(x, y) + fmax(x, y));
  return 0;
}`,
  },
  // floating point reached only through a literal, a libc function or a macro: the full libc
  // must be linked although clang folds the first into an integer store (floatUse.ts)
  {
    name: 'float_literal_only',
    args: '',
    machine: true,
    source: `#include <stdio.h>
int main(void) {
  printf("%.2f\\n", 2.5);
  return 0;
}`,
  },
  {
    name: 'float_atof_only',
    args: '3.75e-1',
    machine: false,
    source: `#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
  printf("%g %.3e\\n", atof(argv[1]), atof("1234.5"));
  return 0;
}`,
  },
  {
    name: 'float_nan_macro_only',
    args: '',
    machine: false,
    source: `#include <stdio.h>
#include <math.h>
int main(void) {
  printf("%f %F %e\\n", NAN, -INFINITY, HUGE_VAL);
  return 0;
}`,
  },
  {
    name: 'math',
    args: '2.5',
    machine: true,
    source: `#include <stdio.h>
#include <stdlib.h>
#include <math.h>
int main(int argc, char **argv) {
  double x = atof(argv[1]);
  printf("%.6f %g\\n", exp(x), log(x));
  printf("%.6f %g\\n", sin(x), pow(x, 0.5 + x));
  printf("%.6f %g %g\\n", atan2(x, -1.0), fmod(x * 100, 0.7), hypotf((float)x, 1.5f));
  return 0;
}`,
  },
  {
    // sin/cos/tan past 2^30 (the Payne-Hanek reduction, docs/c-runtime.md). volatile keeps clang
    // from folding the calls. For these arguments every result printed with %.17g is glibc's bit
    // for bit, except cos(1e10): 0.512 ulp off (faithful, not correctly rounded, as ~3% of results
    // are; docs/c-runtime.md), so it is printed with %.15g; the closest double to a multiple of pi/2 prints cos and tan with %.6e
    // (glibc's own cos and tan are several ulps off there).
    name: 'math-huge-trig',
    args: '',
    machine: true,
    maxTokens: 400_000_000,
    source: `#include <stdio.h>
#include <math.h>
int main(void) {
  volatile double xs[] = { 1073741824.0, 1e10, 1e22, 1e300, 1.7976931348623157e308, -7.5e45 };
  for (int i = 0; i < (int)(sizeof xs / sizeof xs[0]); i++) {
    double x = xs[i];
    if (i == 1) printf("%.17g %.17g %.15g %.17g\\n", x, sin(x), cos(x), tan(x));
    else printf("%.17g %.17g %.17g %.17g\\n", x, sin(x), cos(x), tan(x));
  }
  volatile double worst = 0x1.6ac5b262ca1ffp+849;
  printf("%.17g %.6e %.6e %f %g\\n", sin(worst), cos(worst), tan(worst), sin(-1e22), cos(1e300));
  return 0;
}`,
  },
  {
    name: 'math-wide',
    args: "'0.75 -3.5'",  // one argv word: the program parses argv[1] as a whole
    machine: false,
    source: `#include <stdio.h>
#include <stdlib.h>
#include <math.h>
int main(int argc, char **argv) {
  char *end;
  double x = strtod(argv[1], &end), y = atof(end);
  double v[] = { exp(x), exp2(y), expm1(x / 1000), log(x), log2(-y), log10(x * 1e7), log1p(x / 1e6), pow(x, y), pow(y, 3.0),
                 sin(x), cos(y), tan(x), sin(1e6 * y), asin(x), acos(-x), atan(y), atan2(y, x), atan2(x, y), sinh(x), cosh(y), tanh(y / 4),
                 hypot(x, y), cbrt(y), fmod(x * 1e9, y), ldexp(x, -1070), scalbn(y, 1000) };
  for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++) printf("%.15g %g\\n", v[i], v[i]);
  int e;
  double whole, m = frexp(y, &e), f = modf(y, &whole);
  printf("%g %d %g %g\\n", m, e, f, whole);
  printf("%g %g %g %g %g\\n", pow(0.0, -1.0), pow(-8.0, 1.0 / 3), log(0.0), atan2(0.0, -0.0), fmod(1.0, 0.0));
  printf("%.7g %.7g %.7g %.7g %.7g %.7g\\n", expf((float)x), logf((float)x), sinf((float)y), powf((float)x, 2.5f), atan2f((float)y, (float)x), tanhf((float)x));
  return 0;
}`,
  },
];

function native(c: Case): Buffer {
  return gccNative(dir, c.name, c.source, c.args).output;
}

function same(actual: Uint8Array, expected: Buffer, what: string): void {
  const a = Buffer.from(actual).toString('latin1');
  const b = expected.toString('latin1');
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  throw new Error(`${what} differs from gcc at byte ${i}:\n--- ${what} ---\n${JSON.stringify(a)}\n--- gcc ---\n${JSON.stringify(b)}`);
}

describe.each(CASES)('libc program $name', (c) => {
  it.skipIf(!hasGcc)('V8 running the clang wasm prints what gcc prints', async () => {
    const compiled = await compileC(c.source, { fileName: `${c.name}.c` });
    const run = runWasmDirect(compiled.wasm, c.args);
    expect(run.trap).toBeUndefined();
    same(run.output, native(c), 'V8');
  });

  it.skipIf(!hasGcc || !c.machine)('the reference interpreter prints what gcc prints', async () => {
    const { program, input } = await compileSourceCached(c.source, `${c.name}.c`, c.args);
    const run = runReference(program, input, c.maxTokens === undefined ? {} : { maxTokens: c.maxTokens });
    expect(run.error).toBeUndefined();
    expect(run.stop).toBe('halt');
    same(run.output, native(c), 'reference');
  });
});

describe('refused library calls', () => {
  it('%ls and %lc of a non-ASCII character print a note, not garbage (the C locale has no conversion)', async () => {
    const c = await compileC('#include <stdio.h>\nint main(void) {\n  printf("[%ls|%lc]\\n", L"caf\\u00e9", 0x263a);\n  return 0;\n}\n');
    expect(new TextDecoder().decode(runWasmDirect(c.wasm, null).output)).toBe(
      '[[printf: %ls of a non-ASCII character is not supported]|[printf: %lc of a non-ASCII character is not supported]]\n',
    );
  });

  it('names fopen and its line', async () => {
    const source = '#include <stdio.h>\nint main(void) {\n  FILE *f = fopen("data.txt", "r");\n  return f != 0;\n}\n';
    const error = await compileC(source, { fileName: 'files.c' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).message).toMatch(/'fopen' is unavailable: the machine has no files/);
    expect((error as CompileError).where).toMatchObject({ file: 'files.c', line: 3 });
  });
});
