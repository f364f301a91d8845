/*
 * structs: a global array of structs with initializers, struct assignment, structs passed and
 * returned by value, nested structs and a small sort. No input: the entry is void compute(void).
 * clang copies structs with 64-bit loads and stores (or memcpy for big ones); the lowering turns
 * the 64-bit words into pairs of 32-bit ones.
 */
struct money {
  int euros;
  int cents;
};

struct item {
  char name[12];
  int quantity;
  struct money price;
};

static struct item stock[] = {
    {"lamp", 3, {19, 99}},
    {"kettle", 1, {24, 50}},
    {"mug", 12, {3, 25}},
    {"teapot", 2, {15, 0}},
    {"spoon", 24, {0, 80}},
};

#define ITEMS ((int)(sizeof stock / sizeof stock[0]))

static struct money add(struct money a, struct money b) {
  struct money sum = {a.euros + b.euros, a.cents + b.cents};
  while (sum.cents >= 100) {
    sum.cents = sum.cents - 100;
    sum.euros = sum.euros + 1;
  }
  return sum;
}

static struct money times(struct money m, int count) {
  struct money total = {0, 0};
  while (count > 0) {
    total = add(total, m);
    count = count - 1;
  }
  return total;
}

static int cheaper(struct money a, struct money b) {
  return a.euros < b.euros || (a.euros == b.euros && a.cents < b.cents);
}

static void print_item(const struct item *it, struct money value) {
  printf("%-8s %3d x %3d.%02d = %4d.%02d\n", it->name, it->quantity, it->price.euros, it->price.cents, value.euros,
         value.cents);
}

void compute(void) {
  struct money values[ITEMS];
  struct money grand = {0, 0};
  for (int i = 0; i < ITEMS; i = i + 1) {
    values[i] = times(stock[i].price, stock[i].quantity);
    grand = add(grand, values[i]);
    print_item(&stock[i], values[i]);
  }
  printf("total %d.%02d\n", grand.euros, grand.cents);

  /* Insertion sort by stock value, moving whole structs. */
  for (int i = 1; i < ITEMS; i = i + 1) {
    struct item it = stock[i];
    struct money v = values[i];
    int j = i - 1;
    while (j >= 0 && cheaper(values[j], v)) {
      stock[j + 1] = stock[j];
      values[j + 1] = values[j];
      j = j - 1;
    }
    stock[j + 1] = it;
    values[j + 1] = v;
  }
  printf("by value:\n");
  for (int i = 0; i < ITEMS; i = i + 1) print_item(&stock[i], values[i]);
}
