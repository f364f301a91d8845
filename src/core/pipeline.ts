/**
 * The pipeline in one screen: C source → wasm → decoded module → lowered module → dispatch table
 * → tokens. Each stage validates its input and throws a StageError saying why it refuses.
 */
import { compileC, type CompiledC, type CompileOptions } from './compile/compile.ts';
import { ENTRY_FILE_NAME } from './compile/entry.ts';
import { lowerForMachine } from './lower/lowerForMachine.ts';
import { assembleProgram } from './program/assemble.ts';
import type { Program } from './program/program.ts';
import { decodeModule } from './wasm/decode.ts';
import type { WasmModule } from './wasm/ir.ts';
import { validateForMachine } from './wasm/validate.ts';

export interface CompiledProgram {
  program: Program;
  compiled: CompiledC;
  /** The decoded module before lowering (validated). */
  module: WasmModule;
}

export async function compileToProgram(source: string, opts: CompileOptions = {}): Promise<CompiledProgram> {
  const compiled = await compileC(source, opts);
  const { program, module } = wasmToProgram(compiled.wasm, compiled.clangVersion, compiled.entry);
  return { program, compiled, module };
}

/**
 * wasm bytes (from clang or a `.wasm` file) → validated module → indirect calls made direct →
 * floats as integer bit patterns → i64 split into i32 pairs → lowered → assembled.
 */
export function wasmToProgram(wasm: Uint8Array, clangVersion?: string, entry: 'compute' | 'main' = 'compute'): { program: Program; module: WasmModule } {
  const module = decodeModule(wasm);
  if (entry === 'main') nameMainEntry(module);
  validateForMachine(module);
  const lowered = lowerForMachine(module);
  return { program: assembleProgram(lowered, { clangVersion, generatedFile: ENTRY_FILE_NAME }), module };
}

/**
 * A `main()` program's wasm exports the entry wrapper `compute` (see compile/entry.ts), into which
 * clang usually inlines `main`: the person wrote `main`, so listings and refusals say `main`. When
 * `main` stayed a function of its own, the wrapper is named for what it is.
 */
function nameMainEntry(m: WasmModule): void {
  const entry = m.exports.find((e) => e.kind === 'func' && e.name === 'compute');
  const fn = entry && m.functions.find((f) => f.index === entry.index);
  if (!fn) return;
  fn.name = m.functions.some((f) => f !== fn && f.name === 'main') ? '(entry: calls main)' : 'main';
}
