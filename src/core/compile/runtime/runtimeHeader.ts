/**
 * The header force-included (`-include tvm_runtime.h`) into every program, so the original's
 * programs (docs/original-design.md §3.2) work with no `#include`: putchar, printf, sscanf and the helpers
 * str_len, print_str, parse_int, print_int.
 *
 * `putchar` is an inline wrapper around the machine's one output import (`env.output_byte`,
 * (i32)->()), so each call becomes exactly one `output` instruction. `__tvm_halt(status)` is the
 * machine's `halt` import, used by exit(), abort() and assert(); its argument is the status word
 * the trace ends with (docs/c-runtime.md "Exit status", src/core/tokens/exitStatus.ts).
 */
import { ABNORMAL_ENDS } from '../../tokens/exitStatus.ts';

export const RUNTIME_HEADER_NAME = 'tvm_runtime.h';

export const RUNTIME_HEADER = String.raw`#ifndef TVM_RUNTIME_H
#define TVM_RUNTIME_H
#include <stddef.h>
#include <stdarg.h>

__attribute__((import_module("env"), import_name("output_byte")))
void __tvm_output_byte(int byte);

__attribute__((import_module("env"), import_name("halt"), noreturn))
void __tvm_halt(int status);
#define __TVM_STATUS_ABORT ${ABNORMAL_ENDS.abort.word}

static inline int putchar(int c) {
  __tvm_output_byte(c);
  return (unsigned char)c;
}

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int sscanf(const char *str, const char *fmt, ...) __attribute__((format(scanf, 2, 3)));
void print_int(int n);

/* The original's helpers: additions and subtractions only. */
static inline int str_len(const char *s) {
  int n = 0;
  while (s[n]) n = n + 1;
  return n;
}

static inline void print_str(const char *s) {
  while (*s) {
    putchar(*s);
    s = s + 1;
  }
}

/* A non-negative decimal prefix of p; stops at the first non-digit. */
static inline int parse_int(const char *p) {
  int n = 0;
  while (*p >= '0' && *p <= '9') {
    n = n + n + n + n + n + n + n + n + n + n + (*p - '0');
    p = p + 1;
  }
  return n;
}

#endif
`;
