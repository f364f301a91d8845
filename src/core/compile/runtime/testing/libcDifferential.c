/*
 * Differential test of the runtime libc against glibc, compiled natively with gcc: the runtime's
 * object has every symbol prefixed with tvm_ (objcopy), so both libraries live in one program.
 * Usage: libcDifferential SEED COUNT. Prints each mismatch (at most 20 per family) and a summary
 * line per family: "family checked N mismatches M".
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tvm_snprintf(char *buffer, size_t size, const char *format, ...);
double tvm_strtod(const char *s, char **end);
float tvm_strtof(const char *s, char **end);
long long tvm_strtoll(const char *s, char **end, int base);
unsigned long long tvm_strtoull(const char *s, char **end, int base);
int tvm_sscanf(const char *s, const char *format, ...);
int tvm_rand(void);
void tvm_srand(unsigned seed);
extern int tvm_errno;
void tvm_qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));

/* The runtime's output import: the test never prints through it. */
void tvm___tvm_output_byte(int c) { (void)c; }
void tvm___tvm_halt(void) { abort(); }
/* The runtime's heap follows this (its addresses fit in 32 bits: the program is linked -no-pie). */
unsigned char tvm___heap_base[4 << 20];

static uint64_t rng_state;
static uint64_t next64(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static unsigned below(unsigned n) { return (unsigned)(next64() % n); }

static double random_double(void) {
  uint64_t bits;
  double d;
  switch (below(8)) {
    case 0: /* any bit pattern */
      bits = next64();
      memcpy(&d, &bits, 8);
      return d;
    case 1: /* a short decimal */
      return (double)(int)(next64() % 2000001 - 1000000) / pow(10, below(8));
    case 2: /* halfway cases at a few precisions */
      return ((double)(next64() % 100000) + 0.5) / pow(10, below(4));
    case 3: /* integers */
      return (double)(int64_t)(next64() >> below(63));
    case 4: /* subnormals */
      bits = next64() >> 12;
      memcpy(&d, &bits, 8);
      return d;
    case 5: /* powers of two and ten */
      return below(2) ? ldexp(1.0, (int)below(2098) - 1074) : pow(10, (int)below(600) - 300);
    case 6: /* 0, -0, inf, nan */
      {
        const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1.0, 0.1, 9.5, 0.05, 999999.5};
        return specials[below(10)];
      }
    default: /* moderate values */
      return (next64() % 2000000) / 1000.0 * (below(2) ? 1 : -1) * pow(10, (int)below(20) - 10);
  }
}

static int mismatches;
static int family_start; /* mismatches before the current family */
static void report(const char *family, const char *what, const char *ours, const char *theirs) {
  mismatches++;
  if (mismatches - family_start <= 20) printf("MISMATCH %s %s: runtime \"%s\" glibc \"%s\"\n", family, what, ours, theirs);
}

static void check_float_formats(int count) {
  static const char *flags[] = {"", "-", "+", " ", "#", "0", "+0", "-#", " 0"};
  static const char conversions[] = "feEgGaAF";
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    double v = random_double();
    char format[32];
    int conv = conversions[below(8)];
    int width = below(3) == 0 ? (int)below(30) : -1;
    int precision = below(4) == 0 ? -1 : (int)below(below(5) == 0 ? 60 : 18);
    char *p = format;
    p += sprintf(p, "%%%s", flags[below(9)]);
    if (width >= 0) p += sprintf(p, "%d", width);
    if (precision >= 0) p += sprintf(p, ".%d", precision);
    sprintf(p, "%c", conv);
    char ours[2048], theirs[2048];
    int a = tvm_snprintf(ours, sizeof ours, format, v);
    int b = snprintf(theirs, sizeof theirs, format, v);
    if (a != b || strcmp(ours, theirs) != 0) {
      char what[80];
      snprintf(what, sizeof what, "%s of %a", format, v);
      report("printf-float", what, ours, theirs);
    }
  }
  printf("printf-float checked %d mismatches %d\n", count, mismatches - start);
}

static void check_integer_formats(int count) {
  static const char *formats[] = {"%lld", "%llu", "%llx", "%llX", "%#llx", "%llo", "%#llo", "%lli", "%jd", "%ju",
                                  "%20lld", "%-20llu|", "%+.25lld", "%020llx", "%.0lld", "%d", "%hhd", "%hd", "%hhu",
                                  "%#o", "%o", "%5.3d", "%-+8i|", "% d", "%x", "%#X", "%u", "%zu", "%zd", "%.0u"};
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    const char *format = formats[below(30)];
    uint64_t v = next64() >> below(64);
    if (below(4) == 0) v = -v;
    if (below(16) == 0) v = 0;
    char ours[128], theirs[128];
    int a, b;
    if (strstr(format, "ll") || strchr(format, 'j')) {
      a = tvm_snprintf(ours, sizeof ours, format, v);
      b = snprintf(theirs, sizeof theirs, format, v);
    } else if (strchr(format, 'z')) {
      /* size_t is 64-bit natively: compare on 32-bit values the runtime and glibc agree on */
      continue;
    } else {
      a = tvm_snprintf(ours, sizeof ours, format, (int)v);
      b = snprintf(theirs, sizeof theirs, format, (int)v);
    }
    if (a != b || strcmp(ours, theirs) != 0) {
      char what[80];
      snprintf(what, sizeof what, "%s of %llu", format, (unsigned long long)v);
      report("printf-int", what, ours, theirs);
    }
  }
  printf("printf-int checked %d mismatches %d\n", count, mismatches - start);
}

static void random_decimal_text(char *text) {
  char *p = text;
  if (below(4) == 0) *p++ = below(2) ? '-' : '+';
  int digits = 1 + below(below(8) == 0 ? 120 : 20);
  int point = below(3) == 0 ? -1 : (int)below(digits + 1);
  for (int i = 0; i < digits; i++) {
    if (i == point) *p++ = '.';
    *p++ = (char)('0' + (i == 0 && below(4) ? 1 + below(9) : below(10)));
  }
  if (below(2)) p += sprintf(p, "e%d", (int)below(700) - 350);
  *p = 0;
}

static void check_strtod(int count) {
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    char text[400];
    switch (below(4)) {
      case 0: snprintf(text, sizeof text, "%.17g", random_double()); break;
      case 1: snprintf(text, sizeof text, "%a", random_double()); break;
      case 2: { /* the exact halfway point between two neighbouring doubles, printed exactly */
        double v = fabs(random_double());
        if (!isfinite(v) || v == 0) v = 1.0;
        double next = nextafter(v, INFINITY);
        long double mid = ((long double)v + (long double)next) / 2;
        snprintf(text, sizeof text, "%.40Le", mid);
        break;
      }
      default: random_decimal_text(text);
    }
    char *end_ours, *end_theirs;
    double a = tvm_strtod(text, &end_ours);
    double b = strtod(text, &end_theirs);
    float fa = tvm_strtof(text, 0);
    float fb = strtof(text, 0);
    if (memcmp(&a, &b, 8) != 0 || end_ours - text != end_theirs - text || memcmp(&fa, &fb, 4) != 0) {
      char ours[120], theirs[120];
      snprintf(ours, sizeof ours, "%a (+%d) f %a", a, (int)(end_ours - text), fa);
      snprintf(theirs, sizeof theirs, "%a (+%d) f %a", b, (int)(end_theirs - text), fb);
      report("strtod", text, ours, theirs);
    }
  }
  printf("strtod checked %d mismatches %d\n", count, mismatches - start);
}

static void check_strtoll(int count) {
  static const char *prefixes[] = {"", " ", "-", "+", "0x", "0", "-0x", "  +0"};
  static const int bases[] = {0, 10, 16, 8, 2, 36, 0, 10};
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    char text[80];
    int n = sprintf(text, "%s", prefixes[below(8)]);
    int digits = 1 + below(24);
    for (int k = 0; k < digits; k++) text[n++] = "0123456789abcdefzZ9"[below(19)];
    text[n] = 0;
    int base = bases[below(8)];
    char *e1, *e2;
    tvm_errno = 0;
    long long a = tvm_strtoll(text, &e1, base);
    int err_a = tvm_errno;
    errno = 0;
    long long b = strtoll(text, &e2, base);
    int err_b = errno;
    unsigned long long ua = tvm_strtoull(text, 0, base), ub = strtoull(text, 0, base);
    if (a != b || e1 != e2 || err_a != err_b || ua != ub) {
      char what[120], ours[80], theirs[80];
      snprintf(what, sizeof what, "\"%s\" base %d", text, base);
      snprintf(ours, sizeof ours, "%lld %llu +%d errno %d", a, ua, (int)(e1 - text), err_a);
      snprintf(theirs, sizeof theirs, "%lld %llu +%d errno %d", b, ub, (int)(e2 - text), err_b);
      report("strtoll", what, ours, theirs);
    }
  }
  printf("strtoll checked %d mismatches %d\n", count, mismatches - start);
}

static void check_sscanf(int count) {
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    char text[200];
    double d = random_double();
    long long v = (long long)next64() >> below(64);
    snprintf(text, sizeof text, " %.*g,%lld 0x%x %s [abc]", (int)below(20), d, v, (unsigned)v, below(2) ? "word" : "x1");
    double da = 0, db = 0;
    float fa = 0, fb = 0;
    long long la = 0, lb = 0;
    int ia = 0, ib = 0, ca = 0, cb = 0;
    char sa[32] = "", sb[32] = "", ta[32] = "", tb[32] = "";
    int ra = tvm_sscanf(text, "%lf,%lld %i %31s %*[[]%31[a-c]%n", &da, &la, &ia, sa, ta, &ca);
    int rb = sscanf(text, "%lf,%lld %i %31s %*[[]%31[a-c]%n", &db, &lb, &ib, sb, tb, &cb);
    int rfa = tvm_sscanf(text, "%f", &fa);
    int rfb = sscanf(text, "%f", &fb);
    int same_d = memcmp(&da, &db, 8) == 0 || (isnan(da) && isnan(db));
    int same_f = memcmp(&fa, &fb, 4) == 0 || (isnan(fa) && isnan(fb));
    if (ra != rb || !same_d || la != lb || ia != ib || strcmp(sa, sb) || strcmp(ta, tb) || ca != cb || rfa != rfb || !same_f) {
      char ours[200], theirs[200];
      snprintf(ours, sizeof ours, "%d %a %lld %d %s %s %d | %d %a", ra, da, la, ia, sa, ta, ca, rfa, fa);
      snprintf(theirs, sizeof theirs, "%d %a %lld %d %s %s %d | %d %a", rb, db, lb, ib, sb, tb, cb, rfb, fb);
      report("sscanf", text, ours, theirs);
    }
  }
  printf("sscanf checked %d mismatches %d\n", count, mismatches - start);
}

static void check_rand(void) {
  int start = mismatches;
  family_start = start;
  int checked = 0;
  unsigned seeds[] = {1, 0, 42, 12345, 4294967295u, 2147483648u};
  for (int s = 0; s < 6; s++) {
    srand(seeds[s]);
    tvm_srand(seeds[s]);
    for (int i = 0; i < 1000; i++) {
      int a = tvm_rand(), b = rand();
      checked++;
      if (a != b) {
        char what[64], ours[16], theirs[16];
        snprintf(what, sizeof what, "seed %u call %d", seeds[s], i);
        snprintf(ours, sizeof ours, "%d", a);
        snprintf(theirs, sizeof theirs, "%d", b);
        report("rand", what, ours, theirs);
        break;
      }
    }
  }
  printf("rand checked %d mismatches %d\n", checked, mismatches - start);
}

struct pair {
  int key;
  int order;
};
static int by_key(const void *a, const void *b) { return ((const struct pair *)a)->key - ((const struct pair *)b)->key; }

static void check_qsort(int count) {
  int start = mismatches;
  family_start = start;
  for (int i = 0; i < count; i++) {
    int n = below(200);
    struct pair a[200], b[200];
    for (int k = 0; k < n; k++) {
      a[k].key = below(20);
      a[k].order = k;
    }
    memcpy(b, a, sizeof a);
    tvm_qsort(a, n, sizeof a[0], by_key);
    qsort(b, n, sizeof b[0], by_key);
    if (memcmp(a, b, n * sizeof a[0]) != 0) report("qsort", "random pairs", "differs", "");
  }
  printf("qsort checked %d mismatches %d\n", count, mismatches - start);
}

int main(int argc, char **argv) {
  rng_state = argc > 1 ? strtoull(argv[1], 0, 10) * 2654435761u + 1 : 1;
  int count = argc > 2 ? atoi(argv[2]) : 10000;
  check_float_formats(count);
  check_integer_formats(count);
  check_strtod(count);
  check_strtoll(count);
  check_sscanf(count);
  check_qsort(count / 50 + 1);
  check_rand();
  return mismatches != 0;
}
