/**
 * The decoded form of a WebAssembly module, as far as this project needs it.
 * The decoder produces it; validation, lowering and flattening consume it.
 */

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

/** Block type of block/loop/if: empty, one value type, or a type index (multi-value). */
export type BlockType = { kind: 'empty' } | { kind: 'value'; type: ValType } | { kind: 'typeIndex'; index: number };

/**
 * One instruction of a structured function body.
 * `op` is the WebAssembly text-format name (`i32.add`, `local.get`, `block`, `br_table`, `memory.copy`, …).
 */
export interface WasmInstr {
  op: string;
  /**
   * The primary immediate: i32.const value (unsigned, mod 2^32); label depth for br/br_if;
   * local/global/function index; memarg offset for loads/stores; 0 when none.
   */
  imm: number;
  /** Memarg alignment exponent (loads/stores). */
  align?: number;
  /** block/loop/if. */
  blockType?: BlockType;
  /** br_table: the label depths (the default label is `imm`). */
  targets?: number[];
  /** f32.const / f64.const: the IEEE bit pattern, as an unsigned decimal integer (exact). */
  bits?: string;
  /** Literal text of constants the machine cannot hold (i64/f32/f64), for messages only. */
  literal?: string;
  /** Byte offset of the opcode from the start of the module (maps to DWARF line info). */
  pos?: number;
  /** Typed `select` (opcode 0x1C): its declared result types. */
  selectTypes?: ValType[];
  /** call_indirect: the table index, when it is not 0. */
  table?: number;
}

/** The function table (table 0) as its active element segments fill it at instantiation. */
export interface WasmTable {
  /** Initial size in elements. */
  size: number;
  /** Slot → function index; undefined for a null slot. */
  slots: (number | undefined)[];
  /** Set when the contents are not known before running (e.g. a segment offset that is not a constant). */
  unknown?: string;
}

export interface WasmImport {
  module: string;
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
  /** For functions: the type index. */
  typeIndex?: number;
  /** For functions: the name-section name, usually the C name (`putchar` for `env.output_byte`). */
  functionName?: string;
}

export interface WasmExport {
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
  index: number;
}

export interface WasmGlobal {
  type: ValType;
  mutable: boolean;
  /** i32.const initializer (unsigned), or 0 if the initializer is something else. */
  init: number;
  /** i64.const initializer (unsigned 64 bits) of an i64 global; then `init` is 0. */
  initI64?: bigint;
  /** Set when the initializer is not a single i32.const, e.g. `global.get 0` (validation refuses it). */
  initExpr?: string;
  /** From the name section's global names, when present (`__stack_pointer`, …). */
  name?: string;
}

export interface WasmDataSegment {
  /** 0 = active for memory 0 with an i32.const offset; other flags are rejected by validation. */
  mode: 'active' | 'passive' | 'active-other';
  offset: number;
  bytes: Uint8Array;
  /** Set when the offset is not a single i32.const, e.g. `global.get 1` (validation refuses it). */
  offsetExpr?: string;
  /** Memory index of an active segment (0 for mode 'active'). */
  memory?: number;
}

export interface WasmFunction {
  /** Index in the function index space (imports first). */
  index: number;
  /** From the name section when present, else `func<index>`. */
  name: string;
  typeIndex: number;
  type: FuncType;
  /** Declared locals (not parameters), expanded one entry per local. */
  locals: ValType[];
  body: WasmInstr[];
  /** Byte offset of the body (its size field) from the start of the module. */
  pos?: number;
}

export interface WasmModule {
  types: FuncType[];
  imports: WasmImport[];
  /** Defined functions only, in index order. */
  functions: WasmFunction[];
  globals: WasmGlobal[];
  exports: WasmExport[];
  data: WasmDataSegment[];
  /** Initial memory size in 64 KiB pages, if a memory is declared or imported. */
  memoryPages?: number;
  /** Table 0, when the module defines one (a table import is refused by validation). */
  table?: WasmTable;
  /** Number of imported functions (= index of the first defined function). */
  importedFunctionCount: number;
  /** Custom section names seen (for validation messages and debug info). */
  customSections: string[];
  /** Function index of the start section, when present (validation refuses it). */
  start?: number;
  /** Number of imported globals (global indices count them first; validation refuses global imports). */
  importedGlobalCount?: number;
  /** Source line lookup from DWARF .debug_line, when present: module byte offset → {file,line,column}. */
  lineAt?: (pos: number) => { file: string; line: number; column: number } | undefined;
}
