import { StageError } from '../errors.ts';
import { ByteReader, decodeError } from './byteReader.ts';
import { decodeExpression, hex, readRefType, readValType, type IndexLimits } from './instructions.ts';
import type {
  FuncType,
  ValType,
  WasmDataSegment,
  WasmExport,
  WasmFunction,
  WasmGlobal,
  WasmImport,
  WasmInstr,
  WasmModule,
  WasmTable,
} from './ir.ts';
import { readNameSection } from './nameSection.ts';
import { wasmOp } from './opcodeTable.ts';
import { createLineTable } from './dwarfLines.ts';

/** Engines' limit on locals per function; keeps a tiny body from expanding into a huge array. */
export const MAX_DECODED_LOCALS = 50_000;
/** Limit on locals summed over all functions, so many tiny bodies cannot expand into a huge allocation either. */
export const MAX_DECODED_LOCALS_TOTAL = 1_000_000;

const SECTION_NAMES: Record<number, string> = {
  0: 'custom',
  1: 'type',
  2: 'import',
  3: 'function',
  4: 'table',
  5: 'memory',
  6: 'global',
  7: 'export',
  8: 'start',
  9: 'element',
  10: 'code',
  11: 'data',
  12: 'datacount',
  13: 'tag',
};

/** Position of each known non-custom section in the required order. */
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

const EXTERNAL_KINDS = ['func', 'table', 'memory', 'global', 'tag'] as const;

/**
 * Decodes a WebAssembly binary into the project's IR.
 * Malformed input of any kind gives a StageError('decode', … byte offset …); nothing else escapes.
 */
export function decodeModule(bytes: Uint8Array): WasmModule {
  try {
    return new ModuleDecoder(bytes).decode();
  } catch (e) {
    if (e instanceof StageError) throw e;
    // A safety net only: the decoder checks bounds itself, and the fuzz test asserts this never fires.
    throw new StageError('decode', `internal decoder fault: ${e instanceof Error ? e.message : String(e)}`);
  }
}

class ModuleDecoder {
  private readonly r: ByteReader;
  private readonly types: FuncType[] = [];
  private readonly imports: WasmImport[] = [];
  private readonly functionTypes: number[] = [];
  private readonly globals: WasmGlobal[] = [];
  private readonly exports: WasmExport[] = [];
  private readonly data: WasmDataSegment[] = [];
  private readonly functions: WasmFunction[] = [];
  private readonly customSections: string[] = [];
  private readonly debugSections = new Map<string, Uint8Array>();
  private nameSection?: Uint8Array;
  private importedFunctionCount = 0;
  private importedGlobalCount = 0;
  private memoryPages?: number;
  private start?: number;
  private dataCount?: number;
  private table?: WasmTable;
  private codePayloadOffset?: number;
  private sawCode = false;
  private totalLocals = 0;

  constructor(bytes: Uint8Array) {
    this.r = new ByteReader(bytes);
  }

  decode(): WasmModule {
    const r = this.r;
    if (r.bytes.length < 8) decodeError(`not a WebAssembly module: only ${r.bytes.length} bytes`, 0);
    const b = r.bytes;
    if (b[0] !== 0x00 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) {
      decodeError('not a WebAssembly module: bad magic (expected \\0asm)', 0);
    }
    const version = b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24);
    if (version !== 1) decodeError(`unsupported WebAssembly version ${version >>> 0} (expected 1)`, 4);
    r.pos = 8;

    let lastRank = 0;
    while (!r.atEnd()) {
      const sectionStart = r.pos;
      const id = r.u8();
      const size = r.u32();
      const name = SECTION_NAMES[id];
      if (name === undefined) decodeError(`unknown section id ${id}`, sectionStart);
      if (size > r.remaining) {
        decodeError(`${name} section declares ${size} bytes but only ${r.remaining} remain`, sectionStart);
      }
      const s = new ByteReader(r.bytes, r.pos, r.pos + size);
      if (id !== 0) {
        const rank = SECTION_RANK[id];
        if (rank <= lastRank) decodeError(`${name} section is out of order or repeated`, sectionStart);
        lastRank = rank;
      }
      this.section(id, s);
      if (!s.atEnd()) decodeError(`${name} section has ${s.remaining} unread bytes at its end`, s.pos);
      r.pos = s.end;
    }

    if (this.functionTypes.length > 0 && !this.sawCode) {
      decodeError(`${this.functionTypes.length} functions are declared but the code section is missing`, r.pos);
    }
    if (this.dataCount !== undefined && this.dataCount !== this.data.length) {
      decodeError(`datacount section says ${this.dataCount} data segments but ${this.data.length} are present`, r.pos);
    }
    return this.build();
  }

  private section(id: number, s: ByteReader): void {
    switch (id) {
      case 0: return this.customSection(s);
      case 1: return this.typeSection(s);
      case 2: return this.importSection(s);
      case 3: return this.functionSection(s);
      case 4: return this.tableSection(s);
      case 5: return this.memorySection(s);
      case 6: return this.globalSection(s);
      case 7: return this.exportSection(s);
      case 8: return this.startSection(s);
      case 9: return this.elementSection(s);
      case 10: return this.codeSection(s);
      case 11: return this.dataSection(s);
      case 12:
        this.dataCount = s.u32();
        return;
      case 13:
        decodeError('exception-handling tags are not supported', s.pos);
    }
  }

  private customSection(s: ByteReader): void {
    const name = s.name('custom section name');
    this.customSections.push(name);
    const payload = s.bytesView(s.remaining, name);
    if (name === 'name') this.nameSection = payload;
    else if (name.startsWith('.debug_')) this.debugSections.set(name, payload);
  }

  private typeSection(s: ByteReader): void {
    const n = s.count('type', 3);
    for (let i = 0; i < n; i++) {
      const at = s.pos;
      const form = s.u8();
      if (form !== 0x60) decodeError(`type ${i} is not a function type (form 0x${hex(form)})`, at);
      this.types.push({ params: this.valTypes(s, 'parameter'), results: this.valTypes(s, 'result') });
    }
  }

  private valTypes(s: ByteReader, what: string): ValType[] {
    const n = s.count(what);
    const out: ValType[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = readValType(s, what);
    return out;
  }

  private typeIndex(s: ByteReader): number {
    const at = s.pos;
    const t = s.u32();
    if (t >= this.types.length) decodeError(`type index ${t} is out of range (${this.types.length} types)`, at);
    return t;
  }

  private importSection(s: ByteReader): void {
    const n = s.count('import', 4);
    for (let i = 0; i < n; i++) {
      const module = s.name('import module name');
      const name = s.name('import name');
      const at = s.pos;
      const kindByte = s.u8();
      const kind = EXTERNAL_KINDS[kindByte];
      if (!kind) decodeError(`import '${module}.${name}' has invalid kind ${kindByte}`, at);
      const imp: WasmImport = { module, name, kind };
      switch (kind) {
        case 'func':
          imp.typeIndex = this.typeIndex(s);
          this.importedFunctionCount++;
          break;
        case 'table':
          readRefType(s, 'table element type');
          this.limits(s, false);
          break;
        case 'memory':
          this.memoryPages ??= this.limits(s, true);
          break;
        case 'global':
          readValType(s, 'global type');
          this.mutability(s);
          this.importedGlobalCount++;
          break;
        case 'tag':
          s.u8();
          imp.typeIndex = this.typeIndex(s);
          break;
      }
      this.imports.push(imp);
    }
  }

  /** Reads table/memory limits and returns the minimum. */
  private limits(s: ByteReader, isMemory: boolean): number {
    const at = s.pos;
    const flags = s.u8();
    if (flags > 3 || (!isMemory && flags > 1)) {
      decodeError(flags >= 4 && flags <= 7 && isMemory ? '64-bit memories are not supported' : `invalid limits flags 0x${hex(flags)}`, at);
    }
    const min = s.u32();
    if (flags & 1) {
      const max = s.u32();
      if (max < min) decodeError(`limits maximum ${max} is below minimum ${min}`, at);
    }
    if (isMemory && min > 65536) decodeError(`memory of ${min} pages exceeds 4 GiB`, at);
    return min;
  }

  private mutability(s: ByteReader): boolean {
    const at = s.pos;
    const m = s.u8();
    if (m > 1) decodeError(`invalid global mutability ${m}`, at);
    return m === 1;
  }

  private functionSection(s: ByteReader): void {
    const n = s.count('function');
    for (let i = 0; i < n; i++) this.functionTypes.push(this.typeIndex(s));
  }

  private tableSection(s: ByteReader): void {
    const n = s.count('table', 2);
    for (let i = 0; i < n; i++) {
      readRefType(s, 'table element type');
      const size = this.limits(s, false);
      if (i === 0 && !this.imports.some((imp) => imp.kind === 'table')) this.table = { size, slots: [] };
    }
  }

  private memorySection(s: ByteReader): void {
    const n = s.count('memory', 2);
    for (let i = 0; i < n; i++) {
      const min = this.limits(s, true);
      this.memoryPages ??= min;
    }
  }

  private limitsForExpr(): IndexLimits {
    return {
      types: this.types.length,
      functions: this.importedFunctionCount + this.functionTypes.length,
      globals: this.importedGlobalCount + this.globals.length,
      locals: 0,
    };
  }

  private globalSection(s: ByteReader): void {
    const n = s.count('global', 3);
    for (let i = 0; i < n; i++) {
      const type = readValType(s, 'global type');
      const mutable = this.mutability(s);
      const init = decodeExpression(s, this.limitsForExpr(), false, `initializer of global ${this.importedGlobalCount + i}`);
      const g: WasmGlobal = { type, mutable, init: 0 };
      const value = i32Constant(init);
      const wide = type === 'i64' ? i64Constant(init) : undefined;
      if (value !== undefined) g.init = value;
      else if (wide !== undefined) g.initI64 = wide;
      else g.initExpr = describeExpression(init);
      this.globals.push(g);
    }
  }

  private exportSection(s: ByteReader): void {
    const n = s.count('export', 3);
    for (let i = 0; i < n; i++) {
      const name = s.name('export name');
      const at = s.pos;
      const kindByte = s.u8();
      const kind = EXTERNAL_KINDS[kindByte];
      if (!kind) decodeError(`export '${name}' has invalid kind ${kindByte}`, at);
      const index = s.u32();
      if (kind === 'func' && index >= this.importedFunctionCount + this.functionTypes.length) {
        decodeError(`export '${name}' refers to function ${index}, which does not exist`, at);
      }
      this.exports.push({ name, kind, index });
    }
  }

  private startSection(s: ByteReader): void {
    const at = s.pos;
    const f = s.u32();
    if (f >= this.importedFunctionCount + this.functionTypes.length) decodeError(`start function ${f} does not exist`, at);
    this.start = f;
  }

  private elementSection(s: ByteReader): void {
    const n = s.count('element segment');
    const limits = this.limitsForExpr();
    for (let i = 0; i < n; i++) {
      const where = `element segment ${i}`;
      const at = s.pos;
      const flags = s.u32();
      if (flags > 7) decodeError(`${where} has invalid flags ${flags}`, at);
      const passiveOrDeclarative = (flags & 1) !== 0;
      const explicitTable = (flags & 2) !== 0;
      const usesExpressions = (flags & 4) !== 0;
      const tableIndex = !passiveOrDeclarative && explicitTable ? s.u32() : 0;
      const offsetExpr = passiveOrDeclarative ? undefined : decodeExpression(s, limits, false, `offset of ${where}`);
      const offset = offsetExpr ? i32Constant(offsetExpr) : undefined;
      const fillsTable = offsetExpr !== undefined && tableIndex === 0 && this.table;
      if (fillsTable && offset === undefined) this.table!.unknown ??= `${where} has a non-constant offset (${describeExpression(offsetExpr)})`;
      if (passiveOrDeclarative || explicitTable) {
        if (usesExpressions) readRefType(s, `${where} element type`);
        else {
          const kindAt = s.pos;
          if (s.u8() !== 0) decodeError(`${where} has an invalid element kind`, kindAt);
        }
      }
      const count = s.count(`${where} element`);
      for (let k = 0; k < count; k++) {
        let fn: number | undefined;
        if (usesExpressions) {
          const e = decodeExpression(s, limits, false, `${where} element ${k}`);
          if (e.length === 2 && e[0].op === 'ref.func') fn = e[0].imm;
        } else {
          const fat = s.pos;
          fn = s.u32();
          if (fn >= limits.functions) decodeError(`${where} refers to a function that does not exist`, fat);
        }
        if (fillsTable && offset !== undefined) this.table!.slots[offset + k] = fn;
      }
    }
  }

  private codeSection(s: ByteReader): void {
    this.sawCode = true;
    this.codePayloadOffset = s.pos;
    const n = s.count('function body', 2);
    if (n !== this.functionTypes.length) {
      decodeError(`code section has ${n} bodies but the function section declares ${this.functionTypes.length}`, s.pos);
    }
    const base = this.limitsForExpr();
    for (let i = 0; i < n; i++) {
      const index = this.importedFunctionCount + i;
      const where = `function ${index}`;
      const bodyPos = s.pos;
      const size = s.u32();
      if (size > s.remaining) decodeError(`${where}: body of ${size} bytes runs past the code section`, bodyPos);
      const body = new ByteReader(s.bytes, s.pos, s.pos + size);
      const typeIndex = this.functionTypes[i];
      const type = this.types[typeIndex];
      const locals = this.locals(body, type.params.length, where);
      const instrs: WasmInstr[] = decodeExpression(
        body,
        { ...base, locals: type.params.length + locals.length },
        true,
        where,
      );
      this.functions.push({ index, name: `func${index}`, typeIndex, type, locals, body: instrs, pos: bodyPos });
      s.pos = body.end;
    }
  }

  private locals(body: ByteReader, paramCount: number, where: string): ValType[] {
    const groups = body.count('local declaration', 2);
    const locals: ValType[] = [];
    for (let g = 0; g < groups; g++) {
      const at = body.pos;
      const n = body.u32();
      if (paramCount + locals.length + n > MAX_DECODED_LOCALS) {
        decodeError(`${where} declares more than ${MAX_DECODED_LOCALS} locals`, at);
      }
      this.totalLocals += n;
      if (this.totalLocals > MAX_DECODED_LOCALS_TOTAL) {
        decodeError(`the module declares more than ${MAX_DECODED_LOCALS_TOTAL} locals in total`, at);
      }
      const t = readValType(body, 'local declaration');
      for (let k = 0; k < n; k++) locals.push(t);
    }
    return locals;
  }

  private dataSection(s: ByteReader): void {
    const n = s.count('data segment', 2);
    const limits = this.limitsForExpr();
    for (let i = 0; i < n; i++) {
      const where = `data segment ${i}`;
      const at = s.pos;
      const flags = s.u32();
      let seg: WasmDataSegment;
      if (flags === 1) {
        seg = { mode: 'passive', offset: 0, bytes: new Uint8Array(0) };
      } else if (flags === 0 || flags === 2) {
        const memory = flags === 2 ? s.u32() : 0;
        const expr = decodeExpression(s, limits, false, `offset of ${where}`);
        const offset = i32Constant(expr);
        seg = { mode: memory === 0 ? 'active' : 'active-other', offset: offset ?? 0, bytes: new Uint8Array(0), memory };
        if (offset === undefined) seg.offsetExpr = describeExpression(expr);
      } else {
        decodeError(`${where} has invalid flags ${flags}`, at);
      }
      const len = s.u32();
      seg.bytes = s.bytesView(len, `${where} contents`).slice();
      this.data.push(seg);
    }
  }

  private build(): WasmModule {
    const names = this.nameSection ? readNameSection(this.nameSection) : undefined;
    if (names) {
      for (const f of this.functions) f.name = names.functions.get(f.index) ?? f.name;
      this.globals.forEach((g, i) => {
        const name = names.globals.get(this.importedGlobalCount + i);
        if (name !== undefined) g.name = name;
      });
    }
    const m: WasmModule = {
      types: this.types,
      imports: this.imports,
      functions: this.functions,
      globals: this.globals,
      exports: this.exports,
      data: this.data,
      importedFunctionCount: this.importedFunctionCount,
      customSections: this.customSections,
    };
    if (this.memoryPages !== undefined) m.memoryPages = this.memoryPages;
    if (this.table) m.table = this.table;
    if (this.start !== undefined) m.start = this.start;
    if (this.importedGlobalCount > 0) m.importedGlobalCount = this.importedGlobalCount;
    if (names) nameImports(this.imports, names.functions);
    if (this.debugSections.has('.debug_line') && this.codePayloadOffset !== undefined) {
      m.lineAt = createLineTable(this.debugSections, this.codePayloadOffset);
    }
    return m;
  }
}

/** The value of a constant expression that is exactly `i32.const c; end`, held unsigned. */
function i32Constant(expr: WasmInstr[]): number | undefined {
  return expr.length === 2 && expr[0].op === 'i32.const' ? expr[0].imm : undefined;
}

/** The value of a constant expression that is exactly `i64.const c; end`, held unsigned. */
function i64Constant(expr: WasmInstr[]): bigint | undefined {
  return expr.length === 2 && expr[0].op === 'i64.const' && expr[0].literal !== undefined ? BigInt.asUintN(64, BigInt(expr[0].literal)) : undefined;
}

function describeExpression(expr: WasmInstr[]): string {
  return expr
    .filter((i) => i.op !== 'end')
    .map((i) => {
      if (i.literal !== undefined) return `${i.op} ${i.literal}`;
      const family = wasmOp(i.op)?.family;
      return family === 'const' || family === 'global' || i.op === 'ref.func' ? `${i.op} ${i.imm}` : i.op;
    })
    .join('; ');
}

/** Gives imported functions their name-section names (usually the C name: `sqrt`, `putchar`). */
function nameImports(imports: WasmImport[], functionNames: Map<number, string>): void {
  let f = 0;
  for (const imp of imports) {
    if (imp.kind !== 'func') continue;
    const name = functionNames.get(f);
    if (name !== undefined) imp.functionName = name;
    f++;
  }
}
