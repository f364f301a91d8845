/**
 * The C line an instruction executes, as a debugger shows it. An instruction without a line of
 * its own (one the lowering added, or a line-0 row of clang's line table: code the compiler made
 * up) belongs to the line of the nearest instruction before it in the same function that has one,
 * the way a line-table row covers every address up to the next row. Null before a function's
 * first line, outside every function, or when the program has no debug lines.
 */
import type { Program } from './program.ts';

export function executingLine(p: Program, i: number): number | null {
  const lines = p.sourceLines;
  if (!lines) return null;
  const own = lines[i];
  if (own !== null && own !== undefined) return own;
  const fn = p.functions?.find((f) => i >= f.start && i < f.end);
  if (!fn) return null;
  for (let k = i - 1; k >= fn.start; k--) {
    const l = lines[k];
    if (l !== null && l !== undefined) return l;
  }
  return null;
}
