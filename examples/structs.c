/*
 * structs: a global array of structs with initializers, nested structs, functions that take
 * struct pointers and fill in results through them, and a sort that swaps records field by
 * field. No input: the entry is void compute(void).
 *
 * Structs are not copied whole (no `a = b;`, no passing or returning by value): clang copies
 * structs of 8 bytes or more with 64-bit loads and stores, which the machine does not have.
 */
struct money {
  int euros;
  int cents;
};

struct item {
  char name[12];
  int quantity;
  struct money price;
  struct money value; /* quantity x price, filled in below */
};

static struct item stock[] = {
    {"lamp", 3, {19, 99}, {0, 0}},
    {"kettle", 1, {24, 50}, {0, 0}},
    {"mug", 12, {3, 25}, {0, 0}},
    {"teapot", 2, {15, 0}, {0, 0}},
    {"spoon", 24, {0, 80}, {0, 0}},
};

#define ITEMS ((int)(sizeof stock / sizeof stock[0]))

static void add_to(struct money *total, const struct money *m) {
  total->euros = total->euros + m->euros;
  total->cents = total->cents + m->cents;
  while (total->cents >= 100) {
    total->cents = total->cents - 100;
    total->euros = total->euros + 1;
  }
}

static int cheaper(const struct money *a, const struct money *b) {
  return a->euros < b->euros || (a->euros == b->euros && a->cents < b->cents);
}

static void swap_int(int *a, int *b) {
  int t = *a;
  *a = *b;
  *b = t;
}

static void swap_items(struct item *a, struct item *b) {
  for (int k = 0; k < (int)sizeof a->name; k = k + 1) {
    char t = a->name[k];
    a->name[k] = b->name[k];
    b->name[k] = t;
  }
  swap_int(&a->quantity, &b->quantity);
  swap_int(&a->price.euros, &b->price.euros);
  swap_int(&a->price.cents, &b->price.cents);
  swap_int(&a->value.euros, &b->value.euros);
  swap_int(&a->value.cents, &b->value.cents);
}

static void print_item(const struct item *it) {
  printf("%-8s %3d x %3d.%02d = %4d.%02d\n", it->name, it->quantity, it->price.euros, it->price.cents, it->value.euros,
         it->value.cents);
}

void compute(void) {
  struct money grand = {0, 0};
  for (struct item *it = stock; it < stock + ITEMS; it = it + 1) {
    for (int k = 0; k < it->quantity; k = k + 1) add_to(&it->value, &it->price);
    add_to(&grand, &it->value);
    print_item(it);
  }
  printf("total %d.%02d\n", grand.euros, grand.cents);

  /* Insertion sort by stock value, most valuable first. */
  for (int i = 1; i < ITEMS; i = i + 1)
    for (int j = i; j > 0 && cheaper(&stock[j - 1].value, &stock[j].value); j = j - 1) swap_items(&stock[j - 1], &stock[j]);
  printf("by value:\n");
  for (int i = 0; i < ITEMS; i = i + 1) print_item(&stock[i]);
}
