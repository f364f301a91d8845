/*
 * ops_arith: multiplication, division and remainder, signed and unsigned, with operands the
 * compiler cannot know (read from the input) and with constant operands. The machine has none
 * of these instructions: each one here is lowered into additions, comparisons and branches.
 *
 * Input: whole numbers; each is paired with the next one (the last with the first).
 * Division by zero and INT_MIN / -1 (undefined in C) are skipped.
 */
#define MAX_VALUES 8

static int values[MAX_VALUES];

static int read_values(const char *p) {
  int count = 0;
  while (*p && count < MAX_VALUES) {
    int v = 0;
    int consumed = 0;
    if (sscanf(p, "%d%n", &v, &consumed) != 1) break;
    values[count] = v;
    count = count + 1;
    p = p + consumed;
  }
  return count;
}

void compute(const char *input) {
  int count = read_values(input);
  if (count < 2) {
    printf("usage: at least two whole numbers, e.g. -2147483648 1000003 -7\n");
    return;
  }
  for (int i = 0; i < count; i = i + 1) {
    int a = values[i];
    int b = values[i + 1 < count ? i + 1 : 0];
    unsigned ua = a, ub = b;
    printf("a=%d b=%d\n", a, b);
    printf(" a*b %d (%x)\n", (int)(ua * ub), ua * ub);
    if (b == 0 || (a == -2147483647 - 1 && b == -1))
      printf(" a/b skipped\n");
    else
      printf(" a/b %d a%%b %d\n", a / b, a % b);
    if (ub != 0) printf(" unsigned a/b %u a%%b %u\n", ua / ub, ua % ub);
    printf(" a*10 %d a/10 %d a%%10 %d a/-4 %d\n", (int)(ua * 10u), a / 10, a % 10, a / -4);
    printf(" unsigned a/7 %u a%%16 %u\n", ua / 7, ua % 16);
  }
}
