import type { WasmModule } from '../wasm/ir.ts';
import { typeIndexOf } from './helperRegistry.ts';

/** Function index of the `env.output_byte` import (the trap messages print through it), or −1. */
export function outputImportIndex(m: WasmModule): number {
  return m.imports.filter((i) => i.kind === 'func').findIndex((i) => i.module === 'env' && i.name === 'output_byte');
}

/**
 * Appends `env.output_byte: (i32) → ()` to `m` (mutated: callers pass their own copy) and shifts
 * every defined function index by one (calls, exports, the start function). Returns its index.
 */
export function addOutputImport(m: WasmModule): number {
  const index = m.importedFunctionCount;
  m.imports.push({ module: 'env', name: 'output_byte', kind: 'func', typeIndex: typeIndexOf(m, { params: ['i32'], results: [] }) });
  m.importedFunctionCount++;
  for (const f of m.functions) {
    f.index++;
    for (const ins of f.body) if (ins.op === 'call' && ins.imm >= index) ins.imm++;
  }
  for (const e of m.exports) if (e.kind === 'func' && e.index >= index) e.index++;
  if (m.start !== undefined && m.start >= index) m.start++;
  return index;
}

/** A copy of `m` deep enough for addOutputImport and for rewriting bodies in place. */
export function copyModule(m: WasmModule): WasmModule {
  return {
    ...m,
    types: m.types.map((t) => ({ params: [...t.params], results: [...t.results] })),
    imports: m.imports.map((i) => ({ ...i })),
    functions: m.functions.map((f) => ({ ...f, locals: [...f.locals], body: f.body.map((i) => ({ ...i })) })),
    exports: m.exports.map((e) => ({ ...e })),
    globals: m.globals.map((g) => ({ ...g })),
    data: m.data.map((d) => ({ ...d })),
    customSections: [...m.customSections],
  };
}
