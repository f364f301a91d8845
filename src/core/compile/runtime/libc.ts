/**
 * The runtime's C library, compiled once per session into an object file and linked with every
 * program. Every function is weak, so a program may define its own `strlen` and friends, and the
 * linker drops whatever a program does not call.
 *
 * The machine has no multiply, divide, shift or bitwise instructions: those are lowered into long
 * instruction sequences. So this code avoids `*`, `/`, `%`, `<<`, `>>`, `&`, `|`, `^` on variable
 * operands: decimals are printed by subtracting powers of ten, hex digits by comparing and
 * subtracting, and array walks use pointer increments (constant additions).
 */
export const LIBC_SOURCE_NAME = 'tvm_libc.c';

export const LIBC_SOURCE = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#define WEAK __attribute__((weak))
#define NOINLINE __attribute__((noinline))
/*
 * An optimization barrier: the value passes through an empty asm statement, so clang forgets
 * what it knew about it. Without it clang turns these compare-and-subtract chains back into
 * shifts and masks, rewrites a + b into a | b when it can prove the bits are disjoint, and
 * turns counting loops into multiplications.
 */
#define OPAQUE(x) __asm__("" : "+r"(x))
typedef unsigned int u32;

/* Shared scratch for number formatting (the runtime is single-threaded and not reentrant). */
static char number_text[12];
static volatile u32 hex_cell;
static const u32 powers_of_ten[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

/* ------------------------------------------------------------------ numbers to text */

/*
 * The decimal digits of v, most significant first, into number_text; returns their count.
 * Finds the largest power of ten <= v in a table, then each digit by repeated subtraction.
 */
static NOINLINE int format_decimal(u32 v) {
  char *out = number_text;
  if (v >= 10) {
    const u32 *power = powers_of_ten + 1;
    while (power != powers_of_ten + 9 && power[1] <= v) power = power + 1;
    for (;;) {
      u32 q = *power;
      unsigned digit = '0';
      while (v >= q) {
        v = v - q;
        digit = digit + 1;
        OPAQUE(v);
      }
      *out = digit;
      out = out + 1;
      if (power == powers_of_ten + 1) break;
      power = power - 1;
    }
  }
  OPAQUE(v); /* v < 10 here: keep '0' + v an addition, not an or */
  *out = '0' + v;
  return out + 1 - number_text;
}

static char hex_digit(u32 d, char ten) {
  OPAQUE(d);
  u32 ch = d + '0';
  OPAQUE(ch);
  if (ch > '9') ch = ch + (ten - '9' - 1);
  return ch;
}

/* The hex digits of v without leading zeros (at least one digit) into number_text; ten = 'a' or 'A'. */
static NOINLINE int format_hex(u32 v, char ten) {
  hex_cell = v; /* volatile: its bytes are read back from memory, not shifted out */
  const volatile unsigned char *byte = (const volatile unsigned char *)&hex_cell + 3;
  char *out = number_text;
  for (;;) {
    u32 lo = *byte;
    u32 hi = 0;
    OPAQUE(lo);
    if (lo >= 128) { lo = lo - 128; hi = hi + 8; }
    OPAQUE(lo);
    OPAQUE(hi);
    if (lo >= 64) { lo = lo - 64; hi = hi + 4; }
    OPAQUE(lo);
    OPAQUE(hi);
    if (lo >= 32) { lo = lo - 32; hi = hi + 2; }
    OPAQUE(hi);
    OPAQUE(lo);
    if (lo >= 16) { lo = lo - 16; hi = hi + 1; }
    OPAQUE(hi); /* else clang knows hi's bits and writes the additions as or */
    if (out != number_text || hi != 0) { *out = hex_digit(hi, ten); out = out + 1; }
    int last = byte == (const volatile unsigned char *)&hex_cell;
    if (out != number_text || lo != 0 || last) { *out = hex_digit(lo, ten); out = out + 1; }
    if (last) break;
    byte = byte - 1;
  }
  return out - number_text;
}

/* ------------------------------------------------------------------ stdio */

static NOINLINE void put_span(const char *s, int n) {
  while (n > 0) {
    putchar(*s);
    s = s + 1;
    n = n - 1;
  }
}

/* A decimal number at *text (possibly none: 0), advancing *text past it. */
static NOINLINE int read_decimal(const char **text) {
  const char *t = *text;
  int n = 0;
  while (*t >= '0' && *t <= '9') {
    n = n + n + n + n + n + n + n + n + n + n + (*t - '0');
    t = t + 1;
  }
  *text = t;
  return n;
}

/*
 * %d %i %u %x %X %c %s %p %%, flags - 0 + space # (0x for %#x), width (digits or *), precision
 * (.digits or .*), length modifiers h, l, z and t accepted and ignored (short arguments arrive
 * promoted; int, long, size_t and pointers are all 32-bit). 64-bit arguments (%lld) are not
 * supported. Written for the machine: the format is read as unsigned bytes (no sign
 * extension), literal text costs one comparison per byte beyond the end test, and a plain
 * conversion skips all padding work.
 */
WEAK int vprintf(const char *format, va_list ap) {
  const unsigned char *f = (const unsigned char *)format;
  int count = 0;
  for (;;) {
    /* Literal text: the tightest loop; its length is counted once, from the pointers. */
    const unsigned char *run = f;
    unsigned c = *f;
    OPAQUE(c); /* keeps c a full word: as a loop-carried byte clang masks it with & 255 */
    while (c != '%') {
      if (c == 0) return count + (f - run);
      putchar(c);
      f = f + 1;
      OPAQUE(f); /* else clang keeps a second counter for f - run */
      c = *f;
    }
    count = count + (f - run);
    f = f + 1;
    c = *f;

    int left = 0;
    int alternate = 0;
    unsigned pad = ' ';
    const char *sign = "";
    int sign_length = 0;
    int width = 0;
    int precision = -1;
    if (c <= '9') {
      /* Flags, width and precision all start with a character at or below '9'. */
      while (c <= '0') {
        OPAQUE(c);
        if (c == '-') left = 1;
        else if (c == '0') pad = '0';
        else if (c == '+') sign = "+";
        else if (c == ' ') { if (sign_length == 0) sign = " "; }
        else if (c == '#') alternate = 1;
        else break;
        if (c == '+' || c == ' ') sign_length = 1;
        f = f + 1;
        c = *f;
      }
      if (c == '*') {
        width = va_arg(ap, int);
        if (width < 0) {
          OPAQUE(width); /* keeps clang from its branch-free abs (a shift and an xor) */
          left = 1;
          width = 0 - width;
        }
        f = f + 1;
        c = *f;
      } else {
        while (c - '0' < 10u) {
          width = width * 10 + (c - '0');
          f = f + 1;
          c = *f;
        }
      }
      if (c == '.') {
        f = f + 1;
        c = *f;
        precision = 0;
        if (c == '*') {
          precision = va_arg(ap, int);
          f = f + 1;
          c = *f;
        } else {
          while (c - '0' < 10u) {
            precision = precision * 10 + (c - '0');
            f = f + 1;
            c = *f;
          }
        }
      }
    }

    const char *body = number_text;
    int length = 0;
    int numeric = 1; /* numbers take a precision (minimum digits) and zero padding */
    for (;;) {
      if (c == 'd' || c == 'i') {
        int v = va_arg(ap, int);
        u32 magnitude = v;
        if (v < 0) {
          OPAQUE(magnitude);
          magnitude = 0u - magnitude;
          sign = "-";
          sign_length = 1;
        }
        length = format_decimal(magnitude);
      } else if (c == 'u') {
        length = format_decimal(va_arg(ap, u32));
        sign_length = 0;
      } else if (c == 's') {
        body = va_arg(ap, const char *);
        if (!body) body = "(null)";
        while (body[length] && length != precision) length = length + 1;
        numeric = 0;
      } else if (c == 'c') {
        number_text[0] = (char)va_arg(ap, int);
        length = 1;
        numeric = 0;
      } else if (c == 'x' || c == 'X' || c == 'p') {
        u32 v = va_arg(ap, u32);
        sign_length = 0;
        if (alternate) {
          OPAQUE(v); /* two branches, not a boolean and */
          if (v != 0) {
            sign = c == 'X' ? "0X" : "0x";
            sign_length = 2;
          }
        }
        if (c == 'p') {
          sign = "0x";
          sign_length = 2;
          if (v == 0) {
            body = "(nil)";
            numeric = 0;
          }
        }
        length = numeric ? format_hex(v, c == 'X' ? 'A' : 'a') : 5;
      } else if (c == 'l' || c == 'h' || c == 'z' || c == 't') {
        f = f + 1;
        c = *f;
        continue;
      } else {
        numeric = -1;
      }
      break;
    }
    if (numeric < 0) {
      /* %% prints '%'; an unknown conversion is printed as written. */
      if (c == 0) break;
      if (c != '%') {
        putchar('%');
        count = count + 1;
      }
      putchar(c);
      count = count + 1;
      f = f + 1;
      continue;
    }
    f = f + 1;
    if (!numeric) sign_length = 0;

    int zeros = 0;
    int padding = 0;
    if (width + precision != -1) { /* i.e. a width or a precision was given */
      if (precision >= 0) {
        OPAQUE(precision); /* nested tests stay branches instead of boolean and/or */
        if (numeric) {
          pad = ' ';
          if (precision == 0) {
            OPAQUE(length);
            if (number_text[0] == '0') length = 0; /* %.0d of 0 prints no digits */
          }
          if (precision > length) zeros = precision - length;
        }
      }
      padding = width - sign_length - zeros - length;
      if (padding < 0) padding = 0;
      count = count + padding + zeros;
      if (!left) {
        if (pad == '0') {
          OPAQUE(numeric);
          if (numeric) {
            zeros = zeros + padding;
            padding = 0;
          }
        }
        while (padding > 0) {
          putchar(' ');
          padding = padding - 1;
        }
      }
    }
    count = count + sign_length + length;
    while (sign_length > 0) {
      putchar(*sign);
      sign = sign + 1;
      sign_length = sign_length - 1;
    }
    while (zeros > 0) {
      putchar('0');
      zeros = zeros - 1;
    }
    while (length > 0) {
      putchar(*body);
      body = body + 1;
      length = length - 1;
    }
    while (padding > 0) {
      putchar(' ');
      padding = padding - 1;
    }
  }
  return count;
}

WEAK int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int count = vprintf(fmt, ap);
  va_end(ap);
  return count;
}

WEAK int puts(const char *s) {
  while (*s) {
    putchar(*s);
    s = s + 1;
  }
  putchar('\n');
  return 1;
}

WEAK void print_int(int n) {
  u32 magnitude = n;
  if (n < 0) {
    putchar('-');
    magnitude = 0u - magnitude;
  }
  put_span(number_text, format_decimal(magnitude));
}

/* ------------------------------------------------------------------ sscanf */

static int is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static NOINLINE const char *skip_space(const char *s) {
  while (is_space(*s)) s = s + 1;
  return s;
}

/* The value of a hex digit, or 16 when c is not one. */
static u32 hex_value(unsigned char c) {
  u32 v = c - '0';
  OPAQUE(v);
  if (v < 10) return v;
  v = c - 'a';
  OPAQUE(v);
  if (v < 6) return v + 10;
  v = c - 'A';
  OPAQUE(v);
  if (v < 6) return v + 10;
  return 16;
}

/* c with 'X' mapped to 'x'; the barrier stops clang testing both at once as (c | 32) == 'x'. */
static char lower_x(char c) {
  if (c == 'X') c = 'x';
  OPAQUE(c);
  return c;
}

/*
 * %d %i %u %x %X %s %c %n and %%, with assignment suppression (*), a field width, and the
 * length modifiers hh, h (stored as char, short) and l (ignored). %i reads decimal only.
 * White space in the format matches any run of white space (including none).
 * Returns the number of assignments, or EOF if the input ended before the first conversion.
 */
WEAK int sscanf(const char *str, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
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
    int size = 4;
    while (*fmt == 'h' || *fmt == 'l') {
      if (*fmt == 'h') size = size == 4 ? 2 : 1;
      fmt = fmt + 1;
    }
    char conv = *fmt;
    if (conv == 0) break;
    fmt = fmt + 1;
    if (conv == 'n') {
      if (!suppress) *va_arg(ap, int *) = s - str;
      continue;
    }
    if (conv != 'c') s = skip_space(s);
    if (*s == 0) {
      input_failure = 1;
      break;
    }
    int limit = width > 0 ? width : 0x7fffffff;

    if (conv == 'c' || conv == 's') {
      if (conv == 'c' && width == 0) limit = 1;
      char *dst = suppress ? 0 : va_arg(ap, char *);
      while (limit > 0 && *s && (conv == 'c' || !is_space(*s))) {
        if (dst) {
          *dst = *s;
          dst = dst + 1;
        }
        s = s + 1;
        limit = limit - 1;
      }
      if (dst && conv == 's') *dst = 0;
    } else if (conv == 'd' || conv == 'i' || conv == 'u' || lower_x(conv) == 'x') {
      int negative = 0;
      if ((*s == '-' || *s == '+') && limit > 0) {
        negative = *s == '-';
        s = s + 1;
        limit = limit - 1;
      }
      int hex = lower_x(conv) == 'x';
      if (hex && limit > 1 && s[0] == '0' && lower_x(s[1]) == 'x' && hex_value(s[2]) < 16) {
        s = s + 2;
        limit = limit - 2;
      }
      u32 n = 0;
      int any = 0;
      while (limit > 0) {
        u32 d = hex_value(*s);
        if (d >= (hex ? 16u : 10u)) break;
        if (hex) {
          n = n + n;
          n = n + n;
          n = n + n;
          n = n + n + d;
        } else {
          n = n + n + n + n + n + n + n + n + n + n + d;
        }
        any = 1;
        s = s + 1;
        limit = limit - 1;
      }
      if (!any) break;
      if (negative) n = 0u - n;
      if (!suppress) {
        void *dst = va_arg(ap, void *);
        if (size == 4) *(u32 *)dst = n;
        else if (size == 2) *(unsigned short *)dst = (unsigned short)n;
        else *(unsigned char *)dst = (unsigned char)n;
      }
    } else {
      break; /* unknown conversion */
    }
    converted = 1;
    if (!suppress) assigned = assigned + 1;
  }
  va_end(ap);
  if (input_failure && !converted) return EOF;
  return assigned;
}

/* ------------------------------------------------------------------ stdlib */

WEAK int atoi(const char *s) {
  s = skip_space(s);
  int negative = 0;
  if (*s == '-' || *s == '+') {
    negative = *s == '-';
    s = s + 1;
  }
  u32 n = 0;
  while (*s >= '0' && *s <= '9') {
    n = n + n + n + n + n + n + n + n + n + n + (*s - '0');
    s = s + 1;
  }
  return negative ? (int)(0u - n) : (int)n;
}

WEAK long atol(const char *s) { return atoi(s); }

/* The barrier keeps clang from its branch-free abs (a shift and an xor). */
WEAK int abs(int x) {
  if (x < 0) {
    OPAQUE(x);
    x = 0 - x;
  }
  return x;
}

WEAK long labs(long x) { return abs(x); }

WEAK void exit(int status) {
  (void)status;
  __tvm_halt();
}

WEAK void abort(void) { __tvm_halt(); }

/*
 * A small first-fit allocator. The heap starts after the input string, which the assembler
 * places at __heap_base rounded up to 16 (docs/original-design.md §3.7). Each block has an 8-byte header: its
 * usable size, then (while free) the next free block. Freed blocks are reused, never merged.
 */
extern unsigned char __heap_base;
#define MEMORY_END 10485760u

static unsigned char *heap_top;
static unsigned char *free_list;

/* n mod 16, by comparisons on its low byte. */
static u32 mod16(u32 n) {
  u32 low = (unsigned char)n;
  OPAQUE(low);
  if (low >= 128) low = low - 128;
  OPAQUE(low);
  if (low >= 64) low = low - 64;
  OPAQUE(low);
  if (low >= 32) low = low - 32;
  OPAQUE(low);
  if (low >= 16) low = low - 16;
  return low;
}

static u32 round_up_8(u32 n) {
  u32 r = mod16(n);
  OPAQUE(r);
  if (r >= 8) r = r - 8;
  return r == 0 ? n : n + (8 - r);
}

static void heap_init(void) {
  u32 input = (u32)&__heap_base;
  u32 r = mod16(input);
  unsigned char *p = (unsigned char *)(r == 0 ? input : input + (16 - r));
  while (*p) p = p + 1; /* skip the input string */
  heap_top = (unsigned char *)round_up_8((u32)p + 1);
}

WEAK void *malloc(size_t size) {
  if (!heap_top) heap_init();
  u32 need = round_up_8(size);
  if (need < size) return 0;
  unsigned char **link = &free_list;
  while (*link) {
    unsigned char *block = *link;
    if (*(u32 *)block >= need) {
      *link = *(unsigned char **)(block + 4);
      return block + 8;
    }
    link = (unsigned char **)(block + 4);
  }
  if (need > MEMORY_END - 8 || (u32)heap_top > MEMORY_END - 8 - need) return 0;
  unsigned char *block = heap_top;
  *(u32 *)block = need;
  heap_top = block + 8 + need;
  return block + 8;
}

WEAK void free(void *ptr) {
  if (!ptr) return;
  unsigned char *block = (unsigned char *)ptr - 8;
  *(unsigned char **)(block + 4) = free_list;
  free_list = block;
}

WEAK void *calloc(size_t count, size_t size) {
  u32 total = 0;
  while (count > 0) { /* count * size by addition: calloc is usually given a small count */
    if (total + size < total) return 0;
    total = total + size;
    count = count - 1;
    OPAQUE(total);
  }
  void *p = malloc(total);
  if (p) memset(p, 0, total);
  return p;
}

WEAK void *realloc(void *ptr, size_t size) {
  if (!ptr) return malloc(size);
  u32 old = *(u32 *)((unsigned char *)ptr - 8);
  if (old >= size) return ptr;
  void *p = malloc(size);
  if (p) {
    memcpy(p, ptr, old);
    free(ptr);
  }
  return p;
}

/* ------------------------------------------------------------------ string */

WEAK size_t strlen(const char *s) {
  const char *p = s;
  while (*p) p = p + 1;
  return p - s;
}

WEAK int strcmp(const char *a, const char *b) {
  while (*a && *a == *b) {
    a = a + 1;
    b = b + 1;
  }
  return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
}

WEAK int strncmp(const char *a, const char *b, size_t n) {
  while (n > 0) {
    if (*a != *b || !*a) return (int)*(const unsigned char *)a - (int)*(const unsigned char *)b;
    a = a + 1;
    b = b + 1;
    n = n - 1;
  }
  return 0;
}

WEAK char *strcpy(char *dst, const char *src) {
  char *d = dst;
  while ((*d = *src) != 0) {
    d = d + 1;
    src = src + 1;
  }
  return dst;
}

WEAK char *strncpy(char *dst, const char *src, size_t n) {
  char *d = dst;
  while (n > 0 && *src) {
    *d = *src;
    d = d + 1;
    src = src + 1;
    n = n - 1;
  }
  while (n > 0) {
    *d = 0;
    d = d + 1;
    n = n - 1;
  }
  return dst;
}

WEAK char *strcat(char *dst, const char *src) {
  strcpy(dst + strlen(dst), src);
  return dst;
}

WEAK char *strncat(char *dst, const char *src, size_t n) {
  char *d = dst + strlen(dst);
  while (n > 0 && *src) {
    *d = *src;
    d = d + 1;
    src = src + 1;
    n = n - 1;
  }
  *d = 0;
  return dst;
}

WEAK char *strchr(const char *s, int c) {
  char ch = (char)c;
  for (;;) {
    if (*s == ch) return (char *)s;
    if (!*s) return 0;
    s = s + 1;
  }
}

WEAK char *strrchr(const char *s, int c) {
  char ch = (char)c;
  const char *found = 0;
  for (;;) {
    if (*s == ch) found = s;
    if (!*s) return (char *)found;
    s = s + 1;
  }
}

WEAK char *strstr(const char *haystack, const char *needle) {
  if (!*needle) return (char *)haystack;
  for (; *haystack; haystack = haystack + 1) {
    const char *h = haystack, *n = needle;
    while (*n && *h == *n) {
      h = h + 1;
      n = n + 1;
    }
    if (!*n) return (char *)haystack;
  }
  return 0;
}

WEAK void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n > 0) {
    *d = *s;
    d = d + 1;
    s = s + 1;
    n = n - 1;
  }
  return dst;
}

WEAK void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (d < s) return memcpy(dst, src, n);
  d = d + n;
  s = s + n;
  while (n > 0) {
    d = d - 1;
    s = s - 1;
    *d = *s;
    n = n - 1;
  }
  return dst;
}

WEAK void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  unsigned char byte = (unsigned char)c;
  while (n > 0) {
    *d = byte;
    d = d + 1;
    n = n - 1;
  }
  return dst;
}

WEAK int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *x = a, *y = b;
  while (n > 0) {
    if (*x != *y) return (int)*x - (int)*y;
    x = x + 1;
    y = y + 1;
    n = n - 1;
  }
  return 0;
}

WEAK void *memchr(const void *s, int c, size_t n) {
  const unsigned char *p = s;
  unsigned char ch = (unsigned char)c;
  while (n > 0) {
    if (*p == ch) return (void *)p;
    p = p + 1;
    n = n - 1;
  }
  return 0;
}
`;
