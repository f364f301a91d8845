import { describe, expect, it } from 'vitest';
import { compileToProgram } from './pipeline.ts';
import { executingLine } from './program/sourceLine.ts';

describe('main() programs as a person reads them', () => {
  it('names the entry main and attributes no line to the appended entry code', async () => {
    const source = [
      '#include <stdio.h>',
      'struct point { int x; int y; };',
      'int main(void) {',
      '  struct point p = { 3, 4 };',
      '  printf("%d\\n", p.x * p.y);',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    const { program } = await compileToProgram(source, { fileName: 'program.c' });
    const names = program.functions!.map((f) => f.name);
    expect(names).toContain('main');
    expect(names).not.toContain('compute');
    const halt = program.instructions.findIndex((i) => i.op === 'halt');
    expect(halt).toBeGreaterThanOrEqual(0);
    // Line 2 is the struct declaration: no instruction belongs to it, and halt has no line of the file.
    expect(program.sourceLines![halt]).toBeNull();
    // Nor does it take one from the instructions before it (the line the page marks while stepping).
    expect(executingLine(program, halt)).toBeNull();
    expect(program.sourceLines!.filter((l) => l === 2)).toEqual([]);
    const lines = program.sourceLines!.filter((l): l is number => l !== null);
    expect(Math.max(...lines)).toBeLessThanOrEqual(7);
  }, 60_000);
});
