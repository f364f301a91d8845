/*
 * calculator: evaluates an expression in reverse Polish notation, e.g. "3 4 + 2 * 7 -",
 * showing the stack after each step. The operator dispatch is a switch, which clang compiles
 * into a chain of comparisons (jump tables are disabled). Division by zero is reported, not
 * trapped.
 */
#define DEPTH 16

static int stack[DEPTH];
static int top;

static void show_stack(void) {
  printf("  [");
  for (int i = 0; i < top; i = i + 1) printf(i ? " %d" : "%d", stack[i]);
  printf("]\n");
}

void compute(const char *input) {
  const char *p = input;
  for (;;) {
    while (*p == ' ') p = p + 1;
    char c = *p;
    if (c == 0) break;
    if ((c >= '0' && c <= '9') || (c == '-' && p[1] >= '0' && p[1] <= '9')) {
      int negative = c == '-';
      if (negative) p = p + 1;
      int v = 0;
      while (*p >= '0' && *p <= '9') {
        v = v * 10 + (*p - '0');
        p = p + 1;
      }
      if (top == DEPTH) {
        printf("stack overflow\n");
        return;
      }
      stack[top] = negative ? -v : v;
      top = top + 1;
      printf("push %d", stack[top - 1]);
      show_stack();
      continue;
    }
    p = p + 1;
    if (c == 'd' || c == 'n') {
      /* unary: d duplicates, n negates */
      if (top < 1) {
        printf("'%c' needs a value\n", c);
        return;
      }
      if (c == 'd') {
        stack[top] = stack[top - 1];
        top = top + 1;
      } else {
        stack[top - 1] = -stack[top - 1];
      }
      printf("%c", c);
      show_stack();
      continue;
    }
    if (top < 2) {
      printf("'%c' needs two values\n", c);
      return;
    }
    int b = stack[top - 1];
    int a = stack[top - 2];
    int r;
    switch (c) {
      case '+': r = a + b; break;
      case '-': r = a - b; break;
      case '*': r = a * b; break;
      case '/':
      case '%':
        if (b == 0) {
          printf("%d %c 0: division by zero\n", a, c);
          return;
        }
        r = c == '/' ? a / b : a % b;
        break;
      case '<': r = a < b ? a : b; break;
      case '>': r = a > b ? a : b; break;
      default:
        printf("unknown operator '%c'\n", c);
        return;
    }
    top = top - 1;
    stack[top - 1] = r;
    printf("%d %c %d = %d", a, c, b, r);
    show_stack();
  }
  if (top == 1)
    printf("result: %d\n", stack[0]);
  else
    printf("%d values left on the stack\n", top);
}
