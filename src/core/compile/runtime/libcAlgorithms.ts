/**
 * <stdlib.h> algorithms of the runtime libc (part of libc.ts): qsort (a stable merge sort, so
 * the order matches glibc 2.36's merge-sorting qsort for any consistent comparator), bsearch,
 * rand/srand (glibc's TYPE_3 additive feedback generator: the same numbers as glibc for the
 * same seed), and the integer helpers abs/div.
 */
export const LIBC_ALGORITHMS = String.raw`
/* ------------------------------------------------------------------ sorting and searching */

static void copy_bytes(char *d, const char *s, size_t n) {
  while (n > 0) {
    *d = *s;
    d = d + 1;
    s = s + 1;
    n = n - 1;
  }
}

/*
 * Bottom-up merge sort over byte ranges: runs of 'run' bytes are merged pairwise from src into
 * dst, then the roles swap. Every offset is a pointer step of size bytes (no multiplication
 * after the total length).
 */
WEAK void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *)) {
  if (count < 2 || size == 0) return;
  size_t total = count * size;
  char *scratch = malloc(total);
  char *src = base;
  if (!scratch) {
    /* no memory: a stable insertion sort in place */
    char *end = src + total;
    for (char *p = src + size; p != end; p = p + size) {
      char *q = p;
      while (q != src && compare(q - size, q) > 0) {
        for (size_t k = 0; k < size; k = k + 1) {
          char t = q[k];
          q[k] = q[k - size];
          q[k - size] = t;
        }
        q = q - size;
      }
    }
    return;
  }
  char *dst = scratch;
  size_t run = size;
  while (run < total) {
    size_t offset = 0;
    while (offset < total) {
      char *left = src + offset;
      size_t left_bytes = total - offset < run ? total - offset : run;
      char *left_end = left + left_bytes;
      size_t right_bytes = total - offset - left_bytes < run ? total - offset - left_bytes : run;
      char *right = left_end;
      char *right_end = right + right_bytes;
      char *out = dst + offset;
      while (left != left_end && right != right_end) {
        if (compare(left, right) <= 0) {
          copy_bytes(out, left, size);
          left = left + size;
        } else {
          copy_bytes(out, right, size);
          right = right + size;
        }
        out = out + size;
      }
      copy_bytes(out, left, left_end - left);
      out = out + (left_end - left);
      copy_bytes(out, right, right_end - right);
      offset = offset + left_bytes + right_bytes;
    }
    char *t = src;
    src = dst;
    dst = t;
    run = run + run;
  }
  if (src != base) copy_bytes(base, src, total);
  free(scratch);
}

WEAK void *bsearch(const void *key, const void *base, size_t count, size_t size, int (*compare)(const void *, const void *)) {
  const char *low = base;
  while (count > 0) {
    size_t half = count >> 1;
    const char *middle = low + half * size;
    int c = compare(key, middle);
    if (c == 0) return (void *)middle;
    if (c > 0) {
      low = middle + size;
      count = count - half - 1;
    } else {
      count = half;
    }
  }
  return 0;
}

/* ------------------------------------------------------------------ random numbers */

/*
 * glibc's random()/rand(): TYPE_3, x[i] = x[i-3] + x[i-31] (mod 2^32), output x[i] >> 1.
 * Seeded by x[i] = 16807 x[i-1] mod (2^31 - 1) (Schrage's method, as glibc), then 310 outputs
 * are discarded. Without srand the seed is 1.
 */
static int rand_state[31];
static int *rand_front;
static int *rand_rear;

WEAK void srand(unsigned seed) {
  int word = seed == 0 ? 1 : (int)seed;
  rand_state[0] = word;
  for (int i = 1; i < 31; i = i + 1) {
    int hi = word / 127773;
    int lo = word % 127773;
    word = 16807 * lo - 2836 * hi;
    if (word < 0) word = word + 2147483647;
    rand_state[i] = word;
  }
  rand_front = rand_state + 3;
  rand_rear = rand_state;
  for (int k = 0; k < 310; k = k + 1) rand();
}

WEAK int rand(void) {
  if (!rand_front) srand(1);
  u32 value = (u32)*rand_front + (u32)*rand_rear;
  *rand_front = (int)value;
  rand_front = rand_front + 1;
  rand_rear = rand_rear + 1;
  if (rand_front == rand_state + 31) rand_front = rand_state;
  if (rand_rear == rand_state + 31) rand_rear = rand_state;
  return (int)(value >> 1);
}

/* ------------------------------------------------------------------ integer helpers */

WEAK long long llabs(long long x) { return x < 0 ? -x : x; }

WEAK div_t div(int n, int d) {
  div_t r;
  r.quot = n / d;
  r.rem = n % d;
  return r;
}

WEAK ldiv_t ldiv(long n, long d) {
  ldiv_t r;
  r.quot = n / d;
  r.rem = n % d;
  return r;
}

WEAK lldiv_t lldiv(long long n, long long d) {
  lldiv_t r;
  r.quot = n / d;
  r.rem = n % d;
  return r;
}
`;
