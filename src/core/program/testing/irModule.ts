import type { FuncType, WasmFunction, WasmInstr, WasmModule } from '../../wasm/ir.ts';

/**
 * Hand-built wasm IR modules for tests that should not depend on clang: `compute` plus helpers,
 * the `env.output_byte` import (function index 0), and optional data segments.
 */
export interface IrFunctionSpec {
  name: string;
  params?: number;
  results?: number;
  locals?: number;
  body: (string | [string, number])[];
}

export function ins(op: string, imm = 0): WasmInstr {
  return { op, imm: op === 'i32.const' ? imm >>> 0 : imm };
}

export function irModule(fns: IrFunctionSpec[], opts: { data?: { offset: number; bytes: Uint8Array }[]; heapBase?: number } = {}): WasmModule {
  const types: FuncType[] = [{ params: ['i32'], results: [] }];
  const functions: WasmFunction[] = fns.map((f, i) => {
    const type: FuncType = { params: Array(f.params ?? 0).fill('i32'), results: Array(f.results ?? 0).fill('i32') };
    types.push(type);
    return {
      index: i + 1,
      name: f.name,
      typeIndex: types.length - 1,
      type,
      locals: Array(f.locals ?? 0).fill('i32'),
      body: [...f.body.map((b) => (typeof b === 'string' ? ins(b) : ins(b[0], b[1]))), ins('end')],
    };
  });
  return {
    types,
    imports: [{ module: 'env', name: 'output_byte', kind: 'func', typeIndex: 0 }],
    functions,
    globals: [{ type: 'i32', mutable: false, init: opts.heapBase ?? 4096 }],
    exports: [
      { name: 'compute', kind: 'func', index: 1 },
      { name: '__heap_base', kind: 'global', index: 0 },
    ],
    data: (opts.data ?? []).map((d) => ({ mode: 'active' as const, offset: d.offset, bytes: d.bytes })),
    importedFunctionCount: 1,
    customSections: [],
  };
}
