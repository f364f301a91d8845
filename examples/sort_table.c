/*
 * qsort with comparators chosen through a table of function pointers: the same records sorted
 * by name, by age and by score (descending, ties by name), then bsearch finds names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person {
  const char *name;
  int age;
  int score;
};

static int by_name(const void *a, const void *b) {
  return strcmp(((const struct person *)a)->name, ((const struct person *)b)->name);
}

static int by_age(const void *a, const void *b) {
  return ((const struct person *)a)->age - ((const struct person *)b)->age;
}

static int by_score_desc(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->score != q->score) return q->score - p->score;
  return by_name(a, b);
}

struct order {
  const char *label;
  int (*compare)(const void *, const void *);
};

static const struct order orders[] = {
  {"name", by_name},
  {"age", by_age},
  {"score", by_score_desc},
};

int main(void) {
  struct person people[] = {
    {"Grace", 85, 97}, {"Alan", 41, 88}, {"Ada", 36, 97}, {"Edsger", 72, 91},
    {"Barbara", 79, 88}, {"Dennis", 70, 93}, {"Ken", 80, 85}, {"Margaret", 60, 95},
  };
  const int n = sizeof people / sizeof people[0];
  for (int k = 0; k < 3; k++) {
    qsort(people, n, sizeof people[0], orders[k].compare);
    printf("by %-5s:", orders[k].label);
    for (int i = 0; i < n; i++) printf(" %s(%d,%d)", people[i].name, people[i].age, people[i].score);
    printf("\n");
  }
  qsort(people, n, sizeof people[0], by_name);
  const char *wanted[] = {"Dennis", "Linus", "Ada"};
  for (int i = 0; i < 3; i++) {
    struct person key = {wanted[i], 0, 0};
    struct person *found = bsearch(&key, people, n, sizeof people[0], by_name);
    if (found) printf("%s: age %d, score %d\n", found->name, found->age, found->score);
    else printf("%s: not found\n", wanted[i]);
  }
  return 0;
}
