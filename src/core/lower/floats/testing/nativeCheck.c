/*
 * Native check of softfloat.c against the hardware FPU (x86-64 SSE / aarch64: IEEE-754 with
 * round-to-nearest-even and subnormals). Built by gcc in softfloat.native.test.ts:
 *   gcc -O1 -DSEED=<n> -DCOUNT=<n> nativeCheck.c -lm
 * Every op on every pair of edge-class operands, then COUNT random pairs per op.
 * Prints one line per mismatch (op, operands, expected, got) and a final "checked N mismatches M".
 */
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static jmp_buf trap_jump;
static int trap_kind;
void tvm_trap_float_invalid(void) { trap_kind = 1; longjmp(trap_jump, 1); }
void tvm_trap_float_overflow(void) { trap_kind = 2; longjmp(trap_jump, 1); }

#include "../softfloat.c"

static float f32(u32 b) { float f; memcpy(&f, &b, 4); return f; }
static u32 b32(float f) { u32 b; memcpy(&b, &f, 4); return b; }
static double f64(u64 b) { double f; memcpy(&f, &b, 8); return f; }
static u64 b64(double f) { u64 b; memcpy(&b, &f, 8); return b; }

static u64 state = SEED * 0x9e3779b97f4a7c15ull + 1;
static u64 next(void) {
  state ^= state << 13; state ^= state >> 7; state ^= state << 17;
  return state;
}

static const u32 EDGE32[] = {
  0, 0x80000000u, 1, 0x80000001u, 0x007fffffu, 0x807fffffu, 0x00800000u, 0x80800000u, 0x7f7fffffu, 0xff7fffffu,
  0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u, 0x7f800001u, 0x3f800000u, 0xbf800000u, 0x3f000000u,
  0xbf000000u, 0x3fc00000u, 0xbfc00000u, 0x40200000u, 0x3f800001u, 0x3f7fffffu, 0x4b000000u, 0x4b000001u,
  0x4affffffu, 0x4effffffu, 0x4f000000u, 0xcf000000u, 0xcf000001u, 0x4f7fffffu, 0x4f800000u, 0x5effffffu,
  0x5f000000u, 0xdf000000u, 0xdf000001u, 0x5f7fffffu, 0x5f800000u, 0x3effffffu, 0x40400000u, 0x00000003u,
  0x34000000u, 0x33800000u, 0x4b7fffffu, 0x3fffffffu, 0x40490fdbu,
};
static const u64 EDGE64[] = {
  0, 0x8000000000000000ull, 1, 0x8000000000000001ull, 0x000fffffffffffffull, 0x800fffffffffffffull,
  0x0010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull, 0x7ff0000000000000ull,
  0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000001ull, 0x3ff0000000000000ull,
  0xbff0000000000000ull, 0x3fe0000000000000ull, 0xbfe0000000000000ull, 0x3ff8000000000000ull,
  0xc004000000000000ull, 0x3ff0000000000001ull, 0x3fefffffffffffffull, 0x4330000000000000ull,
  0x4330000000000001ull, 0x432fffffffffffffull, 0x41dfffffffc00000ull, 0x41e0000000000000ull,
  0xc1e0000000000000ull, 0xc1e00000001fffffull, 0xc1e0000000200000ull, 0x41efffffffffffffull,
  0x41f0000000000000ull, 0x43dfffffffffffffull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
  0xc3e0000000000001ull, 0x43efffffffffffffull, 0x43f0000000000000ull, 0x3fdfffffffffffffull,
  0x36a0000000000000ull, 0x3810000000000000ull, 0x380fffffffffffffull, 0x47efffffe0000000ull,
  0x47efffffefffffffull, 0x47effffff0000000ull, 0x3690000000000000ull, 0x400921fb54442d18ull,
  0x36a8000000000000ull,
};
#define N32 (sizeof EDGE32 / sizeof EDGE32[0])
#define N64 (sizeof EDGE64 / sizeof EDGE64[0])

static long checked, mismatches;

/* NaN operands of the op being checked (set by the check functions): with two, the hardware's
   choice between them depends on the register order gcc picked, so any NaN is accepted; with
   none or one, the NaN must be the hardware's bit for bit (x86's default NaN, or the operand
   quieted: the rule softfloat.c implements; glibc's ceil/floor/trunc/rint return a signaling
   NaN operand as it is, where WebAssembly requires it quieted, so that difference is accepted). */
static int nan_operands;
static int same32(u32 want, u32 got) {
  if ((want & F32_ABS) > F32_INF && nan_operands >= 2) return (got & F32_ABS) > F32_INF;
  return want == got || ((want & F32_ABS) > F32_INF && (want | 0x00400000u) == got);
}
static int same64(u64 want, u64 got) {
  if ((want & F64_ABS) > F64_INF && nan_operands >= 2) return (got & F64_ABS) > F64_INF;
  return want == got || ((want & F64_ABS) > F64_INF && (want | 0x0008000000000000ull) == got);
}
static void report(const char *op, u64 a, u64 b, u64 want, u64 got, int ok) {
  checked++;
  if (ok) return;
  if (++mismatches <= 40) printf("MISMATCH %s a=%016llx b=%016llx want=%016llx got=%016llx\n", op, (unsigned long long)a, (unsigned long long)b, (unsigned long long)want, (unsigned long long)got);
}

static u32 rand32(void) {
  u64 r = next();
  switch (r % 8) {
    case 0: return EDGE32[(r >> 8) % N32];
    case 1: return (u32)(r >> 32) & 0x807fffffu; /* subnormal */
    case 2: return EDGE32[(r >> 8) % N32] + (u32)((r >> 16) % 5) - 2;
    case 3: return ((u32)(r >> 32) & 0x80ffffffu) | (((u32)(r >> 24) % 40 + 107) << 23); /* near 1 */
    default: return (u32)(r >> 32);
  }
}
static u64 rand64(void) {
  u64 r = next(), s = next();
  switch (r % 8) {
    case 0: return EDGE64[(r >> 8) % N64];
    case 1: return s & 0x800fffffffffffffull;
    case 2: return EDGE64[(r >> 8) % N64] + (s % 5) - 2;
    case 3: return (s & 0x800fffffffffffffull) | ((u64)((r >> 24) % 80 + 983) << 52);
    default: return s;
  }
}

static u32 want_minmax32(u32 a, u32 b, int max) {
  float x = f32(a), y = f32(b);
  if (x != x || y != y) return ((x != x ? a : b) | 0x00400000u); /* the first NaN, quieted */
  if (x < y) return max ? b : a;
  if (y < x) return max ? a : b;
  return max ? (a & b) : (a | b);
}
static u64 want_minmax64(u64 a, u64 b, int max) {
  double x = f64(a), y = f64(b);
  if (x != x || y != y) return ((x != x ? a : b) | 0x0008000000000000ull);
  if (x < y) return max ? b : a;
  if (y < x) return max ? a : b;
  return max ? (a & b) : (a | b);
}

/* Expected truncation: 0 in range (value in *out), 1 invalid (NaN), 2 overflow. */
static int want_trunc(double x, double lo, double hi, double *out) {
  if (x != x) return 1;
  double t = trunc(x);
  if (t < lo || t > hi) return 2;
  *out = t;
  return 0;
}

#define TRY(expr) (trap_kind = 0, setjmp(trap_jump) ? (u64)0 : (u64)(expr))

static void check_pair32(u32 a, u32 b) {
  float x = f32(a), y = f32(b);
  nan_operands = (x != x) + (y != y);
  report("f32.add", a, b, b32(x + y), f32_add(a, b), same32(b32(x + y), f32_add(a, b)));
  report("f32.sub", a, b, b32(x - y), f32_sub(a, b), same32(b32(x - y), f32_sub(a, b)));
  report("f32.mul", a, b, b32(x * y), f32_mul(a, b), same32(b32(x * y), f32_mul(a, b)));
  report("f32.div", a, b, b32(x / y), f32_div(a, b), same32(b32(x / y), f32_div(a, b)));
  report("f32.min", a, b, want_minmax32(a, b, 0), f32_min(a, b), same32(want_minmax32(a, b, 0), f32_min(a, b)));
  report("f32.max", a, b, want_minmax32(a, b, 1), f32_max(a, b), same32(want_minmax32(a, b, 1), f32_max(a, b)));
  report("f32.eq", a, b, x == y, f32_eq(a, b), (x == y) == f32_eq(a, b));
  report("f32.ne", a, b, x != y, f32_ne(a, b), (x != y) == f32_ne(a, b));
  report("f32.lt", a, b, x < y, f32_lt(a, b), (x < y) == f32_lt(a, b));
  report("f32.gt", a, b, x > y, f32_gt(a, b), (x > y) == f32_gt(a, b));
  report("f32.le", a, b, x <= y, f32_le(a, b), (x <= y) == f32_le(a, b));
  report("f32.ge", a, b, x >= y, f32_ge(a, b), (x >= y) == f32_ge(a, b));
}

static void check_pair64(u64 a, u64 b) {
  double x = f64(a), y = f64(b);
  nan_operands = (x != x) + (y != y);
  report("f64.add", a, b, b64(x + y), f64_add(a, b), same64(b64(x + y), f64_add(a, b)));
  report("f64.sub", a, b, b64(x - y), f64_sub(a, b), same64(b64(x - y), f64_sub(a, b)));
  report("f64.mul", a, b, b64(x * y), f64_mul(a, b), same64(b64(x * y), f64_mul(a, b)));
  report("f64.div", a, b, b64(x / y), f64_div(a, b), same64(b64(x / y), f64_div(a, b)));
  report("f64.min", a, b, want_minmax64(a, b, 0), f64_min(a, b), same64(want_minmax64(a, b, 0), f64_min(a, b)));
  report("f64.max", a, b, want_minmax64(a, b, 1), f64_max(a, b), same64(want_minmax64(a, b, 1), f64_max(a, b)));
  report("f64.eq", a, b, x == y, f64_eq(a, b), (x == y) == f64_eq(a, b));
  report("f64.ne", a, b, x != y, f64_ne(a, b), (x != y) == f64_ne(a, b));
  report("f64.lt", a, b, x < y, f64_lt(a, b), (x < y) == f64_lt(a, b));
  report("f64.gt", a, b, x > y, f64_gt(a, b), (x > y) == f64_gt(a, b));
  report("f64.le", a, b, x <= y, f64_le(a, b), (x <= y) == f64_le(a, b));
  report("f64.ge", a, b, x >= y, f64_ge(a, b), (x >= y) == f64_ge(a, b));
}

static void check_trunc(const char *op, double x, double lo, double hi, u64 bits, u64 got, int kind, int isSigned, int width) {
  double t = 0;
  int want = want_trunc(x, lo, hi, &t);
  u64 wantBits = 0;
  if (want == 0) {
    if (isSigned) wantBits = (u64)(i64)t;
    else wantBits = (u64)t;
    if (width == 32) wantBits &= 0xffffffffull;
  }
  if (width == 32) got &= 0xffffffffull;
  report(op, bits, (u64)want, wantBits, kind ? (u64)kind : got, want == kind && (want || wantBits == got));
}

static void check_one32(u32 a) {
  float x = f32(a);
  nan_operands = x != x;
  report("f32.sqrt", a, 0, b32(sqrtf(x)), f32_sqrt(a), same32(b32(sqrtf(x)), f32_sqrt(a)));
  report("f32.ceil", a, 0, b32(ceilf(x)), f32_ceil(a), same32(b32(ceilf(x)), f32_ceil(a)));
  report("f32.floor", a, 0, b32(floorf(x)), f32_floor(a), same32(b32(floorf(x)), f32_floor(a)));
  report("f32.trunc", a, 0, b32(truncf(x)), f32_trunc(a), same32(b32(truncf(x)), f32_trunc(a)));
  report("f32.nearest", a, 0, b32(rintf(x)), f32_nearest(a), same32(b32(rintf(x)), f32_nearest(a)));
  report("f64.promote_f32", a, 0, b64((double)x), f64_promote_f32(a), same64(b64((double)x), f64_promote_f32(a)));
  report("f32.convert_i32_s", a, 0, b32((float)(i32)a), f32_convert_i32_s((i32)a), b32((float)(i32)a) == f32_convert_i32_s((i32)a));
  report("f32.convert_i32_u", a, 0, b32((float)a), f32_convert_i32_u(a), b32((float)a) == f32_convert_i32_u(a));
  report("f64.convert_i32_s", a, 0, b64((double)(i32)a), f64_convert_i32_s((i32)a), b64((double)(i32)a) == f64_convert_i32_s((i32)a));
  report("f64.convert_i32_u", a, 0, b64((double)a), f64_convert_i32_u(a), b64((double)a) == f64_convert_i32_u(a));
  u64 got;
  got = TRY(i32_trunc_f32_s(a)); check_trunc("i32.trunc_f32_s", x, -2147483648.0, 2147483647.0, a, got, trap_kind, 1, 32);
  got = TRY(i32_trunc_f32_u(a)); check_trunc("i32.trunc_f32_u", x, 0.0, 4294967295.0, a, got, trap_kind, 0, 32);
  got = TRY(i64_trunc_f32_s(a)); check_trunc("i64.trunc_f32_s", x, -9223372036854775808.0, 9223372036854774784.0, a, got, trap_kind, 1, 64);
  got = TRY(i64_trunc_f32_u(a)); check_trunc("i64.trunc_f32_u", x, 0.0, 18446744073709549568.0, a, got, trap_kind, 0, 64);
}

static void check_one64(u64 a) {
  double x = f64(a);
  nan_operands = x != x;
  report("f64.sqrt", a, 0, b64(sqrt(x)), f64_sqrt(a), same64(b64(sqrt(x)), f64_sqrt(a)));
  report("f64.ceil", a, 0, b64(ceil(x)), f64_ceil(a), same64(b64(ceil(x)), f64_ceil(a)));
  report("f64.floor", a, 0, b64(floor(x)), f64_floor(a), same64(b64(floor(x)), f64_floor(a)));
  report("f64.trunc", a, 0, b64(trunc(x)), f64_trunc(a), same64(b64(trunc(x)), f64_trunc(a)));
  report("f64.nearest", a, 0, b64(rint(x)), f64_nearest(a), same64(b64(rint(x)), f64_nearest(a)));
  report("f32.demote_f64", a, 0, b32((float)x), f32_demote_f64(a), same32(b32((float)x), f32_demote_f64(a)));
  report("f64.convert_i64_s", a, 0, b64((double)(i64)a), f64_convert_i64_s((i64)a), b64((double)(i64)a) == f64_convert_i64_s((i64)a));
  report("f64.convert_i64_u", a, 0, b64((double)a), f64_convert_i64_u(a), b64((double)a) == f64_convert_i64_u(a));
  report("f32.convert_i64_s", a, 0, b32((float)(i64)a), f32_convert_i64_s((i64)a), b32((float)(i64)a) == f32_convert_i64_s((i64)a));
  report("f32.convert_i64_u", a, 0, b32((float)a), f32_convert_i64_u(a), b32((float)a) == f32_convert_i64_u(a));
  u64 got;
  got = TRY(i32_trunc_f64_s(a)); check_trunc("i32.trunc_f64_s", x, -2147483648.0, 2147483647.0, a, got, trap_kind, 1, 32);
  got = TRY(i32_trunc_f64_u(a)); check_trunc("i32.trunc_f64_u", x, 0.0, 4294967295.0, a, got, trap_kind, 0, 32);
  got = TRY(i64_trunc_f64_s(a)); check_trunc("i64.trunc_f64_s", x, -9223372036854775808.0, 9223372036854774784.0, a, got, trap_kind, 1, 64);
  got = TRY(i64_trunc_f64_u(a)); check_trunc("i64.trunc_f64_u", x, 0.0, 18446744073709549568.0, a, got, trap_kind, 0, 64);
}

int main(void) {
  for (unsigned i = 0; i < N32; i++) {
    check_one32(EDGE32[i]);
    for (unsigned j = 0; j < N32; j++) check_pair32(EDGE32[i], EDGE32[j]);
  }
  for (unsigned i = 0; i < N64; i++) {
    check_one64(EDGE64[i]);
    for (unsigned j = 0; j < N64; j++) check_pair64(EDGE64[i], EDGE64[j]);
  }
  for (long k = 0; k < COUNT; k++) {
    check_pair32(rand32(), rand32());
    check_one32(rand32());
    check_pair64(rand64(), rand64());
    check_one64(rand64());
  }
  printf("checked %ld mismatches %ld\n", checked, mismatches);
  return mismatches != 0;
}
