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
import { LIBC_ALGORITHMS } from './libcAlgorithms.ts';
import { LIBC_CONVERT } from './libcConvert.ts';
import { LIBC_FORMAT } from './libcFormat.ts';
import { LIBC_FORMAT_SMALL } from './libcFormatSmall.ts';
import { LIBC_MATH } from './libcMath.ts';
import { LIBC_STDIO } from './libcStdio.ts';
import { LIBC_STRING } from './libcString.ts';

export const LIBC_SOURCE_NAME = 'tvm_libc.c';

export const LIBC_SOURCE = String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>

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
static char number_text[24];
int errno;
static volatile u32 hex_cell;
static const u32 powers_of_ten[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

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

static NOINLINE void put_span(const char *s, int n) {
  while (n > 0) {
    putchar(*s);
    s = s + 1;
    n = n - 1;
  }
}

WEAK void print_int(int n) {
  u32 magnitude = n;
  if (n < 0) {
    putchar('-');
    magnitude = 0u - magnitude;
  }
  put_span(number_text, format_decimal(magnitude));
}

` + LIBC_FORMAT + LIBC_FORMAT_SMALL + LIBC_STDIO + LIBC_CONVERT + LIBC_ALGORITHMS + String.raw`
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

WEAK long atol(const char *s) { return strtol(s, 0, 10); }

/* The barrier keeps clang from its branch-free abs (a shift and an xor). */
WEAK int abs(int x) {
  if (x < 0) {
    OPAQUE(x);
    x = 0 - x;
  }
  return x;
}

WEAK long labs(long x) { return abs(x); }

/* A process status is the low 8 bits of exit's argument, as natively (WEXITSTATUS). */
WEAK void exit(int status) { __tvm_halt(status & 255); }

WEAK void abort(void) { __tvm_halt(__TVM_STATUS_ABORT); }

/*
 * A small first-fit allocator. The heap starts after the input string, which the assembler
 * places at __heap_base rounded up to 16 (docs/original-design.md §3.7). Each block has an 8-byte header: its
 * usable size, then (while free) the next free block. Freed blocks are reused, never merged.
 */
#define MEMORY_END 10485760u

static unsigned char *heap_top;
static unsigned char *free_list;

static u32 round_up_8(u32 n) {
  u32 r = mod16(n);
  OPAQUE(r);
  if (r >= 8) r = r - 8;
  return r == 0 ? n : n + (8 - r);
}

static void heap_init(void) {
  unsigned char *p = (unsigned char *)align16((u32)&__heap_base);
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
` + LIBC_STRING + LIBC_MATH;
