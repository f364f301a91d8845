import type { WasmFunction, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { opsWhere, wasmOp } from '../wasm/opcodeTable.ts';
import { lowerBrTable } from './brTable.ts';
import { Code } from './code.ts';
import { divSConst, divUConst, remSConst, remUConst } from './constDivide.ts';
import { constantLocals } from './constantLocals.ts';
import { andConstBest } from './constMask.ts';
import { mulConst } from './constMul.ts';
import { rotlConst, rotrConst, shlConst, shrSConst, shrUConst } from './constShift.ts';
import { evalBinary, evalUnary } from './evalI32.ts';
import { expressionStart } from './expressionStart.ts';
import type { HelperRegistry } from './helperRegistry.ts';
import { singleBitCompare } from './bitCompare.ts';
import { andKnown, bitwiseKnown, orKnown, xorKnown } from './knownMask.ts';
import { KnownBits, type ModuleBits } from './knownBits.ts';
import { BITWISE_MODE } from './helpers/bitwise.ts';
import { REMAINDER_OFFSET } from './helpers/divide.ts';
import { addressAndX, push, STACK, type Operand, type Site } from './site.ts';

/** The i32 ops the machine lacks (the op table's `lowered` arithmetic). */
export const LOWERED_BINARY = opsWhere((i) => i.handling === 'lowered' && i.family === 'binary');
export const LOWERED_UNARY = opsWhere((i) => i.handling === 'lowered' && i.family === 'unary');

/** Most temp locals any single expansion uses (they are shared by all sites of a function). */
export const MAX_LOWERING_TEMPS = 4;

const bitwiseOf = (op: string) => wasmOp(op)?.bitwise;
/** Consumers that only test their operand against zero. */
const TRUTH_TESTS = new Set(['br_if', 'if', 'i32.eqz', 'select']);

type KnownExpansion = (s: Site, x: Operand, c: number, zeros: number) => void;
const KNOWN_EXPANSION: Record<string, KnownExpansion> = { 'i32.and': andKnown, 'i32.or': orKnown, 'i32.xor': xorKnown };

/** The helper (helpers/catalog.ts) computing each lowered op on operands not known in advance. */
const VARIABLE_HELPER: Record<string, string> = {
  'i32.mul': 'mul', 'i32.div_u': 'udivmod', 'i32.rem_u': 'udivmod', 'i32.div_s': 'sdiv', 'i32.rem_s': 'srem',
  'i32.and': 'bitwise', 'i32.or': 'bitwise', 'i32.xor': 'bitwise',
  'i32.shl': 'shl', 'i32.shr_u': 'shr_u', 'i32.shr_s': 'shr_s', 'i32.rotl': 'rotl', 'i32.rotr': 'rotr',
  'i32.clz': 'clz', 'i32.ctz': 'ctz', 'i32.popcnt': 'popcnt',
};

type ConstExpansion = (s: Site, x: Operand, c: number) => void;

/** and/or/xor with a constant go through KNOWN_EXPANSION. */
const CONST_EXPANSION: Record<string, ConstExpansion> = {
  'i32.mul': mulConst,
  'i32.div_u': divUConst,
  'i32.rem_u': remUConst,
  'i32.div_s': divSConst,
  'i32.rem_s': remSConst,
  'i32.shl': shlConst,
  'i32.shr_u': shrUConst,
  'i32.shr_s': shrSConst,
  'i32.rotl': rotlConst,
  'i32.rotr': rotrConst,
};

/**
 * Rewrites one function body so that it holds only machine ops (plus structured control and
 * calls). Operands that are an absorbed `i32.const` / `local.get` right before the op are read
 * directly; temps are appended after the function's locals.
 */
export interface LowerFunctionOptions {
  /** Constant divisors that get an unrolled helper of their own (see divisorChoice.ts). */
  specializedDivisors: ReadonlySet<number>;
  /** Known bits of the module (see knownBits.ts); without it nothing is known. */
  bits?: ModuleBits;
}

export function lowerFunction(fn: WasmFunction, m: WasmModule, helpers: HelperRegistry, opts: LowerFunctionOptions): WasmFunction {
  const body = fn.body;
  const base = fn.type.params.length + fn.locals.length;
  const consts = constantLocals(fn);
  let known: KnownBits | undefined;
  /** Bits known to be zero in the left and right operands of the binary op body[i]. */
  const operandZeros = (i: number): [number, number] => {
    known ??= opts.bits?.of(fn) ?? new KnownBits(fn, m);
    const [x, y] = known.operands(i);
    return [x.zeros, y.zeros];
  };
  const out: WasmInstr[] = [];
  const code = new Code(out);
  /** out index where body[i]'s code starts (kept up to date across insertions). */
  const starts: number[] = new Array(body.length).fill(-1);
  /** body[i] was copied as is (one instruction at starts[i]). */
  const verbatim: boolean[] = new Array(body.length).fill(false);
  let tempsInUse = 0;
  let maxTemps = 0;
  let current = 0;
  let xEnd = -1;
  let shortTemp = -1;

  const site: Site = {
    c: code,
    temp() {
      if (tempsInUse === MAX_LOWERING_TEMPS) throw new Error('lowering: an expansion needs more temps than MAX_LOWERING_TEMPS');
      const t = base + tempsInUse++;
      maxTemps = Math.max(maxTemps, tempsInUse);
      return t;
    },
    shortTemp() {
      if (shortTemp < 0) shortTemp = site.temp();
      return shortTemp;
    },
    helper: (name) => helpers.helper(name),
    helperFrom: (name, make) => helpers.helperFrom(name, make),
    specializedDivisor: (d) => opts.specializedDivisors.has(d),
    insertBeneathX(value) {
      if (xEnd < 0) return false;
      const j = expressionStart(body, xEnd, m);
      if (j < 0) return false;
      const p = starts[j];
      out.splice(p, 0, { op: 'i32.const', imm: value >>> 0, pos: body[current].pos });
      for (let q = j + 1; q <= current; q++) if (starts[q] > p) starts[q]++;
      return true;
    },
  };

  const isTail = (q: number): boolean => q >= 0 && verbatim[q] && starts[q] === out.length - 1;
  /** The constant or local that body[q] pushes, when it is the last instruction emitted. */
  const absorb = (q: number): Operand | undefined => {
    if (!isTail(q)) return undefined;
    const b = body[q];
    let v: Operand | undefined;
    if (b.op === 'i32.const') v = { kind: 'const', value: b.imm >>> 0 };
    else if (b.op === 'local.get') {
      const c = consts.get(b.imm);
      v = c !== undefined ? { kind: 'const', value: c } : { kind: 'local', index: b.imm };
    }
    if (v) {
      out.pop();
      verbatim[q] = false;
    }
    return v;
  };

  /**
   * `x << k; i32.const k; shr_s/shr_u` with k = 16 or 24 (how clang -mcpu=mvp sign- or
   * zero-extends a char or short): one extension instead of two shifts. Returns whether the
   * two following instructions were consumed.
   */
  const extensionPair = (i: number, x: Operand, k: number): boolean => {
    const next = body[i + 1];
    const shr = body[i + 2]?.op;
    if ((k !== 16 && k !== 24) || next?.op !== 'i32.const' || (next.imm & 31) !== k) return false;
    if (shr !== 'i32.shr_s' && shr !== 'i32.shr_u') return false;
    const bytes = k === 24 ? 1 : 2;
    if (shr === 'i32.shr_u') andConstBest(site, x, bytes === 1 ? 0xff : 0xffff);
    else {
      addressAndX(site, x);
      code.mem(bytes === 1 ? 'i32.store8' : 'i32.store16', 0).load(bytes === 1 ? 'i32.load8_s' : 'i32.load16_s', 0);
    }
    starts[i + 1] = starts[i + 2] = starts[i];
    return true;
  };

  /**
   * `x | 2^b; i32.const K; i32.eq/ne` (or `x & ~2^b`) where bit b of x is unknown: two compares
   * (bitCompare.ts). Returns whether the two following instructions were consumed.
   */
  const bitCompare = (i: number, op: string, x: Operand, c: number, zx: number): boolean => {
    const next = body[i + 1];
    const cmp = body[i + 2]?.op;
    if (next?.op !== 'i32.const' || (cmp !== 'i32.eq' && cmp !== 'i32.ne') || (op !== 'i32.or' && op !== 'i32.and')) return false;
    const bit = (op === 'i32.or' ? c : ~c) >>> 0;
    if (bit === 0 || (bit & (bit - 1)) !== 0 || (zx & bit) !== 0) return false;
    singleBitCompare(site, op, x, c, next.imm, cmp);
    starts[i + 1] = starts[i + 2] = starts[i];
    return true;
  };

  /** Returns how many of the following instructions it consumed. */
  const lowerBinary = (i: number, op: string): number => {
    let y = absorb(i - 1) ?? STACK;
    let x: Operand = STACK;
    xEnd = -1;
    if (y.kind !== 'stack') {
      x = absorb(i - 2) ?? STACK;
      if (x.kind === 'stack') xEnd = i - 2;
    }
    starts[i] = out.length;
    if (x.kind === 'const' && y.kind === 'const') {
      const v = evalBinary(op, x.value, y.value);
      if (v !== undefined) {
        code.const(v);
        return 0;
      }
    }
    const bitwise = bitwiseOf(op);
    let [zx, zy] = bitwise ? operandZeros(i) : [0, 0];
    if (x.kind === 'const' && y.kind !== 'const' && wasmOp(op)?.commutative) [x, y, zx, zy] = [y, x, zy, zx];
    if (bitwise) {
      if (y.kind === 'const') {
        if (bitCompare(i, op, x, y.value, zx)) return 2;
        KNOWN_EXPANSION[op](site, x, y.value, zx);
        return 0;
      }
      if (bitwiseKnown(site, op, x, y, zx, zy, TRUTH_TESTS.has(body[i + 1]?.op))) return 0;
    }
    if (y.kind === 'const') {
      if (op === 'i32.shl' && extensionPair(i, x, y.value & 31)) return 2;
      CONST_EXPANSION[op](site, x, y.value);
      return 0;
    }
    push(site, x);
    push(site, y);
    if (bitwise) code.const(BITWISE_MODE[bitwise]);
    code.call(helpers.helper(VARIABLE_HELPER[op]));
    if (op === 'i32.rem_u') code.op('drop').load('i32.load', REMAINDER_OFFSET);
    return 0;
  };

  const lowerUnary = (i: number, op: string): void => {
    const x = absorb(i - 1) ?? STACK;
    xEnd = x.kind === 'stack' ? i - 1 : -1;
    starts[i] = out.length;
    if (x.kind === 'const') {
      const v = evalUnary(op, x.value);
      if (v !== undefined) {
        code.const(v);
        return;
      }
    }
    if (op === 'i32.extend8_s' || op === 'i32.extend16_s') {
      const wide = op === 'i32.extend16_s';
      addressAndX(site, x);
      code.mem(wide ? 'i32.store16' : 'i32.store8', 0).load(wide ? 'i32.load16_s' : 'i32.load8_s', 0);
      return;
    }
    push(site, x);
    code.call(helpers.helper(VARIABLE_HELPER[op]));
  };

  for (let i = 0; i < body.length; i++) {
    const ins = body[i];
    current = i;
    tempsInUse = 0;
    shortTemp = -1;
    const before = out.length;
    let consumed = 0;
    if (LOWERED_BINARY.has(ins.op)) consumed = lowerBinary(i, ins.op);
    else if (LOWERED_UNARY.has(ins.op)) lowerUnary(i, ins.op);
    else if (ins.op === 'br_table') {
      starts[i] = out.length;
      lowerBrTable(ins, code, site.temp());
    } else {
      starts[i] = out.length;
      out.push({ ...ins });
      verbatim[i] = true;
      continue;
    }
    for (let k = Math.min(before, starts[i]); k < out.length; k++) if (out[k].pos === undefined && ins.pos !== undefined) out[k].pos = ins.pos;
    i += consumed;
  }

  return {
    ...fn,
    locals: [...fn.locals, ...Array(maxTemps).fill('i32')],
    body: out,
  };
}
