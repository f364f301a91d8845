/**
 * The rest of <string.h> and <strings.h> for the runtime libc (part of libc.ts): comparisons
 * and scans written with byte compares and pointer steps only.
 */
export const LIBC_STRING = String.raw`
/* ------------------------------------------------------------------ more of string.h */

static int fold_case(int c) {
  if (c >= 'A' && c <= 'Z') c = c + 32;
  return c;
}

WEAK size_t strnlen(const char *s, size_t n) {
  const char *p = s;
  while (n > 0 && *p) {
    p = p + 1;
    n = n - 1;
  }
  return p - s;
}

WEAK char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

WEAK char *strndup(const char *s, size_t n) {
  size_t len = strnlen(s, n);
  char *d = malloc(len + 1);
  if (d) {
    memcpy(d, s, len);
    d[len] = 0;
  }
  return d;
}

WEAK size_t strspn(const char *s, const char *accept) {
  const char *p = s;
  while (*p && strchr(accept, *p)) p = p + 1;
  return p - s;
}

WEAK size_t strcspn(const char *s, const char *reject) {
  const char *p = s;
  while (*p && !strchr(reject, *p)) p = p + 1;
  return p - s;
}

WEAK char *strpbrk(const char *s, const char *accept) {
  while (*s) {
    if (strchr(accept, *s)) return (char *)s;
    s = s + 1;
  }
  return 0;
}

WEAK char *strtok_r(char *s, const char *delimiters, char **state) {
  if (!s) s = *state;
  if (!s) return 0;
  s = s + strspn(s, delimiters);
  if (!*s) {
    *state = 0;
    return 0;
  }
  char *end = s + strcspn(s, delimiters);
  if (*end) {
    *end = 0;
    *state = end + 1;
  } else {
    *state = 0;
  }
  return s;
}

WEAK char *strtok(char *s, const char *delimiters) {
  static char *state;
  return strtok_r(s, delimiters, &state);
}

WEAK int strcasecmp(const char *a, const char *b) {
  for (;;) {
    int x = fold_case((unsigned char)*a);
    int y = fold_case((unsigned char)*b);
    if (x != y || x == 0) return x - y;
    a = a + 1;
    b = b + 1;
  }
}

WEAK int strncasecmp(const char *a, const char *b, size_t n) {
  while (n > 0) {
    int x = fold_case((unsigned char)*a);
    int y = fold_case((unsigned char)*b);
    if (x != y || x == 0) return x - y;
    a = a + 1;
    b = b + 1;
    n = n - 1;
  }
  return 0;
}

WEAK void *memrchr(const void *s, int c, size_t n) {
  const unsigned char *p = (const unsigned char *)s + n;
  unsigned char ch = (unsigned char)c;
  while (n > 0) {
    p = p - 1;
    if (*p == ch) return (void *)p;
    n = n - 1;
  }
  return 0;
}

WEAK char *stpcpy(char *dst, const char *src) {
  while ((*dst = *src) != 0) {
    dst = dst + 1;
    src = src + 1;
  }
  return dst;
}

WEAK int strcoll(const char *a, const char *b) { return strcmp(a, b); }

/* glibc's texts for the errors this runtime sets. */
WEAK char *strerror(int error) {
  if (error == 0) return "Success";
  if (error == EDOM) return "Numerical argument out of domain";
  if (error == ERANGE) return "Numerical result out of range";
  if (error == EINVAL) return "Invalid argument";
  if (error == ENOMEM) return "Cannot allocate memory";
  return "Unknown error";
}

WEAK void perror(const char *message) {
  if (message && *message) fprintf(stderr, "%s: ", message);
  fprintf(stderr, "%s\n", strerror(errno));
}
`;
