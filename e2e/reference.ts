/** The oracle for browser runs: the same core, in Node (clang + pipeline + reference interpreter). */
import { compileToProgram } from '../src/core/pipeline.ts';
import { runReference } from '../src/core/reference/interpret.ts';

export interface ReferenceResult {
  output: string;
  tokens: number;
  stop: string;
}

export async function referenceRun(source: string, args: string): Promise<ReferenceResult> {
  const { program } = await compileToProgram(source, { fileName: 'program.c' });
  const run = runReference(program, new TextEncoder().encode(args));
  return { output: new TextDecoder().decode(run.output), tokens: run.tokenCount, stop: run.stop };
}
