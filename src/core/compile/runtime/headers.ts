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
#define BUFSIZ 1024
/* putchar, printf, vprintf and sscanf come from tvm_runtime.h. */
typedef struct tvm_file FILE;
/* stdout and stderr both write to the machine's one output stream, in order; stdin reads the argument bytes. */
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr
int puts(const char *s);
int fputs(const char *s, FILE *stream);
int fputc(int c, FILE *stream);
int putc(int c, FILE *stream);
size_t fwrite(const void *data, size_t size, size_t count, FILE *stream);
int fflush(FILE *stream);
int fprintf(FILE *stream, const char *format, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *stream, const char *format, va_list ap);
int sprintf(char *buffer, const char *format, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buffer, size_t size, const char *format, ...) __attribute__((format(printf, 3, 4)));
int vsprintf(char *buffer, const char *format, va_list ap);
int vsnprintf(char *buffer, size_t size, const char *format, va_list ap);
int getchar(void);
int getc(FILE *stream);
int fgetc(FILE *stream);
int ungetc(int c, FILE *stream);
char *fgets(char *s, int size, FILE *stream);
int feof(FILE *stream);
int ferror(FILE *stream);
int scanf(const char *format, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *stream, const char *format, ...) __attribute__((format(scanf, 2, 3)));
int vscanf(const char *format, va_list ap);
int vsscanf(const char *str, const char *format, va_list ap);
void perror(const char *message);
#define TVM_NO_FILES __attribute__((unavailable("the machine has no files: only stdin (the argument), stdout and stderr")))
FILE *fopen(const char *path, const char *mode) TVM_NO_FILES;
FILE *freopen(const char *path, const char *mode, FILE *stream) TVM_NO_FILES;
FILE *tmpfile(void) TVM_NO_FILES;
int fclose(FILE *stream) TVM_NO_FILES;
size_t fread(void *data, size_t size, size_t count, FILE *stream) TVM_NO_FILES;
int fseek(FILE *stream, long offset, int whence) TVM_NO_FILES;
long ftell(FILE *stream) TVM_NO_FILES;
void rewind(FILE *stream) TVM_NO_FILES;
int remove(const char *path) TVM_NO_FILES;
int rename(const char *from, const char *to) TVM_NO_FILES;
char *gets(char *s) __attribute__((unavailable("gets was removed from C (it cannot be used safely): use fgets(s, size, stdin)")));
#endif
`;

const STDLIB_H = String.raw`#ifndef TVM_STDLIB_H
#define TVM_STDLIB_H
#include <stddef.h>
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647
typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
double atof(const char *s);
double strtod(const char *s, char **end);
float strtof(const char *s, char **end);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int n, int d);
ldiv_t ldiv(long n, long d);
lldiv_t lldiv(long long n, long long d);
void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
int rand(void);
void srand(unsigned seed);
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);
int system(const char *command) __attribute__((unavailable("the machine cannot run other programs")));
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
void *memrchr(const void *s, int c, size_t n);
size_t strnlen(const char *s, size_t n);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *s, const char *delimiters);
char *strtok_r(char *s, const char *delimiters, char **state);
char *stpcpy(char *dst, const char *src);
int strcoll(const char *a, const char *b);
char *strerror(int error);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
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
typedef int64_t int_least64_t;
typedef uint64_t uint_least64_t;
typedef int64_t int_fast64_t;
typedef uint64_t uint_fast64_t;
#define INT64_MIN (-9223372036854775807LL - 1)
#define INT64_MAX 9223372036854775807LL
#define UINT64_MAX 18446744073709551615ULL
#define INTMAX_MIN INT64_MIN
#define INTMAX_MAX INT64_MAX
#define UINTMAX_MAX UINT64_MAX
#define PTRDIFF_MIN INT32_MIN
#define PTRDIFF_MAX INT32_MAX
#define INT64_C(x) x ## LL
#define UINT64_C(x) x ## ULL
#define INTMAX_C(x) x ## LL
#define UINTMAX_C(x) x ## ULL
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

const STRINGS_H = String.raw`#ifndef TVM_STRINGS_H
#define TVM_STRINGS_H
#include <stddef.h>
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
#endif
`;

/* glibc's values, so strerror and perror print what glibc prints. */
const ERRNO_H = String.raw`#ifndef TVM_ERRNO_H
#define TVM_ERRNO_H
extern int errno;
#define ENOMEM 12
#define EINVAL 22
#define EDOM 33
#define ERANGE 34
#endif
`;

/* Format macros for the types of <stdint.h> (int64_t is long long, intptr_t is long). */
const INTTYPES_H = String.raw`#ifndef TVM_INTTYPES_H
#define TVM_INTTYPES_H
#include <stdint.h>
#include <stdlib.h>
#define PRId8 "d"
#define PRIi8 "i"
#define PRIu8 "u"
#define PRIo8 "o"
#define PRIx8 "x"
#define PRIX8 "X"
#define PRId16 "d"
#define PRIi16 "i"
#define PRIu16 "u"
#define PRIo16 "o"
#define PRIx16 "x"
#define PRIX16 "X"
#define PRId32 "d"
#define PRIi32 "i"
#define PRIu32 "u"
#define PRIo32 "o"
#define PRIx32 "x"
#define PRIX32 "X"
#define PRId64 "lld"
#define PRIi64 "lli"
#define PRIu64 "llu"
#define PRIo64 "llo"
#define PRIx64 "llx"
#define PRIX64 "llX"
#define PRIdMAX "jd"
#define PRIiMAX "ji"
#define PRIuMAX "ju"
#define PRIoMAX "jo"
#define PRIxMAX "jx"
#define PRIXMAX "jX"
#define PRIdPTR "ld"
#define PRIiPTR "li"
#define PRIuPTR "lu"
#define PRIxPTR "lx"
#define PRIXPTR "lX"
#define SCNd8 "hhd"
#define SCNi8 "hhi"
#define SCNu8 "hhu"
#define SCNx8 "hhx"
#define SCNd16 "hd"
#define SCNi16 "hi"
#define SCNu16 "hu"
#define SCNx16 "hx"
#define SCNd32 "d"
#define SCNi32 "i"
#define SCNu32 "u"
#define SCNo32 "o"
#define SCNx32 "x"
#define SCNd64 "lld"
#define SCNi64 "lli"
#define SCNu64 "llu"
#define SCNo64 "llo"
#define SCNx64 "llx"
#define SCNdMAX "jd"
#define SCNuMAX "ju"
#define SCNxMAX "jx"
#define strtoimax strtoll
#define strtoumax strtoull
#endif
`;

/*
 * <math.h>: the single WebAssembly ops and exact bit operations inline here, the transcendental
 * functions declared here and defined in the runtime libc (libcMath.ts).
 */
const MATH_H = String.raw`#ifndef TVM_MATH_H
#define TVM_MATH_H
#define NAN (__builtin_nanf(""))
#define INFINITY (__builtin_inff())
#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440
#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf_sign(x) /* -1 for -inf, as glibc */
#define isfinite(x) __builtin_isfinite(x)
#define isnormal(x) __builtin_isnormal(x)
#define signbit(x) __builtin_signbit(x)
static inline double fabs(double x) { return __builtin_fabs(x); }
static inline float fabsf(float x) { return __builtin_fabsf(x); }
static inline double sqrt(double x) { return __builtin_sqrt(x); }
static inline float sqrtf(float x) { return __builtin_sqrtf(x); }
static inline double floor(double x) { return __builtin_floor(x); }
static inline float floorf(float x) { return __builtin_floorf(x); }
static inline double ceil(double x) { return __builtin_ceil(x); }
static inline float ceilf(float x) { return __builtin_ceilf(x); }
static inline double trunc(double x) { return __builtin_trunc(x); }
static inline float truncf(float x) { return __builtin_truncf(x); }
static inline double copysign(double x, double y) { return __builtin_copysign(x, y); }
static inline float copysignf(float x, float y) { return __builtin_copysignf(x, y); }
/* C rounds halfway cases away from zero (WebAssembly's nearest rounds them to even); x - t is exact. */
static inline double round(double x) {
  double t = __builtin_trunc(x);
  return __builtin_fabs(x - t) >= 0.5 ? t + __builtin_copysign(1.0, x) : t;
}
static inline float roundf(float x) {
  float t = __builtin_truncf(x);
  return __builtin_fabsf(x - t) >= 0.5f ? t + __builtin_copysignf(1.0f, x) : t;
}
/* rint and nearbyint round to nearest even in the only rounding mode (WebAssembly's nearest). The
   integer forms convert as a cast does: out of range traps (docs/c-runtime.md), where glibc
   returns an unspecified value. */
static inline double rint(double x) { return __builtin_rint(x); }
static inline float rintf(float x) { return __builtin_rintf(x); }
static inline double nearbyint(double x) { return __builtin_rint(x); }
static inline float nearbyintf(float x) { return __builtin_rintf(x); }
static inline long lrint(double x) { return (long)__builtin_rint(x); }
static inline long lrintf(float x) { return (long)__builtin_rintf(x); }
static inline long long llrint(double x) { return (long long)__builtin_rint(x); }
static inline long long llrintf(float x) { return (long long)__builtin_rintf(x); }
static inline long lround(double x) { return (long)round(x); }
static inline long lroundf(float x) { return (long)roundf(x); }
static inline long long llround(double x) { return (long long)round(x); }
static inline long long llroundf(float x) { return (long long)roundf(x); }
/* C's fmin/fmax return the other operand when one is a NaN. */
static inline double fmin(double x, double y) { return x != x ? y : y != y ? x : x < y || (x == y && __builtin_signbit(x)) ? x : y; }
static inline double fmax(double x, double y) { return x != x ? y : y != y ? x : x > y || (x == y && !__builtin_signbit(x)) ? x : y; }
static inline float fminf(float x, float y) { return x != x ? y : y != y ? x : x < y || (x == y && __builtin_signbit(x)) ? x : y; }
static inline float fmaxf(float x, float y) { return x != x ? y : y != y ? x : x > y || (x == y && !__builtin_signbit(x)) ? x : y; }
/* The runtime's own (libcMath.ts): faithful to within 1 ulp, errno is not set. */
double fmod(double x, double y);
double ldexp(double x, int e);
double scalbn(double x, int e);
double frexp(double x, int *e);
double modf(double x, double *whole);
double exp(double x);
double exp2(double x);
double expm1(double x);
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double hypot(double x, double y);
double cbrt(double x);
float fmodf(float x, float y);
float ldexpf(float x, int e);
float scalbnf(float x, int e);
float frexpf(float x, int *e);
float modff(float x, float *whole);
float expf(float x);
float exp2f(float x);
float expm1f(float x);
float logf(float x);
float log2f(float x);
float log10f(float x);
float log1pf(float x);
float powf(float x, float y);
float sinf(float x);
float cosf(float x);
float tanf(float x);
float asinf(float x);
float acosf(float x);
float atanf(float x);
float atan2f(float y, float x);
float sinhf(float x);
float coshf(float x);
float tanhf(float x);
float hypotf(float x, float y);
float cbrtf(float x);
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
  'strings.h': STRINGS_H,
  'errno.h': ERRNO_H,
  'inttypes.h': INTTYPES_H,
  'math.h': MATH_H,
};
