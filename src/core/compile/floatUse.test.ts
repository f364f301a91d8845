import { describe, expect, it } from 'vitest';
import { floatingHeaderIdentifiers, mayUseFloat } from './floatUse.ts';

describe('mayUseFloat', () => {
  it('is false for integer-only programs, whatever their strings and comments say', () => {
    expect(mayUseFloat('#include <stdio.h>\nint main(void) { printf("%d %x %s 1.5\\n", 1, 0x1e5, "double"); return 0; }')).toBe(false);
    expect(mayUseFloat('/* float 2.5 */ // double\nint a[3]; int main(void) { return a[0] + s.x1 + 0XE7 + 10u + 077; }')).toBe(false);
    expect(mayUseFloat("#include <math.h>\nint main(void) { char c = '.'; return abs(-3) + c; }")).toBe(false);
  });

  it.each([
    ['a floating type', 'int main(void) { double d = 2; return (int)d; }'],
    ['float', 'float f;'],
    ['long double', 'long double x;'],
    ['a literal with a point', 'int main(void) { printf("%.2f\\n", 2.5); return 0; }'],
    ['a literal with only a point in front', 'int x = .5 > 0;'],
    ['a literal with an exponent', 'int x = 1e3 > 0;'],
    ['a hex float', 'int x = 0x1p4 > 0;'],
    ['atof', '#include <stdlib.h>\nint main(int c, char **v) { printf("%g", atof(v[1])); return 0; }'],
    ['strtod', 'int main(int c, char **v) { return strtod(v[1], 0) > 0; }'],
    ['NAN', '#include <math.h>\nint main(void) { printf("%f", NAN); return 0; }'],
    ['INFINITY', 'int main(void) { printf("%f", INFINITY); return 0; }'],
    ['M_PI', 'int main(void) { printf("%f", M_PI); return 0; }'],
    ['sqrt', 'int main(void) { return sqrt(4) > 1; }'],
    ['a <float.h> macro', '#include <float.h>\nint main(void) { printf("%g", FLT_MAX); return 0; }'],
    ['a predefined floating macro', 'int main(void) { printf("%g", __DBL_MAX__); return 0; }'],
    ['a builtin', 'int main(void) { printf("%g", __builtin_inf()); return 0; }'],
    ['_Float16', '_Float16 h;'],
  ])('is true for %s', (_what, source) => {
    expect(mayUseFloat(source)).toBe(true);
  });
});

describe('floatingHeaderIdentifiers', () => {
  it('derives the names from the runtime headers: floating functions and macros, not integer ones', () => {
    const names = floatingHeaderIdentifiers();
    for (const name of ['atof', 'strtod', 'strtof', 'NAN', 'INFINITY', 'HUGE_VAL', 'M_PI', 'sqrt', 'fabs', 'pow', 'round']) expect(names).toContain(name);
    for (const name of ['printf', 'scanf', 'abs', 'atoi', 'strtol', 'isnan', 'malloc', 'x', 'y', 's', 'end']) expect(names).not.toContain(name);
  });

  it('follows typedefs, variables and macros of macros', () => {
    const names = floatingHeaderIdentifiers({
      'h.h': [
        'typedef double double_t;',
        'typedef float float_t;',
        'extern const double tvm_half;',
        'static inline int twice(int x) { double d = x; return (int)(d * 2); }',
        'int count(const char *s);',
        '#define HALF 0.5',
        '#define ALSO_HALF (HALF)',
        '#define TEN 10',
      ].join('\n'),
    });
    expect([...names].sort()).toEqual(['ALSO_HALF', 'HALF', 'double_t', 'float_t', 'tvm_half']);
  });
});
