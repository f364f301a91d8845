/**
 * The pipeline in one screen: C source → wasm → decoded module → lowered module → dispatch table
 * → tokens. Each stage validates its input and throws a StageError saying why it refuses.
 */
import { compileC, type CompiledC, type CompileOptions } from './compile/compile.ts';
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
  const { program, module } = wasmToProgram(compiled.wasm, compiled.clangVersion);
  return { program, compiled, module };
}

/**
 * wasm bytes (from clang or a `.wasm` file) → validated module → indirect calls made direct →
 * floats as integer bit patterns →
 * i64 split into i32 pairs → lowered → assembled.
 */
export function wasmToProgram(wasm: Uint8Array, clangVersion?: string): { program: Program; module: WasmModule } {
  const module = decodeModule(wasm);
  validateForMachine(module);
  const lowered = lowerForMachine(module);
  return { program: assembleProgram(lowered, { clangVersion }), module };
}
