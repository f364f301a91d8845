/*
 * Soft-float for the machine: every f32/f64 WebAssembly operation the machine lacks, on integer
 * bit patterns (f32 in a uint32, f64 in a uint64), exactly as IEEE-754 binary32/binary64 with
 * round-to-nearest-even, subnormals, signed zeros, infinities. NaN results are x86-64's (SSE):
 * an invalid operation (0/0, ∞ − ∞, 0·∞, √−x) gives the default NaN 0xffc00000 /
 * 0xfff8000000000000 (negative), a NaN operand is returned quieted (the first if both are), so
 * printf shows "-nan" where gcc's programs do (docs/lowering.md, "NaN results"). WebAssembly
 * allows either sign and, from NaN operands, any quiet payload.
 *
 * Compiled by our clang into integer-only wasm (src/core/lower/floats/generateSoftfloat.node.ts);
 * the float lowering pass (lowerFloats.ts) copies the exported functions a module uses into it.
 * Each export is named after the wasm op it implements, with '.' → '_'. Loops run a fixed number
 * of times (bounded work). f32 ops use 32-bit arithmetic only. Also compiled natively by gcc in
 * softfloat.native.test.ts and checked against the hardware FPU.
 *
 * Conventions: a finite nonzero value is (sign, e, sig) with value = sig × 2^(e − 157) (f32, sig's
 * top bit at 30 once normalized) or sig × 2^(e − 1085) (f64, top bit at 62); e is the biased
 * exponent the result gets when sig is normalized.
 */
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#ifdef __wasm__
#define EXPORT(name) __attribute__((export_name(#name), noinline))
#define TRAP(name) __attribute__((import_module("tvm"), import_name(#name), noreturn))
#else
#define EXPORT(name)
#define TRAP(name) __attribute__((noreturn))
#endif

/* Print "trap: …" and halt (provided by the lowering pass). */
TRAP(trap_float_invalid) void tvm_trap_float_invalid(void);
TRAP(trap_float_overflow) void tvm_trap_float_overflow(void);

#define F32_SIGN 0x80000000u
#define F32_ABS 0x7fffffffu
#define F32_INF 0x7f800000u
#define F64_SIGN 0x8000000000000000ull
#define F64_ABS 0x7fffffffffffffffull
#define F64_INF 0x7ff0000000000000ull
#define F32_DEFAULT_NAN 0xffc00000u
#define F64_DEFAULT_NAN 0xfff8000000000000ull
#define F64_MANT 0x000fffffffffffffull

/* ---------------------------------------------------------------- f32 */

/*
 * Cost notes (executed machine instructions, docs/lowering.md): compares, adds, constant masks
 * and left shifts by a constant are cheap; a bitwise op on two variables costs 200-600 and a
 * right shift by 1-7 about 50. OPAQUE hides a value from the optimizer so that clang does not
 * fold sign tests into `(a ^ b) < 0` or additions of disjoint bits into a variable `or`.
 */
#define OPAQUE(x) __asm__("" : "+r"(x))

/* x with its sign bit set when neg (x < 2^31). */
static inline u32 f32_signed(u32 neg, u32 x) { return neg ? x + F32_SIGN : x; }

/* x | 1 when sticky: the bit shifted out of a significand. */
static inline u32 f32_stick(u32 x, int sticky) {
  u32 odd = x | 1;
  OPAQUE(odd);
  return sticky ? odd : x;
}

/* x >> n, with any bit shifted out ORed into bit 0 (sticky). */
static inline u32 jam32(u32 x, u32 n) {
  if (n == 0) return x;
  if (n >= 32) return x != 0;
  u32 q = x >> n;
  return f32_stick(q, (q << n) != x);
}

/* sig normalized (top bit at 30) when e > 0; neg is 0 or 1. */
static inline u32 f32_round_pack(u32 neg, i32 e, u32 sig) {
  if (e <= 0) {
    sig = jam32(sig, (u32)(1 - e));
    e = 0;
  } else if (e >= 0xff) {
    return f32_signed(neg, F32_INF);
  }
  u32 q = sig >> 7, rb = sig & 0x7f;
  if (rb > 0x40 || (rb == 0x40 && (q & 1))) q++;
  u32 r = e ? ((u32)(e - 1) << 23) + q : q;
  if (r >= F32_INF) r = F32_INF;
  return f32_signed(neg, r);
}

/* sig != 0, anywhere in the word. */
static inline u32 f32_norm_round_pack(u32 neg, i32 e, u32 sig) {
  if (sig >= 0x80000000u) {
    sig = f32_stick(sig >> 1, sig & 1);
    e++;
  }
  i32 n = __builtin_clz(sig) - 1;
  return f32_round_pack(neg, e - n, sig << n);
}

/* Magnitude aa (finite, nonzero) → biased exponent E and significand M with its top bit at 23. */
#define F32_UNPACK(aa, E, M)                     \
  do {                                           \
    E = (i32)((aa) >> 23);                       \
    M = (aa) & 0x7fffffu;                        \
    if (E) {                                     \
      M += 0x800000u;                            \
    } else {                                     \
      i32 n_ = __builtin_clz(M) - 8;             \
      M <<= n_;                                  \
      E = 1 - n_;                                \
    }                                            \
  } while (0)

/* A NaN operand quieted: a if it is a NaN, else b (at least one is). */
static inline u32 f32_nan_of(u32 a, u32 b) { return ((a & F32_ABS) > F32_INF ? a : b) | 0x00400000u; }
static inline u64 f64_nan_of(u64 a, u64 b) { return ((a & F64_ABS) > F64_INF ? a : b) | 0x0008000000000000ull; }

/* The sign of a as 0 or 1, opaque to the optimizer. */
static inline u32 f32_neg(u32 a) {
  u32 n = a >> 31;
  OPAQUE(n);
  return n;
}

static inline u32 f32_add_impl(u32 a, u32 b) {
  u32 aa = a & F32_ABS, ab = b & F32_ABS, sa = f32_neg(a), sb = f32_neg(b);
  if (aa > F32_INF || ab > F32_INF) return f32_nan_of(a, b);
  if (aa == F32_INF) return (ab == F32_INF && sa != sb) ? F32_DEFAULT_NAN : a;
  if (ab == F32_INF) return b;
  if (aa == 0) return ab == 0 ? ((sa && sb) ? F32_SIGN : 0) : b;
  if (ab == 0) return a;
  if (aa < ab) {
    u32 t = aa; aa = ab; ab = t;
    t = sa; sa = sb; sb = t;
  }
  i32 ea = (i32)(aa >> 23), eb = (i32)(ab >> 23);
  u32 ma = aa & 0x7fffffu, mb = ab & 0x7fffffu;
  if (ea) ma += 0x800000u; else ea = 1;
  if (eb) mb += 0x800000u; else eb = 1;
  ma <<= 6;
  mb = jam32(mb << 6, (u32)(ea - eb));
  u32 s = sa != sb ? ma - mb : ma + mb;
  if (s == 0) return 0;
  return f32_norm_round_pack(sa, ea, s + s);
}

EXPORT(f32_add) u32 f32_add(u32 a, u32 b) { return f32_add_impl(a, b); }
EXPORT(f32_sub) u32 f32_sub(u32 a, u32 b) {
  if ((a & F32_ABS) > F32_INF || (b & F32_ABS) > F32_INF) return f32_nan_of(a, b); /* b's own sign */
  return f32_add_impl(a, b ^ F32_SIGN);
}

EXPORT(f32_mul) u32 f32_mul(u32 a, u32 b) {
  u32 aa = a & F32_ABS, ab = b & F32_ABS, neg = f32_neg(a) != f32_neg(b);
  if (aa > F32_INF || ab > F32_INF) return f32_nan_of(a, b);
  if (aa == F32_INF) return ab == 0 ? F32_DEFAULT_NAN : f32_signed(neg, F32_INF);
  if (ab == F32_INF) return aa == 0 ? F32_DEFAULT_NAN : f32_signed(neg, F32_INF);
  if (aa == 0 || ab == 0) return f32_signed(neg, 0);
  i32 ea, eb;
  u32 ma, mb;
  F32_UNPACK(aa, ea, ma);
  F32_UNPACK(ab, eb, mb);
  /* 24 × 24 → 48-bit product (hi:lo) by shift and add, mb's bits from the top (cheaper on the
     machine than four 12-bit multiplies). */
  u32 hi = 0, lo = 0;
  for (int i = 0; i < 24; i++) {
    hi += hi;
    OPAQUE(hi);
    hi += lo >> 31;
    lo += lo;
    if (mb >= 0x800000u) {
      lo += ma;
      hi += lo < ma;
      mb -= 0x800000u;
    }
    mb += mb;
    OPAQUE(mb);
  }
  /* product in [2^46, 2^48): keep its top 32 bits, the rest sticky */
  u32 top = hi << 16;
  OPAQUE(top);
  u32 sig = f32_stick(top + (lo >> 16), (lo & 0xffffu) != 0);
  return f32_norm_round_pack(neg, ea + eb - 127, sig);
}

EXPORT(f32_div) u32 f32_div(u32 a, u32 b) {
  u32 aa = a & F32_ABS, ab = b & F32_ABS, neg = f32_neg(a) != f32_neg(b);
  if (aa > F32_INF || ab > F32_INF) return f32_nan_of(a, b);
  if (aa == F32_INF) return ab == F32_INF ? F32_DEFAULT_NAN : f32_signed(neg, F32_INF);
  if (ab == F32_INF) return f32_signed(neg, 0);
  if (ab == 0) return aa == 0 ? F32_DEFAULT_NAN : f32_signed(neg, F32_INF);
  if (aa == 0) return f32_signed(neg, 0);
  i32 ea, eb;
  u32 ma, mb;
  F32_UNPACK(aa, ea, ma);
  F32_UNPACK(ab, eb, mb);
  i32 e = ea - eb + 127;
  if (ma < mb) {
    ma += ma;
    e--;
  }
  u32 q = 0;
  for (int i = 0; i < 31; i++) {
    q += q;
    OPAQUE(q);
    if (ma >= mb) {
      ma -= mb;
      q++;
    }
    ma += ma;
    OPAQUE(ma);
  }
  return f32_round_pack(neg, e, f32_stick(q, ma != 0));
}

EXPORT(f32_sqrt) u32 f32_sqrt(u32 a) {
  u32 aa = a & F32_ABS;
  if (aa > F32_INF) return a | 0x00400000u;
  if (aa == 0) return a;
  if (a >= F32_SIGN) return F32_DEFAULT_NAN;
  if (aa == F32_INF) return a;
  i32 e;
  u32 m;
  F32_UNPACK(aa, e, m);
  if (e & 1) {
    m += m;
    e--;
  }
  /* Digit-by-digit root of m × 2^26 (26 bit pairs, the first 13 from m). */
  u32 rem = 0, root = 0, mm = m << 6;
  for (int i = 0; i < 26; i++) {
    u32 digit = mm >> 30;
    OPAQUE(digit);
    rem <<= 2;
    OPAQUE(rem);
    rem += digit;
    mm <<= 2;
    u32 trial = root << 2;
    OPAQUE(trial);
    trial++;
    root += root;
    OPAQUE(root);
    if (rem >= trial) {
      rem -= trial;
      root++;
    }
    OPAQUE(mm);
  }
  return f32_norm_round_pack(0, (e >> 1) + 64, f32_stick(root << 5, rem != 0));
}

/* An integer that orders f32 values as the reals do (±0 equal), for values that are not NaN. */
static inline i32 f32_key(u32 a) {
  i32 m = (i32)(a & F32_ABS);
  return a >= F32_SIGN ? -m : m;
}

static inline int f32_unordered(u32 a, u32 b) { return (a & F32_ABS) > F32_INF || (b & F32_ABS) > F32_INF; }

EXPORT(f32_eq) i32 f32_eq(u32 a, u32 b) { return !f32_unordered(a, b) && f32_key(a) == f32_key(b); }
EXPORT(f32_ne) i32 f32_ne(u32 a, u32 b) { return f32_unordered(a, b) || f32_key(a) != f32_key(b); }
EXPORT(f32_lt) i32 f32_lt(u32 a, u32 b) { return !f32_unordered(a, b) && f32_key(a) < f32_key(b); }
EXPORT(f32_gt) i32 f32_gt(u32 a, u32 b) { return !f32_unordered(a, b) && f32_key(a) > f32_key(b); }
EXPORT(f32_le) i32 f32_le(u32 a, u32 b) { return !f32_unordered(a, b) && f32_key(a) <= f32_key(b); }
EXPORT(f32_ge) i32 f32_ge(u32 a, u32 b) { return !f32_unordered(a, b) && f32_key(a) >= f32_key(b); }

EXPORT(f32_min) u32 f32_min(u32 a, u32 b) {
  if (f32_unordered(a, b)) return f32_nan_of(a, b);
  i32 ka = f32_key(a), kb = f32_key(b);
  if (ka != kb) return ka < kb ? a : b;
  return a >= F32_SIGN ? a : b; /* equal: min(-0, +0) = -0 */
}

EXPORT(f32_max) u32 f32_max(u32 a, u32 b) {
  if (f32_unordered(a, b)) return f32_nan_of(a, b);
  i32 ka = f32_key(a), kb = f32_key(b);
  if (ka != kb) return ka > kb ? a : b;
  return a >= F32_SIGN ? b : a; /* equal: max(-0, +0) = +0 */
}

enum { ROUND_TRUNC, ROUND_FLOOR, ROUND_CEIL, ROUND_NEAREST };

static inline u32 f32_round_int(u32 a, int mode) {
  u32 aa = a & F32_ABS, neg = a >= F32_SIGN;
  if (aa > F32_INF) return a | 0x00400000u;
  i32 e = (i32)(aa >> 23);
  if (e >= 150 || aa == 0) return a; /* already an integer, ±0 or ±inf */
  if (e < 127) {                     /* 0 < |a| < 1 */
    switch (mode) {
      case ROUND_FLOOR: return neg ? 0xbf800000u : 0;
      case ROUND_CEIL: return neg ? F32_SIGN : 0x3f800000u;
      case ROUND_NEAREST: return f32_signed(neg, (e == 126 && aa != 0x3f000000u) ? 0x3f800000u : 0);
      default: return f32_signed(neg, 0);
    }
  }
  u32 k = (u32)(150 - e); /* bits below the units digit */
  u32 q = a >> k;
  u32 t = q << k; /* truncated */
  u32 f = a - t, unit = 1u << k;
  if (f == 0) return a;
  switch (mode) {
    case ROUND_FLOOR: return neg ? t + unit : t;
    case ROUND_CEIL: return neg ? t : t + unit;
    case ROUND_NEAREST: {
      u32 half = unit >> 1;
      return (f > half || (f == half && (q & 1))) ? t + unit : t;
    }
    default: return t;
  }
}

EXPORT(f32_trunc) u32 f32_trunc(u32 a) { return f32_round_int(a, ROUND_TRUNC); }
EXPORT(f32_floor) u32 f32_floor(u32 a) { return f32_round_int(a, ROUND_FLOOR); }
EXPORT(f32_ceil) u32 f32_ceil(u32 a) { return f32_round_int(a, ROUND_CEIL); }
EXPORT(f32_nearest) u32 f32_nearest(u32 a) { return f32_round_int(a, ROUND_NEAREST); }

EXPORT(f32_convert_i32_u) u32 f32_convert_i32_u(u32 x) { return x ? f32_norm_round_pack(0, 157, x) : 0; }
EXPORT(f32_convert_i32_s) u32 f32_convert_i32_s(i32 x) {
  if (!x) return 0;
  u32 neg = x < 0;
  return f32_norm_round_pack(neg, 157, neg ? 0u - (u32)x : (u32)x);
}

/* |x| as an integer when 2^0 ≤ |x| < 2^31·2: the significand shifted into place. */
static inline u32 f32_integer_part(u32 aa) {
  i32 e = (i32)(aa >> 23);
  u32 m = (aa & 0x7fffffu) | 0x800000u;
  return e >= 150 ? m << (e - 150) : m >> (150 - e);
}

EXPORT(i32_trunc_f32_s) i32 i32_trunc_f32_s(u32 a) {
  u32 aa = a & F32_ABS;
  if (aa > F32_INF) tvm_trap_float_invalid();
  if (aa < 0x3f800000u) return 0;
  if (aa >= 0x4f000000u) { /* |a| ≥ 2^31 */
    if (a == 0xcf000000u) return (i32)0x80000000u;
    tvm_trap_float_overflow();
  }
  u32 v = f32_integer_part(aa);
  return (a & F32_SIGN) ? (i32)(0u - v) : (i32)v;
}

EXPORT(i32_trunc_f32_u) u32 i32_trunc_f32_u(u32 a) {
  u32 aa = a & F32_ABS;
  if (aa > F32_INF) tvm_trap_float_invalid();
  if (aa < 0x3f800000u) return 0;
  if ((a & F32_SIGN) || aa >= 0x4f800000u) tvm_trap_float_overflow(); /* ≤ -1 or ≥ 2^32 */
  return f32_integer_part(aa);
}

/* ---------------------------------------------------------------- f64 */

static inline u64 jam64(u64 x, u32 n) {
  if (n == 0) return x;
  if (n >= 64) return x != 0;
  return (x >> n) | ((x << (64 - n)) != 0);
}

static inline u64 f64_round_pack(u64 sign, i32 e, u64 sig) {
  if (e <= 0) {
    sig = jam64(sig, (u32)(1 - e));
    e = 0;
  } else if (e >= 0x7ff) {
    return sign | F64_INF;
  }
  u32 rb = (u32)sig & 0x3ffu;
  sig >>= 10;
  if (rb > 0x200 || (rb == 0x200 && (sig & 1))) sig++;
  u64 r = e ? ((u64)(e - 1) << 52) + sig : sig;
  if (r >= F64_INF) return sign | F64_INF;
  return sign | r;
}

static inline u64 f64_norm_round_pack(u64 sign, i32 e, u64 sig) {
  if (sig >> 63) {
    sig = jam64(sig, 1);
    e++;
  }
  i32 n = __builtin_clzll(sig) - 1;
  return f64_round_pack(sign, e - n, sig << n);
}

#define F64_UNPACK(aa, E, M)                     \
  do {                                           \
    E = (i32)((aa) >> 52);                       \
    M = (aa) & F64_MANT;                         \
    if (E) {                                     \
      M |= 1ull << 52;                           \
    } else {                                     \
      i32 n_ = __builtin_clzll(M) - 11;          \
      M <<= n_;                                  \
      E = 1 - n_;                                \
    }                                            \
  } while (0)

static inline u64 f64_add_impl(u64 a, u64 b) {
  u64 aa = a & F64_ABS, ab = b & F64_ABS;
  if (aa > F64_INF || ab > F64_INF) return f64_nan_of(a, b);
  if (aa == F64_INF) return (ab == F64_INF && ((a ^ b) & F64_SIGN)) ? F64_DEFAULT_NAN : a;
  if (ab == F64_INF) return b;
  if (aa == 0) return ab == 0 ? (a & b) : b;
  if (ab == 0) return a;
  if (aa < ab) {
    u64 t = a; a = b; b = t;
    t = aa; aa = ab; ab = t;
  }
  i32 ea = (i32)(aa >> 52), eb = (i32)(ab >> 52);
  u64 ma = aa & F64_MANT, mb = ab & F64_MANT;
  if (ea) ma |= 1ull << 52; else ea = 1;
  if (eb) mb |= 1ull << 52; else eb = 1;
  ma <<= 9;
  mb = jam64(mb << 9, (u32)(ea - eb));
  u64 s = ((a ^ b) & F64_SIGN) ? ma - mb : ma + mb;
  if (s == 0) return 0;
  return f64_norm_round_pack(a & F64_SIGN, ea, s << 1);
}

EXPORT(f64_add) u64 f64_add(u64 a, u64 b) { return f64_add_impl(a, b); }
EXPORT(f64_sub) u64 f64_sub(u64 a, u64 b) {
  if ((a & F64_ABS) > F64_INF || (b & F64_ABS) > F64_INF) return f64_nan_of(a, b); /* b's own sign */
  return f64_add_impl(a, b ^ F64_SIGN);
}

EXPORT(f64_mul) u64 f64_mul(u64 a, u64 b) {
  u64 sign = (a ^ b) & F64_SIGN, aa = a & F64_ABS, ab = b & F64_ABS;
  if (aa > F64_INF || ab > F64_INF) return f64_nan_of(a, b);
  if (aa == F64_INF) return ab == 0 ? F64_DEFAULT_NAN : sign | F64_INF;
  if (ab == F64_INF) return aa == 0 ? F64_DEFAULT_NAN : sign | F64_INF;
  if (aa == 0 || ab == 0) return sign;
  i32 ea, eb;
  u64 ma, mb;
  F64_UNPACK(aa, ea, ma);
  F64_UNPACK(ab, eb, mb);
  /* 53 × 53 → 106-bit product from 32-bit limbs. */
  u64 a0 = (u32)ma, a1 = ma >> 32, b0 = (u32)mb, b1 = mb >> 32;
  u64 p00 = a0 * b0, mid = a0 * b1 + a1 * b0, p11 = a1 * b1;
  u64 lo = p00 + (mid << 32);
  u64 hi = p11 + (mid >> 32) + (lo < p00);
  u64 sig = (hi << 22) | (lo >> 42) | ((lo << 22) != 0);
  return f64_norm_round_pack(sign, ea + eb - 1023, sig);
}

EXPORT(f64_div) u64 f64_div(u64 a, u64 b) {
  u64 sign = (a ^ b) & F64_SIGN, aa = a & F64_ABS, ab = b & F64_ABS;
  if (aa > F64_INF || ab > F64_INF) return f64_nan_of(a, b);
  if (aa == F64_INF) return ab == F64_INF ? F64_DEFAULT_NAN : sign | F64_INF;
  if (ab == F64_INF) return sign;
  if (ab == 0) return aa == 0 ? F64_DEFAULT_NAN : sign | F64_INF;
  if (aa == 0) return sign;
  i32 ea, eb;
  u64 ma, mb;
  F64_UNPACK(aa, ea, ma);
  F64_UNPACK(ab, eb, mb);
  i32 e = ea - eb + 1023;
  if (ma < mb) {
    ma += ma;
    e--;
  }
  /* 63 quotient bits by restoring division on 32-bit words: the remainder (below 2^55) as two
     words with explicit carries and borrows, the quotient's first 31 bits in qh and last 32 in
     ql, so no step needs a 64-bit op (each would be a lowered pair op; see docs/lowering.md). */
  u32 mh = (u32)(ma >> 32), ml = (u32)ma, bh = (u32)(mb >> 32), bl = (u32)mb;
  u32 qh = 0, ql = 0;
  for (int i = 0; i < 63; i++) {
    u32 bit = 0;
    if (mh > bh || (mh == bh && ml >= bl)) {
      mh = mh - bh - (ml < bl);
      ml = ml - bl;
      bit = 1;
    }
    OPAQUE(bit);
    if (i < 31) qh = qh + qh + bit;
    else ql = ql + ql + bit;
    mh = mh + mh + (ml >= 0x80000000u);
    ml = ml + ml;
    OPAQUE(mh);
    OPAQUE(ml);
  }
  u64 q = ((u64)qh << 32) + ql;
  OPAQUE(q);
  u64 odd = q | 1;
  OPAQUE(odd);
  return f64_round_pack(sign, e, (mh != 0 || ml != 0) ? odd : q);
}

EXPORT(f64_sqrt) u64 f64_sqrt(u64 a) {
  u64 aa = a & F64_ABS;
  if (aa > F64_INF) return a | 0x0008000000000000ull;
  if (aa == 0) return a;
  if (a & F64_SIGN) return F64_DEFAULT_NAN;
  if (aa == F64_INF) return a;
  i32 e;
  u64 m;
  F64_UNPACK(aa, e, m);
  if (!(e & 1)) {
    m += m;
    e--;
  }
  /* Digit-by-digit root of m × 2^56 (55 bit pairs, the first 27 from m), on 32-bit words as in
     f64_div: the remainder and the radicand shift left together as one four-word value (rem:mm),
     each word doubled with the carry out of the word below, so no step needs a 64-bit op. */
  u64 mm = m << 10;
  u32 rh = 0, rl = 0, mh = (u32)(mm >> 32), ml = (u32)mm, qh = 0, ql = 0;
  for (int i = 0; i < 55; i++) {
    for (int k = 0; k < 2; k++) { /* (rem:mm) <<= 2, one bit at a time */
      rh = rh + rh + (rl >= 0x80000000u);
      rl = rl + rl + (mh >= 0x80000000u);
      mh = mh + mh + (ml >= 0x80000000u);
      ml = ml + ml;
      OPAQUE(rh);
      OPAQUE(rl);
      OPAQUE(mh);
      OPAQUE(ml);
    }
    /* trial = 4·root + 1, then root = 2·root */
    u32 th = qh + qh + (ql >= 0x80000000u), tl = ql + ql;
    OPAQUE(th);
    OPAQUE(tl);
    qh = th;
    ql = tl;
    th = th + th + (tl >= 0x80000000u);
    tl = tl + tl + 1;
    OPAQUE(th);
    OPAQUE(tl);
    if (rh > th || (rh == th && rl >= tl)) {
      rh = rh - th - (rl < tl);
      rl = rl - tl;
      ql = ql + 1;
    }
  }
  u64 root = ((u64)qh << 32) + ql;
  OPAQUE(root);
  u64 sig = root << 8;
  u64 odd = sig | 1;
  OPAQUE(odd);
  /* m·2^56 lies in [2^108, 2^110), so root in [2^54, 2^55) and sig in [2^62, 2^63): already
     normalized, no clz and variable shift needed. */
  return f64_round_pack(0, 1077 + ((e - 1131) >> 1), (rh != 0 || rl != 0) ? odd : sig);
}

/* An integer that orders f64 values as the reals do (±0 equal), for values that are not NaN. */
static inline i64 f64_key(u64 a) {
  i64 m = (i64)(a & F64_ABS);
  return a >= F64_SIGN ? -m : m;
}

static inline int f64_unordered(u64 a, u64 b) { return (a & F64_ABS) > F64_INF || (b & F64_ABS) > F64_INF; }

EXPORT(f64_eq) i32 f64_eq(u64 a, u64 b) { return !f64_unordered(a, b) && f64_key(a) == f64_key(b); }
EXPORT(f64_ne) i32 f64_ne(u64 a, u64 b) { return f64_unordered(a, b) || f64_key(a) != f64_key(b); }
EXPORT(f64_lt) i32 f64_lt(u64 a, u64 b) { return !f64_unordered(a, b) && f64_key(a) < f64_key(b); }
EXPORT(f64_gt) i32 f64_gt(u64 a, u64 b) { return !f64_unordered(a, b) && f64_key(a) > f64_key(b); }
EXPORT(f64_le) i32 f64_le(u64 a, u64 b) { return !f64_unordered(a, b) && f64_key(a) <= f64_key(b); }
EXPORT(f64_ge) i32 f64_ge(u64 a, u64 b) { return !f64_unordered(a, b) && f64_key(a) >= f64_key(b); }

EXPORT(f64_min) u64 f64_min(u64 a, u64 b) {
  if (f64_unordered(a, b)) return f64_nan_of(a, b);
  i64 ka = f64_key(a), kb = f64_key(b);
  if (ka != kb) return ka < kb ? a : b;
  return a >= F64_SIGN ? a : b; /* equal: min(-0, +0) = -0 */
}

EXPORT(f64_max) u64 f64_max(u64 a, u64 b) {
  if (f64_unordered(a, b)) return f64_nan_of(a, b);
  i64 ka = f64_key(a), kb = f64_key(b);
  if (ka != kb) return ka > kb ? a : b;
  return a >= F64_SIGN ? b : a; /* equal: max(-0, +0) = +0 */
}

static inline u64 f64_round_int(u64 a, int mode) {
  u64 aa = a & F64_ABS, sign = a & F64_SIGN;
  if (aa > F64_INF) return a | 0x0008000000000000ull;
  i32 e = (i32)(aa >> 52);
  if (e >= 1075 || aa == 0) return a;
  if (e < 1023) {
    switch (mode) {
      case ROUND_FLOOR: return sign ? 0xbff0000000000000ull : 0;
      case ROUND_CEIL: return sign ? sign : 0x3ff0000000000000ull;
      case ROUND_NEAREST: return (e == 1022 && (aa & F64_MANT)) ? (sign | 0x3ff0000000000000ull) : sign;
      default: return sign;
    }
  }
  u64 frac = F64_MANT >> (e - 1023);
  u64 f = aa & frac;
  if (f == 0) return a;
  u64 t = a - f, unit = frac + 1;
  switch (mode) {
    case ROUND_FLOOR: return sign ? t + unit : t;
    case ROUND_CEIL: return sign ? t : t + unit;
    case ROUND_NEAREST: {
      u64 half = unit >> 1;
      return (f > half || (f == half && (aa & unit))) ? t + unit : t;
    }
    default: return t;
  }
}

EXPORT(f64_trunc) u64 f64_trunc(u64 a) { return f64_round_int(a, ROUND_TRUNC); }
EXPORT(f64_floor) u64 f64_floor(u64 a) { return f64_round_int(a, ROUND_FLOOR); }
EXPORT(f64_ceil) u64 f64_ceil(u64 a) { return f64_round_int(a, ROUND_CEIL); }
EXPORT(f64_nearest) u64 f64_nearest(u64 a) { return f64_round_int(a, ROUND_NEAREST); }

EXPORT(f64_convert_i32_u) u64 f64_convert_i32_u(u32 x) { return x ? f64_norm_round_pack(0, 1085, x) : 0; }
EXPORT(f64_convert_i32_s) u64 f64_convert_i32_s(i32 x) {
  if (!x) return 0;
  u64 sign = x < 0 ? F64_SIGN : 0;
  return f64_norm_round_pack(sign, 1085, x < 0 ? 0u - (u32)x : (u32)x);
}
EXPORT(f64_convert_i64_u) u64 f64_convert_i64_u(u64 x) { return x ? f64_norm_round_pack(0, 1085, x) : 0; }
EXPORT(f64_convert_i64_s) u64 f64_convert_i64_s(i64 x) {
  if (!x) return 0;
  u64 sign = (u64)x & F64_SIGN;
  return f64_norm_round_pack(sign, 1085, sign ? 0ull - (u64)x : (u64)x);
}

EXPORT(f32_convert_i64_u) u32 f32_convert_i64_u(u64 x) {
  if (!x) return 0;
  i32 n = __builtin_clzll(x);
  u64 s = x << n;
  return f32_norm_round_pack(0, 189 - n, (u32)(s >> 32) | ((u32)s != 0));
}
EXPORT(f32_convert_i64_s) u32 f32_convert_i64_s(i64 x) {
  if (!x) return 0;
  u32 neg = x < 0;
  u64 mag = x < 0 ? 0ull - (u64)x : (u64)x;
  i32 n = __builtin_clzll(mag);
  u64 s = mag << n;
  return f32_norm_round_pack(neg, 189 - n, (u32)(s >> 32) | ((u32)s != 0));
}

EXPORT(f64_promote_f32) u64 f64_promote_f32(u32 a) {
  u32 aa = a & F32_ABS;
  u64 sign = (u64)(a & F32_SIGN) << 32;
  if (aa > F32_INF) return sign | 0x7ff8000000000000ull | ((u64)(a & 0x3fffffu) << 29); /* quieted, payload kept */
  if (aa == F32_INF) return sign | F64_INF;
  if (aa == 0) return sign;
  i32 e;
  u32 m;
  F32_UNPACK(aa, e, m);
  return sign | ((u64)(e + 896) << 52) | ((u64)(m & 0x7fffffu) << 29);
}

EXPORT(f32_demote_f64) u32 f32_demote_f64(u64 a) {
  u64 aa = a & F64_ABS;
  u32 neg = (u32)(a >> 63);
  if (aa > F64_INF) return (u32)(a >> 32 & F32_SIGN) | 0x7fc00000u | (u32)(aa >> 29 & 0x3fffffu); /* quieted, top payload */
  if (aa == F64_INF) return f32_signed(neg, F32_INF);
  if (aa == 0) return f32_signed(neg, 0);
  i32 e = (i32)(aa >> 52);
  u64 m = aa & F64_MANT;
  if (e) m |= 1ull << 52; else e = 1;
  return f32_norm_round_pack(neg, e - 896, (u32)jam64(m, 22));
}

/* |x| as an integer when 1 ≤ |x| < 2^64, from the f64 magnitude aa. */
static inline u64 f64_integer_part(u64 aa) {
  i32 e = (i32)(aa >> 52);
  u64 m = (aa & F64_MANT) | (1ull << 52);
  return e >= 1075 ? m << (e - 1075) : m >> (1075 - e);
}

EXPORT(i32_trunc_f64_s) i32 i32_trunc_f64_s(u64 a) {
  u64 aa = a & F64_ABS;
  if (aa > F64_INF) tvm_trap_float_invalid();
  if (aa < 0x3ff0000000000000ull) return 0;
  if (aa >= 0x41e0000000000000ull) { /* |a| ≥ 2^31: only (-2^31 - 1, -2^31] truncates into range */
    if ((a & F64_SIGN) && aa < 0x41e0000000200000ull) return (i32)0x80000000u;
    tvm_trap_float_overflow();
  }
  u32 v = (u32)f64_integer_part(aa);
  return (a & F64_SIGN) ? (i32)(0u - v) : (i32)v;
}

EXPORT(i32_trunc_f64_u) u32 i32_trunc_f64_u(u64 a) {
  u64 aa = a & F64_ABS;
  if (aa > F64_INF) tvm_trap_float_invalid();
  if (aa < 0x3ff0000000000000ull) return 0;
  if ((a & F64_SIGN) || aa >= 0x41f0000000000000ull) tvm_trap_float_overflow();
  return (u32)f64_integer_part(aa);
}

EXPORT(i64_trunc_f64_s) i64 i64_trunc_f64_s(u64 a) {
  u64 aa = a & F64_ABS;
  if (aa > F64_INF) tvm_trap_float_invalid();
  if (aa < 0x3ff0000000000000ull) return 0;
  if (aa >= 0x43e0000000000000ull) { /* |a| ≥ 2^63 */
    if (a == 0xc3e0000000000000ull) return (i64)F64_SIGN;
    tvm_trap_float_overflow();
  }
  u64 v = f64_integer_part(aa);
  return (a & F64_SIGN) ? (i64)(0ull - v) : (i64)v;
}

EXPORT(i64_trunc_f64_u) u64 i64_trunc_f64_u(u64 a) {
  u64 aa = a & F64_ABS;
  if (aa > F64_INF) tvm_trap_float_invalid();
  if (aa < 0x3ff0000000000000ull) return 0;
  if ((a & F64_SIGN) || aa >= 0x43f0000000000000ull) tvm_trap_float_overflow();
  return f64_integer_part(aa);
}

EXPORT(i64_trunc_f32_s) i64 i64_trunc_f32_s(u32 a) {
  u32 aa = a & F32_ABS;
  if (aa > F32_INF) tvm_trap_float_invalid();
  if (aa < 0x3f800000u) return 0;
  if (aa >= 0x5f000000u) {
    if (a == 0xdf000000u) return (i64)F64_SIGN;
    tvm_trap_float_overflow();
  }
  u64 v = f64_integer_part(f64_promote_f32(aa));
  return (a & F32_SIGN) ? (i64)(0ull - v) : (i64)v;
}

EXPORT(i64_trunc_f32_u) u64 i64_trunc_f32_u(u32 a) {
  u32 aa = a & F32_ABS;
  if (aa > F32_INF) tvm_trap_float_invalid();
  if (aa < 0x3f800000u) return 0;
  if ((a & F32_SIGN) || aa >= 0x5f800000u) tvm_trap_float_overflow();
  return f64_integer_part(f64_promote_f32(aa));
}
