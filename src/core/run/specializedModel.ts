/**
 * A specialized model holds one program in its weights (docs/schedule-and-weights.md): its prompt
 * is `start` + the input, and it must refuse any other program. The CLI, the run worker and the
 * page all decide this here.
 */
import { programHash } from '../program/programHash.ts';
import type { Program } from '../program/program.ts';
import { programPrefixTokens, specInputTokens } from '../program/tokenFiles.ts';
import { SPECIALIZED_START_TOKEN } from '../tokens/spelling.ts';

export function isSpecializedModel(model: { readonly vocab: readonly string[] }): boolean {
  return model.vocab.includes(SPECIALIZED_START_TOKEN);
}

/** The prompt a model needs for a program: the full prefix, or `start` + input for a specialized model. */
export function promptFor(model: { readonly vocab: readonly string[] }, program: Program, input: Uint8Array | null): string[] {
  return isSpecializedModel(model) ? specInputTokens(program, input) : programPrefixTokens(program, input);
}

export type ProgramMatch =
  | { kind: 'same' }
  /** The model does not record which program it holds (an original-format file without metadata). */
  | { kind: 'unrecorded' }
  | { kind: 'different'; message: string };

/**
 * Whether a specialized model with this provenance (`program`, `programHash`) runs `program`;
 * `what` names the program in the refusal ("the editor's program", "'fib.c'").
 */
export function specializedProgramMatch(provenance: Readonly<Record<string, string>> | undefined, program: Program, what = 'this program'): ProgramMatch {
  const baked = provenance?.programHash;
  if (!baked) return { kind: 'unrecorded' };
  const given = programHash(program);
  if (baked === given) return { kind: 'same' };
  return { kind: 'different', message: `the specialized model is for '${provenance?.program ?? '?'}' (program hash ${baked}); ${what} is a different program (hash ${given})` };
}
