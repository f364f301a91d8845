/**
 * The prebuilt soft-float module (softfloat.c compiled by clang, see softfloatBuild.ts), decoded
 * once, and which of its functions a helper needs (itself and what it calls).
 */
import { decodeModule } from '../../wasm/decode.ts';
import type { WasmFunction, WasmModule } from '../../wasm/ir.ts';
import { touchesMemory, wasmOp } from '../../wasm/opcodeTable.ts';
import { SOFTFLOAT_PREBUILT } from './softfloatPrebuilt.generated.ts';

/** The soft-float module's imports, by name: what a helper calls to trap. */
const TRAP_IMPORTS = ['trap_float_invalid', 'trap_float_overflow'] as const;
export type TrapImport = (typeof TRAP_IMPORTS)[number];

let decoded: WasmModule | undefined;

export function softfloatModule(): WasmModule {
  if (!decoded) {
    const bin = atob(SOFTFLOAT_PREBUILT.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const m = decodeModule(bytes);
    checkSelfContained(m);
    decoded = m;
  }
  return decoded;
}

/** The helper exported as `name` (an op name with '.' → '_'). */
export function softfloatExport(name: string): WasmFunction {
  const m = softfloatModule();
  const e = m.exports.find((x) => x.kind === 'func' && x.name === name);
  if (!e) throw new Error(`softfloat.c exports no helper '${name}'`);
  return m.functions[e.index - m.importedFunctionCount];
}

/** `fn` and every defined function it calls, directly or not, callers first. */
export function softfloatClosure(fn: WasmFunction): WasmFunction[] {
  const m = softfloatModule();
  const seen = new Set<number>();
  const out: WasmFunction[] = [];
  const visit = (f: WasmFunction): void => {
    if (seen.has(f.index)) return;
    seen.add(f.index);
    out.push(f);
    for (const i of f.body) if (i.op === 'call' && i.imm >= m.importedFunctionCount) visit(m.functions[i.imm - m.importedFunctionCount]);
  };
  visit(fn);
  return out;
}

/** The trap import a `call` in a soft-float function refers to, if it is one. */
export function trapImportAt(index: number): TrapImport | undefined {
  const m = softfloatModule();
  if (index >= m.importedFunctionCount) return undefined;
  const imp = m.imports.filter((i) => i.kind === 'func')[index];
  return (TRAP_IMPORTS as readonly string[]).includes(imp.name) ? (imp.name as TrapImport) : undefined;
}

/** Helpers are copied into other modules: they must not touch memory, globals or unknown imports. */
function checkSelfContained(m: WasmModule): void {
  const funcImports = m.imports.filter((i) => i.kind === 'func');
  for (const imp of funcImports) {
    if (imp.module !== 'tvm' || !(TRAP_IMPORTS as readonly string[]).includes(imp.name)) {
      throw new Error(`softfloat.c imports ${imp.module}.${imp.name}, which the float lowering does not provide`);
    }
  }
  for (const f of m.functions) {
    for (const i of f.body) {
      const info = wasmOp(i.op);
      if (info?.family === 'global' || (info && touchesMemory(info)) || i.op === 'call_indirect') {
        throw new Error(`softfloat.c function ${f.name} uses ${i.op}: helpers must be pure integer code`);
      }
    }
  }
}
