import type { FuncType, WasmModule } from '../wasm/ir.ts';
import { HelperRegistry, typeIndexOf } from './helperRegistry.ts';
import { specializedDivisors } from './divisorChoice.ts';
import { HELPERS } from './helpers/catalog.ts';
import { ModuleBits } from './knownBits.ts';
import { lowerFunction } from './lowerFunction.ts';

export { MAX_LOWERING_TEMPS } from './lowerFunction.ts';
export { MAX_SPECIALIZED_DIVISORS } from './divisorChoice.ts';

const TRAPPING_OPS = new Set(['i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u']);
/** The ops whose lowering uses known bits (see knownBits.ts). */
const BITWISE_OPS = new Set(['i32.and', 'i32.or', 'i32.xor']);

/**
 * Rewrites every op the machine lacks into ops it has (docs/original-design.md §6), exactly for every i32 operand
 * and with bounded work (see docs/lowering.md). Returns a new module; `m` is not modified.
 *
 * Helper functions (`__tvm_*`) are appended to `functions`. When a division or remainder can
 * trap and the module has no `env.halt(status)` import, one is appended to the imports: every
 * defined function's index then shifts by one (calls, exports and the start function are fixed).
 */
export function lowerModule(m: WasmModule): WasmModule {
  const out: WasmModule = {
    ...m,
    types: m.types.map((t) => ({ params: [...t.params], results: [...t.results] })),
    imports: m.imports.map((i) => ({ ...i })),
    functions: m.functions.map((f) => ({ ...f, locals: [...f.locals], body: f.body.map((i) => ({ ...i })) })),
    exports: m.exports.map((e) => ({ ...e })),
    globals: m.globals.map((g) => ({ ...g })),
    data: m.data.map((d) => ({ ...d })),
    customSections: [...m.customSections],
  };
  const needsHalt = out.functions.some((f) => f.body.some((i) => TRAPPING_OPS.has(i.op)));
  let haltFn = haltImportIndex(out);
  if (haltFn < 0 && needsHalt) haltFn = addHaltImport(out);
  const registry = new HelperRegistry(out, HELPERS, haltFn);
  const usesBits = out.functions.some((f) => f.body.some((i) => BITWISE_OPS.has(i.op)));
  const opts = { specializedDivisors: specializedDivisors(out), bits: usesBits ? new ModuleBits(out) : undefined };
  const originals = out.functions.length;
  for (let k = 0; k < originals; k++) out.functions[k] = lowerFunction(out.functions[k], out, registry, opts);
  return out;
}

const HALT_TYPE: FuncType = { params: ['i32'], results: [] };

/** The `env.halt(status)` import (not the older parameterless `env.halt()`), or −1. */
function haltImportIndex(m: WasmModule): number {
  return m.imports
    .filter((i) => i.kind === 'func')
    .findIndex((i) => i.module === 'env' && i.name === 'halt' && i.typeIndex !== undefined && m.types[i.typeIndex]?.params.length === 1);
}

/** Appends `env.halt: (i32) → ()` and shifts every defined function index by one. */
function addHaltImport(m: WasmModule): number {
  const index = m.importedFunctionCount;
  m.imports.push({ module: 'env', name: 'halt', kind: 'func', typeIndex: typeIndexOf(m, HALT_TYPE) });
  m.importedFunctionCount++;
  for (const f of m.functions) {
    f.index++;
    for (const ins of f.body) if (ins.op === 'call' && ins.imm >= index) ins.imm++;
  }
  for (const e of m.exports) if (e.kind === 'func' && e.index >= index) e.index++;
  if (m.start !== undefined && m.start >= index) m.start++;
  return index;
}
