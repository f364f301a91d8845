/**
 * The instruction listing around the cursor: the dispatch table grouped by C function (from
 * `Program.functions`), each instruction with a readable operand and, when clang's debug info
 * gives it, its C source line. Pure; the pane renders the rows.
 */
import type { FunctionSpan, Program } from '../../core/program/program.ts';
import { wasmOp } from '../../core/wasm/opcodeTable.ts';
import { executingLine } from '../../core/program/sourceLine.ts';

export type ListingRow =
  | { kind: 'function'; name: string; start: number; end: number }
  | { kind: 'instruction'; index: number; op: string; operand: string; line: number | null; current: boolean };

/** The function span holding instruction `i` (spans are disjoint). */
export function functionAt(p: Program, i: number): FunctionSpan | null {
  for (const f of p.functions ?? []) if (i >= f.start && i < f.end) return f;
  return null;
}

/** What clang calls a `main` declared without arguments; its `main` is then a shim that calls it. */
const ORIGINAL_MAIN = '__original_main';

/** A function's name as the C source spells it: `main`, not clang's `__original_main`. */
export function cName(p: Program, name: string): string {
  if (name === ORIGINAL_MAIN) return 'main';
  if (name === 'main' && p.functions?.some((f) => f.name === ORIGINAL_MAIN)) return "main's argument shim";
  return name;
}

const signed = (v: number) => v | 0;

/** The operand as a person reads it: jump targets, callee names, local numbers, signed constants. */
export function formatOperand(p: Program, i: number): string {
  const { op, imm } = p.instructions[i];
  switch (op) {
    case 'br':
    case 'br_if':
      return `→ ${i + 1 + signed(imm)}`;
    case 'call': {
      const target = i + 1 + signed(imm);
      const f = functionAt(p, target);
      return f && f.start === target ? `→ ${cName(p, f.name)}` : `→ ${target}`;
    }
    case 'return':
      return '';
    case 'local.get':
    case 'local.set':
    case 'local.tee':
      return `l${imm}`;
    case 'i32.const':
      return String(signed(imm));
    case 'halt':
    case 'drop':
    case 'select':
    case 'output':
    case 'input_base':
      return imm ? String(imm) : '';
    default:
      if (wasmOp(op)?.imm === 'memarg') return imm ? `offset=${imm}` : '';
      return imm ? String(imm) : '';
  }
}

/** Rows for instructions [cursor − before, cursor + after], with a header where a function starts. */
export function listingWindow(p: Program, cursor: number, before: number, after: number): ListingRow[] {
  const n = p.instructions.length;
  const from = Math.max(0, cursor - before);
  const to = Math.min(n - 1, cursor + after);
  const rows: ListingRow[] = [];
  let fn = functionAt(p, from);
  if (fn) rows.push({ kind: 'function', name: cName(p, fn.name), start: fn.start, end: fn.end });
  for (let i = from; i <= to; i++) {
    if (fn === null || i >= fn.end) {
      const next = functionAt(p, i);
      if (next && next !== fn) rows.push({ kind: 'function', name: cName(p, next.name), start: next.start, end: next.end });
      fn = next;
    }
    rows.push({
      kind: 'instruction', index: i, op: p.instructions[i].op, operand: formatOperand(p, i),
      line: p.sourceLines?.[i] ?? null, current: i === cursor,
    });
  }
  return rows;
}

export interface CallFrame {
  /** The C function (or `(startup)`), or `?` where the program has no function spans. */
  name: string;
  /** The C line being executed in this frame (`executingLine`): the cursor's, or the call's for the callers. */
  line: number | null;
}

/** The call stack in C terms, innermost first: the function at the cursor, then each caller at its call. */
export function callStack(p: Program, cursor: number, returns: readonly number[]): CallFrame[] {
  const raw = (at: number) => functionAt(p, at)?.name ?? '?';
  const frame = (at: number): CallFrame => ({ name: cName(p, raw(at)), line: executingLine(p, at) });
  const frames = [frame(cursor)];
  let inner = raw(cursor);
  for (let k = returns.length - 1; k >= 0; k--) {
    const outer = raw(returns[k] - 1);
    // The shim that calls an argument-less main is clang's, not the program's: not a C frame.
    if (!(inner === ORIGINAL_MAIN && outer === 'main')) frames.push(frame(returns[k] - 1));
    inner = outer;
  }
  return frames;
}
