import type { WasmModule } from '../wasm/ir.ts';
import { typeIndexOf } from './helperRegistry.ts';

/**
 * Function index of the `env.halt(status)` import (traps halt through it with their status word,
 * docs/c-runtime.md "Exit status"; not the older parameterless `env.halt()`), or −1.
 */
export function haltImportIndex(m: WasmModule): number {
  return m.imports
    .filter((i) => i.kind === 'func')
    .findIndex((i) => i.module === 'env' && i.name === 'halt' && i.typeIndex !== undefined && m.types[i.typeIndex]?.params.length === 1);
}

/**
 * Appends `env.halt: (i32) → ()` to `m` (mutated: callers pass their own copy) and shifts
 * every defined function index by one (calls, exports, the start function, table slots). Returns its index.
 */
export function addHaltImport(m: WasmModule): number {
  const index = m.importedFunctionCount;
  m.imports.push({ module: 'env', name: 'halt', kind: 'func', typeIndex: typeIndexOf(m, { params: ['i32'], results: [] }) });
  m.importedFunctionCount++;
  for (const f of m.functions) {
    f.index++;
    for (const ins of f.body) if (ins.op === 'call' && ins.imm >= index) ins.imm++;
  }
  for (const e of m.exports) if (e.kind === 'func' && e.index >= index) e.index++;
  if (m.start !== undefined && m.start >= index) m.start++;
  if (m.table) m.table = { ...m.table, slots: m.table.slots.map((f) => (f !== undefined && f >= index ? f + 1 : f)) };
  return index;
}

/** A copy of `m` deep enough for addHaltImport and for rewriting bodies in place. */
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
