/*
 * fibonacci: the Fibonacci numbers F(0) … F(n), each the sum of the two before it.
 * F(47) is the last that fits in 32 bits, so n is capped there.
 */
void compute(const char *input) {
  int n = parse_int(input);
  if (n > 47) {
    printf("capping n at 47 (F(48) does not fit in 32 bits)\n");
    n = 47;
  }
  unsigned previous = 0;
  unsigned current = 1;
  printf("F(0) = 0\n");
  for (int k = 1; k <= n; k = k + 1) {
    printf("F(%d) = %u\n", k, current);
    unsigned next = previous + current;
    previous = current;
    current = next;
  }
}
