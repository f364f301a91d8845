import { wasmOp } from '../../wasm/opcodeTable.ts';
import { MEMORY_BYTES } from '../../program/assemble.ts';
import type { Program } from '../../program/program.ts';
import { inputSectionBytes } from '../../program/tokenFiles.ts';

/**
 * Per-instruction execution counts of a program (a measurement aid: no tokens, no fault checks
 * beyond what the reference interpreter reports; compare `executed` with its count).
 * `byTag` charges each executed instruction to `program.sourceLines[pc]` (used as a tag), and
 * everything executed inside a `__tvm_*` helper to the tag of the call that entered it.
 */
export interface Profile {
  executed: number;
  counts: Uint32Array;
  byTag: Map<number, number>;
}

export function profileProgram(p: Program, input: Uint8Array | null, maxInstructions = 100_000_000): Profile {
  const n = p.instructions.length;
  const names = p.instructions.map((i) => i.op);
  const imms = p.instructions.map((i) => i.imm >>> 0);
  const inHelper = new Uint8Array(n);
  for (const f of p.functions ?? []) if (f.name.startsWith('__tvm_')) inHelper.fill(1, f.start, f.end);
  const tags = p.sourceLines ?? [];
  const counts = new Uint32Array(n);
  const byTag = new Map<number, number>();
  const mem = new Uint8Array(MEMORY_BYTES);
  const stack: number[] = [];
  let locals: Uint32Array = new Uint32Array(64);
  const frames: { ret: number; imm: number; locals: Uint32Array; charge: number | null }[] = [];
  let charge: number | null = null;
  let pc = 0;
  let executed = 0;
  if (p.inputBase !== null) {
    mem.set(inputSectionBytes(input), p.inputBase);
    pc = 1;
  }
  const pop = (): number => stack.pop()!;
  const s = (v: number): number => v | 0;
  const load = (a: number, size: number, signed: boolean): number => {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + mem[a + i];
    if (signed && size < 4 && v >= 2 ** (8 * size - 1)) v -= 2 ** (8 * size);
    return v >>> 0;
  };
  for (; executed < maxInstructions; ) {
    const op = names[pc];
    const imm = imms[pc];
    counts[pc]++;
    executed++;
    const tag = inHelper[pc] ? charge : (tags[pc] ?? null);
    if (tag !== null) byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
    switch (op) {
      case 'halt':
        return { executed, counts, byTag };
      case 'i32.const': case 'input_base': stack.push(imm); break;
      case 'local.get': stack.push(locals[imm]); break;
      case 'local.set': locals[imm] = pop(); break;
      case 'local.tee': locals[imm] = stack[stack.length - 1]; break;
      case 'drop': pop(); break;
      case 'output': pop(); break;
      case 'select': {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(c !== 0 ? a : b);
        break;
      }
      case 'i32.eqz': stack.push(pop() === 0 ? 1 : 0); break;
      case 'br': pc = pc + 1 + s(imm); continue;
      case 'br_if':
        if (pop() !== 0) {
          pc = pc + 1 + s(imm);
          continue;
        }
        break;
      case 'call':
        frames.push({ ret: pc + 1, imm, locals, charge });
        if (!inHelper[pc]) charge = tags[pc] ?? null;
        locals = new Uint32Array(64);
        pc = pc + 1 + s(imm);
        continue;
      case 'return': {
        const f = frames.pop()!;
        pc = f.ret;
        locals = f.locals;
        charge = f.charge;
        continue;
      }
      case 'i32.load': case 'i32.load8_u': case 'i32.load8_s': case 'i32.load16_u': case 'i32.load16_s': {
        const { bytes, signed } = wasmOp(op)!;
        stack.push(load(pop() + imm, bytes!, !!signed));
        break;
      }
      case 'i32.store': case 'i32.store8': case 'i32.store16': {
        const size = wasmOp(op)!.bytes!;
        const v = pop();
        const a = pop() + imm;
        for (let i = 0; i < size; i++) mem[a + i] = (v >>> (8 * i)) & 0xff;
        break;
      }
      default: {
        const b = pop();
        const a = pop();
        let r: number | boolean;
        switch (op) {
          case 'i32.add': r = a + b; break;
          case 'i32.sub': r = a - b; break;
          case 'i32.eq': r = a === b; break;
          case 'i32.ne': r = a !== b; break;
          case 'i32.lt_s': r = s(a) < s(b); break;
          case 'i32.lt_u': r = a < b; break;
          case 'i32.gt_s': r = s(a) > s(b); break;
          case 'i32.gt_u': r = a > b; break;
          case 'i32.le_s': r = s(a) <= s(b); break;
          case 'i32.le_u': r = a <= b; break;
          case 'i32.ge_s': r = s(a) >= s(b); break;
          case 'i32.ge_u': r = a >= b; break;
          default: throw new Error(`profile: unknown op ${op} at ${pc}`);
        }
        stack.push(typeof r === 'boolean' ? (r ? 1 : 0) : r >>> 0);
      }
    }
    pc++;
  }
  return { executed, counts, byTag };
}
