import { writeFile } from 'node:fs/promises';
import { formatRefFile } from '../core/program/tokenFiles.ts';
import { runReference } from '../core/reference/interpret.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { programExitCode } from './exitCode.ts';
import { loadProgram } from './programSource.ts';

/** `reference PROG.c|PROG.txt [--args STR] [--trace FILE] [--max-tokens N]` */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '--trace', '--max-tokens'], boolean: [] });
  const [path] = args.positional;
  if (!path || args.positional.length > 1) {
    process.stderr.write('usage: transformer-vm reference PROG.c|PROG.txt [--args STR] [--trace FILE] [--max-tokens N]\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  const traceFile = stringFlag(args, '--trace');
  const t0 = performance.now();
  const res = runReference(loaded.program, loaded.input, {
    trace: traceFile !== undefined,
    maxTokens: intFlag(args, '--max-tokens'),
    onOutput: (b) => process.stdout.write(Uint8Array.of(b)),
  });
  const ms = performance.now() - t0;
  if (traceFile) await writeFile(traceFile, formatRefFile(loaded.program, res.tokens!));
  process.stderr.write(
    `${loaded.name}: ${loaded.program.instructions.length} instructions, ${res.tokenCount} trace tokens, ` +
      `${res.instructionsExecuted} instructions executed in ${ms.toFixed(0)} ms` +
      (loaded.compileMs !== undefined ? ` (compile ${loaded.compileMs.toFixed(0)} ms)` : loaded.cached ? ' (compiled program from the cache)' : '') + '\n',
  );
  if (res.stop === 'budget') process.stderr.write(`stopped: token budget of ${res.tokenCount} reached before halt\n`);
  if (res.stop === 'error') process.stderr.write(`error: ${res.error}\n`);
  return res.stop === 'halt' ? programExitCode(res, loaded.name) : 1;
}
