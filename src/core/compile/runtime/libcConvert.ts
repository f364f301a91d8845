/**
 * Text to numbers for the runtime libc (part of libc.ts): strtod and strtof correctly rounded
 * (exact big-integer division, see docs/c-runtime.md), and the strtol family.
 */
export const LIBC_CONVERT = String.raw`
/* ------------------------------------------------------------------ text to floating point */

#define MAX_SIGNIFICANT 780
static char significant[MAX_SIGNIFICANT];
static struct bignum numerator, denominator;

static int match_word(const char *s, const char *word) {
  int n = 0;
  while (word[n]) {
    char c = s[n];
    if (c >= 'A' && c <= 'Z') c = c + 32;
    if (c != word[n]) return 0;
    n = n + 1;
  }
  return n;
}

/*
 * Rounds numerator / denominator * 2^scale (scale applied by the caller) to a binary float of
 * mantissa_bits bits after the implicit one and the given exponent bias, to nearest with ties to
 * even; sticky: the true value is a little above the fraction. Returns the bit pattern as (hi, lo).
 * value = N / D. We look for s with 2^m <= N 2^s / D < 2^(m+1) (m = mantissa_bits), or the
 * subnormal scale, then divide bit by bit: every step is a comparison, a subtraction, a doubling.
 */
static NOINLINE void divide_to_float(int mantissa_bits, int bias, int sticky, u32 *out_hi, u32 *out_lo) {
  struct bignum *a = &numerator;
  struct bignum *d = &denominator;
  /*
   * s starts at or below the true scale: N/D < 10^(y+1) with y the digit count difference, and
   * 851/256 > log2(10); the margin covers the estimate's rounding. Doublings of a then find it.
   */
  int y = big_digits(a) - big_digits(d) + 1;
  int s = mantissa_bits - ((y * 851) >> 8) - 6;
  int min_scale = bias - 2 + mantissa_bits + 1; /* the subnormal scale: ulp 2^-min_scale */
  if (s > min_scale) s = min_scale;
  if (s >= 0) big_mul_pow2(a, s);
  else big_mul_pow2(d, 0 - s);
  big_mul_pow2(d, mantissa_bits); /* d = T */
  while (s < min_scale && big_compare(a, d) < 0) {
    big_mul_pow2(a, 1);
    s = s + 1;
  }
  /* q = floor(a / T * 2^m): m + 1 bits, a bit per step */
  u32 qh = 0, ql = 0;
  for (int i = 0; i <= mantissa_bits; i = i + 1) {
    qh = qh + qh + (ql >= 0x80000000u);
    ql = ql + ql;
    if (big_compare(a, d) >= 0) {
      big_subtract(a, d);
      ql = ql + 1;
    }
    big_mul_pow2(a, 1);
  }
  /* a is now twice the remainder: against T it says below, at or above half an ulp */
  int half = big_compare(a, d);
  int up = half > 0 || (half == 0 && (sticky || (ql & 1)));
  if (up) {
    ql = ql + 1;
    if (ql == 0) qh = qh + 1;
  }
  /*
   * bits = (field - 1) << m + q, field = m + bias - s: q's leading one carries into the exponent
   * field, also when rounding overflows the mantissa and when a subnormal rounds up to normal.
   */
  u32 fh = 0, fl = mantissa_bits + bias - s - 1;
  for (int i = 0; i < mantissa_bits; i = i + 1) {
    fh = fh + fh + (fl >= 0x80000000u);
    fl = fl + fl;
  }
  u32 lo = fl + ql;
  *out_hi = fh + qh + (lo < fl);
  *out_lo = lo;
}

/*
 * The number at s, parsed as strtod does: white space, sign, decimal digits with an optional
 * point and exponent, hex (0x) digits with a binary p exponent, inf, infinity, nan, nan(chars).
 * float_bits: 52 (double) or 23 (float). Returns the bit pattern in (*hi, *lo) (for a float, *lo).
 */
static NOINLINE const char *parse_float(const char *s, int mantissa_bits, u32 *hi, u32 *lo) {
  int bias = mantissa_bits == 52 ? 1023 : 127;
  u32 sign_bit = mantissa_bits == 52 ? 0x80000000u : 0;
  u32 sign_lo = mantissa_bits == 52 ? 0 : 0x80000000u;
  const char *start = s;
  s = skip_space(s);
  int negative = 0;
  if (*s == '-' || *s == '+') {
    negative = *s == '-';
    s = s + 1;
  }
  *hi = 0;
  *lo = 0;
  int n;
  if ((n = match_word(s, "inf")) != 0 || (n = match_word(s, "nan")) != 0) {
    int nan = s[0] == 'n' || s[0] == 'N';
    s = s + n;
    if (!nan && match_word(s, "inity")) s = s + 5;
    if (nan && *s == '(') {
      const char *p = s + 1;
      while (digit_value(*p) < 36 || *p == '_') p = p + 1;
      if (*p == ')') s = p + 1;
    }
    if (mantissa_bits == 52) *hi = nan ? 0x7ff80000u : 0x7ff00000u;
    else *lo = nan ? 0x7fc00000u : 0x7f800000u;
    if (negative) {
      *hi = *hi + sign_bit;
      *lo = *lo + sign_lo;
    }
    return s;
  }
  int hex = s[0] == '0' && lower_x(s[1]) == 'x' && (digit_value(s[2]) < 16 || (s[2] == '.' && digit_value(s[3]) < 16));
  if (hex) s = s + 2;
  u32 radix = hex ? 16 : 10;
  int count = 0;       /* significant digits kept */
  int sticky = 0;      /* a non-zero digit was dropped */
  int exponent = 0;    /* in digits (decimal) or in hex digits */
  int any = 0;
  int seen_point = 0;
  for (;;) {
    char c = *s;
    if (c == '.' && !seen_point) {
      seen_point = 1;
      s = s + 1;
      continue;
    }
    u32 v = digit_value(c);
    if (v >= radix) break;
    any = 1;
    if (count == 0 && v == 0) {
      if (seen_point) exponent = exponent - 1;
    } else if (count < MAX_SIGNIFICANT) {
      significant[count] = v;
      count = count + 1;
      if (seen_point) exponent = exponent - 1;
    } else {
      if (v != 0) sticky = 1;
      if (!seen_point) exponent = exponent + 1;
    }
    s = s + 1;
  }
  if (!any) return start;
  int binary_exponent = 0;
  char e = *s;
  if (e == 'e' || e == 'E' || ((e == 'p' || e == 'P') && hex)) {
    if (hex == (e == 'p' || e == 'P')) {
      const char *p = s + 1;
      int minus = 0;
      if (*p == '-' || *p == '+') {
        minus = *p == '-';
        p = p + 1;
      }
      if (*p >= '0' && *p <= '9') {
        int x = 0;
        while (*p >= '0' && *p <= '9') {
          if (x < 100000) x = x * 10 + (*p - '0');
          p = p + 1;
        }
        binary_exponent = minus ? 0 - x : x;
        s = p;
      }
    }
  }
  while (count > 0 && significant[count - 1] == 0) { /* trailing zeros */
    count = count - 1;
    exponent = exponent + 1;
  }
  u32 sh = negative ? sign_bit : 0;
  u32 sl = negative ? sign_lo : 0;
  if (count == 0) {
    *hi = sh;
    *lo = sl;
    return s;
  }
  /* value = digits * radix^exponent (* 2^binary_exponent for hex) */
  int scale10 = hex ? 0 : exponent + binary_exponent;
  int scale2 = hex ? exponent * 4 + binary_exponent : 0;
  /* |value| < 2^magnitude (hex) or < 10^(count + scale10) (decimal) */
  int magnitude = (count + exponent) * 4 + binary_exponent;
  int too_large = hex ? magnitude > bias + 8 : count + scale10 > (mantissa_bits == 52 ? 310 : 40);
  int too_small = hex ? magnitude < 0 - (bias + mantissa_bits + 2) : count + scale10 < (mantissa_bits == 52 ? -330 : -50);
  if (too_large) {
    errno = ERANGE;
    if (mantissa_bits == 52) *hi = 0x7ff00000u + sh;
    else *lo = 0x7f800000u + sl;
    return s;
  }
  if (too_small) {
    errno = ERANGE;
    *hi = sh;
    *lo = sl;
    return s;
  }
  big_set_small(&numerator, 0);
  for (int i = 0; i < count; i = i + 1) {
    if (hex) big_mul_pow2(&numerator, 4);
    else {
      big_mul_pow2(&numerator, 1);
      big_mul_pow5(&numerator, 1);
    }
    big_add_small(&numerator, significant[i]);
  }
  big_set_small(&denominator, 1);
  if (scale10 > 0) {
    big_mul_pow2(&numerator, scale10);
    big_mul_pow5(&numerator, scale10);
  } else if (scale10 < 0) {
    big_mul_pow2(&denominator, 0 - scale10);
    big_mul_pow5(&denominator, 0 - scale10);
  }
  if (scale2 > 0) big_mul_pow2(&numerator, scale2);
  else if (scale2 < 0) big_mul_pow2(&denominator, 0 - scale2);
  u32 h, l;
  divide_to_float(mantissa_bits, bias, sticky, &h, &l);
  if (mantissa_bits == 23) {
    /* the 32-bit pattern is in l (h is 0) */
    if (l >= 0x7f800000u) l = 0x7f800000u;
    if (l >= 0x7f800000u || l < 0x00800000u) errno = ERANGE;
    *lo = l + sl;
  } else {
    if (h >= 0x7ff00000u) {
      h = 0x7ff00000u;
      l = 0;
    }
    if (h >= 0x7ff00000u || h < 0x00100000u) errno = ERANGE;
    *hi = h + sh;
    *lo = l;
  }
  return s;
}

WEAK double strtod(const char *s, char **end) {
  u32 hi, lo;
  const char *after = parse_float(s, 52, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  word_cell.w[1] = hi;
  return word_cell.d;
}

WEAK float strtof(const char *s, char **end) {
  u32 hi, lo;
  const char *after = parse_float(s, 23, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  return word_cell.f;
}

WEAK double atof(const char *s) { return strtod(s, 0); }

/* ------------------------------------------------------------------ text to integers */

/*
 * The strtol family: white space, sign, base prefix (0x for 16 or 0, 0 for octal with base 0),
 * digits. Out of range: the limit of the type and errno = ERANGE. For the unsigned ones a minus
 * sign negates the value (as C says). bits: 32 or 64; is_signed: whether the type is.
 */
static NOINLINE const char *parse_long(const char *s, int base, int bits, int is_signed, u32 *hi, u32 *lo) {
  const char *start = s;
  s = skip_space(s);
  int negative, overflow;
  u32 h, l;
  const char *after = base == 1 || base > 36 || base < 0 ? s : parse_integer(s, 0x7fffffff, base, &negative, &h, &l, &overflow);
  if (after == s) {
    *hi = 0;
    *lo = 0;
    return start;
  }
  if (bits == 32 && h != 0) overflow = 1;
  if (is_signed) {
    /* magnitude limit: 2^(bits-1) - 1, or 2^(bits-1) when negative */
    u32 top = bits == 64 ? h : l;
    u32 rest = bits == 64 ? l : 0;
    if (top > 0x80000000u || (top == 0x80000000u && (rest != 0 || !negative))) overflow = 1;
    if (overflow) {
      errno = ERANGE;
      h = bits == 64 ? (negative ? 0x80000000u : 0x7fffffffu) : 0;
      l = bits == 64 ? (negative ? 0 : 0xffffffffu) : (negative ? 0x80000000u : 0x7fffffffu);
      *hi = h;
      *lo = l;
      return after;
    }
  } else if (overflow) {
    errno = ERANGE;
    *hi = bits == 64 ? 0xffffffffu : 0;
    *lo = 0xffffffffu;
    return after;
  }
  if (negative) {
    OPAQUE(l);
    h = 0u - h - (l != 0);
    l = 0u - l;
  }
  *hi = bits == 64 ? h : 0;
  *lo = l;
  return after;
}

WEAK long strtol(const char *s, char **end, int base) {
  u32 hi, lo;
  const char *after = parse_long(s, base, sizeof(long) * 8, 1, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  word_cell.w[1] = hi;
  return sizeof(long) == 8 ? (long)word_cell.u : (long)lo;
}

WEAK unsigned long strtoul(const char *s, char **end, int base) {
  u32 hi, lo;
  const char *after = parse_long(s, base, sizeof(long) * 8, 0, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  word_cell.w[1] = hi;
  return sizeof(long) == 8 ? (unsigned long)word_cell.u : (unsigned long)lo;
}

WEAK long long strtoll(const char *s, char **end, int base) {
  u32 hi, lo;
  const char *after = parse_long(s, base, 64, 1, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  word_cell.w[1] = hi;
  return (long long)word_cell.u;
}

WEAK unsigned long long strtoull(const char *s, char **end, int base) {
  u32 hi, lo;
  const char *after = parse_long(s, base, 64, 0, &hi, &lo);
  if (end) *end = (char *)after;
  word_cell.w[0] = lo;
  word_cell.w[1] = hi;
  return word_cell.u;
}

WEAK long long atoll(const char *s) { return strtoll(s, 0, 10); }
`;
