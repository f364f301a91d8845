import type { WasmInstr } from '../wasm/ir.ts';
import { wasmOp } from '../wasm/opcodeTable.ts';

/**
 * Word-level expressions for the i64-pair pass: an i64 value is two i32 words (low, high), and
 * each i64 op becomes one small expression per result word over the operands' words. Expressions
 * fold constants and drop identities (x | 0, x << 0, …) before they are emitted, so the packing
 * clang does for struct copies (`zext(a) << 32 | zext(b)`) costs nothing.
 */

/** Where an operand word is: an instruction that pushes it (`i32.const`, `local.get`) or ON_STACK. */
export type Src = WasmInstr;

/** The deepest operand of an expansion, still on the operand stack (see PairEmitter). */
export const ON_STACK: Src = { op: '(on stack)', imm: 0 };

export interface Node {
  op: string;
  args: Expr[];
  /** Memarg offset of a load; function index of a call. */
  imm?: number;
  align?: number;
}

export type Expr = Src | Node;

const isNode = (e: Expr): e is Node => 'args' in e;

export const K = (v: number): Src => ({ op: 'i32.const', imm: v >>> 0 });
export const op = (name: string, ...args: Expr[]): Node => ({ op: name, args });
export const load = (name: string, addr: Expr, offset: number, align: number): Node => ({ op: name, args: [addr], imm: offset, align });
export const call = (fn: number, ...args: Expr[]): Node => ({ op: 'call', args, imm: fn });

/** The constant a word expression is, if it is one. */
function constOf(e: Expr): number | undefined {
  return !isNode(e) && e.op === 'i32.const' ? e.imm >>> 0 : undefined;
}

/** No side effect and no trap: may be dropped when an identity makes it unused. */
function pure(e: Expr): boolean {
  return isNode(e) ? wasmOp(e.op)?.family !== 'load' && e.op !== 'call' && e.args.every(pure) : e.op !== 'global.get';
}

function fold(name: string, a: number, b: number): number | undefined {
  const sa = a | 0;
  const sb = b | 0;
  switch (name) {
    case 'i32.add': return (a + b) >>> 0;
    case 'i32.sub': return (a - b) >>> 0;
    case 'i32.and': return (a & b) >>> 0;
    case 'i32.or': return (a | b) >>> 0;
    case 'i32.xor': return (a ^ b) >>> 0;
    case 'i32.mul': return Math.imul(a, b) >>> 0;
    case 'i32.shl': return (a << (b & 31)) >>> 0;
    case 'i32.shr_u': return a >>> (b & 31);
    case 'i32.shr_s': return (sa >> (b & 31)) >>> 0;
    case 'i32.eq': return +(a === b);
    case 'i32.ne': return +(a !== b);
    case 'i32.lt_u': return +(a < b);
    case 'i32.le_u': return +(a <= b);
    case 'i32.gt_u': return +(a > b);
    case 'i32.ge_u': return +(a >= b);
    case 'i32.lt_s': return +(sa < sb);
    case 'i32.le_s': return +(sa <= sb);
    case 'i32.gt_s': return +(sa > sb);
    case 'i32.ge_s': return +(sa >= sb);
    default: return undefined;
  }
}

function foldUnary(name: string, a: number): number | undefined {
  switch (name) {
    case 'i32.eqz': return +(a === 0);
    case 'i32.extend8_s': return ((a << 24) >> 24) >>> 0;
    case 'i32.extend16_s': return ((a << 16) >> 16) >>> 0;
    default: return undefined;
  }
}

/** Constant folding and identities, bottom up. */
function simplify(e: Expr): Expr {
  if (!isNode(e)) return e;
  const args = e.args.map(simplify);
  const ks = args.map(constOf);
  const n: Node = { ...e, args };
  if (args.length === 1 && ks[0] !== undefined) {
    const v = foldUnary(e.op, ks[0]);
    if (v !== undefined) return K(v);
  }
  if (e.op === 'select') {
    const c = ks[2];
    if (c !== undefined && pure(args[0]) && pure(args[1])) return c ? args[0] : args[1];
    return n;
  }
  if (args.length !== 2 || e.op === 'call') return n;
  const [x, y] = args;
  const [a, b] = ks;
  if (a !== undefined && b !== undefined) {
    const v = fold(e.op, a, b);
    if (v !== undefined) return K(v);
  }
  switch (e.op) {
    case 'i32.add':
    case 'i32.or':
    case 'i32.xor':
      if (b === 0) return x;
      if (a === 0) return y;
      break;
    case 'i32.sub':
      if (b === 0) return x;
      break;
    case 'i32.mul':
      if (b === 1) return x;
      if (a === 1) return y;
      if ((a === 0 && pure(y)) || (b === 0 && pure(x))) return K(0);
      break;
    case 'i32.and':
      if (b === 0xffffffff) return x;
      if (a === 0xffffffff) return y;
      if ((a === 0 && pure(y)) || (b === 0 && pure(x))) return K(0);
      break;
    case 'i32.shl':
    case 'i32.shr_u':
    case 'i32.shr_s':
      if (b !== undefined && (b & 31) === 0) return x;
      if (a === 0) return K(0);
      // x >> 31 (arithmetic) is the sign mask: two native compares instead of a lowered shift.
      if (e.op === 'i32.shr_s' && b !== undefined && (b & 31) === 31) return signMask(x);
      break;
    case 'i32.lt_u':
      if (b === 0 && pure(x)) return K(0);
      if (b === 1) return simplify(op('i32.eqz', x));
      break;
  }
  return n;
}

/** 0xffffffff when x < 0 (signed), else 0: the high word of sign-extending x. */
export function signMask(x: Expr): Expr {
  return simplify(op('i32.sub', K(0), op('i32.lt_s', x, K(0))));
}

/**
 * Collects the instructions of one expansion. Operand words are Srcs; `ON_STACK` is emitted as a
 * marker that the caller resolves (left in place when it comes first, else saved in a temp).
 */
/** What an expansion may ask of the pass: helper functions and the result-high global. */
export interface PairContext {
  /** Function index of the helper `__tvm_<name>` (created on first use). */
  helper(name: string): number;
  /** The global a helper's (or a function's) i64 result leaves its high word in. */
  readonly resultHigh: number;
}

export class PairEmitter {
  readonly code: WasmInstr[] = [];

  constructor(
    private readonly newTemp: () => number,
    readonly ctx: PairContext,
  ) {}

  /** Emits the (simplified) expression: pushes one word. */
  word(e: Expr): void {
    this.emit(simplify(e));
  }

  /**
   * Emits the word and returns a Src for reading it again: the expression itself when it is a
   * constant or an operand word, else a temp it was teed into.
   */
  shared(e: Expr): Src {
    const s = simplify(e);
    this.emit(s);
    if (!isNode(s)) return s;
    const t = this.newTemp();
    this.code.push({ op: 'local.tee', imm: t });
    return { op: 'local.get', imm: t };
  }

  instr(i: WasmInstr): void {
    this.code.push(i);
  }

  private emit(e: Expr): void {
    if (!isNode(e)) {
      this.code.push(e === ON_STACK ? ON_STACK : { ...e });
      return;
    }
    for (const a of e.args) this.emit(a);
    const i: WasmInstr = { op: e.op, imm: e.imm ?? 0 };
    if (e.align !== undefined) i.align = e.align;
    this.code.push(i);
  }
}
