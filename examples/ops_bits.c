/*
 * ops_bits: the bitwise operations, with operands from the input and constant ones:
 * and, or, xor, shifts left and right (logical and arithmetic), rotations, count leading and
 * trailing zeros, population count, and sign extension of bytes and halfwords. The machine
 * has none of these: each is lowered into additions, comparisons, byte loads and branches.
 *
 * Input: pairs "x n" in hex and decimal, e.g. "deadbeef 4 80000001 31"; n is taken mod 32.
 */
static unsigned rotate_left(unsigned x, unsigned n) {
  n = n % 32;
  if (n == 0) return x;
  return (x << n) | (x >> (32 - n));
}

static unsigned rotate_right(unsigned x, unsigned n) {
  n = n % 32;
  if (n == 0) return x;
  return (x >> n) | (x << (32 - n));
}

static void show(unsigned x, unsigned n) {
  unsigned y = rotate_left(x, 13) ^ 0x5a5a5a5au;
  int sx = (int)x;
  printf("x=%x n=%u y=%x\n", x, n, y);
  printf(" & %x | %x ^ %x ~ %x\n", x & y, x | y, x ^ y, ~x);
  printf(" << %x >> %x >>s %x rotl %x rotr %x\n", x << n, x >> n, (unsigned)(sx >> n), rotate_left(x, n),
         rotate_right(x, n));
  printf(" &ff00 %x |81 %x <<12 %x >>20 %x >>s7 %x\n", x & 0xff00u, x | 0x81u, x << 12, x >> 20, (unsigned)(sx >> 7));
  if (x != 0)
    printf(" clz %d ctz %d pop %d", __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x));
  else
    printf(" pop %d", __builtin_popcount(x));
  printf(" (signed char) %d (short) %d\n", (signed char)x, (short)x);
}

void compute(const char *input) {
  const char *p = input;
  int shown = 0;
  for (;;) {
    unsigned x = 0, n = 0;
    int consumed = 0;
    if (sscanf(p, "%x %u%n", &x, &n, &consumed) != 2) break;
    p = p + consumed;
    show(x, n % 32);
    shown = shown + 1;
  }
  if (shown == 0) printf("usage: pairs of a hex number and a shift count, e.g. deadbeef 4 80000001 31\n");
}
