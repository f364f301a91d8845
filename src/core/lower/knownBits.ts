import type { BlockType, WasmFunction, WasmModule } from '../wasm/ir.ts';
import { hasSignature, opsWhere } from '../wasm/opcodeTable.ts';
import { evalBinary } from './evalI32.ts';
import { stackEffect } from './expressionStart.ts';

/**
 * Bits of a value that are the same in every execution: `zeros` has a bit set where the value
 * is provably 0, `ones` where it is provably 1. A constant has zeros | ones = 0xFFFFFFFF; a
 * boolean (the result of a comparison) has zeros = 0xFFFFFFFE.
 */
export interface Bits {
  zeros: number;
  ones: number;
}

const UNKNOWN: Bits = { zeros: 0, ones: 0 };
const BOOLEAN: Bits = { zeros: 0xfffffffe, ones: 0 };
const exact = (v: number): Bits => ({ zeros: ~v >>> 0, ones: v >>> 0 });
const isConst = (b: Bits): boolean => ((b.zeros | b.ones) >>> 0) === 0xffffffff;

/**
 * Known bits of the operands of every binary op in a function body: a forward abstract
 * interpretation over the structured control flow, with an abstract operand stack and one
 * abstract value per local. Paths join by keeping only the bits known on both; a loop is
 * re-run from its head until the states its back edges bring no longer change the head (bits
 * are only ever lost, so this ends). Declared locals start at 0 and parameters are unknown, as
 * in WebAssembly. Values a branch carries to its target and the results of blocks, calls, and
 * loads wider than 16 bits are unknown. If the body holds an op this analysis does not know, or
 * the iteration runs too long, every operand is reported unknown.
 */
export class KnownBits {
  private readonly operandBits = new Map<number, [Bits, Bits]>();
  /** Join of the values the function writes to each global (absent: never written). */
  readonly globalWrites = new Map<number, Bits>();
  /** False when the analysis gave up (an unknown op, too many loop rounds). */
  readonly complete: boolean;

  /** `globals`: what every global holds whenever it is read (see moduleGlobalBits); unknown when absent. */
  constructor(fn: WasmFunction, m: WasmModule, globals: readonly Bits[] = []) {
    this.complete = new Interpreter(fn, m, globals, this.operandBits, this.globalWrites).run();
    if (!this.complete) this.operandBits.clear();
  }

  /** Left and right operand of the and/or/xor at body[i] (unknown when i was never reached). */
  operands(i: number): [Bits, Bits] {
    return this.operandBits.get(i) ?? [UNKNOWN, UNKNOWN];
  }
}

/** Per local: zeros at 2x, ones at 2x + 1. */
type State = Uint32Array;

interface Label {
  kind: 'block' | 'loop' | 'if';
  /** Stack height beneath the label's parameters. */
  height: number;
  params: number;
  results: number;
  /** Join of the states that branch to this label (for a loop: its back edges). */
  branched: State | null;
  /** loop: the head state and the index of the `loop`; if: the state on entry (for the else arm). */
  head: State | null;
  start: number;
}

function join(a: State | null, b: State | null): State | null {
  if (!a) return b && Uint32Array.from(b);
  if (!b) return Uint32Array.from(a);
  return a.map((v, i) => v & b[i]);
}

/** join(into, b), reusing `into` (which the caller owns) when there is one. */
function joinInto(into: State | null, b: State | null): State | null {
  if (!into || !b) return join(into, b);
  for (let i = 0; i < into.length; i++) into[i] &= b[i];
  return into;
}

const same = (a: State, b: State): boolean => a.every((v, i) => v === b[i]);

/**
 * Widening at a loop head that keeps changing: a local whose bits changed keeps only its known
 * low zero bits (alignment), so a counter settles at once instead of losing one bit per round.
 */
function widen(old: State, next: State): State {
  const out = Uint32Array.from(next);
  for (let x = 0; x < out.length; x += 2) {
    if (old[x] === next[x] && old[x + 1] === next[x + 1]) continue;
    out[x] = lowMask(trailingZeros({ zeros: next[x], ones: 0 }));
    out[x + 1] = 0;
  }
  return out;
}

class Interpreter {
  private stack: Bits[] = [];
  private state: State | null;
  private readonly labels: Label[] = [];
  /** Per `loop` index: the head state it settled on, and how often that head has changed. */
  private readonly loopHeads = new Map<number, { head: State; changes: number }>();
  private readonly locals: number;

  constructor(
    private readonly fn: WasmFunction,
    private readonly m: WasmModule,
    private readonly globals: readonly Bits[],
    private readonly record: Map<number, [Bits, Bits]>,
    private readonly globalWrites: Map<number, Bits>,
  ) {
    const params = fn.type.params.length;
    this.locals = params + fn.locals.length;
    this.state = new Uint32Array(2 * this.locals);
    for (let x = params; x < this.locals; x++) this.state[2 * x] = 0xffffffff;
  }

  private arity(bt: BlockType | undefined): [number, number] {
    if (!bt || bt.kind === 'empty') return [0, 0];
    if (bt.kind === 'value') return [0, 1];
    const t = this.m.types[bt.index];
    return t ? [t.params.length, t.results.length] : [0, 0];
  }

  private unknowns(n: number): void {
    for (let k = 0; k < n; k++) this.stack.push(UNKNOWN);
  }

  /** Joins the current state into the target of a branch of depth d. */
  private branch(d: number): void {
    const l = this.labels[this.labels.length - 1 - d];
    if (l) l.branched = joinInto(l.branched, this.state);
  }

  run(): boolean {
    const body = this.fn.body;
    let budget = 64 * body.length + 10_000;
    for (let i = 0; i < body.length; i++) {
      if (--budget < 0) return false;
      const ins = body[i];
      const op = ins.op;
      if (op === 'block' || op === 'loop' || op === 'if') {
        if (op === 'if' && this.state) this.stack.pop();
        const [params, results] = this.arity(ins.blockType);
        const height = this.stack.length - params;
        const l: Label = { kind: op, height, params, results, branched: null, head: null, start: i };
        if (op === 'if') l.head = this.state && Uint32Array.from(this.state);
        if (op === 'loop' && this.state) {
          // Re-entered (an enclosing loop runs again): start from the head it settled on, which
          // already holds its back edges, joined with the new entry state.
          const seen = this.loopHeads.get(i);
          l.head = seen ? join(seen.head, this.state) : Uint32Array.from(this.state);
          this.state = Uint32Array.from(l.head!);
          // Values carried around a loop are not tracked.
          this.stack.length = height;
          this.unknowns(params);
        }
        this.labels.push(l);
        continue;
      }
      if (op === 'else') {
        const l = this.labels[this.labels.length - 1];
        l.branched = joinInto(l.branched, this.state);
        this.state = l.head;
        l.head = null;
        this.stack.length = l.height;
        this.unknowns(l.params);
        continue;
      }
      if (op === 'end') {
        const l = this.labels.pop();
        if (!l) return true; // the function's own end
        if (l.kind === 'loop') {
          let head = join(l.head, l.branched);
          if (head && l.head && !same(head, l.head)) {
            const seen = this.loopHeads.get(l.start) ?? { head, changes: 0 };
            if (++seen.changes > 1) head = widen(l.head, head);
            seen.head = head;
            this.loopHeads.set(l.start, seen);
            l.head = head;
            l.branched = null;
            this.labels.push(l);
            this.state = Uint32Array.from(head);
            this.stack.length = l.height;
            this.unknowns(l.params);
            i = l.start;
            continue;
          }
          if (l.head) this.loopHeads.set(l.start, { head: l.head, changes: this.loopHeads.get(l.start)?.changes ?? 0 });
          // Leaving a loop: only the fallthrough (a branch to a loop goes back to its head).
        } else {
          let out = joinInto(this.state, l.branched);
          if (l.kind === 'if' && l.head) out = joinInto(out, l.head); // no else arm: the condition was false
          this.state = out;
        }
        this.stack.length = l.height;
        this.unknowns(l.results);
        continue;
      }
      if (!this.state) continue; // unreachable code
      if (!this.step(i)) return false;
    }
    return true;
  }

  /** One straight-line or branch instruction in reachable code; false for an op it does not know. */
  private step(i: number): boolean {
    const ins = this.fn.body[i];
    const op = ins.op;
    const s = this.stack;
    const state = this.state!;
    const pop = (): Bits => s.pop() ?? UNKNOWN;
    switch (op) {
      case 'br':
        this.branch(ins.imm);
        this.state = null;
        return true;
      case 'br_if':
        pop();
        this.branch(ins.imm);
        return true;
      case 'br_table':
        pop();
        for (const d of [...(ins.targets ?? []), ins.imm]) this.branch(d);
        this.state = null;
        return true;
      case 'return':
      case 'unreachable':
        this.state = null;
        return true;
      case 'nop':
        return true;
      case 'local.get':
        s.push(ins.imm < this.locals ? { zeros: state[2 * ins.imm], ones: state[2 * ins.imm + 1] } : UNKNOWN);
        return true;
      case 'local.set':
      case 'local.tee': {
        const v = pop();
        if (ins.imm < this.locals) {
          state[2 * ins.imm] = v.zeros;
          state[2 * ins.imm + 1] = v.ones;
        }
        if (op === 'local.tee') s.push(v);
        return true;
      }
      case 'i32.const':
        s.push(exact(ins.imm));
        return true;
      case 'global.get':
        s.push(this.globals[ins.imm] ?? UNKNOWN);
        return true;
      case 'global.set': {
        const v = pop();
        const w = this.globalWrites.get(ins.imm);
        this.globalWrites.set(ins.imm, w ? { zeros: w.zeros & v.zeros, ones: w.ones & v.ones } : v);
        return true;
      }
      case 'select': {
        pop();
        const b = pop();
        const a = pop();
        s.push({ zeros: a.zeros & b.zeros, ones: a.ones & b.ones });
        return true;
      }
    }
    if (BINARY.has(op)) {
      const b = pop();
      const a = pop();
      if (RECORDED.has(op)) this.record.set(i, [a, b]);
      s.push(normalize(binary(op, a, b)));
      return true;
    }
    if (UNARY.has(op)) {
      s.push(normalize(unary(op, pop())));
      return true;
    }
    const eff = stackEffect(ins, this.m);
    if (!eff) return false;
    for (let k = 0; k < eff[0]; k++) pop();
    this.unknowns(eff[1]);
    return true;
  }
}

/**
 * Known bits for a whole module. What each global holds whenever it is read is its initial value
 * joined with every value any function writes to it, as a greatest fixpoint (start from the
 * initial values, re-analyse the writers while their writes lose bits). Imported and non-i32
 * globals are unknown; if a writer cannot be analysed, so are all mutable globals.
 */
export class ModuleBits {
  readonly globals: Bits[] = [];
  private readonly analyses = new Map<WasmFunction, KnownBits>();

  constructor(private readonly m: WasmModule) {
    const imported = m.importedGlobalCount ?? m.imports.filter((i) => i.kind === 'global').length;
    const bits = this.globals;
    for (let g = 0; g < imported; g++) bits.push(UNKNOWN);
    for (const g of m.globals) bits.push(g.type === 'i32' && g.initExpr === undefined ? exact(g.init) : UNKNOWN);
    const writers = m.functions.filter((f) => f.body.some((i) => i.op === 'global.set'));
    for (let round = 0; ; round++) {
      if (round === 64) {
        this.forget((g) => g < imported || m.globals[g - imported].mutable);
        return;
      }
      let changed = false;
      for (const f of writers) {
        const kb = new KnownBits(f, m, bits);
        // Kept: the round that changes nothing leaves the analyses for the final hypothesis.
        this.analyses.set(f, kb);
        if (!kb.complete) {
          this.forget((g) => g < imported || m.globals[g - imported].mutable);
          return;
        }
        for (const [g, w] of kb.globalWrites) {
          const b = bits[g] ?? UNKNOWN;
          const next = normalize({ zeros: b.zeros & w.zeros, ones: b.ones & w.ones });
          if (next.zeros !== b.zeros || next.ones !== b.ones) {
            bits[g] = next;
            changed = true;
          }
        }
      }
      if (!changed) return;
    }
  }

  /** The analysis of one of the module's functions under the final global facts. */
  of(fn: WasmFunction): KnownBits {
    let kb = this.analyses.get(fn);
    if (!kb) {
      kb = new KnownBits(fn, this.m, this.globals);
      this.analyses.set(fn, kb);
    }
    return kb;
  }

  private forget(which: (g: number) => boolean): void {
    this.globals.forEach((_, g) => {
      if (which(g)) this.globals[g] = UNKNOWN;
    });
    this.analyses.clear();
  }
}

/** The ops whose operands are recorded (the lowering asks for no others). */
const RECORDED = opsWhere((i) => i.type === 'i32' && !!i.bitwise);
/** i32 ops by arity: [i32, i32] → [i32] (comparisons and arithmetic) and [i32] → [i32] (tests, bit counts, extensions, loads). */
const BINARY = opsWhere((i) => i.type === 'i32' && hasSignature(i, ['i32', 'i32'], ['i32']));
const COMPARISONS = opsWhere((i) => BINARY.has(i.name) && i.family === 'compare');
const UNARY = opsWhere((i) => i.type === 'i32' && hasSignature(i, ['i32'], ['i32']));

function normalize(b: Bits): Bits {
  return { zeros: b.zeros >>> 0, ones: (b.ones & ~b.zeros) >>> 0 };
}

function binary(op: string, a: Bits, b: Bits): Bits {
  if (COMPARISONS.has(op)) return BOOLEAN;
  if (isConst(a) && isConst(b)) {
    const v = evalBinary(op, a.ones, b.ones) ?? (op === 'i32.add' ? a.ones + b.ones : op === 'i32.sub' ? a.ones - b.ones : undefined);
    if (v !== undefined) return exact(v);
  }
  const k = isConst(b) ? b.ones & 31 : -1;
  switch (op) {
    case 'i32.and': return { zeros: a.zeros | b.zeros, ones: a.ones & b.ones };
    case 'i32.or': return { zeros: a.zeros & b.zeros, ones: a.ones | b.ones };
    case 'i32.xor': return { zeros: (a.zeros & b.zeros) | (a.ones & b.ones), ones: (a.zeros & b.ones) | (a.ones & b.zeros) };
    case 'i32.add': {
      const low = Math.min(trailingZeros(a), trailingZeros(b));
      return { zeros: lowMask(low) | highMask(Math.max(width(a), width(b)) + 1), ones: 0 };
    }
    case 'i32.sub': return { zeros: lowMask(Math.min(trailingZeros(a), trailingZeros(b))), ones: 0 };
    case 'i32.mul':
      return { zeros: lowMask(Math.min(32, trailingZeros(a) + trailingZeros(b))) | highMask(width(a) + width(b)), ones: 0 };
    case 'i32.shl': return k < 0 ? UNKNOWN : { zeros: (a.zeros << k) | lowMask(k), ones: a.ones << k };
    case 'i32.shr_u':
      return k < 0 ? { zeros: highMask(width(a)), ones: 0 } : { zeros: (a.zeros >>> k) | ~(0xffffffff >>> k), ones: a.ones >>> k };
    // An arithmetic shift copies the sign bit, known or not.
    case 'i32.shr_s': return k < 0 ? UNKNOWN : { zeros: a.zeros >> k, ones: a.ones >> k };
    case 'i32.rotl':
    case 'i32.rotr': {
      if (k < 0) return UNKNOWN;
      const n = op === 'i32.rotl' ? k : (32 - k) & 31;
      return { zeros: rotl(a.zeros, n), ones: rotl(a.ones, n) };
    }
    case 'i32.div_u': return { zeros: highMask(width(a)), ones: 0 };
    case 'i32.rem_u': {
      const w = isConst(b) && b.ones !== 0 ? Math.min(width(a), 32 - Math.clz32(b.ones - 1)) : width(a);
      return { zeros: highMask(w), ones: 0 };
    }
    default: return UNKNOWN;
  }
}

function unary(op: string, a: Bits): Bits {
  switch (op) {
    case 'i32.eqz': return isConst(a) ? exact(a.ones === 0 ? 1 : 0) : BOOLEAN;
    case 'i32.clz':
    case 'i32.ctz':
    case 'i32.popcnt':
      return { zeros: ~63, ones: 0 };
    case 'i32.extend8_s': return a.zeros & 0x80 ? { zeros: a.zeros | 0xffffff00, ones: a.ones & 0x7f } : { zeros: a.zeros & 0x7f, ones: a.ones & 0x7f };
    case 'i32.extend16_s': return a.zeros & 0x8000 ? { zeros: a.zeros | 0xffff0000, ones: a.ones & 0x7fff } : { zeros: a.zeros & 0x7fff, ones: a.ones & 0x7fff };
    case 'i32.load8_u': return { zeros: ~0xff, ones: 0 };
    case 'i32.load16_u': return { zeros: ~0xffff, ones: 0 };
    default: return UNKNOWN;
  }
}

/** Number of low bits known zero. */
function trailingZeros(b: Bits): number {
  const may = ~b.zeros >>> 0;
  return may === 0 ? 32 : 31 - Math.clz32(may & -may);
}

/** The value is below 2^width. */
function width(b: Bits): number {
  return 32 - Math.clz32(~b.zeros >>> 0);
}

function lowMask(n: number): number {
  return n >= 32 ? 0xffffffff : (1 << n) - 1;
}

function highMask(n: number): number {
  return n >= 32 ? 0 : ~lowMask(n);
}

function rotl(v: number, n: number): number {
  return n === 0 ? v : (v << n) | (v >>> (32 - n));
}
