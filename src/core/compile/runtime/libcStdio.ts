/**
 * Streams of the runtime libc (part of libc.ts): stdout and stderr both write to the machine's
 * single output stream, in program order; stdin reads the argument bytes (docs/c-runtime.md).
 * Also the scanf family, which reads a string or stdin with one scanner.
 */
export const LIBC_STDIO = String.raw`
/* ------------------------------------------------------------------ streams */

struct tvm_file {
  int kind; /* 0 stdin, 1 stdout, 2 stderr */
};
static struct tvm_file stream_in = {0}, stream_out = {1}, stream_err = {2};
FILE *stdin = &stream_in;
FILE *stdout = &stream_out;
FILE *stderr = &stream_err;

/* stdin: the argument string, placed by the machine at __heap_base rounded up to 16 (docs/token-files.md). */
extern unsigned char __heap_base;
static const unsigned char *input_cursor;

static u32 align16(u32 n) {
  u32 r = mod16(n);
  return r == 0 ? n : n + (16 - r);
}

static const unsigned char *stdin_cursor(void) {
  if (!input_cursor) input_cursor = (const unsigned char *)align16((u32)&__heap_base);
  return input_cursor;
}

WEAK int fputc(int c, FILE *stream) {
  if (stream->kind == 0) return EOF;
  putchar(c);
  return (unsigned char)c;
}

WEAK int putc(int c, FILE *stream) { return fputc(c, stream); }

WEAK int fputs(const char *s, FILE *stream) {
  if (stream->kind == 0) return EOF;
  while (*s) {
    putchar(*s);
    s = s + 1;
  }
  return 1;
}

WEAK int puts(const char *s) {
  while (*s) {
    putchar(*s);
    s = s + 1;
  }
  putchar('\n');
  return 1;
}

WEAK size_t fwrite(const void *data, size_t size, size_t count, FILE *stream) {
  if (stream->kind == 0 || size == 0) return 0;
  const unsigned char *p = data;
  for (size_t i = 0; i < count; i = i + 1) {
    for (size_t k = 0; k < size; k = k + 1) {
      putchar(*p);
      p = p + 1;
    }
  }
  return count;
}

WEAK int fflush(FILE *stream) {
  (void)stream;
  return 0;
}

WEAK int vfprintf(FILE *stream, const char *format, va_list ap) {
  if (stream->kind == 0) return -1;
  return vprintf(format, ap);
}

WEAK int fprintf(FILE *stream, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int count = vfprintf(stream, format, ap);
  va_end(ap);
  return count;
}

WEAK int fgetc(FILE *stream) {
  if (stream->kind != 0) return EOF;
  const unsigned char *p = stdin_cursor();
  if (*p == 0) return EOF;
  input_cursor = p + 1;
  return *p;
}

WEAK int getc(FILE *stream) { return fgetc(stream); }

WEAK int getchar(void) { return fgetc(stdin); }

/* Steps back over the last byte read, when c is that byte (one byte of push-back, as C promises). */
WEAK int ungetc(int c, FILE *stream) {
  if (stream->kind != 0 || c == EOF) return EOF;
  const unsigned char *p = stdin_cursor();
  if (p == (const unsigned char *)align16((u32)&__heap_base) || p[-1] != (unsigned char)c) return EOF;
  input_cursor = p - 1;
  return (unsigned char)c;
}

WEAK char *fgets(char *s, int size, FILE *stream) {
  if (stream->kind != 0 || size <= 0) return 0;
  const unsigned char *p = stdin_cursor();
  if (*p == 0) return 0;
  char *d = s;
  while (size > 1 && *p) {
    *d = *p;
    d = d + 1;
    size = size - 1;
    p = p + 1;
    if (p[-1] == '\n') break;
  }
  *d = 0;
  input_cursor = p;
  return s;
}

WEAK int feof(FILE *stream) { return stream->kind == 0 && *stdin_cursor() == 0; }

WEAK int ferror(FILE *stream) {
  (void)stream;
  return 0;
}

/* ------------------------------------------------------------------ scanf */

static int is_space(int c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static NOINLINE const char *skip_space(const char *s) {
  while (is_space(*s)) s = s + 1;
  return s;
}

/* The value of a digit in bases up to 36, or 99. */
static u32 digit_value(unsigned char c) {
  u32 v = c - '0';
  OPAQUE(v);
  if (v < 10) return v;
  v = c - 'a';
  OPAQUE(v);
  if (v < 26) return v + 10;
  v = c - 'A';
  OPAQUE(v);
  if (v < 26) return v + 10;
  return 99;
}

/* c with 'X' mapped to 'x'; the barrier stops clang testing both at once as (c | 32) == 'x'. */
static char lower_x(char c) {
  if (c == 'X') c = 'x';
  OPAQUE(c);
  return c;
}

/*
 * An integer in base 2..36 (0: C prefixes, 0x hex, 0 octal) from s, at most limit characters,
 * as strtoull reads it: sign, optional 0x for base 16, digits. The magnitude goes to (*hi, *lo),
 * its wrap-around past 2^64 to *overflow. Returns the end (s itself when there are no digits).
 */
static NOINLINE const char *parse_integer(const char *s, int limit, int base, int *negative, u32 *hi, u32 *lo, int *overflow) {
  const char *start = s;
  *negative = 0;
  if (limit > 0 && (*s == '-' || *s == '+')) {
    *negative = *s == '-';
    s = s + 1;
    limit = limit - 1;
  }
  if ((base == 0 || base == 16) && limit > 1 && s[0] == '0' && lower_x(s[1]) == 'x' && digit_value(s[2]) < 16 && limit > 2) {
    s = s + 2;
    limit = limit - 2;
    base = 16;
  } else if (base == 0) {
    base = limit > 0 && s[0] == '0' ? 8 : 10;
  }
  u32 h = 0, l = 0;
  int over = 0;
  int any = 0;
  while (limit > 0) {
    u32 d = digit_value(*s);
    if (d >= (u32)base) break;
    /* (h, l) = (h, l) * base + d, by doubling and adding pairs */
    u32 mh = h, ml = l;
    h = 0;
    l = 0;
    u32 b = base;
    /* multiply by repeated addition of the base's binary digits, most significant first */
    u32 weights[6] = {32, 16, 8, 4, 2, 1};
    for (int i = 0; i < 6; i = i + 1) {
      if (h >= 0x80000000u) over = 1;
      h = h + h + (l >= 0x80000000u);
      l = l + l;
      if (b >= weights[i]) {
        b = b - weights[i];
        u32 before = l;
        l = l + ml;
        u32 carry = l < before;
        u32 t = h + mh;
        if (t < h) over = 1;
        h = t + carry;
        if (h < t) over = 1;
      }
    }
    u32 before = l;
    l = l + d;
    if (l < before) {
      h = h + 1;
      if (h == 0) over = 1;
    }
    any = 1;
    s = s + 1;
    limit = limit - 1;
  }
  *hi = h;
  *lo = l;
  *overflow = over;
  return any ? s : start;
}

/* Characters accepted by a %[...] set; returns the format after the closing bracket. */
static NOINLINE const char *scan_set(const char *fmt, unsigned char *set) {
  int invert = 0;
  if (*fmt == '^') {
    invert = 1;
    fmt = fmt + 1;
  }
  memset(set, invert, 256);
  if (*fmt == ']') {
    set[']'] = !invert;
    fmt = fmt + 1;
  }
  while (*fmt && *fmt != ']') {
    unsigned char a = *fmt;
    if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
      unsigned char b = fmt[2];
      for (u32 c = a; c <= b; c = c + 1) set[c] = !invert;
      fmt = fmt + 3;
    } else {
      set[a] = !invert;
      fmt = fmt + 1;
    }
  }
  if (*fmt == ']') fmt = fmt + 1;
  return fmt;
}

static unsigned char scan_set_table[256];
static const char *parse_float(const char *s, int mantissa_bits, u32 *hi, u32 *lo);

/*
 * The scanf engine over the string at str. Conversions %d %i %u %o %x %X %c %s %[...] %n %p %%
 * and %f %e %g %a (F E G A), assignment suppression (*), field widths, length modifiers hh h l ll
 * j z t L. White space in the format matches any run of white space. Returns the number of
 * assignments (or EOF if the input ends before the first conversion); *end is where reading stopped.
 */
static NOINLINE int scan_from(const char *str, const char **end, const char *fmt, va_list ap) {
  const char *s = str;
  int assigned = 0;
  int converted = 0;
  int input_failure = 0;
  for (;;) {
    char f = *fmt;
    if (f == 0) break;
    if (is_space(f)) {
      s = skip_space(s);
      fmt = fmt + 1;
      continue;
    }
    if (f != '%' || fmt[1] == '%') {
      if (f == '%') {
        fmt = fmt + 1;
        s = skip_space(s);
      }
      if (*s == 0) {
        input_failure = 1;
        break;
      }
      if (*s != f) break;
      s = s + 1;
      fmt = fmt + 1;
      continue;
    }
    fmt = fmt + 1;
    int suppress = 0;
    if (*fmt == '*') {
      suppress = 1;
      fmt = fmt + 1;
    }
    int width = read_decimal(&fmt);
    int size = 4; /* 1 hh, 2 h, 4, 8 ll/j, 16 L (for floats: 4 float, 8 double) */
    int longs = 0;
    while (*fmt == 'h' || *fmt == 'l' || *fmt == 'j' || *fmt == 'z' || *fmt == 't' || *fmt == 'L' || *fmt == 'q') {
      if (*fmt == 'h') size = size == 2 ? 1 : 2;
      else if (*fmt == 'l') longs = longs + 1;
      else if (*fmt == 'j' || *fmt == 'q' || *fmt == 'L') longs = 2;
      else if (sizeof(size_t) == 8) longs = 2;
      fmt = fmt + 1;
    }
    if (longs == 1) size = sizeof(long);
    if (longs >= 2) size = 8;
    char conv = *fmt;
    if (conv == 0) break;
    fmt = fmt + 1;
    if (conv == 'n') {
      if (!suppress) {
        void *dst = va_arg(ap, void *);
        int n = s - str;
        if (size == 8) *(long long *)dst = n;
        else if (size == 2) *(short *)dst = (short)n;
        else if (size == 1) *(signed char *)dst = (signed char)n;
        else *(int *)dst = n;
      }
      continue;
    }
    if (conv == '[') fmt = scan_set(fmt, scan_set_table);
    if (conv != 'c' && conv != '[') s = skip_space(s);
    if (*s == 0) {
      input_failure = 1;
      break;
    }
    int limit = width > 0 ? width : 0x7fffffff;

    if (conv == 'c' || conv == 's' || conv == '[') {
      if (conv == 'c' && width == 0) limit = 1;
      char *dst = suppress ? 0 : va_arg(ap, char *);
      const char *from = s;
      while (limit > 0 && *s) {
        unsigned char ch = *s;
        if (conv == 's' && is_space(ch)) break;
        if (conv == '[' && !scan_set_table[ch]) break;
        if (dst) {
          *dst = ch;
          dst = dst + 1;
        }
        s = s + 1;
        limit = limit - 1;
      }
      if (s == from) break;
      if (conv == 'c' && limit > 0) break; /* fewer characters than the width asked for */
      if (dst && conv != 'c') *dst = 0;
    } else if (conv == 'd' || conv == 'i' || conv == 'u' || conv == 'o' || lower_x(conv) == 'x' || conv == 'p') {
      int base = conv == 'i' ? 0 : conv == 'o' ? 8 : (conv == 'd' || conv == 'u') ? 10 : 16;
      int negative, overflow;
      u32 hi, lo;
      const char *after = parse_integer(s, limit, base, &negative, &hi, &lo, &overflow);
      if (after == s) break;
      s = after;
      if (negative) {
        OPAQUE(lo);
        hi = 0u - hi - (lo != 0);
        lo = 0u - lo;
      }
      if (conv == 'p') size = sizeof(void *);
      if (!suppress) {
        void *dst = va_arg(ap, void *);
        if (size == 8) {
          word_cell.w[0] = lo;
          word_cell.w[1] = hi;
          *(unsigned long long *)dst = word_cell.u;
        } else if (size == 4) *(u32 *)dst = lo;
        else if (size == 2) *(unsigned short *)dst = (unsigned short)lo;
        else *(unsigned char *)dst = (unsigned char)lo;
      }
    } else if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'a' || conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A') {
      char field[400];
      int n = 0;
      while (n < limit && n < 399 && s[n]) {
        field[n] = s[n];
        n = n + 1;
      }
      field[n] = 0;
      u32 hi, lo;
#ifdef TVM_LIBC_INTEGER_ONLY
      /* see float_unsupported (libcFormat.ts): unreachable for a program detected integer-only */
      float_unsupported("[scanf: ", conv);
      (void)hi;
      (void)lo;
      break;
#endif
      const char *after = parse_float(field, longs ? 52 : 23, &hi, &lo);
      if (after == field) break;
      s = s + (after - field);
      if (!suppress) {
        /* stored as bits: scanf itself uses no floating-point op */
        void *dst = va_arg(ap, void *);
        if (longs) {
          word_cell.w[0] = lo;
          word_cell.w[1] = hi;
          *(unsigned long long *)dst = word_cell.u;
        } else {
          *(u32 *)dst = lo;
        }
      }
    } else {
      break; /* unknown conversion */
    }
    converted = 1;
    if (!suppress) assigned = assigned + 1;
  }
  *end = s;
  if (input_failure && !converted) return EOF;
  return assigned;
}

WEAK int vsscanf(const char *str, const char *fmt, va_list ap) {
  const char *end;
  return scan_from(str, &end, fmt, ap);
}

WEAK int sscanf(const char *str, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsscanf(str, fmt, ap);
  va_end(ap);
  return n;
}

WEAK int vscanf(const char *fmt, va_list ap) {
  const char *end;
  int n = scan_from((const char *)stdin_cursor(), &end, fmt, ap);
  input_cursor = (const unsigned char *)end;
  return n;
}

WEAK int scanf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vscanf(fmt, ap);
  va_end(ap);
  return n;
}

WEAK int fscanf(FILE *stream, const char *fmt, ...) {
  if (stream->kind != 0) return EOF;
  va_list ap;
  va_start(ap, fmt);
  int n = vscanf(fmt, ap);
  va_end(ap);
  return n;
}
`;
