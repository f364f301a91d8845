/**
 * The project's own small C headers. They sit in an `-isystem` directory, which clang searches
 * before its resource directory, so they shadow clang's freestanding headers of the same name;
 * clang's own <stddef.h>, <stdarg.h> and the rest stay reachable.
 * Everything declared here that is not inline is defined in the libc (libc.ts).
 */
const STDIO_H = String.raw`#ifndef TVM_STDIO_H
#define TVM_STDIO_H
#include "tvm_runtime.h"
#ifndef EOF
#define EOF (-1)
#endif
/* putchar, printf, vprintf and sscanf come from tvm_runtime.h. */
int puts(const char *s);
#endif
`;

const STDLIB_H = String.raw`#ifndef TVM_STDLIB_H
#define TVM_STDLIB_H
#include <stddef.h>
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
int atoi(const char *s);
long atol(const char *s);
int abs(int x);
long labs(long x);
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);
#endif
`;

const STRING_H = String.raw`#ifndef TVM_STRING_H
#define TVM_STRING_H
#include <stddef.h>
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
#endif
`;

/* Inline, and written with comparisons only: no table, no bit operations. */
const CTYPE_H = String.raw`#ifndef TVM_CTYPE_H
#define TVM_CTYPE_H
static inline int isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int isalpha(int c) { return isupper(c) || islower(c); }
static inline int isalnum(int c) { return isalpha(c) || isdigit(c); }
static inline int isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static inline int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int isblank(int c) { return c == ' ' || c == '\t'; }
static inline int iscntrl(int c) { return (c >= 0 && c < 32) || c == 127; }
static inline int isprint(int c) { return c >= 32 && c < 127; }
static inline int isgraph(int c) { return c > 32 && c < 127; }
static inline int ispunct(int c) { return isgraph(c) && !isalnum(c); }
static inline int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }
static inline int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
#endif
`;

const STDINT_H = String.raw`#ifndef TVM_STDINT_H
#define TVM_STDINT_H
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
/* 64-bit types exist so code compiles; the machine has no i64 ops, so using them is refused later. */
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef long intptr_t;
typedef unsigned long uintptr_t;
typedef long long intmax_t;
typedef unsigned long long uintmax_t;
typedef int8_t int_least8_t;
typedef uint8_t uint_least8_t;
typedef int16_t int_least16_t;
typedef uint16_t uint_least16_t;
typedef int32_t int_least32_t;
typedef uint32_t uint_least32_t;
typedef int32_t int_fast8_t;
typedef uint32_t uint_fast8_t;
typedef int32_t int_fast16_t;
typedef uint32_t uint_fast16_t;
typedef int32_t int_fast32_t;
typedef uint32_t uint_fast32_t;
#define INT8_MIN (-128)
#define INT8_MAX 127
#define UINT8_MAX 255
#define INT16_MIN (-32768)
#define INT16_MAX 32767
#define UINT16_MAX 65535
#define INT32_MIN (-2147483647 - 1)
#define INT32_MAX 2147483647
#define UINT32_MAX 4294967295U
#define INTPTR_MIN INT32_MIN
#define INTPTR_MAX INT32_MAX
#define UINTPTR_MAX UINT32_MAX
#define SIZE_MAX UINT32_MAX
#define INT8_C(x) x
#define UINT8_C(x) x
#define INT16_C(x) x
#define UINT16_C(x) x
#define INT32_C(x) x
#define UINT32_C(x) x ## U
#endif
`;

const STDBOOL_H = String.raw`#ifndef TVM_STDBOOL_H
#define TVM_STDBOOL_H
#if !defined(__STDC_VERSION__) || __STDC_VERSION__ < 202311L
#define bool _Bool
#define true 1
#define false 0
#endif
#define __bool_true_false_are_defined 1
#endif
`;

const LIMITS_H = String.raw`#ifndef TVM_LIMITS_H
#define TVM_LIMITS_H
#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-2147483647 - 1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MIN (-2147483647L - 1)
#define LONG_MAX 2147483647L
#define ULONG_MAX 4294967295UL
#define LLONG_MIN (-9223372036854775807LL - 1)
#define LLONG_MAX 9223372036854775807LL
#define ULLONG_MAX 18446744073709551615ULL
#endif
`;

/* The machine has only standard output, so a failed assertion prints there, then aborts. */
const ASSERT_H = String.raw`#include "tvm_runtime.h"
#undef assert
#ifdef NDEBUG
#define assert(condition) ((void)0)
#else
#define assert(condition) \
  ((condition) ? (void)0 : (printf("Assertion failed: %s (%s: %s: %d)\n", #condition, __FILE__, __func__, __LINE__), __tvm_halt(__TVM_STATUS_ABORT)))
#endif
`;

/** File name → contents of the include directory handed to clang. */
export const STANDARD_HEADERS: Record<string, string> = {
  'stdio.h': STDIO_H,
  'stdlib.h': STDLIB_H,
  'string.h': STRING_H,
  'ctype.h': CTYPE_H,
  'stdint.h': STDINT_H,
  'stdbool.h': STDBOOL_H,
  'limits.h': LIMITS_H,
  'assert.h': ASSERT_H,
};
