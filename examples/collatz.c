/*
 * collatz: the Collatz sequence from n. Even numbers are halved, an odd n becomes 3n + 1,
 * until the sequence reaches 1. Written in plain C: n % 2, n / 2 and 3 * n are lowered
 * with constant operands.
 */
void compute(const char *input) {
  unsigned n = parse_int(input);
  if (n == 0) {
    printf("usage: a positive whole number, e.g. 7\n");
    return;
  }
  unsigned steps = 0;
  unsigned peak = n;
  printf("%u", n);
  while (n != 1) {
    if (n % 2 == 0)
      n = n / 2;
    else
      n = 3 * n + 1;
    if (n > peak) peak = n;
    steps = steps + 1;
    printf(" %u", n);
  }
  printf("\nreached 1 after %u steps; the highest value was %u\n", steps, peak);
}
