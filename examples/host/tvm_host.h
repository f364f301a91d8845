/*
 * Host shim: maps the transformer-vm runtime onto the host's C library, so an example compiles
 * natively with gcc and its output can be compared with the machine's:
 *   gcc -O1 -w -include examples/host/tvm_host.h PROGRAM.c [examples/host/tvm_host_main.c]
 * The runtime force-includes putchar/printf/sscanf and the original's helpers; here they come
 * from <stdio.h> and the definitions below. Programs in the compute form also link
 * tvm_host_main.c, whose main() calls compute(argv[1]).
 */
#ifndef TVM_HOST_H
#define TVM_HOST_H
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int str_len(const char *s) { return (int)strlen(s); }

static inline void print_str(const char *s) { fputs(s, stdout); }

static inline int parse_int(const char *p) {
  int n = 0;
  while (*p >= '0' && *p <= '9') {
    n = n * 10 + (*p - '0');
    p = p + 1;
  }
  return n;
}

static inline void print_int(int n) { printf("%d", n); }
#endif
