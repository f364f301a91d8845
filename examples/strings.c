/*
 * strings: ordinary C with main(argc, argv) — the sentence's words arrive as argv[1…] — and the
 * runtime's <string.h> and <ctype.h>: joins and splits the sentence, sorts its words with strcmp,
 * capitalizes them, and finds the palindromes.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_WORDS 16
#define MAX_TEXT 200

static char text[MAX_TEXT];
static char *words[MAX_WORDS];

static int is_palindrome(const char *w) {
  const char *end = w + strlen(w);
  while (w < end) {
    end = end - 1;
    if (tolower(*w) != tolower(*end)) return 0;
    w = w + 1;
  }
  return 1;
}

int main(int argc, char **argv) {
  size_t length = 0;
  for (int i = 1; i < argc; i++) length += strlen(argv[i]) + 1;
  if (argc < 2 || length > MAX_TEXT) {
    puts("usage: a sentence of fewer than 200 characters");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (i > 1) strcat(text, " ");
    strcat(text, argv[i]);
  }

  int count = 0;
  int longest = 0;
  char *p = text;
  while (*p && count < MAX_WORDS) {
    while (*p && !isalnum((unsigned char)*p)) p = p + 1;
    if (!*p) break;
    words[count] = p;
    count = count + 1;
    while (isalnum((unsigned char)*p)) p = p + 1;
    if (p - words[count - 1] > longest) longest = p - words[count - 1];
    if (*p) {
      *p = 0;
      p = p + 1;
    }
  }
  printf("%d words, the longest has %d letters\n", count, longest);

  for (int i = 1; i < count; i = i + 1) {
    char *w = words[i];
    int j = i - 1;
    while (j >= 0 && strcmp(words[j], w) > 0) {
      words[j + 1] = words[j];
      j = j - 1;
    }
    words[j + 1] = w;
  }
  printf("sorted:");
  for (int i = 0; i < count; i = i + 1) printf(" %s", words[i]);
  putchar('\n');

  printf("palindromes:");
  int found = 0;
  for (int i = 0; i < count; i = i + 1)
    if (strlen(words[i]) > 1 && is_palindrome(words[i])) {
      printf(" %s", words[i]);
      found = found + 1;
    }
  puts(found ? "" : " none");

  for (int i = 0; i < count; i = i + 1) {
    words[i][0] = (char)toupper((unsigned char)words[i][0]);
    printf("%s%s", words[i], i + 1 < count ? " " : "\n");
  }
  return 0;
}
