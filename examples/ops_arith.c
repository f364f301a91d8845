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

/*
 * One operation per function, so each appears on its own: next to a division clang would
 * compute the remainder as a - (a / b) * b instead of using a remainder instruction.
 */
#define OP(name, type, expr) \
  __attribute__((noinline)) static type name(type a, type b) { return expr; }
OP(mul, unsigned, a * b)
OP(div_s, int, a / b)
OP(rem_s, int, a % b)
OP(div_u, unsigned, a / b)
OP(rem_u, unsigned, a % b)

__attribute__((noinline)) static void constants(int a) {
  unsigned ua = a;
  printf(" a*10 %d a/10 %d a/-4 %d\n", (int)(ua * 10u), a / 10, a / -4);
  printf(" a%%7 %d unsigned a/7 %u a%%10 %u a%%16 %u\n", a % 7, ua / 7, ua % 10, ua % 16);
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
    printf("a=%d b=%d\n", a, b);
    printf(" a*b %d (%x)\n", (int)mul(a, b), mul(a, b));
    if (b == 0 || (a == -2147483647 - 1 && b == -1))
      printf(" a/b skipped\n");
    else
      printf(" a/b %d a%%b %d\n", div_s(a, b), rem_s(a, b));
    if (b != 0) printf(" unsigned a/b %u a%%b %u\n", div_u(a, b), rem_u(a, b));
    constants(a);
  }
}
