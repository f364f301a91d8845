/**
 * Executed machine instructions of the runtime's <math.h> functions, through the whole pipeline
 * on the reference interpreter: a program calling the function once on an argument, minus the
 * same program storing the argument instead. Prints one line per function and argument; the
 * figures are quoted in docs/c-runtime.md. Run: npx tsx src/core/compile/runtime/testing/mathCosts.ts
 */
import { runReference } from '../../../reference/interpret.ts';
import { compileSourceCached } from '../../../../testing/compiledExamples.ts';

const CALLS: [string, string[]][] = [
  ['exp(x)', ['0.7', '-20.5']], ['log(x)', ['0.7', '123.4']], ['sin(x)', ['0.5', '100.3', '1e10', '1e22', '1e300']], ['cos(x)', ['2.5', '1e22']], ['tan(x)', ['2.5', '0.1', '1e300']],
  ['atan(x)', ['0.7']], ['asin(x)', ['0.3']], ['pow(x, 1.7)', ['2.5']], ['sinh(x)', ['1.5']], ['tanh(x)', ['0.1']], ['cbrt(x)', ['5.5']],
  ['hypot(x, 3.0)', ['4.5']], ['fmod(x, 0.3)', ['1000.7']], ['sinf((float)x)', ['0.5']],
];

function source(expression: string): string {
  return `#include <stdlib.h>\n#include <math.h>\nvolatile double sink;\nint main(int argc, char **argv) {\n  double x = atof(argv[1]);\n  sink = ${expression};\n  return 0;\n}\n`;
}

async function instructions(expression: string, arg: string): Promise<number> {
  const { program, input } = await compileSourceCached(source(expression), 'math_cost.c', arg);
  const run = runReference(program, input, { maxTokens: 2e9 });
  if (run.stop !== 'halt') throw new Error(`${expression} on ${arg}: ${run.stop} ${run.error ?? ''}`);
  return run.instructionsExecuted;
}

for (const [expression, args] of CALLS) {
  for (const arg of args) {
    const cost = (await instructions(expression, arg)) - (await instructions('x', arg));
    console.log(`${expression.padEnd(16)} x = ${arg.padEnd(7)} ${cost.toLocaleString('en-US')} instructions`);
  }
}
