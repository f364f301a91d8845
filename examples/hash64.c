/*
 * 64-bit integers: the FNV-1a hash of each argument word, and a xorshift64* generator seeded
 * with the hash of the words joined by spaces.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static uint64_t fnv1a(const char *s, size_t n) {
  uint64_t h = 14695981039346656037ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static uint64_t xorshift64star(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 2685821657736338717ULL;
}

int main(int argc, char **argv) {
  uint64_t state = 14695981039346656037ULL;  /* FNV-1a of the words joined by spaces, fed on */
  for (int i = 1; i < argc; i++) {
    const char *word = argv[i];
    size_t n = strlen(word);
    uint64_t h = fnv1a(word, n);
    printf("%-8s %016" PRIx64 " %20" PRIu64 " bucket %2u\n", word, h, h, (unsigned)(h % 16));
    if (i > 1) state = (state ^ ' ') * 1099511628211ULL;
    for (size_t k = 0; k < n; k++) state = (state ^ (unsigned char)word[k]) * 1099511628211ULL;
  }
  printf("xorshift64* from %" PRIx64 ":\n", state);
  for (int i = 0; i < 4; i++) {
    uint64_t r = xorshift64star(&state);
    printf("  %016" PRIx64 "  %" PRId64 "  dice %d\n", r, (int64_t)r >> 40, (int)(r >> 61) % 6 + 1);
  }
  return 0;
}
