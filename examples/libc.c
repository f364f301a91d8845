/*
 * libc: a tour of the runtime's C library in ordinary C, with int main(void) (no input):
 * printf conversions and flags, sscanf, <string.h>, <stdlib.h> (including malloc), <ctype.h>.
 * Run natively with gcc it prints the same text, which is how the runtime is checked against
 * the host's C library.
 */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int x) { return x < 0 ? -1 : x > 0; }

static void printf_tour(void) {
  printf("[%d] [%i] [%u] [%x] [%X] [%c] [%s] [%%]\n", -42, 42, 3000000000u, 0xbeefu, 0xbeefu, 'q', "text");
  printf("[%5d] [%-5d] [%05d] [%-05d] [%+d] [% d] [%+d]\n", 42, 42, -42, 7, 7, 7, -7);
  printf("[%8x] [%08X] [%#x] [%#X] [%#x] [%.3d] [%.0d] [%8.3d]\n", 0xabcu, 0xabcu, 255u, 255u, 0u, 5, 0, -5);
  printf("[%*d] [%-*d] [%.*s] [%7s] [%-7s] [%.2s]\n", 6, 1, 6, 2, 3, "abcdef", "right", "left", "cut");
  printf("[%d] [%d] [%u] [%x] [%ld] [%lu] [%hd] [%zu]\n", INT_MAX, INT_MIN, UINT_MAX, 0u, 123456L, 7UL, (short)-3,
         (size_t)12);
  int n = printf("four");
  printf(" <- printf returned %d\n", n);
}

static void sscanf_tour(void) {
  int a = 0, b = 0, used = 0;
  unsigned x = 0, u = 0;
  char word[16], ch = 0;
  short h = 0;
  int got = sscanf("  12   -34 ff", "%d %d %x", &a, &b, &x);
  printf("sscanf 1: %d -> %d %d %x\n", got, a, b, x);
  got = sscanf("tvm 4000000000 Z", "%s %u %c%n", word, &u, &ch, &used);
  printf("sscanf 2: %d -> %s %u %c used %d\n", got, word, u, ch, used);
  got = sscanf("0x1F -77", "%x %hd", &x, &h);
  printf("sscanf 3: %d -> %u %d\n", got, x, h);
  got = sscanf("12abc", "%d%d", &a, &b);
  printf("sscanf 4: %d -> %d\n", got, a);
  got = sscanf("", "%d", &a);
  printf("sscanf 5: %d\n", got);
  got = sscanf("7,8", "%d,%*d", &a);
  printf("sscanf 6: %d -> %d\n", got, a);
}

static void string_tour(void) {
  char buf[32];
  strcpy(buf, "hello");
  strcat(buf, ", ");
  strncat(buf, "worldwide", 5);
  printf("%s (%d)\n", buf, (int)strlen(buf));
  printf("cmp %d %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "a")), sign(strcmp("same", "same")),
         sign(strncmp("abcX", "abcY", 3)), sign(strcmp("a", "ab")));
  printf("chr %s | rchr %s | str %s | %s\n", strchr(buf, 'o'), strrchr(buf, 'o'), strstr(buf, "wor"),
         strstr(buf, "xyz") ? "found" : "no xyz");
  char pad[8];
  memset(pad, '#', sizeof pad);
  strncpy(pad, "ab", 5);
  printf("strncpy: %d %d %d %d %c\n", pad[0], pad[2], pad[3], pad[4], pad[5]);
  char overlap[] = "0123456789";
  memmove(overlap + 2, overlap, 5);
  printf("memmove right: %s\n", overlap);
  memmove(overlap, overlap + 3, 5);
  printf("memmove left: %s\n", overlap);
  printf("memcmp %d %d, memchr %s\n", sign(memcmp("abc", "abd", 3)), memcmp("abc", "abd", 2),
         (char *)memchr(overlap, '8', 10));
}

static void stdlib_tour(void) {
  printf("atoi %d %d %d, abs %d %d\n", atoi("  -42x"), atoi("+17"), atoi("z"), abs(-5), abs(6));
  int *squares = malloc(10 * sizeof(int));
  for (int i = 0; i < 10; i = i + 1) squares[i] = i * i;
  int *zeros = calloc(6, sizeof(int));
  int zero_sum = 0;
  for (int i = 0; i < 6; i = i + 1) zero_sum = zero_sum + zeros[i];
  squares = realloc(squares, 20 * sizeof(int));
  for (int i = 10; i < 20; i = i + 1) squares[i] = i * i;
  int total = 0;
  for (int i = 0; i < 20; i = i + 1) total = total + squares[i];
  printf("malloc: sum of squares below 20 = %d, calloc sum %d\n", total, zero_sum);
  free(zeros);
  char *copy = malloc(8);
  strcpy(copy, "reused");
  printf("malloc after free: %s\n", copy);
  free(copy);
  free(squares);
}

static void ctype_tour(void) {
  const char *sample = "aZ5 \t\n_!~\x7f";
  for (const char *p = sample; *p; p = p + 1) {
    int c = (unsigned char)*p;
    printf("%3d:%d%d%d%d%d%d%d%d%d%d %c%c\n", c, !!isalpha(c), !!isdigit(c), !!isalnum(c), !!isspace(c),
           !!isupper(c), !!islower(c), !!isxdigit(c), !!ispunct(c), !!isprint(c), !!iscntrl(c),
           isprint(c) ? toupper(c) : '.', isprint(c) ? tolower(c) : '.');
  }
}

int main(void) {
  bool ok = true;
  uint8_t small = 250;
  int32_t wide = INT32_MIN;
  small = small + 10;
  printf("stdint: %u %d %d\n", small, wide == INT_MIN, ok);
  printf_tour();
  sscanf_tour();
  string_tour();
  stdlib_tour();
  ctype_tour();
  puts("exit(3) ends the program here");
  exit(3);
  puts("not reached");
  return 0;
}
