/**
 * Float lowering: rewrites every f32 value into its IEEE bit pattern as an i32 and every f64 value
 * into its bit pattern as an i64 (locals, parameters, results, block and select types, constants,
 * loads and stores), so that after this pass only integers remain. Runs after validation and
 * before the i64-pair pass (which splits the i64s into i32 words).
 *
 * - reinterpret ops vanish; abs, neg and copysign become compares, selects and adds on the bits
 *   (bitwise ops are expensive on the machine, adds are not);
 * - every arithmetic, comparison and conversion op becomes a call of its soft-float helper
 *   (softfloat.c, prebuilt): each helper, and the helpers it calls, is copied into the module once,
 *   on first use, named `__tvm_<helper>`;
 * - the trapping truncations' helpers call trap functions that print a message and halt.
 *
 * Modules without float constructs are returned unchanged. Returns a new module.
 */
import type { FuncType, ValType, WasmFunction, WasmInstr, WasmModule } from '../../wasm/ir.ts';
import { typeIndexOf } from '../helperRegistry.ts';
import { ABNORMAL_ENDS, type AbnormalEnd } from '../../tokens/exitStatus.ts';
import { addHaltImport, haltImportIndex } from '../haltImport.ts';
import { BIT_OPS, HELPER_OPS, TRAPPING_FLOAT_OPS, helperName, integerType } from '../../wasm/floatOps.ts';
import { wasmOp } from '../../wasm/opcodeTable.ts';
import { softfloatClosure, softfloatExport, softfloatModule, trapImportAt, type TrapImport } from './softfloatModule.ts';


/** Each soft-float trap halts with its status word (docs/c-runtime.md "Exit status"). */
const FLOAT_TRAPS: Record<TrapImport, AbnormalEnd> = {
  trap_float_invalid: ABNORMAL_ENDS.invalidConversion,
  trap_float_overflow: ABNORMAL_ENDS.conversionOverflow,
};

const F32_SIGN = 0x80000000;
const F64_SIGN = '9223372036854775808';

/** The integer type holding a value of type `t` after this pass. */
function integerFuncType(t: FuncType): FuncType {
  return { params: t.params.map(integerType), results: t.results.map(integerType) };
}

const hasFloat = (types: readonly ValType[]): boolean => types.includes('f32') || types.includes('f64');

/** Whether `f` has any f32/f64 construct. */
function usesFloat(f: WasmFunction): boolean {
  return (
    hasFloat(f.type.params) ||
    hasFloat(f.type.results) ||
    hasFloat(f.locals) ||
    f.body.some(
      (i) =>
        HELPER_OPS.has(i.op) ||
        BIT_OPS.has(i.op) ||
        (i.blockType?.kind === 'value' && hasFloat([i.blockType.type])) ||
        (i.selectTypes !== undefined && hasFloat(i.selectTypes)),
    )
  );
}

export function lowerFloats(m: WasmModule): WasmModule {
  if (!m.functions.some(usesFloat) && !m.types.some((t) => hasFloat(t.params) || hasFloat(t.results))) return m;
  const out: WasmModule = {
    ...m,
    types: m.types.map(integerFuncType),
    imports: m.imports.map((i) => ({ ...i })),
    functions: m.functions.map((f) => ({ ...f, type: integerFuncType(f.type), locals: f.locals.map(integerType), body: f.body.map((i) => ({ ...i })) })),
    exports: m.exports.map((e) => ({ ...e })),
    globals: m.globals.map((g) => ({ ...g })),
    data: m.data,
    customSections: [...m.customSections],
  };
  const traps = out.functions.some((f) => f.body.some((i) => TRAPPING_FLOAT_OPS.has(i.op)));
  let haltFn = haltImportIndex(out);
  if (traps && haltFn < 0) haltFn = addHaltImport(out);
  const helpers = new HelperCopier(out, haltFn);
  const originals = out.functions.length;
  for (let k = 0; k < originals; k++) {
    if (usesFloat(m.functions[k])) out.functions[k] = rewriteFunction(out.functions[k], helpers);
  }
  return out;
}

/** Copies soft-float helpers into the module on first use; returns their function indexes. */
class HelperCopier {
  private readonly copied = new Map<number, number>();
  private readonly traps = new Map<TrapImport, number>();

  constructor(
    private readonly m: WasmModule,
    private readonly haltFn: number,
  ) {}

  /** Function index of the helper implementing `op`. */
  forOp(op: string): number {
    const root = softfloatExport(helperName(op));
    const closure = softfloatClosure(root);
    const fresh = closure.filter((f) => !this.copied.has(f.index));
    for (const f of fresh) this.copied.set(f.index, this.append(`__tvm_${f.name}`, f.type, f.locals, []));
    for (const f of fresh) {
      const target = this.m.functions[this.copied.get(f.index)! - this.m.importedFunctionCount];
      target.body = f.body.map((i) => this.relocate(i));
    }
    return this.copied.get(root.index)!;
  }

  private relocate(i: WasmInstr): WasmInstr {
    const copy: WasmInstr = { ...i };
    delete copy.pos; // positions of softfloat.c's own module, not of this one
    if (i.op === 'call') {
      const trap = trapImportAt(i.imm);
      copy.imm = trap ? this.trap(trap) : this.copied.get(softfloatModule().functions[i.imm - softfloatModule().importedFunctionCount].index)!;
    }
    return copy;
  }

  private trap(kind: TrapImport): number {
    const known = this.traps.get(kind);
    if (known !== undefined) return known;
    const body: WasmInstr[] = [
      { op: 'i32.const', imm: FLOAT_TRAPS[kind].word },
      { op: 'call', imm: this.haltFn },
      { op: 'unreachable', imm: 0 },
      { op: 'end', imm: 0 },
    ];
    const index = this.append(`__tvm_${kind}`, { params: [], results: [] }, [], body);
    this.traps.set(kind, index);
    return index;
  }

  private append(name: string, type: FuncType, locals: ValType[], body: WasmInstr[]): number {
    const index = this.m.importedFunctionCount + this.m.functions.length;
    this.m.functions.push({ index, name, typeIndex: typeIndexOf(this.m, type), type, locals: [...locals], body });
    return index;
  }
}

/** Rewrites one function's body; temporaries it needs are appended to its locals. */
function rewriteFunction(f: WasmFunction, helpers: HelperCopier): WasmFunction {
  const locals = [...f.locals];
  const localBase = f.type.params.length;
  const temps = new Map<string, number>();
  const temp = (name: 'v32' | 'v64' | 'cond'): number => {
    let t = temps.get(name);
    if (t === undefined) {
      t = localBase + locals.length;
      locals.push(name === 'v64' ? 'i64' : 'i32');
      temps.set(name, t);
    }
    return t;
  };
  const body: WasmInstr[] = [];
  const emit = (op: string, imm = 0, extra: Partial<WasmInstr> = {}): void => {
    body.push({ op, imm, ...extra });
  };
  /** |x| of the bits on top of the stack: x <s 0 ? x + sign : x. */
  const abs = (wide: boolean, pos: number | undefined): void => {
    const t = temp(wide ? 'v64' : 'v32');
    const p = { pos };
    emit('local.tee', t, p);
    if (wide) emit('i64.const', 0, { literal: F64_SIGN, ...p });
    else emit('i32.const', F32_SIGN, p);
    emit(wide ? 'i64.add' : 'i32.add', 0, p);
    emit('local.get', t, p);
    emit('local.get', t, p);
    if (wide) emit('i64.const', 0, { literal: '0', ...p });
    else emit('i32.const', 0, p);
    emit(wide ? 'i64.lt_s' : 'i32.lt_s', 0, p);
    emit('select', 0, p);
  };

  for (const ins of f.body) {
    const { op, pos } = ins;
    const p = { pos };
    if (HELPER_OPS.has(op)) {
      emit('call', helpers.forOp(op), p);
      continue;
    }
    switch (op) {
      case 'f32.const':
        emit('i32.const', Number(ins.bits ?? 0), p);
        continue;
      case 'f64.const':
        emit('i64.const', 0, { literal: ins.bits ?? '0', ...p });
        continue;
      case 'f32.load':
      case 'f64.load':
      case 'f32.store':
      case 'f64.store':
        body.push({ ...ins, op: wasmOp(op)!.bitsOp! });
        continue;
      case 'i32.reinterpret_f32':
      case 'f32.reinterpret_i32':
      case 'i64.reinterpret_f64':
      case 'f64.reinterpret_i64':
        continue;
      case 'f32.neg':
        emit('i32.const', F32_SIGN, p);
        emit('i32.add', 0, p);
        continue;
      case 'f64.neg':
        emit('i64.const', 0, { literal: F64_SIGN, ...p });
        emit('i64.add', 0, p);
        continue;
      case 'f32.abs':
      case 'f64.abs':
        abs(op === 'f64.abs', pos);
        continue;
      case 'f32.copysign':
      case 'f64.copysign': {
        // [a, b] → |a| + (b <s 0 ? sign : 0)
        const wide = op === 'f64.copysign';
        const c = temp('cond');
        if (wide) emit('i64.const', 0, { literal: '0', ...p });
        else emit('i32.const', 0, p);
        emit(wide ? 'i64.lt_s' : 'i32.lt_s', 0, p);
        emit('local.set', c, p);
        abs(wide, pos);
        if (wide) {
          emit('i64.const', 0, { literal: F64_SIGN, ...p });
          emit('i64.const', 0, { literal: '0', ...p });
        } else {
          emit('i32.const', F32_SIGN, p);
          emit('i32.const', 0, p);
        }
        emit('local.get', c, p);
        emit('select', 0, p);
        emit(wide ? 'i64.add' : 'i32.add', 0, p);
        continue;
      }
    }
    const copy: WasmInstr = { ...ins };
    if (ins.blockType?.kind === 'value') copy.blockType = { kind: 'value', type: integerType(ins.blockType.type) };
    if (ins.selectTypes) copy.selectTypes = ins.selectTypes.map(integerType);
    body.push(copy);
  }
  return { ...f, locals, body };
}
