import { StageError, type SourceLocation } from '../errors.ts';
import type { FuncType, ValType, WasmFunction, WasmGlobal, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { MAX_FUNCTION_LOCALS, MAX_LOCALS_PER_FRAME } from '../wasm/frameLimits.ts';
import { describeOp } from '../wasm/validate.ts';
import { wasmOp, type Signature } from '../wasm/opcodeTable.ts';
import { HelperRegistry } from './helperRegistry.ts';
import { i64Helpers } from './helpers/i64Catalog.ts';
import { PAIR_EXPANSIONS, VARIABLE_SHIFT_EXPANSIONS, type PairExpansion } from './i64Expansions.ts';
import {
  I64_ARITHMETIC,
  I64_SHIFTS,
  I64_STORES,
  I64_TRAPPING,
  isI64Op,
} from '../wasm/i64Subset.ts';
import { ON_STACK, PairEmitter, type PairContext, type Src } from './i64Words.ts';
import { addHaltImport, copyModule, haltImportIndex } from './haltImport.ts';

/**
 * Rewrites every i64 value into two i32 words (low word pushed first, high word on top), so that
 * the ordinary C clang compiles into 64-bit copies (struct assignment, structs by value, `char s[] =
 * "…"`) runs on the 32-bit machine. Runs after validation and before `lowerModule`, which then
 * lowers the i32 shifts and bitwise ops this pass emits.
 *
 * - An i64 parameter or local becomes two consecutive i32 locals (low, high): the words a caller
 *   pushes for an i64 argument are already in parameter order. Later locals are renumbered.
 * - An i64 result is returned as its low word; the high word travels in one module global
 *   (`__tvm_i64_result_high`, like wasm2js's tempRet0), set right before the return and read by
 *   the caller right after its call, so nothing can run in between.
 * - An i64 global becomes two i32 globals: the low word keeps the index, the high word is appended.
 * - A block, loop or if yielding an i64 becomes an empty-typed one: every path to its end leaves the
 *   two words in two result locals, read back right after its `end`.
 * - Code after br/br_table/return/unreachable up to the end of its block never runs and is dropped.
 * - Ops take operand words that are a constant or a local read emitted just before directly
 *   (like `lowerModule`'s absorbed operands), so copies and constants need no temps.
 *
 * Functions without any i64 construct are returned unchanged; a module without any is returned
 * itself. Otherwise returns a new module whose types have their i64s split (see `splitType`).
 */
export function lowerI64ToPairs(original: WasmModule): WasmModule {
  const signatures = [...original.types, ...original.functions.map((f) => f.type)];
  if (!original.globals.some((g) => g.type === 'i64') && !signatures.some(typeHasI64) && !original.functions.some(usesI64)) return original;
  let m = original;
  let haltFn = haltImportIndex(m);
  if (haltFn < 0 && m.functions.some((f) => f.body.some((i) => I64_TRAPPING.has(i.op)))) {
    m = copyModule(m);
    haltFn = addHaltImport(m);
  }
  const imported = m.importedGlobalCount ?? 0;
  const globals: WasmGlobal[] = m.globals.map((g) => (g.type === 'i64' ? lowWordGlobal(g) : g));
  const globalHigh = new Map<number, number>();
  m.globals.forEach((g, i) => {
    if (g.type !== 'i64') return;
    globalHigh.set(imported + i, imported + globals.length);
    globals.push({ type: 'i32', mutable: g.mutable, init: Number((g.initI64 ?? 0n) >> 32n), name: `${g.name ?? `global${imported + i}`}.high` });
  });
  let resultHigh = -1;
  const helperReturnsI64 = (op: string): boolean => I64_ARITHMETIC.has(op) || I64_SHIFTS.has(op);
  if (signatures.some((t) => t.results.includes('i64')) || m.functions.some((f) => f.body.some((i) => helperReturnsI64(i.op)))) {
    resultHigh = imported + globals.length;
    globals.push({ type: 'i32', mutable: true, init: 0, name: '__tvm_i64_result_high' });
  }
  const rewrite = (f: WasmFunction): boolean =>
    usesI64(f) || f.body.some((i) => (i.op === 'call' && typeHasI64(functionType(m, i.imm) ?? { params: [], results: [] })) || (wasmOp(i.op)?.family === 'global' && globalHigh.has(i.imm)));
  const out: WasmModule = { ...m, types: m.types.map(splitType), globals, functions: [...m.functions] };
  const registry = new HelperRegistry(out, i64Helpers(resultHigh), haltFn);
  const words: ModuleWords = { globalHigh, resultHigh, helper: (name) => registry.helper(name) };
  const originals = m.functions.length;
  for (let k = 0; k < originals; k++) if (rewrite(m.functions[k])) out.functions[k] = new PairRewriter(m, m.functions[k], words).run();
  return out;
}

/** A function type with each i64 parameter as two i32s (low, high) and each i64 result as its low word. */
export function splitType(t: FuncType): FuncType {
  return { params: t.params.flatMap((p): ValType[] => (p === 'i64' ? ['i32', 'i32'] : [p])), results: t.results.map((r) => (r === 'i64' ? 'i32' : r)) };
}

const typeHasI64 = (t: FuncType): boolean => t.params.includes('i64') || t.results.includes('i64');

function lowWordGlobal(g: WasmGlobal): WasmGlobal {
  const { initI64, ...rest } = g;
  return { ...rest, type: 'i32', init: Number((initI64 ?? 0n) & 0xffffffffn) };
}

function functionType(m: WasmModule, f: number): FuncType | undefined {
  if (f >= m.importedFunctionCount) return m.functions[f - m.importedFunctionCount]?.type;
  const imp = m.imports.filter((i) => i.kind === 'func')[f];
  return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
}

/** Where the split module keeps the high words of globals and of function results, and its helpers. */
interface ModuleWords extends PairContext {
  /** i64 global index → the global holding its high word. */
  globalHigh: ReadonlyMap<number, number>;
  /** The global an i64 result's high word is returned in; -1 when nothing returns an i64. */
  readonly resultHigh: number;
}

/** Whether the function has an i64 parameter, result, local, op, block type or typed select. */
function usesI64(f: WasmFunction): boolean {
  return (
    [...f.type.params, ...f.type.results, ...f.locals].includes('i64') ||
    f.body.some((i) => isI64Op(i.op) || (i.blockType?.kind === 'value' && i.blockType.type === 'i64') || i.selectTypes?.includes('i64'))
  );
}

/** One i32 word on the operand stack, as far as the rewriter knows where it came from. */
interface Word {
  /** Index in the output right after the code that left this word on top of the stack; -1 unknown. */
  end: number;
  /** The output instruction (i32.const / local.get) that alone pushed this word, if any. */
  single?: WasmInstr;
}

interface Frame {
  result: ValType | null;
  isLoop: boolean;
  /** Operand stack heights (values, words) at entry. */
  vals: number;
  words: number;
  /** After br/br_table/return/unreachable: the rest of the frame is skipped. */
  dead: boolean;
  /** Nesting depth of skipped blocks inside a dead region. */
  skip: number;
}

/** The signature of an i64 op this pass expands (constants and stores are handled before). */
function i64Signature(op: string): Signature | undefined {
  const info = wasmOp(op);
  return info?.handling === 'i64-pairs' ? info.sig : undefined;
}

/** The signature of an op on i32 words only, which passes through unchanged. */
function i32Signature(op: string): Signature | undefined {
  const info = wasmOp(op);
  return info?.type === 'i32' && info.sig && [...info.sig.params, ...info.sig.results].every((t) => t === 'i32') ? info.sig : undefined;
}

class PairRewriter {
  private readonly out: WasmInstr[] = [];
  private readonly words: Word[] = [];
  private readonly vals: ValType[] = [];
  private readonly frames: Frame[] = [];
  /** Types of parameters and declared locals, as declared. */
  private readonly localTypes: ValType[];
  /** Declared local index → index after the split (an i64 takes two: low, then high). */
  private readonly newIndex: number[] = [];
  /** i64 local → the local holding its high word. */
  private readonly high = new Map<number, number>();
  /** Words the parameters take after the split. */
  private readonly paramWords: number;
  /** Result locals of i64-typed blocks (low, high); -1 when the function has none. */
  private readonly r0: number;
  private readonly r1: number;
  /** First temp local; every local below it is the program's (reads of them may be moved). */
  private readonly tempBase: number;
  private temps = 0;
  private maxTemps = 0;
  private ins: WasmInstr = { op: 'nop', imm: 0 };

  constructor(
    private readonly m: WasmModule,
    private readonly fn: WasmFunction,
    private readonly words64: ModuleWords,
  ) {
    this.localTypes = [...fn.type.params, ...fn.locals];
    let next = 0;
    this.localTypes.forEach((t, i) => {
      this.newIndex.push(next++);
      if (t === 'i64') this.high.set(i, next++);
    });
    this.paramWords = splitType(fn.type).params.length;
    const blockYieldsI64 = fn.body.some((i) => i.blockType?.kind === 'value' && i.blockType.type === 'i64');
    this.r0 = blockYieldsI64 ? next++ : -1;
    this.r1 = blockYieldsI64 ? next++ : -1;
    this.tempBase = next;
  }

  run(): WasmFunction {
    const { fn } = this;
    fn.type.params.forEach((t, i) => {
      if (t !== 'i32' && t !== 'i64') this.refuse(`parameter ${i} of type ${t} is not supported`);
    });
    if (fn.type.results.length > 1 || fn.type.results.some((t) => t !== 'i32' && t !== 'i64')) this.refuse(`return type (${fn.type.results.join(', ')}) is not supported`);
    this.frames.push({ result: fn.type.results[0] ?? null, isLoop: false, vals: 0, words: 0, dead: false, skip: 0 });
    for (const ins of fn.body) {
      if (!this.frames.length) this.refuse('instructions after the end of the function');
      this.ins = ins;
      this.temps = 0;
      const f = this.frame();
      if (f.dead) this.skipDead(f);
      else this.step();
    }
    if (this.frames.length) this.refuse('the function body does not end');
    const locals: ValType[] = [
      ...fn.locals.flatMap((t): ValType[] => (t === 'i64' ? ['i32', 'i32'] : [t])),
      ...Array<ValType>(this.tempBase - this.localTypes.length - this.high.size + this.maxTemps).fill('i32'),
    ];
    const count = this.paramWords + locals.length;
    if (count > MAX_FUNCTION_LOCALS) {
      throw new StageError(
        'lower',
        `in function '${fn.name}': with its 64-bit values split into 32-bit words it needs ${count} locals (${this.high.size} for high words, ${this.tempBase - this.localTypes.length - this.high.size + this.maxTemps} temporaries); the machine addresses at most ${MAX_LOCALS_PER_FRAME} per call frame, one of them scratch — split the function or use fewer variables`,
        { function: fn.name },
      );
    }
    return { ...fn, type: splitType(fn.type), locals, body: this.out };
  }

  // ---- operand stack model -------------------------------------------------------------------

  private frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private popVal(expected?: ValType): ValType {
    const f = this.frame();
    const t = this.vals.length > f.vals ? this.vals.pop() : undefined;
    if (t === undefined) this.refuse(`${this.ins.op} pops an empty operand stack`);
    if (expected && t !== expected) this.refuse(`${this.ins.op} expects ${expected}, finds ${t}`);
    return t;
  }

  private popVals(types: readonly ValType[]): void {
    for (let k = types.length - 1; k >= 0; k--) this.popVal(types[k]);
  }

  private pushVal(t: ValType): void {
    if (t !== 'i32' && t !== 'i64') this.refuse(`values of type ${t} are not supported`);
    this.vals.push(t);
  }

  private isRematPush(i: WasmInstr | undefined): boolean {
    return !!i && (i.op === 'i32.const' || (i.op === 'local.get' && i.imm < this.tempBase));
  }

  /** Records the word the last emitted instruction left on top of the stack. */
  private pushWordFromTail(): void {
    const last = this.out[this.out.length - 1];
    this.words.push({ end: this.out.length, single: this.isRematPush(last) ? last : undefined });
  }

  /**
   * Pops the top word. When the one instruction that pushed it is the last one emitted, that
   * instruction is removed and returned (the expansion re-emits it where needed); else null: the
   * word stays on the operand stack.
   */
  private takeWord(): Src | null {
    const w = this.words.pop();
    if (!w) this.refuse(`${this.ins.op} pops an empty operand stack`);
    const last = this.out[this.out.length - 1];
    if (w.single && w.single === last && w.end === this.out.length) {
      this.out.pop();
      return last;
    }
    return null;
  }

  private temp(): number {
    const t = this.tempBase + this.temps++;
    this.maxTemps = Math.max(this.maxTemps, this.temps);
    return t;
  }

  private emit(op: string, imm = 0, extra: Partial<WasmInstr> = {}): WasmInstr {
    const i: WasmInstr = { op, imm, ...extra };
    if (this.ins.pos !== undefined) i.pos = this.ins.pos;
    this.out.push(i);
    return i;
  }

  private emitCopy(ins: WasmInstr, extra: Partial<WasmInstr> = {}): WasmInstr {
    const i: WasmInstr = { ...ins, ...extra };
    this.out.push(i);
    return i;
  }

  // ---- driver --------------------------------------------------------------------------------

  private skipDead(f: Frame): void {
    const op = this.ins.op;
    if (op === 'block' || op === 'loop' || op === 'if') f.skip++;
    else if (op === 'end') {
      if (f.skip) f.skip--;
      else this.end();
    } else if (op === 'else' && !f.skip) this.else();
  }

  private step(): void {
    const ins = this.ins;
    const op = ins.op;
    switch (op) {
      case 'block':
      case 'loop':
      case 'if':
        return this.open();
      case 'else':
        return this.else();
      case 'end':
        return this.end();
      case 'br':
        if (this.leavesFunctionWithI64(ins.imm)) this.setResultHigh();
        else this.saveForBranch(ins.imm);
        this.emitCopy(ins);
        this.frame().dead = true;
        return;
      case 'br_if':
        return this.brIf();
      case 'br_table': {
        this.popVal('i32');
        const labels = [ins.imm, ...(ins.targets ?? [])];
        if (labels.some((d) => this.leavesFunctionWithI64(d))) {
          if (!labels.every((d) => this.leavesFunctionWithI64(d))) this.refuse('br_table carrying a 64-bit value both out of the function and out of a block is not supported');
          const t = this.temp();
          this.emit('local.set', t);
          this.words.pop();
          this.setResultHigh();
          this.emit('local.get', t);
        } else if (this.carriesI64(ins.imm)) {
          const t = this.temp();
          this.emit('local.set', t);
          this.words.pop();
          this.saveResult();
          this.emit('local.get', t);
        }
        this.emitCopy(ins);
        this.frame().dead = true;
        return;
      }
      case 'return':
        if (this.fn.type.results[0] === 'i64') this.setResultHigh();
        this.emitCopy(ins);
        this.frame().dead = true;
        return;
      case 'unreachable':
        this.emitCopy(ins);
        this.frame().dead = true;
        return;
      case 'nop':
        this.emitCopy(ins);
        return;
      case 'call':
        return this.call();
      case 'drop':
        if (this.popVal() === 'i64') return this.expand(PAIR_EXPANSIONS.get('drop')!);
        if (!this.takeWord()) this.emitCopy(ins);
        return;
      case 'select': {
        this.popVal('i32');
        const t = this.popVal();
        this.popVal(t);
        this.pushVal(t);
        if (t === 'i64') return this.expand(PAIR_EXPANSIONS.get('select')!);
        return this.passThrough(3, 1);
      }
      case 'local.get':
      case 'local.set':
      case 'local.tee':
        return this.local();
      case 'global.get':
      case 'global.set': {
        const g = this.m.globals[ins.imm - (this.m.importedGlobalCount ?? 0)];
        if (!g || (g.type !== 'i32' && g.type !== 'i64')) this.refuse(`${op} of a global that is not an integer`);
        if (g.type === 'i64') return this.global64(this.words64.globalHigh.get(ins.imm)!);
        if (op === 'global.get') {
          this.pushVal('i32');
          return this.passThrough(0, 1);
        }
        this.popVal('i32');
        return this.passThrough(1, 0);
      }
      case 'i64.const': {
        const v = BigInt.asUintN(64, BigInt(ins.literal ?? ins.imm));
        this.pushVal('i64');
        this.emit('i32.const', Number(v & 0xffffffffn));
        this.pushWordFromTail();
        this.emit('i32.const', Number(v >> 32n));
        this.pushWordFromTail();
        return;
      }
    }
    if (op in I64_STORES) {
      this.popVals(['i32', 'i64']);
      return I64_STORES[op] ? this.narrowStore(I64_STORES[op]!) : this.store();
    }
    const sig64 = i64Signature(op);
    if (sig64) {
      this.popVals(sig64.params);
      if (op === 'i64.load') this.checkOffset();
      sig64.results.forEach((t) => this.pushVal(t));
      if (I64_SHIFTS.has(op) && !this.countIsConstant()) return this.expand(VARIABLE_SHIFT_EXPANSIONS.get(op)!);
      return this.expand(PAIR_EXPANSIONS.get(op)!);
    }
    const sig32 = i32Signature(op);
    if (!sig32) this.refuse(describeOp(op));
    this.popVals(sig32.params);
    sig32.results.forEach((t) => this.pushVal(t));
    this.passThrough(sig32.params.length, sig32.results.length);
  }

  /** Emits the instruction (with `extra` changes); its operands are i32 words, and so are its results. */
  private passThrough(pops: number, pushes: number, extra: Partial<WasmInstr> = {}): void {
    if (this.words.length < pops) this.refuse(`${this.ins.op} pops an empty operand stack`);
    this.words.length -= pops;
    this.emitCopy(this.ins, extra);
    if (pushes) this.pushWordFromTail();
  }

  private call(): void {
    const type = functionType(this.m, this.ins.imm);
    if (!type) this.refuse(`call to function ${this.ins.imm}, which does not exist`);
    this.popVals(type.params);
    type.results.forEach((t) => this.pushVal(t));
    this.passThrough(splitType(type).params.length, type.results.length);
    if (type.results[0] === 'i64') {
      this.emit('global.get', this.words64.resultHigh);
      this.pushWordFromTail();
    }
  }

  /** Moves the high word of the i64 result on top of the stack into the result-high global. */
  private setResultHigh(): void {
    this.words.pop();
    this.emit('global.set', this.words64.resultHigh);
  }

  /** global.get/set of an i64 global; `high` holds its high word. */
  private global64(high: number): void {
    const { op, imm } = this.ins;
    if (op === 'global.get') {
      this.pushVal('i64');
      this.emit('global.get', imm);
      this.pushWordFromTail();
      this.emit('global.get', high);
      this.pushWordFromTail();
      return;
    }
    this.popVal('i64');
    if (this.words.length < 2) this.refuse(`${op} pops an empty operand stack`);
    this.words.length -= 2;
    this.emit('global.set', high);
    this.emit('global.set', imm);
  }

  private local(): void {
    const { op, imm } = this.ins;
    const t = this.localTypes[imm];
    if (t === undefined) this.refuse(`${op} of local ${imm}, which does not exist`);
    if (op === 'local.get') this.pushVal(t);
    else {
      this.popVal(t);
      if (op === 'local.tee') this.pushVal(t);
    }
    const lo = this.newIndex[imm];
    if (t !== 'i64') return this.passThrough(op === 'local.get' ? 0 : 1, op === 'local.set' ? 0 : 1, { imm: lo });
    const hi = this.high.get(imm)!;
    if (op === 'local.get') {
      this.emit('local.get', lo);
      this.pushWordFromTail();
      this.emit('local.get', hi);
      this.pushWordFromTail();
      return;
    }
    this.words.length -= 2;
    this.emit('local.set', hi);
    this.emit(op === 'local.tee' ? 'local.tee' : 'local.set', lo);
    if (op === 'local.set') return;
    this.words.push({ end: this.out.length });
    this.emit('local.get', hi);
    this.pushWordFromTail();
  }

  // ---- expansions ----------------------------------------------------------------------------

  /**
   * Runs one word-level expansion: takes its operand words (absorbing trailing constants and local
   * reads), saves the other stack operands in temps except the deepest one, which stays on the
   * stack when the expansion reads it first, and emits the expansion's code.
   */
  private expand(x: PairExpansion): void {
    const taken: (Src | null)[] = [];
    for (let k = 0; k < x.inWords; k++) taken.push(this.takeWord());
    taken.reverse();
    let onStack = 0;
    while (onStack < taken.length && taken[onStack] === null) onStack++;
    const saved: number[] = [];
    const srcs: Src[] = taken.map((s, i) => {
      if (s) return s;
      if (i === 0) return ON_STACK;
      saved[i] = this.temp();
      return { op: 'local.get', imm: saved[i] };
    });
    const e = new PairEmitter(() => this.temp(), this.words64);
    x.emit(e, srcs, this.ins);
    const code = e.code;
    const reads = (t: number) => code.some((c) => c.op === 'local.get' && c.imm === t);
    for (let i = onStack - 1; i >= 1; i--) {
      if (reads(saved[i])) this.emit('local.set', saved[i]);
      else this.emit('drop');
    }
    if (onStack >= 1) {
      const uses = code.flatMap((c, k) => (c === ON_STACK ? [k] : []));
      if (!uses.length) this.emit('drop');
      else if (uses[0] === 0 && uses.length === 1) code.shift();
      else {
        const t = this.temp();
        if (uses[0] === 0) code[0] = { op: 'local.tee', imm: t };
        else this.emit('local.set', t);
        for (const k of uses) if (code[k] === ON_STACK) code[k] = { op: 'local.get', imm: t };
      }
    }
    for (const c of code) this.emit(c.op, c.imm, c.align !== undefined ? { align: c.align } : {});
    this.pushResultWords(x.outWords);
  }

  private pushResultWords(n: number): void {
    if (n === 0) return;
    if (n === 1) return this.pushWordFromTail();
    const len = this.out.length;
    const hi = this.out[len - 1];
    const lo = this.out[len - 2];
    const both = this.isRematPush(hi) && this.isRematPush(lo);
    this.words.push(both ? { end: len - 1, single: lo } : { end: -1 });
    this.pushWordFromTail();
  }

  /** Whether the shift count (the top two words) is two constants pushed right before the shift. */
  private countIsConstant(): boolean {
    const n = this.words.length;
    const [lo, hi] = [this.words[n - 2], this.words[n - 1]];
    const len = this.out.length;
    const isConst = (w: Word | undefined, at: number) => w?.single?.op === 'i32.const' && w.single === this.out[at] && w.end === at + 1;
    return isConst(hi, len - 1) && isConst(lo, len - 2);
  }

  /** i64.store8/16/32: the low word's low bytes. */
  private narrowStore(op: string): void {
    if (!this.takeWord()) this.emit('drop');
    this.words.length -= 2;
    const natural = op === 'i32.store' ? 2 : op === 'i32.store16' ? 1 : 0;
    this.emit(op, this.ins.imm, { align: Math.min(this.ins.align ?? natural, natural) });
  }

  /**
   * i64.store: `addr lo store; addr hi store+4`. When the value is not two trailing constants or
   * local reads, the address is read again from its local (if nothing wrote it since) or from a
   * temp teed right after the address was computed, so only the high word needs a temp.
   */
  private store(): void {
    this.checkOffset();
    const n = this.words.length;
    const len = this.out.length;
    const atTail = (w: Word, at: number) => !!w.single && w.single === this.out[at] && w.end === at + 1;
    if (atTail(this.words[n - 1], len - 1) && atTail(this.words[n - 2], len - 2)) return this.expand(PAIR_EXPANSIONS.get('i64.store')!);
    const addr = this.words[n - 3];
    const reread = this.rereadAddress(addr);
    if (!reread) return this.expand(PAIR_EXPANSIONS.get('i64.store')!);
    const hi = this.takeWord();
    this.words.length -= 2;
    let saved = -1;
    if (!hi) do saved = this.temp(); while (saved === reread.avoid);
    if (!hi) this.emit('local.set', saved);
    const align = Math.min(this.ins.align ?? 2, 2);
    this.emit('i32.store', this.ins.imm, { align });
    reread.emit();
    if (hi) this.emit(hi.op, hi.imm);
    else this.emit('local.get', saved);
    this.emit('i32.store', this.ins.imm + 4, { align });
  }

  /** How to push the address word `w` again after the value above it was computed. */
  private rereadAddress(w: Word | undefined): { emit: () => void; avoid: number } | undefined {
    if (!w || w.end < 0) return undefined;
    const from = w.end;
    const written = new Set<number>();
    for (let k = from; k < this.out.length; k++) {
      const i = this.out[k];
      if (i.op === 'local.set' || i.op === 'local.tee') written.add(i.imm);
    }
    const s = w.single;
    if (s && s.op === 'i32.const') return { emit: () => this.emit('i32.const', s.imm), avoid: -1 };
    if (s && s.op === 'local.get' && !written.has(s.imm)) return { emit: () => this.emit('local.get', s.imm), avoid: -1 };
    let t = this.tempBase;
    while (written.has(t)) t++;
    this.maxTemps = Math.max(this.maxTemps, t - this.tempBase + 1);
    const tee: WasmInstr = { op: 'local.tee', imm: t };
    if (this.ins.pos !== undefined) tee.pos = this.ins.pos;
    this.out.splice(from, 0, tee);
    for (const x of this.words) if (x.end > from) x.end++;
    return { emit: () => this.emit('local.get', t), avoid: t };
  }

  private checkOffset(): void {
    if (this.ins.imm + 4 > 0xffffffff) this.refuse(`${this.ins.op} with offset ${this.ins.imm}: the high word's offset does not fit`);
  }

  // ---- control -------------------------------------------------------------------------------

  private open(): void {
    const ins = this.ins;
    const bt = ins.blockType ?? { kind: 'empty' };
    if (bt.kind === 'typeIndex') this.refuse(`${ins.op} with a multi-value type is not supported`);
    const result = bt.kind === 'value' ? bt.type : null;
    if (result && result !== 'i32' && result !== 'i64') this.refuse(`${ins.op} yielding ${result} is not supported`);
    if (ins.op === 'if') {
      this.popVal('i32');
      this.words.pop();
    }
    this.frames.push({ result, isLoop: ins.op === 'loop', vals: this.vals.length, words: this.words.length, dead: false, skip: 0 });
    this.emitCopy(ins, result === 'i64' ? { blockType: { kind: 'empty' } } : {});
  }

  private else(): void {
    const f = this.frame();
    if (!f.dead && f.result === 'i64') this.saveResult();
    this.emitCopy(this.ins);
    this.vals.length = f.vals;
    this.words.length = f.words;
    f.dead = false;
    f.skip = 0;
  }

  private end(): void {
    const f = this.frames.pop()!;
    if (!this.frames.length) {
      if (!f.dead && f.result === 'i64') this.setResultHigh();
      this.emitCopy(this.ins);
      return;
    }
    if (!f.dead && f.result === 'i64') this.saveResult();
    this.emitCopy(this.ins);
    this.vals.length = f.vals;
    this.words.length = f.words;
    if (f.result === 'i64') {
      this.pushVal('i64');
      this.pushResult();
    } else if (f.result) {
      this.pushVal(f.result);
      this.words.push({ end: this.out.length });
    }
  }

  /** Whether a branch to label `depth` carries an i64 to the end of an i64-typed block (not the function's). */
  private carriesI64(depth: number): boolean {
    const target = this.frames[this.frames.length - 1 - depth];
    if (!target) this.refuse(`branch to label ${depth}, which does not exist`);
    return depth < this.frames.length - 1 && !target.isLoop && target.result === 'i64';
  }

  /** Whether a branch to label `depth` returns from a function whose result is an i64. */
  private leavesFunctionWithI64(depth: number): boolean {
    return depth === this.frames.length - 1 && this.frames[0].result === 'i64';
  }

  private saveForBranch(depth: number): void {
    if (this.carriesI64(depth)) this.saveResult();
  }

  /** Moves the i64 on top of the stack into the result locals. */
  private saveResult(): void {
    if (this.words.length < 2) this.refuse(`${this.ins.op} pops an empty operand stack`);
    this.words.length -= 2;
    this.emit('local.set', this.r1);
    this.emit('local.set', this.r0);
  }

  private pushResult(): void {
    this.emit('local.get', this.r0);
    this.pushWordFromTail();
    this.emit('local.get', this.r1);
    this.pushWordFromTail();
  }

  private brIf(): void {
    this.popVal('i32');
    if (this.leavesFunctionWithI64(this.ins.imm)) {
      // The high word goes to the result global; when the branch is not taken it is read back.
      const t = this.temp();
      this.words.pop();
      this.emit('local.set', t);
      this.setResultHigh();
      this.emit('local.get', t);
      this.emitCopy(this.ins);
      this.emit('global.get', this.words64.resultHigh);
      this.pushWordFromTail();
      return;
    }
    if (!this.carriesI64(this.ins.imm)) return this.passThrough(1, 0);
    const t = this.temp();
    this.words.pop();
    this.emit('local.set', t);
    this.saveResult();
    this.emit('local.get', t);
    this.emitCopy(this.ins);
    this.pushResult();
  }

  private refuse(message: string): never {
    const where: SourceLocation = { function: this.fn.name };
    const loc = this.ins.pos !== undefined ? this.m.lineAt?.(this.ins.pos) : undefined;
    if (loc) Object.assign(where, loc);
    const place = loc ? ` (${loc.file}:${loc.line}${loc.column ? `:${loc.column}` : ''})` : '';
    throw new StageError('lower', `in function '${this.fn.name}'${place}: ${message}`, where);
  }
}
