import { StageError, type SourceLocation } from '../errors.ts';
import type { FuncType, ValType, WasmFunction, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { describeOp, MAX_LOCALS_PER_FRAME } from '../wasm/validate.ts';
import { PAIR_EXPANSIONS, type PairExpansion } from './i64Expansions.ts';
import { I64_BITWISE, I64_CONST_SHIFTS, I64_EXTEND_IN_PLACE, I64_LOADS, I64_ORDER, I64_STORES, isI64Op } from '../wasm/i64Subset.ts';
import { ON_STACK, PairEmitter, type Src } from './i64Words.ts';

/**
 * Rewrites every i64 value into two i32 words (low word pushed first, high word on top), so that
 * the ordinary C clang compiles into 64-bit copies (struct assignment, structs by value, `char s[] =
 * "…"`) runs on the 32-bit machine. Runs after validation and before `lowerModule`, which then
 * lowers the i32 shifts and bitwise ops this pass emits.
 *
 * - An i64 local keeps its index for the low word; its high word is a new i32 local appended after
 *   the declared locals. Parameters and results are i32 (the validator refuses i64 ones).
 * - A block, loop or if yielding an i64 becomes an empty-typed one: every path to its end leaves the
 *   two words in two result locals, read back right after its `end`.
 * - Code after br/br_table/return/unreachable up to the end of its block never runs and is dropped.
 * - Ops take operand words that are a constant or a local read emitted just before directly
 *   (like `lowerModule`'s absorbed operands), so copies and constants need no temps.
 *
 * Functions without any i64 construct are returned unchanged. Returns a new module.
 */
export function lowerI64ToPairs(m: WasmModule): WasmModule {
  if (!m.functions.some(usesI64)) return m;
  return { ...m, functions: m.functions.map((f) => (usesI64(f) ? new PairRewriter(m, f).run() : f)) };
}

/** Whether the function has an i64 parameter, result, local, op, block type or typed select. */
export function usesI64(f: WasmFunction): boolean {
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

type Signature = [ValType[], ValType[]];

const I32_UNARY = new Set(['i32.eqz', 'i32.clz', 'i32.ctz', 'i32.popcnt', 'i32.extend8_s', 'i32.extend16_s']);

function i64Signature(op: string): Signature | undefined {
  if (op === 'i64.extend_i32_u' || op === 'i64.extend_i32_s') return [['i32'], ['i64']];
  if (op === 'i32.wrap_i64' || op === 'i64.eqz') return [['i64'], ['i32']];
  if (op === 'i64.eq' || op === 'i64.ne' || op in I64_ORDER) return [['i64', 'i64'], ['i32']];
  if (op === 'i64.add' || op === 'i64.sub' || op in I64_BITWISE || I64_CONST_SHIFTS.has(op)) return [['i64', 'i64'], ['i64']];
  if (op in I64_EXTEND_IN_PLACE) return [['i64'], ['i64']];
  if (op in I64_LOADS) return [['i32'], ['i64']];
  return undefined;
}

function i32Signature(op: string): Signature | undefined {
  if (!op.startsWith('i32.') || op === 'i32.wrap_i64' || op.includes('f32') || op.includes('f64') || op.includes('atomic')) return undefined;
  if (op === 'i32.const') return [[], ['i32']];
  if (op.startsWith('i32.load')) return [['i32'], ['i32']];
  if (op.startsWith('i32.store')) return [['i32', 'i32'], []];
  if (I32_UNARY.has(op)) return [['i32'], ['i32']];
  return [['i32', 'i32'], ['i32']];
}

class PairRewriter {
  private readonly out: WasmInstr[] = [];
  private readonly words: Word[] = [];
  private readonly vals: ValType[] = [];
  private readonly frames: Frame[] = [];
  /** Types of parameters and declared locals, as declared. */
  private readonly localTypes: ValType[];
  /** i64 local → the local holding its high word. */
  private readonly high = new Map<number, number>();
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
  ) {
    this.localTypes = [...fn.type.params, ...fn.locals];
    let next = this.localTypes.length;
    this.localTypes.forEach((t, i) => {
      if (t === 'i64') this.high.set(i, next++);
    });
    const blockYieldsI64 = fn.body.some((i) => i.blockType?.kind === 'value' && i.blockType.type === 'i64');
    this.r0 = blockYieldsI64 ? next++ : -1;
    this.r1 = blockYieldsI64 ? next++ : -1;
    this.tempBase = next;
  }

  run(): WasmFunction {
    const { fn } = this;
    fn.type.params.forEach((t, i) => {
      if (t !== 'i32') this.refuse(`parameter ${i} of type ${t} is not supported`);
    });
    if (fn.type.results.length > 1 || fn.type.results.some((t) => t !== 'i32')) this.refuse(`return type (${fn.type.results.join(', ')}) is not supported`);
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
      ...fn.locals.map((t): ValType => (t === 'i64' ? 'i32' : t)),
      ...Array<ValType>(this.tempBase - this.localTypes.length + this.maxTemps).fill('i32'),
    ];
    const count = fn.type.params.length + locals.length;
    if (count + 1 > MAX_LOCALS_PER_FRAME) {
      throw new StageError(
        'lower',
        `in function '${fn.name}': with its 64-bit values split into 32-bit words it needs ${count} locals (${this.high.size} for high words, ${this.tempBase - this.localTypes.length - this.high.size + this.maxTemps} temporaries); the machine addresses at most ${MAX_LOCALS_PER_FRAME} per call frame, one of them scratch — split the function or use fewer variables`,
        { function: fn.name },
      );
    }
    return { ...fn, locals, body: this.out };
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

  private popVals(types: ValType[]): void {
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
        this.saveForBranch(ins.imm);
        this.emitCopy(ins);
        this.frame().dead = true;
        return;
      case 'br_if':
        return this.brIf();
      case 'br_table': {
        this.popVal('i32');
        if (this.carriesI64(ins.imm)) {
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
        if (!g || g.type !== 'i32') this.refuse(`${op} of a global that is not an i32`);
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
      this.popVals(sig64[0]);
      if (I64_CONST_SHIFTS.has(op)) this.checkConstantCount();
      if (op === 'i64.load') this.checkOffset();
      sig64[1].forEach((t) => this.pushVal(t));
      return this.expand(PAIR_EXPANSIONS.get(op)!);
    }
    const sig32 = i32Signature(op);
    if (!sig32) this.refuse(describeOp(op));
    this.popVals(sig32[0]);
    sig32[1].forEach((t) => this.pushVal(t));
    this.passThrough(sig32[0].length, sig32[1].length);
  }

  /** Emits the instruction unchanged; its operands are i32 words, and so are its results. */
  private passThrough(pops: number, pushes: number): void {
    if (this.words.length < pops) this.refuse(`${this.ins.op} pops an empty operand stack`);
    this.words.length -= pops;
    this.emitCopy(this.ins);
    if (pushes) this.pushWordFromTail();
  }

  private call(): void {
    const type = this.functionType(this.ins.imm);
    if (!type) this.refuse(`call to function ${this.ins.imm}, which does not exist`);
    if ([...type.params, ...type.results].some((t) => t !== 'i32')) this.refuse(`call to a function with type (${type.params.join(', ')}) -> (${type.results.join(', ')}): only i32 parameters and results are supported`);
    this.popVals(type.params);
    type.results.forEach((t) => this.pushVal(t));
    this.passThrough(type.params.length, type.results.length);
  }

  private functionType(f: number): FuncType | undefined {
    const m = this.m;
    if (f >= m.importedFunctionCount) return m.functions[f - m.importedFunctionCount]?.type;
    const imp = m.imports.filter((i) => i.kind === 'func')[f];
    return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
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
    if (t !== 'i64') return this.passThrough(op === 'local.get' ? 0 : 1, op === 'local.set' ? 0 : 1);
    const hi = this.high.get(imm)!;
    if (op === 'local.get') {
      this.emit('local.get', imm);
      this.pushWordFromTail();
      this.emit('local.get', hi);
      this.pushWordFromTail();
      return;
    }
    this.words.length -= 2;
    this.emit('local.set', hi);
    this.emit(op === 'local.tee' ? 'local.tee' : 'local.set', imm);
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
    const e = new PairEmitter(() => this.temp());
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

  private checkConstantCount(): void {
    const n = this.words.length;
    const [lo, hi] = [this.words[n - 2], this.words[n - 1]];
    const len = this.out.length;
    const isConst = (w: Word | undefined, at: number) => w?.single?.op === 'i32.const' && w.single === this.out[at] && w.end === at + 1;
    if (!isConst(hi, len - 1) || !isConst(lo, len - 2)) {
      this.refuse(`64-bit shift by a variable amount (${this.ins.op}) — long long shifts are supported only by a constant count`);
    }
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

  /** Whether a branch to label `depth` carries an i64 (to the end of an i64-typed block). */
  private carriesI64(depth: number): boolean {
    const target = this.frames[this.frames.length - 1 - depth];
    if (!target) this.refuse(`branch to label ${depth}, which does not exist`);
    return !target.isLoop && target.result === 'i64';
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
