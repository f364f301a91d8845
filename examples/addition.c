/*
 * addition: long addition of two non-negative decimal numbers given as "A+B", done the way
 * it is taught at school: right to left, one column at a time, carrying the ten.
 * Prints the sum laid out in columns. Only additions, subtractions and comparisons.
 */
#define MAX_DIGITS 60

static char sum_digits[MAX_DIGITS + 2];

static void spaces(int n) {
  while (n > 0) {
    putchar(' ');
    n = n - 1;
  }
}

static void print_span(const char *from, const char *to) {
  while (from < to) {
    putchar(*from);
    from = from + 1;
  }
}

static int all_digits(const char *from, const char *to) {
  if (from == to) return 0;
  while (from < to) {
    if (*from < '0' || *from > '9') return 0;
    from = from + 1;
  }
  return 1;
}

void compute(const char *input) {
  const char *a = input;
  const char *plus = a;
  while (*plus && *plus != '+') plus = plus + 1;
  const char *b = plus + 1;
  const char *b_end = b;
  if (*plus == '+') {
    while (*b_end) b_end = b_end + 1;
  }
  if (*plus != '+' || !all_digits(a, plus) || !all_digits(b, b_end) || plus - a > MAX_DIGITS ||
      b_end - b > MAX_DIGITS) {
    print_str("usage: two decimal numbers written A+B, e.g. 12345+6789\n");
    return;
  }

  /* Column by column from the right; the sum is written backwards from the buffer's end. */
  const char *i = plus;
  const char *j = b_end;
  char *out = sum_digits + MAX_DIGITS + 1;
  *out = 0;
  int carry = 0;
  int carries = 0;
  while (i > a || j > b || carry) {
    int column = carry;
    if (i > a) {
      i = i - 1;
      column = column + (*i - '0');
    }
    if (j > b) {
      j = j - 1;
      column = column + (*j - '0');
    }
    carry = 0;
    if (column >= 10) {
      column = column - 10;
      carry = 1;
      carries = carries + 1;
    }
    out = out - 1;
    *out = '0' + column;
  }

  int width = (sum_digits + MAX_DIGITS + 1) - out;
  spaces(width + 2 - (plus - a));
  print_span(a, plus);
  putchar('\n');
  putchar('+');
  spaces(width + 1 - (b_end - b));
  print_span(b, b_end);
  putchar('\n');
  int dash = 0;
  while (dash < width + 2) {
    putchar('-');
    dash = dash + 1;
  }
  putchar('\n');
  spaces(2);
  print_str(out);
  print_str("\n(");
  print_int(carries);
  print_str(carries == 1 ? " carry)\n" : " carries)\n");
}
