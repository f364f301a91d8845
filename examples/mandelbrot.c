/*
 * An ASCII Mandelbrot set in double precision: for each character cell, iterate z = z^2 + c
 * until |z| > 2 or the iteration limit, and shade by the iteration count.
 * Arguments: columns rows iterations (kept small: every double operation is a few hundred
 * machine instructions).
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int columns = 24, rows = 10, limit = 8;
  if (argc > 1) columns = atoi(argv[1]);
  if (argc > 2) rows = atoi(argv[2]);
  if (argc > 3) limit = atoi(argv[3]);
  const char *shades = " .:-=+*#%@";
  double x0 = -2.1, x1 = 0.7, y0 = -1.2, y1 = 1.2;
  double dx = (x1 - x0) / columns, dy = (y1 - y0) / rows;
  int inside = 0;
  for (int row = 0; row < rows; row++) {
    double ci = y0 + (row + 0.5) * dy;
    for (int column = 0; column < columns; column++) {
      double cr = x0 + (column + 0.5) * dx;
      double x = 0, y = 0;
      int n = 0;
      while (n < limit) {
        double xx = x * x, yy = y * y;
        if (xx + yy > 4.0) break;
        y = (x + x) * y + ci;
        x = xx - yy + cr;
        n++;
      }
      if (n == limit) inside++;
      putchar(n == limit ? '@' : shades[n * 9 / limit]);
    }
    putchar('\n');
  }
  printf("%d of %d cells stayed bounded for %d iterations (area about %.3f)\n", inside, rows * columns, limit,
         inside * (x1 - x0) * (y1 - y0) / (rows * columns));
  return 0;
}
