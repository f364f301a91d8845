/*
 * recursion: the Tower of Hanoi. Moving n disks means moving n-1 out of the way, moving the
 * largest, then moving the n-1 back on top — a function calling itself twice. Each call has
 * its own locals, kept apart by the machine's call depth.
 */
static int moves;

static void hanoi(int disks, char from, char to, char spare) {
  if (disks == 0) return;
  hanoi(disks - 1, from, spare, to);
  moves = moves + 1;
  printf("%d: disk %d %c -> %c\n", moves, disks, from, to);
  hanoi(disks - 1, spare, to, from);
}

/* Greatest common divisor by Euclid's subtraction rule, recursively. */
static unsigned gcd(unsigned a, unsigned b) {
  if (b == 0) return a;
  if (a < b) return gcd(b, a);
  return gcd(a - b, b);
}

void compute(const char *input) {
  int n = parse_int(input);
  if (n < 1 || n > 6) {
    printf("usage: a number of disks from 1 to 6\n");
    return;
  }
  hanoi(n, 'A', 'C', 'B');
  printf("%d disks took %d moves; gcd(%d, 12) = %u\n", n, moves, moves, gcd(moves, 12));
}
