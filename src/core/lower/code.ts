import type { WasmInstr } from '../wasm/ir.ts';

/** A structured-control label; branch depths are computed from the builder's open labels. */
export class Label {
  constructor(readonly kind: 'block' | 'loop') {}
}

const NATURAL_ALIGN: Record<string, number> = {
  'i32.load': 2, 'i32.store': 2, 'i32.load16_s': 1, 'i32.load16_u': 1, 'i32.store16': 1,
  'i32.load8_s': 0, 'i32.load8_u': 0, 'i32.store8': 0,
};

export type MemOp = keyof typeof NATURAL_ALIGN;

/**
 * Builds a sequence of machine-level wasm instructions. Every method appends and returns `this`,
 * so expansions read like the instruction listing they produce.
 */
export class Code {
  readonly out: WasmInstr[];
  private readonly labels: Label[] = [];

  constructor(out: WasmInstr[] = []) {
    this.out = out;
  }

  op(op: string, imm = 0): this {
    this.out.push({ op, imm });
    return this;
  }

  const(v: number): this {
    return this.op('i32.const', v >>> 0);
  }
  get(local: number): this {
    return this.op('local.get', local);
  }
  set(local: number): this {
    return this.op('local.set', local);
  }
  tee(local: number): this {
    return this.op('local.tee', local);
  }
  add(): this {
    return this.op('i32.add');
  }
  sub(): this {
    return this.op('i32.sub');
  }
  call(fn: number): this {
    return this.op('call', fn);
  }

  /** A load or store with a memarg offset (the address is on the stack). */
  mem(op: MemOp, offset = 0): this {
    this.out.push({ op, imm: offset, align: NATURAL_ALIGN[op] });
    return this;
  }

  /** Pushes the value of memory at scratch address `offset` (base address 0). */
  load(op: MemOp, offset: number): this {
    return this.const(0).mem(op, offset);
  }

  /** Writes the constant `value` at scratch address `offset`. */
  storeConst(op: MemOp, offset: number, value = 0): this {
    return this.const(0).const(value).mem(op, offset);
  }

  /** Doubles the value on top of the stack `n` times, using `tmp` to read it twice. */
  double(n: number, tmp: number): this {
    for (let i = 0; i < n; i++) this.tee(tmp).get(tmp).add();
    return this;
  }

  /** Doubles local `l` in place `n` times. */
  doubleLocal(l: number, n: number): this {
    if (n === 0) return this;
    this.get(l).get(l).add();
    for (let i = 1; i < n; i++) this.tee(l).get(l).add();
    return this.set(l);
  }

  block(body: (l: Label) => void): this {
    return this.structured('block', body);
  }
  loop(body: (l: Label) => void): this {
    return this.structured('loop', body);
  }

  private structured(kind: 'block' | 'loop', body: (l: Label) => void): this {
    const l = new Label(kind);
    this.out.push({ op: kind, imm: 0, blockType: { kind: 'empty' } });
    this.labels.push(l);
    body(l);
    this.labels.pop();
    this.out.push({ op: 'end', imm: 0 });
    return this;
  }

  /** Depth of label `l` relative to the innermost open label. */
  depth(l: Label): number {
    const i = this.labels.lastIndexOf(l);
    if (i < 0) throw new Error('branch to a label that is not open');
    return this.labels.length - 1 - i;
  }
  br(l: Label): this {
    return this.op('br', this.depth(l));
  }
  brIf(l: Label): this {
    return this.op('br_if', this.depth(l));
  }
  /** Runs `emit` in the middle of a chain (for emitters that are plain functions). */
  do(emit: () => void): this {
    emit();
    return this;
  }
  ret(): this {
    return this.op('return');
  }
}
