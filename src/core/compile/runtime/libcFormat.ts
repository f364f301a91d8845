/**
 * The printf family's engine (part of the runtime libc, see libc.ts): one formatter writing to a
 * sink, which is either the output stream (printf, fprintf to stdout or stderr) or a buffer
 * (sprintf, snprintf). Integers of 64 bits are printed from their two 32-bit words with table
 * subtraction; floating-point values exactly, from a big decimal integer (docs/c-runtime.md).
 */
export const LIBC_FORMAT = String.raw`
/* ------------------------------------------------------------------ output sinks */

/* buffer == 0: the output stream. Otherwise room bytes may be written (the terminator excluded). */
struct tvm_sink {
  char *buffer;
  u32 room;
  u32 count;
};

static NOINLINE void sink_put(struct tvm_sink *out, unsigned c) {
  if (!out->buffer) putchar(c);
  else if (out->count < out->room) out->buffer[out->count] = c;
  out->count = out->count + 1;
}

/* The output stream takes the direct loops (one output instruction per byte, no call). */
static NOINLINE void sink_repeat(struct tvm_sink *out, unsigned c, int n) {
  if (!out->buffer) {
    if (n > 0) out->count = out->count + n;
    while (n > 0) {
      putchar(c);
      n = n - 1;
    }
    return;
  }
  while (n > 0) {
    sink_put(out, c);
    n = n - 1;
  }
}

static NOINLINE void sink_span(struct tvm_sink *out, const char *s, int n) {
  if (!out->buffer) {
    if (n > 0) out->count = out->count + n;
    while (n > 0) {
      putchar(*s);
      s = s + 1;
      n = n - 1;
    }
    return;
  }
  while (n > 0) {
    sink_put(out, (unsigned char)*s);
    s = s + 1;
    n = n - 1;
  }
}

/* ------------------------------------------------------------------ 64-bit integers to text */

/* 64-bit values as two words, read back through memory: no 64-bit arithmetic is needed. */
static volatile union {
  unsigned long long u;
  double d;
  float f;
  u32 w[2];
  unsigned char b[8];
} word_cell;

/* 10^k for k = 0..19 as (high, low) words. */
static const u32 powers_of_ten_64[20][2] = {
  {0, 1u}, {0, 10u}, {0, 100u}, {0, 1000u}, {0, 10000u}, {0, 100000u}, {0, 1000000u},
  {0, 10000000u}, {0, 100000000u}, {0, 1000000000u}, {2u, 1410065408u}, {23u, 1215752192u},
  {232u, 3567587328u}, {2328u, 1316134912u}, {23283u, 276447232u}, {232830u, 2764472320u},
  {2328306u, 1874919424u}, {23283064u, 1569325056u}, {232830643u, 2808348672u},
  {2328306436u, 2313682944u},
};

/* The decimal digits of (hi, lo) into number_text (20 bytes); returns their count. */
static int format_decimal_64(u32 hi, u32 lo) {
  if (hi == 0) return format_decimal(lo);
  const u32 (*power)[2] = powers_of_ten_64 + 19;
  while (hi < (*power)[0] || (hi == (*power)[0] && lo < (*power)[1])) power = power - 1;
  char *out = number_text;
  for (;;) {
    u32 ph = (*power)[0];
    u32 pl = (*power)[1];
    unsigned digit = '0';
    while (hi > ph || (hi == ph && lo >= pl)) {
      u32 borrow = lo < pl;
      lo = lo - pl;
      hi = hi - ph - borrow;
      digit = digit + 1;
      OPAQUE(lo);
      OPAQUE(hi);
    }
    *out = digit;
    out = out + 1;
    if (power == powers_of_ten_64) break;
    power = power - 1;
  }
  return out - number_text;
}

/* The hex digits of (hi, lo), without leading zeros. */
static NOINLINE int format_hex_64(u32 hi, u32 lo, char ten) {
  if (hi == 0) return format_hex(lo, ten);
  int n = format_hex(hi, ten);
  char high[8];
  memcpy(high, number_text, n);
  int m = format_hex(lo, ten);
  int zeros = 8 - m;
  memmove(number_text + n + zeros, number_text, m);
  memcpy(number_text, high, n);
  memset(number_text + n, '0', zeros);
  return n + 8;
}

/* The octal digits of (hi, lo), without leading zeros (rare, so written plainly). */
static NOINLINE int format_octal_64(u32 hi, u32 lo) {
  char reversed[22];
  int n = 0;
  do {
    reversed[n] = '0' + (lo & 7);
    n = n + 1;
    lo = (lo >> 3) + (hi << 29);
    hi = hi >> 3;
  } while (hi != 0 || lo != 0);
  for (int i = 0; i < n; i = i + 1) number_text[i] = reversed[n - 1 - i];
  return n;
}

/* ------------------------------------------------------------------ exact decimal expansions */

/*
 * A non-negative big integer in base 10^8, least significant limb first. Every operation is
 * an addition, a subtraction or a comparison: multiplying by 2^5 or by 25 keeps a limb below
 * 2^32, and the carry comes from an unrolled compare-and-subtract chain.
 */
#define LIMB 100000000u
#define BIG_LIMBS 170
struct bignum {
  int length;
  u32 limb[BIG_LIMBS];
};

/* x = carry * 10^8 + remainder for x < 32 * 10^8; returns the carry, leaves the remainder in *x. */
static u32 split_limb(u32 *x) {
  u32 v = *x;
  u32 carry = 0;
  OPAQUE(v);
  if (v >= 16 * LIMB) { v = v - 16 * LIMB; carry = carry + 16; }
  OPAQUE(v);
  OPAQUE(carry);
  if (v >= 8 * LIMB) { v = v - 8 * LIMB; carry = carry + 8; }
  OPAQUE(v);
  OPAQUE(carry);
  if (v >= 4 * LIMB) { v = v - 4 * LIMB; carry = carry + 4; }
  OPAQUE(v);
  OPAQUE(carry);
  if (v >= 2 * LIMB) { v = v - 2 * LIMB; carry = carry + 2; }
  OPAQUE(v);
  OPAQUE(carry);
  if (v >= LIMB) { v = v - LIMB; carry = carry + 1; }
  OPAQUE(carry);
  *x = v;
  return carry;
}

static void big_push_carry(struct bignum *big, u32 carry) {
  if (carry != 0) {
    big->limb[big->length] = carry;
    big->length = big->length + 1;
  }
}

static void big_set_small(struct bignum *big, u32 v) {
  big->length = 0;
  big_push_carry(big, v);
}

/* big *= 2^k */
static NOINLINE void big_mul_pow2(struct bignum *big, int k) {
  while (k > 0) {
    int step = k < 5 ? k : 5;
    k = k - step;
    u32 carry = 0;
    u32 *limb = big->limb;
    u32 *end = limb + big->length;
    while (limb != end) {
      u32 x = *limb;
      int s = step;
      while (s > 0) {
        x = x + x;
        s = s - 1;
      }
      x = x + carry;
      carry = split_limb(&x);
      *limb = x;
      limb = limb + 1;
    }
    big_push_carry(big, carry);
  }
}

/* big *= 5^k */
static NOINLINE void big_mul_pow5(struct bignum *big, int k) {
  while (k > 0) {
    int by25 = k >= 2;
    k = k - (by25 ? 2 : 1);
    u32 carry = 0;
    u32 *limb = big->limb;
    u32 *end = limb + big->length;
    while (limb != end) {
      u32 x = *limb;
      u32 x4 = x + x;
      x4 = x4 + x4;
      u32 x5 = x4 + x;
      OPAQUE(x5); /* else clang multiplies by a variable 5 or 25 */
      if (by25) {
        u32 x20 = x5 + x5;
        x20 = x20 + x20;
        x5 = x20 + x5;
      }
      x = x5 + carry;
      carry = split_limb(&x);
      *limb = x;
      limb = limb + 1;
    }
    big_push_carry(big, carry);
  }
}

/* big += v for v < 10^8 */
static NOINLINE void big_add_small(struct bignum *big, u32 v) {
  u32 *limb = big->limb;
  u32 *end = limb + big->length;
  while (v != 0 && limb != end) {
    u32 x = *limb + v;
    v = 0;
    if (x >= LIMB) {
      x = x - LIMB;
      v = 1;
    }
    *limb = x;
    limb = limb + 1;
  }
  big_push_carry(big, v);
}

/* -1, 0 or 1 as a < b, a == b, a > b */
static NOINLINE int big_compare(const struct bignum *a, const struct bignum *b) {
  if (a->length != b->length) return a->length < b->length ? -1 : 1;
  int i = a->length;
  while (i > 0) {
    i = i - 1;
    if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
  }
  return 0;
}

/* a -= b, for a >= b */
static NOINLINE void big_subtract(struct bignum *a, const struct bignum *b) {
  u32 borrow = 0;
  for (int i = 0; i < a->length; i = i + 1) {
    u32 x = a->limb[i];
    u32 y = (i < b->length ? b->limb[i] : 0) + borrow;
    borrow = x < y;
    if (borrow) x = x + LIMB;
    a->limb[i] = x - y;
  }
  while (a->length > 0 && a->limb[a->length - 1] == 0) a->length = a->length - 1;
}

/* The number of decimal digits of big (0 for zero). */
static int big_digits(const struct bignum *big) {
  if (big->length == 0) return 0;
  u32 top = big->limb[big->length - 1];
  int n = big->length * 8 - 8 + 1;
  const u32 *power = powers_of_ten + 1;
  while (power != powers_of_ten + 9 && *power <= top) {
    power = power + 1;
    n = n + 1;
  }
  return n;
}

static struct bignum big;

#ifndef TVM_LIBC_INTEGER_ONLY /* the float formatter: only programs that may use floating point link it (docs/c-runtime.md) */
/*
 * The exact decimal expansion of a finite non-zero double: digits (no leading zeros) in
 * float_digits + 2 (two slots in front absorb rounding carries), their count, and the decimal
 * point position: value = 0.d1 d2 ... dn * 10^point.
 */
#define FLOAT_DIGITS 820
static char float_digits[FLOAT_DIGITS + 2];
static char *digits;
static int digit_count;
static int point;

/* Expands m * 2^e where m is given by its 7 little-endian bytes. */
static NOINLINE void expand_exact(const unsigned char *m, int e) {
  const unsigned char *low = m;
  while (*low == 0) {
    low = low + 1;
    e = e + 8;
  }
  const unsigned char *top = m + 6;
  while (*top == 0) top = top - 1;
  big.length = 0;
  for (;;) {
    big_mul_pow2(&big, 8);
    big_add_small(&big, *top);
    if (top == low) break;
    top = top - 1;
  }
  int fraction = 0;
  if (e >= 0) {
    big_mul_pow2(&big, e);
  } else {
    big_mul_pow5(&big, 0 - e);
    fraction = 0 - e;
  }
  char *out = float_digits + 2;
  const u32 *limb = big.limb + big.length - 1;
  int n = format_decimal(*limb);
  memcpy(out, number_text, n);
  out = out + n;
  while (limb != big.limb) {
    limb = limb - 1;
    int k = format_decimal(*limb);
    memset(out, '0', 8 - k);
    memcpy(out + 8 - k, number_text, k);
    out = out + 8;
  }
  digits = float_digits + 2;
  digit_count = out - digits;
  point = digit_count - fraction;
  while (digit_count > 1 && digits[digit_count - 1] == '0') digit_count = digit_count - 1;
}

static char digit_at(int i) {
  if (i < 0 || i >= digit_count) return '0';
  return digits[i];
}

/*
 * Rounds the expansion to its first keep digits (keep >= 0), to nearest with ties to even on the
 * exact value, as glibc does. A carry out of the top digit makes the expansion one digit longer.
 */
static NOINLINE void round_digits(int keep) {
  if (keep >= digit_count) return;
  int up = 0;
  char next = digits[keep];
  if (next > '5') up = 1;
  else if (next == '5') {
    if (keep + 1 < digit_count) up = 1; /* trailing zeros were trimmed: something non-zero follows */
    else {
      char last = keep > 0 ? digits[keep - 1] : '0';
      const char *odd = "0101010101";
      OPAQUE(odd); /* a table load, not the bit test clang would make of a constant one */
      up = odd[last - '0'] == '1';
    }
  }
  digit_count = keep;
  if (!up) {
    while (digit_count > 0 && digits[digit_count - 1] == '0') digit_count = digit_count - 1;
    if (digit_count == 0) { /* the value rounded to zero */
      digits[0] = '0';
      digit_count = 1;
      point = 1;
    }
    return;
  }
  int i = keep - 1;
  while (i >= 0 && digits[i] == '9') i = i - 1;
  if (i < 0) {
    digits = digits - 1;
    digits[0] = '1';
    digit_count = 1;
    point = point + 1;
    return;
  }
  digits[i] = digits[i] + 1;
  digit_count = i + 1;
}

/* Rounds to 'decimals' digits after the point. */
static void round_fixed(int decimals) {
  int keep = point + decimals;
  if (keep < 0) {
    digits[0] = '0';
    digit_count = 1;
    point = 1;
    return;
  }
  if (keep == 0) { /* a leading zero digit makes the rounding position a digit of the expansion */
    digits = digits - 1;
    digits[0] = '0';
    digit_count = digit_count + 1;
    point = point + 1;
    keep = 1;
  }
  round_digits(keep);
}

/* ------------------------------------------------------------------ floating point to text */

struct float_spec {
  int left;
  int alternate;
  unsigned pad;
  int sign; /* '+', ' ' or 0 */
  int width;
  int precision;
};

static NOINLINE int emit_decimal_exponent(char *text, int x, int two_digits) {
  int n = 0;
  text[n] = '+';
  if (x < 0) {
    text[n] = '-';
    x = 0 - x;
  }
  n = n + 1;
  int k = format_decimal(x);
  if (k == 1 && two_digits) {
    text[n] = '0';
    n = n + 1;
  }
  memcpy(text + n, number_text, k);
  return n + k;
}

/* Writes sign, padding and the body (built by the caller in pieces) as printf lays them out. */
static NOINLINE void emit_padded(struct tvm_sink *out, const struct float_spec *spec, char sign, const char *prefix, int body_length, int numeric,
                                 const char *a, int an, int zeros_a, const char *b, int bn, int zeros_b, const char *c, int cn) {
  int sign_length = sign ? 1 : 0;
  int prefix_length = prefix[0] ? 2 : 0;
  body_length = body_length + prefix_length;
  int padding = spec->width - sign_length - body_length;
  if (padding < 0) padding = 0;
  int zero_pad = 0;
  if (!spec->left && spec->pad == '0' && numeric) {
    zero_pad = padding;
    padding = 0;
  }
  if (!spec->left) sink_repeat(out, ' ', padding);
  if (sign) sink_put(out, sign);
  sink_span(out, prefix, prefix_length);
  sink_repeat(out, '0', zero_pad);
  sink_span(out, a, an);
  sink_repeat(out, '0', zeros_a);
  sink_span(out, b, bn);
  sink_repeat(out, '0', zeros_b);
  sink_span(out, c, cn);
  if (spec->left) sink_repeat(out, ' ', padding);
}

/* The expansion's digits [from, from + n) into text, zeros outside it; returns n. */
static int copy_digits(char *text, int from, int n) {
  for (int i = 0; i < n; i = i + 1) text[i] = digit_at(from + i);
  return n;
}

#define FLOAT_TEXT 420
static char float_text[FLOAT_TEXT];

/*
 * %f %F %e %E %g %G %a %A of value, with the flags, width and precision of spec
 * (precision < 0: the default).
 */
static NOINLINE void format_double(struct tvm_sink *out, u32 hi, u32 lo, unsigned conversion, struct float_spec *spec) {
  char sign = (char)spec->sign;
  if (hi >= 0x80000000u) {
    sign = '-';
    hi = hi - 0x80000000u;
  }
  int upper = conversion == 'F' || conversion == 'E' || conversion == 'G' || conversion == 'A';
  u32 lower = upper ? conversion + 32 : conversion;
  int biased = hi >> 20;
  u32 mantissa_hi = hi - ((u32)biased << 20);
  if (biased == 2047) {
    const char *name = mantissa_hi != 0 || lo != 0 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
    emit_padded(out, spec, sign, "", 3, 0, name, 3, 0, "", 0, 0, "", 0);
    return;
  }
  int zero = biased == 0 && mantissa_hi == 0 && lo == 0;
  int e = biased == 0 ? -1074 : biased - 1075;
  if (biased != 0) mantissa_hi = mantissa_hi + 0x100000u;
  int precision = spec->precision;

  if (lower == 'a') {
    /* hex: the leading digit is the implicit bit (0 for subnormals and zero), then 13 hex digits */
    word_cell.w[1] = mantissa_hi;
    word_cell.w[0] = lo;
    char hex[16];
    int n = format_hex_64(mantissa_hi, lo, upper ? 'A' : 'a');
    int lead_zeros = 14 - n;
    for (int i = 0; i < 14; i = i + 1) hex[i] = i < lead_zeros ? '0' : number_text[i - lead_zeros];
    int exponent = zero ? 0 : (biased == 0 ? -1022 : biased - 1023);
    /* hex[0] is the leading digit, hex[1..13] the fraction */
    int fraction = 13;
    if (precision < 0) {
      while (fraction > 0 && hex[fraction] == '0') fraction = fraction - 1;
    } else if (precision < 13) {
      char next = hex[precision + 1];
      int up = 0;
      int sticky = 0;
      for (int i = precision + 2; i < 14; i = i + 1) if (hex[i] != '0') sticky = 1;
      int ten = upper ? 'A' : 'a';
      int above = next >= ten ? 1 : next > '8';
      if (above) up = 1;
      else if (next == '8') {
        char last = hex[precision];
        int odd = last >= ten ? (last - ten) == 1 || (last - ten) == 3 || (last - ten) == 5 : last == '1' || last == '3' || last == '5' || last == '7' || last == '9';
        up = sticky || odd;
      }
      fraction = precision;
      if (up) {
        int i = precision;
        for (;;) {
          char d = hex[i];
          if (d == 'f' || d == 'F') {
            hex[i] = '0';
            if (i == 0) break;
            i = i - 1;
            continue;
          }
          hex[i] = d == '9' ? ten : d + 1;
          break;
        }
      }
    } else {
      fraction = 13;
    }
    int extra = precision > 13 ? precision - 13 : 0;
    char head[2];
    head[0] = hex[0];
    int point_shown = fraction > 0 || extra > 0 || spec->alternate;
    head[1] = '.';
    char tail[8];
    tail[0] = upper ? 'P' : 'p';
    int tn = 1 + emit_decimal_exponent(tail + 1, exponent, 0);
    int body = 1 + point_shown + fraction + extra + tn;
    emit_padded(out, spec, sign, upper ? "0X" : "0x", body, 1, head, 1 + point_shown, 0, hex + 1, fraction, extra, tail, tn);
    return;
  }

  if (zero) {
    digits = float_digits + 2;
    digits[0] = '0';
    digit_count = 1;
    point = 1;
  } else {
    word_cell.w[1] = mantissa_hi;
    word_cell.w[0] = lo;
    unsigned char m[8];
    for (int i = 0; i < 8; i = i + 1) m[i] = word_cell.b[i];
    expand_exact(m, e);
  }
  if (precision < 0) precision = 6;

  int style = lower; /* 'f' or 'e' */
  int strip = 0;
  if (lower == 'g') {
    int significant = precision == 0 ? 1 : precision;
    int before = point - 1;
    if (!zero) round_digits(significant);
    int x = zero ? 0 : point - 1;
    if (x < significant && x >= -4) {
      style = 'f';
      precision = significant - 1 - x;
    } else {
      style = 'e';
      precision = significant - 1;
      /* glibc: when rounding carries into the exponent that selects this style, it keeps the
         fixed style's fraction length, none (visible with #: %#g of 999999.94 is "1.e+06") */
      if (!zero && before == significant - 1 && x == significant) precision = 0;
    }
    strip = !spec->alternate;
  }
  char *text = float_text;
  if (style == 'f') {
    if (!zero) round_fixed(precision);
    int integer_digits = point > 0 ? point : 1;
    int fraction_digits = precision;
    if (strip) {
      /* %g: drop trailing zeros of the fraction (the digits past the expansion are zeros) */
      int last = digit_count - point;
      if (zero) last = 0;
      if (last < fraction_digits) fraction_digits = last < 0 ? 0 : last;
    }
    int in_text = integer_digits + fraction_digits < FLOAT_TEXT - 2 ? fraction_digits : FLOAT_TEXT - 2 - integer_digits;
    int trailing = fraction_digits - in_text; /* digits beyond the text buffer are zeros */
    int n = point > 0 ? copy_digits(text, 0, point) : (text[0] = '0', 1);
    int dot = fraction_digits > 0 || spec->alternate;
    if (dot) {
      text[n] = '.';
      n = n + 1;
    }
    n = n + copy_digits(text + n, point, in_text);
    emit_padded(out, spec, sign, "", n + trailing, 1, text, n, trailing, "", 0, 0, "", 0);
    return;
  }
  /* exponent style */
  if (!zero) round_digits(precision + 1);
  int x = zero ? 0 : point - 1;
  int fraction_digits = precision;
  if (strip) {
    int last = digit_count - 1;
    if (last < fraction_digits) fraction_digits = last;
  }
  int in_text = fraction_digits < FLOAT_TEXT - 4 ? fraction_digits : FLOAT_TEXT - 4;
  int trailing = fraction_digits - in_text;
  text[0] = digits[0];
  int n = 1;
  int dot = fraction_digits > 0 || spec->alternate;
  if (dot) {
    text[n] = '.';
    n = n + 1;
  }
  n = n + copy_digits(text + n, 1, in_text);
  char tail[8];
  tail[0] = upper ? 'E' : 'e';
  int tn = 1 + emit_decimal_exponent(tail + 1, x, 1);
  emit_padded(out, spec, sign, "", n + trailing + tn, 1, text, n, trailing, tail, tn, 0, "", 0);
}

#else

/*
 * The integer-only libc (TVM_LIBC_INTEGER_ONLY) is linked only with programs whose source names
 * no floating type, literal or floating runtime identifier (compile/floatUse.ts), so a float
 * conversion cannot meet a floating argument here; should one be reached anyway, it says so
 * instead of printing garbage, and skips the 8-byte argument a double would occupy.
 */
static char float_unsupported_text[] = "%? needs floating-point support]";
static NOINLINE void float_unsupported(const char *function, unsigned conversion) {
  float_unsupported_text[1] = (char)conversion;
  const char *s = function;
  while (*s) { putchar(*s); s = s + 1; }
  s = float_unsupported_text;
  while (*s) { putchar(*s); s = s + 1; }
}
#endif

/* ------------------------------------------------------------------ wide characters */

/* %ls / %lc in the C locale: a wide character below 128 is that byte; any other has no
   conversion (glibc's printf fails there), so the conversion prints a note instead of garbage.
   The text goes to wide_text (wide_length bytes); 0: a note was printed instead. */
static char wide_text[1024];
static int wide_length;
static NOINLINE int wide_note(struct tvm_sink *sink, const char *note) {
  while (*note) { sink_put(sink, *note); note = note + 1; }
  return 0;
}
static NOINLINE int wide_char(struct tvm_sink *sink, unsigned w) {
  if (w >= 128u) return wide_note(sink, "[printf: %lc of a non-ASCII character is not supported]");
  wide_text[0] = (char)w;
  wide_length = 1;
  return 1;
}
static NOINLINE int wide_string(struct tvm_sink *sink, const unsigned *w, int precision) {
  if (!w) w = (const unsigned *)L"(null)";
  wide_length = 0;
  while (w[wide_length] && wide_length != precision) {
    if (w[wide_length] >= 128u) return wide_note(sink, "[printf: %ls of a non-ASCII character is not supported]");
    if (wide_length == (int)sizeof wide_text) return wide_note(sink, "[printf: %ls of more than 1024 characters is not supported]");
    wide_text[wide_length] = (char)w[wide_length];
    wide_length = wide_length + 1;
  }
  return 1;
}

/* ------------------------------------------------------------------ printf */

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

/* Literal text up to the next '%' (c = '%', f at it), or the end of the format (returns the
   count). The tightest loop of both printf engines; to the output stream, its length is counted
   once. */
#define FORMAT_LITERAL_TEXT(sink, f, c)                                                      \
  c = *f;                                                                                    \
  OPAQUE(c); /* keeps c a full word: as a loop-carried byte clang masks it with & 255 */     \
  if (!sink->buffer) {                                                                       \
    const unsigned char *run = f;                                                            \
    while (c != '%') {                                                                       \
      if (c == 0) break;                                                                     \
      putchar(c);                                                                            \
      f = f + 1;                                                                             \
      OPAQUE(f); /* else clang keeps a second counter for f - run */                         \
      c = *f;                                                                                \
    }                                                                                        \
    sink->count = sink->count + (f - run);                                                   \
    if (c == 0) return sink->count;                                                          \
  }                                                                                          \
  while (c != '%') {                                                                         \
    if (c == 0) return sink->count;                                                          \
    sink_put(sink, c);                                                                       \
    f = f + 1;                                                                               \
    c = *f;                                                                                  \
  }

/*
 * Integer conversions %d %i %u %x %X %o %c %s %p %n %%, floating-point %f %F %e %E %g %G %a %A,
 * flags - 0 + space #, width and precision (digits or *), length modifiers hh h l ll j z t L.
 * Written for the machine: the format is read as unsigned bytes (no sign extension), literal text
 * costs one comparison per byte beyond the end test, and a plain conversion skips padding work.
 * A va_list is passed by pointer so that callers' copies stay in step.
 */
static NOINLINE int format_to(struct tvm_sink *sink, const char *format, va_list ap) {
  const unsigned char *f = (const unsigned char *)format;
  for (;;) {
    unsigned c;
    FORMAT_LITERAL_TEXT(sink, f, c);
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
          if (precision < 0) precision = -1;
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

    /* Length: size 1 hh, 2 h, 4 default, 8 ll/j (l, z, t are 32-bit here). */
    int size = 4;
    /* every length modifier is 'L' or in 'h'..'z'; d and i skip the loop's seven tests */
    while (c != 'd' && (c == 'l' || c == 'h' || c == 'z' || c == 't' || c == 'j' || c == 'q' || c == 'L')) {
      if (c == 'h') size = size == 2 ? 1 : 2;
      else if (c == 'l') size = size == 4 && sizeof(long) == 4 ? 5 : 8; /* 5: one l, still 32 bits */
      else if (c == 'j' || c == 'q') size = 8;
      else if (c == 'z' || c == 't') size = sizeof(size_t) == 8 ? 8 : 4;
      f = f + 1;
      c = *f;
    }
    const int one_l = size == 5; /* %ls, %lc: wide */
    if (one_l) size = 4;

    const char *body = number_text;
    int length = 0;
    int numeric = 1; /* numbers take a precision (minimum digits) and zero padding */
    if (c == 'd' || c == 'i') {
      u32 hi = 0;
      u32 lo;
      int negative;
      if (size == 8) {
        word_cell.u = va_arg(ap, unsigned long long);
        lo = word_cell.w[0];
        hi = word_cell.w[1];
        negative = hi >= 0x80000000u;
        if (negative) {
          OPAQUE(lo);
          hi = 0u - hi - (lo != 0);
          lo = 0u - lo;
        }
      } else {
        int v = va_arg(ap, int);
        if (size == 2) v = (short)v;
        else if (size == 1) v = (signed char)v;
        lo = v;
        negative = v < 0;
        if (negative) {
          OPAQUE(lo);
          lo = 0u - lo;
        }
      }
      if (negative) {
        sign = "-";
        sign_length = 1;
      }
      length = format_decimal_64(hi, lo);
    } else if (c == 'u' || c == 'x' || c == 'X' || c == 'o' || c == 'p') {
      u32 hi = 0;
      u32 lo;
      if (size == 8 || (c == 'p' && sizeof(void *) == 8)) {
        word_cell.u = va_arg(ap, unsigned long long);
        lo = word_cell.w[0];
        hi = word_cell.w[1];
      } else {
        lo = va_arg(ap, u32);
        if (size == 2) lo = (unsigned short)lo;
        else if (size == 1) lo = (unsigned char)lo;
      }
      sign_length = 0;
      if (c == 'u') {
        length = format_decimal_64(hi, lo);
      } else if (c == 'o') {
        length = format_octal_64(hi, lo);
        if (alternate && number_text[0] != '0') {
          /* # makes the first digit a zero: as a minimum digit count */
          if (precision <= length) precision = length + 1;
        }
      } else {
        if (alternate && c != 'p') {
          OPAQUE(lo); /* two branches, not a boolean and */
          if (lo != 0 || hi != 0) {
            sign = c == 'X' ? "0X" : "0x";
            sign_length = 2;
          }
        }
        if (c == 'p') {
          sign = "0x";
          sign_length = 2;
          if (lo == 0 && hi == 0) {
            body = "(nil)";
            numeric = 0;
            sign_length = 0;
          }
        }
        length = numeric ? format_hex_64(hi, lo, c == 'X' ? 'A' : 'a') : 5;
      }
    } else if ((c == 's' || c == 'c') && one_l) {
      /* %ls, %lc: wide characters, printed as the C locale does for ASCII ones; others (which it
         cannot convert) and strings longer than wide_text say so instead of printing garbage. */
      if (!(c == 's' ? wide_string(sink, va_arg(ap, const unsigned *), precision) : wide_char(sink, va_arg(ap, unsigned)))) {
        f = f + 1;
        continue;
      }
      body = wide_text;
      length = wide_length;
      numeric = 0;
    } else if (c == 's') {
      body = va_arg(ap, const char *);
      if (!body) body = precision < 0 || precision >= 6 ? "(null)" : "";
      while (body[length] && length != precision) length = length + 1;
      numeric = 0;
    } else if (c == 'c') {
      number_text[0] = (char)va_arg(ap, int);
      length = 1;
      numeric = 0;
#ifndef TVM_LIBC_INTEGER_ONLY
    } else if (c == 'f' || c == 'F' || c == 'e' || c == 'E' || c == 'g' || c == 'G' || c == 'a' || c == 'A') {
      static struct float_spec spec; /* static: format_to keeps no stack frame for it */
      spec.left = left;
      spec.alternate = alternate;
      spec.pad = pad;
      spec.sign = sign_length ? *sign : 0;
      spec.width = width;
      spec.precision = precision;
#ifdef __wasm__
      /* the double's bits, read as the 8-byte integer in its place: printf itself uses no f64 op */
      word_cell.u = va_arg(ap, unsigned long long);
#else
      word_cell.d = va_arg(ap, double);
#endif
      format_double(sink, word_cell.w[1], word_cell.w[0], c, &spec);
      f = f + 1;
      continue;
#endif
    } else if (c == 'n') {
      void *dst = va_arg(ap, void *);
      if (size == 8) *(long long *)dst = sink->count;
      else if (size == 2) *(short *)dst = (short)sink->count;
      else if (size == 1) *(signed char *)dst = (signed char)sink->count;
      else *(int *)dst = sink->count;
      f = f + 1;
      continue;
    } else {
      /* %% prints '%'; an unknown conversion is printed as written. */
      if (c == 0) break;
#ifdef TVM_LIBC_INTEGER_ONLY
      if (c == 'f' || c == 'F' || c == 'e' || c == 'E' || c == 'g' || c == 'G' || c == 'a' || c == 'A') {
        (void)va_arg(ap, unsigned long long);
        float_unsupported("[printf: ", c);
        f = f + 1;
        continue;
      }
#endif
      if (c != '%') sink_put(sink, '%');
      sink_put(sink, c);
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
            if (number_text[0] == '0' && length == 1) length = 0; /* %.0d of 0 prints no digits */
          }
          if (precision > length) zeros = precision - length;
        }
      }
      padding = width - sign_length - zeros - length;
      if (padding < 0) padding = 0;
      if (!left) {
        if (pad == '0') {
          OPAQUE(numeric);
          if (numeric) {
            zeros = zeros + padding;
            padding = 0;
          }
        }
        sink_repeat(sink, ' ', padding);
      }
    }
    if (!sink->buffer) {
      /* the output stream: plain loops, as the common case costs no calls */
      sink->count = sink->count + sign_length + zeros + length;
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
    } else {
      sink_span(sink, sign, sign_length);
      sink_repeat(sink, '0', zeros);
      sink_span(sink, body, length);
    }
    if (left) sink_repeat(sink, ' ', padding);
  }
  return sink->count;
}

/* The output stream's sink (static: printf and vprintf then need no stack frame). */
static struct tvm_sink stream_sink;

WEAK int vprintf(const char *format, va_list ap) {
  stream_sink.count = 0;
  return format_to(&stream_sink, format, ap);
}

WEAK int printf(const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int count = vprintf(format, ap);
  va_end(ap);
  return count;
}

WEAK int vsnprintf(char *buffer, size_t size, const char *format, va_list ap) {
  static char nowhere;
  struct tvm_sink sink = {size ? buffer : &nowhere, size ? size - 1 : 0, 0};
  int count = format_to(&sink, format, ap);
  if (size) buffer[sink.count < sink.room ? sink.count : sink.room] = 0;
  return count;
}

WEAK int snprintf(char *buffer, size_t size, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int count = vsnprintf(buffer, size, format, ap);
  va_end(ap);
  return count;
}

WEAK int vsprintf(char *buffer, const char *format, va_list ap) {
  return vsnprintf(buffer, 0x7fffffff, format, ap);
}

WEAK int sprintf(char *buffer, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int count = vsnprintf(buffer, 0x7fffffff, format, ap);
  va_end(ap);
  return count;
}
`;
