/**
 * A small program with double and float arithmetic and a table of double(double, double) function
 * pointers (call_indirect with f64 parameters and result) and a computed exit status; `print` is
 * its printf line. Run on every engine by run/cBreadthOnEngines.test.ts and on the page by
 * e2e/float.spec.ts.
 */
export const floatFuncptrProgram = (print: string): string => `#include <stdio.h>
typedef double (*op)(double, double);
static double mul(double a, double b) { return a * b; }
static double dvd(double a, double b) { return a / b; }
int main(int argc, char **argv) {
  op ops[] = {mul, dvd};
  double x = argv[1][0] - '0';
  double y = ops[argv[1][1] == '/'](x, 4.0) + 0.5;
  float f = (float)y * 3.0f;
  ${print}
  return (int)(y * 4);
}
`;
