/**
 * Test support: a generated C program of a chosen size, for specializing programs far larger
 * than the examples. Each function mixes arithmetic, a switch and a loop with its own constants,
 * so the compiler cannot fold them together; `main` calls them all and prints a checksum per call.
 */
export function generatedProgramSource(functions: number): string {
  const lines: string[] = ['#include <stdio.h>', ''];
  for (let i = 0; i < functions; i++) {
    const a = 3 + ((i * 7) % 29);
    const b = 11 + ((i * 13) % 97);
    const c = 1 + (i % 5);
    lines.push(
      `static unsigned f${i}(unsigned x) {`,
      `  unsigned s = x * ${a}u + ${b}u;`,
      `  for (unsigned k = 0; k < ${c}u; k++) {`,
      `    switch ((s >> ${i % 7}) & 3u) {`,
      `      case 0: s = s * ${a + 2}u + k; break;`,
      `      case 1: s ^= s >> ${1 + (i % 11)}; break;`,
      `      case 2: s += ${b * 3}u - k; break;`,
      `      default: s = (s << ${1 + (i % 3)}) | ${i % 2}u;`,
      `    }`,
      `  }`,
      `  return s % 1000003u;`,
      `}`,
    );
  }
  lines.push('', 'int main(int argc, char **argv) {', '  unsigned x = argc > 1 ? (unsigned)argv[1][0] : 7u;');
  for (let i = 0; i < functions; i++) lines.push(`  x = f${i}(x);`, ...(i % 16 === 15 ? ['  printf("%u\\n", x);'] : []));
  lines.push('  printf("%u\\n", x);', '  return 0;', '}');
  return lines.join('\n') + '\n';
}
