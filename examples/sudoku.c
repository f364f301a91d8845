/*
 * sudoku: solves a puzzle given as 81 digits (row by row, 0 or . for an empty cell) and
 * narrates its reasoning. First constraint propagation: a cell with a single candidate
 * ("naked single"), and a digit with a single possible place in a row, column or box
 * ("hidden single"). When that stalls, it guesses in the cell with the fewest candidates and
 * backtracks on contradiction.
 *
 * Candidates are kept as per-unit "digit used" tables, not bitmasks, so the program needs no
 * shifts or masks; unit numbers and table offsets are precomputed by counting.
 */
#define EMPTY 0

static unsigned char grid[81];
static unsigned char row_of[81], column_of[81], box_of[81];
/* used[unit * 10 + digit]: units 0-8 are rows, 9-17 columns, 18-26 boxes. */
static unsigned char used[270];
static unsigned short row_slot[81], column_slot[81], box_slot[81]; /* unit * 10 per cell */
static unsigned char unit_cells[27][9];

static int placements, guesses, backtracks;

static void build_tables(void) {
  int cell = 0;
  int box_row = 0, row_in_box = 0;
  int filled[27];
  for (int u = 0; u < 27; u = u + 1) filled[u] = 0;
  for (int r = 0; r < 9; r = r + 1) {
    int box_column = 0, column_in_box = 0;
    for (int c = 0; c < 9; c = c + 1) {
      int b = box_row + box_column;
      row_of[cell] = r;
      column_of[cell] = c;
      box_of[cell] = b;
      row_slot[cell] = r * 10;
      column_slot[cell] = (9 + c) * 10;
      box_slot[cell] = (18 + b) * 10;
      unit_cells[r][filled[r]] = cell;
      filled[r] = filled[r] + 1;
      unit_cells[9 + c][filled[9 + c]] = cell;
      filled[9 + c] = filled[9 + c] + 1;
      unit_cells[18 + b][filled[18 + b]] = cell;
      filled[18 + b] = filled[18 + b] + 1;
      cell = cell + 1;
      column_in_box = column_in_box + 1;
      if (column_in_box == 3) {
        column_in_box = 0;
        box_column = box_column + 1;
      }
    }
    row_in_box = row_in_box + 1;
    if (row_in_box == 3) {
      row_in_box = 0;
      box_row = box_row + 3;
    }
  }
}

static int allowed(int cell, int d) {
  return !used[row_slot[cell] + d] && !used[column_slot[cell] + d] && !used[box_slot[cell] + d];
}

static void set_used(int cell, int d, int value) {
  used[row_slot[cell] + d] = value;
  used[column_slot[cell] + d] = value;
  used[box_slot[cell] + d] = value;
}

static void place(int cell, int d) {
  grid[cell] = d;
  set_used(cell, d, 1);
  placements = placements + 1;
}

static void unplace(int cell) {
  set_used(cell, grid[cell], 0);
  grid[cell] = EMPTY;
}

static void name_cell(int cell) {
  printf("r%dc%d", row_of[cell] + 1, column_of[cell] + 1);
}

/* Number of candidates of an empty cell; *only gets the last one found. */
static int candidates(int cell, int *only) {
  int count = 0;
  for (int d = 1; d <= 9; d = d + 1)
    if (allowed(cell, d)) {
      count = count + 1;
      *only = d;
    }
  return count;
}

static const char *const unit_kind[3] = {"row", "column", "box"};

/*
 * One round of propagation; returns the number of digits placed, or -1 on a contradiction.
 * Every step placed is pushed on trail so a failed guess can be undone.
 */
static int propagate(unsigned char *trail, int *trail_length) {
  int placed = 0;
  for (int cell = 0; cell < 81; cell = cell + 1) {
    if (grid[cell] != EMPTY) continue;
    int d = 0;
    int count = candidates(cell, &d);
    if (count == 0) {
      printf("  ");
      name_cell(cell);
      printf(" has no candidate left\n");
      return -1;
    }
    if (count == 1) {
      place(cell, d);
      trail[*trail_length] = cell;
      *trail_length = *trail_length + 1;
      placed = placed + 1;
      printf("  ");
      name_cell(cell);
      printf(" = %d (only candidate)\n", d);
    }
  }
  if (placed) return placed;
  for (int unit = 0; unit < 27; unit = unit + 1) {
    int kind = unit < 9 ? 0 : unit < 18 ? 1 : 2;
    int number = unit - (kind == 0 ? 0 : kind == 1 ? 9 : 18) + 1;
    for (int d = 1; d <= 9; d = d + 1) {
      int places = 0, where = -1;
      for (int k = 0; k < 9; k = k + 1) {
        int cell = unit_cells[unit][k];
        if (grid[cell] == d) {
          places = 10;
          break;
        }
        if (grid[cell] == EMPTY && allowed(cell, d)) {
          places = places + 1;
          where = cell;
        }
      }
      if (places == 0) {
        printf("  %d has no place in %s %d\n", d, unit_kind[kind], number);
        return -1;
      }
      if (places == 1) {
        place(where, d);
        trail[*trail_length] = where;
        *trail_length = *trail_length + 1;
        printf("  ");
        name_cell(where);
        printf(" = %d (only place for %d in %s %d)\n", d, d, unit_kind[kind], number);
        return 1;
      }
    }
  }
  return 0;
}

static int solve(int depth) {
  unsigned char trail[81];
  int trail_length = 0;
  for (;;) {
    int placed = propagate(trail, &trail_length);
    if (placed < 0) {
      while (trail_length > 0) {
        trail_length = trail_length - 1;
        unplace(trail[trail_length]);
      }
      return 0;
    }
    if (placed == 0) break;
  }

  int best = -1, best_count = 10;
  for (int cell = 0; cell < 81; cell = cell + 1) {
    if (grid[cell] != EMPTY) continue;
    int d = 0;
    int count = candidates(cell, &d);
    if (count < best_count) {
      best = cell;
      best_count = count;
    }
  }
  if (best < 0) return 1;

  for (int d = 1; d <= 9; d = d + 1) {
    if (!allowed(best, d)) continue;
    guesses = guesses + 1;
    printf("guess (depth %d): ", depth + 1);
    name_cell(best);
    printf(" = %d, one of %d candidates\n", d, best_count);
    place(best, d);
    if (solve(depth + 1)) return 1;
    unplace(best);
    backtracks = backtracks + 1;
    printf("backtrack: ");
    name_cell(best);
    printf(" = %d led to a contradiction\n", d);
  }
  while (trail_length > 0) {
    trail_length = trail_length - 1;
    unplace(trail[trail_length]);
  }
  return 0;
}

static void print_grid(void) {
  for (int cell = 0; cell < 81; cell = cell + 1) {
    putchar(grid[cell] == EMPTY ? '.' : '0' + grid[cell]);
    if (column_of[cell] == 8) {
      putchar('\n');
      if (row_of[cell] == 2 || row_of[cell] == 5) printf("------+-------+------\n");
    } else if (column_of[cell] == 2 || column_of[cell] == 5) {
      printf(" | ");
    } else {
      putchar(' ');
    }
  }
}

void compute(const char *input) {
  build_tables();
  int cell = 0;
  const char *p = input;
  while (*p && cell < 81) {
    char c = *p;
    p = p + 1;
    if (c == '.' || c == '0') {
      cell = cell + 1;
    } else if (c >= '1' && c <= '9') {
      if (!allowed(cell, c - '0')) {
        printf("the clues contradict each other at ");
        name_cell(cell);
        printf("\n");
        return;
      }
      place(cell, c - '0');
      cell = cell + 1;
    }
  }
  if (cell != 81) {
    printf("usage: 81 cells, row by row, digits 1-9 with 0 or . for empty\n");
    return;
  }
  int clues = placements;
  printf("puzzle (%d clues):\n", clues);
  print_grid();
  printf("solving:\n");
  if (solve(0)) {
    printf("solved after %d deductions, %d guesses and %d backtracks:\n", placements - clues - guesses, guesses, backtracks);
    print_grid();
  } else {
    printf("no solution (%d guesses, %d backtracks)\n", guesses, backtracks);
  }
}
