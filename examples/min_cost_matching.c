/*
 * min_cost_matching: the assignment problem. Given an n x n cost matrix, give every row its own
 * column so that the total cost is as small as possible. Solved with the Hungarian method in its
 * shortest-augmenting-path form: rows join one at a time; for each, a Dijkstra-like search over
 * reduced costs finds the cheapest way to free a column, and the dual prices (one per row, one
 * per column) are adjusted so every reduced cost stays non-negative.
 *
 * Input: "n c11 c12 … c1n c21 … cnn", e.g. "3 9 2 7 6 4 3 5 8 1".
 * Indices are 1-based inside; 0 stands for "the row being added".
 */
#define MAX_N 8
#define INFINITY_COST 1000000000

static int cost[MAX_N + 1][MAX_N + 1];
static int row_price[MAX_N + 1];
static int column_price[MAX_N + 1];
static int owner[MAX_N + 1];        /* owner[j]: the row assigned to column j (0: free) */
static int came_from[MAX_N + 1];    /* the previous column on the cheapest path to column j */
static int best_reach[MAX_N + 1];   /* cheapest reduced cost to reach column j so far */
static char settled[MAX_N + 1];

/* Reads the next integer, skipping anything before it; returns 0 when there is none. */
static int read_int(const char **text, int *value) {
  const char *p = *text;
  while (*p && (*p < '0' || *p > '9') && *p != '-') p = p + 1;
  if (!*p) return 0;
  int negative = *p == '-';
  if (negative) p = p + 1;
  int v = 0;
  while (*p >= '0' && *p <= '9') {
    v = v * 10 + (*p - '0');
    p = p + 1;
  }
  *value = negative ? -v : v;
  *text = p;
  return 1;
}

void compute(const char *input) {
  const char *p = input;
  int n = 0;
  if (!read_int(&p, &n) || n < 1 || n > MAX_N) {
    printf("usage: n (1..%d) then n*n costs, e.g. 3 9 2 7 6 4 3 5 8 1\n", MAX_N);
    return;
  }
  for (int i = 1; i <= n; i = i + 1)
    for (int j = 1; j <= n; j = j + 1)
      if (!read_int(&p, &cost[i][j])) {
        printf("expected %d costs\n", n * n);
        return;
      }

  printf("%dx%d costs:\n", n, n);
  for (int i = 1; i <= n; i = i + 1) {
    for (int j = 1; j <= n; j = j + 1) printf("%4d", cost[i][j]);
    printf("\n");
  }

  for (int row = 1; row <= n; row = row + 1) {
    /* Column 0 is a virtual column holding the new row; grow a tree of columns from it. */
    owner[0] = row;
    for (int j = 0; j <= n; j = j + 1) {
      best_reach[j] = INFINITY_COST;
      settled[j] = 0;
    }
    int column = 0;
    int visited = 0;
    do {
      settled[column] = 1;
      visited = visited + 1;
      int from_row = owner[column];
      int step = INFINITY_COST;
      int next = 0;
      for (int j = 1; j <= n; j = j + 1) {
        if (settled[j]) continue;
        int reduced = cost[from_row][j] - row_price[from_row] - column_price[j];
        if (reduced < best_reach[j]) {
          best_reach[j] = reduced;
          came_from[j] = column;
        }
        if (best_reach[j] < step) {
          step = best_reach[j];
          next = j;
        }
      }
      /* Shift prices by the step: settled columns keep zero reduced cost along the tree. */
      for (int j = 0; j <= n; j = j + 1) {
        if (settled[j]) {
          row_price[owner[j]] = row_price[owner[j]] + step;
          column_price[j] = column_price[j] - step;
        } else {
          best_reach[j] = best_reach[j] - step;
        }
      }
      column = next;
    } while (owner[column] != 0);

    printf("row %d: searched %d column%s, free column %d found\n", row, visited, visited == 1 ? "" : "s", column);
    /* Flip the path: each column on it passes to the row that reached it. */
    while (column != 0) {
      int previous = came_from[column];
      owner[column] = owner[previous];
      if (previous != 0)
        printf("  row %d moves from column %d to column %d\n", owner[column], previous, column);
      else
        printf("  row %d takes column %d\n", owner[column], column);
      column = previous;
    }
  }

  int total = 0;
  printf("assignment:\n");
  for (int j = 1; j <= n; j = j + 1) {
    printf("  row %d -> column %d (cost %d)\n", owner[j], j, cost[owner[j]][j]);
    total = total + cost[owner[j]][j];
  }
  printf("minimum total cost %d (dual bound %d)\n", total, -column_price[0]);
}
