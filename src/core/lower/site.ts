import type { Code } from './code.ts';
import type { HelperSpec } from './helperRegistry.ts';

/**
 * Where an operand of a lowered op is:
 * - `const`: a known constant (its `i32.const` / constant-local read was absorbed);
 * - `local`: in a local that nothing changes during the expansion (its `local.get` was absorbed);
 * - `stack`: on top of the operand stack (for binary ops with a stack right operand, the left
 *   one is beneath it);
 * - `addressed`: on top of the stack with a scratch base address (0) directly beneath it
 *   (only produced by expansions for their own intermediate values).
 */
export type Operand =
  | { kind: 'const'; value: number }
  | { kind: 'local'; index: number }
  | { kind: 'stack' }
  | { kind: 'addressed' };

export const STACK: Operand = { kind: 'stack' };
export const local = (index: number): Operand => ({ kind: 'local', index });

/** What an expansion may use besides the instruction builder. */
export interface Site {
  readonly c: Code;
  /** A fresh i32 temp local, live until the end of this expansion. */
  temp(): number;
  /**
   * One temp shared by every short-lived use of this expansion: a value written and read back
   * within a single step (the `tee t; get t; add` of a doubling), never across other code.
   */
  shortTemp(): number;
  /** Function index of a helper (synthesized on first use). */
  helper(name: string): number;
  /** Function index of a helper outside the catalog (e.g. specialized to a constant). */
  helperFrom(name: string, make: () => HelperSpec): number;
  /** Whether division by the constant d gets its own unrolled helper in this module. */
  specializedDivisor(d: number): boolean;
  /**
   * The left operand is on top of the stack: put `i32.const value` right before the code that
   * computed it, so the constant ends up beneath it. False when that code cannot be delimited.
   */
  insertBeneathX(value: number): boolean;
}

/** Pushes an operand that is not already on the stack. */
export function push(s: Site, x: Operand): void {
  if (x.kind === 'const') s.c.const(x.value);
  else if (x.kind === 'local') s.c.get(x.index);
  else if (x.kind === 'addressed') throw new Error('lowering: an addressed operand cannot be pushed plainly');
}

/** A local holding x (x must not be `addressed`); pops x from the stack when it is there. */
export function toLocal(s: Site, x: Operand): number {
  if (x.kind === 'local') return x.index;
  const t = s.temp();
  if (x.kind === 'const') s.c.const(x.value).set(t);
  else if (x.kind === 'stack') s.c.set(t);
  else throw new Error('lowering: an addressed operand cannot move to a local');
  return t;
}

/** Leaves `[0, x]` on the stack: scratch base address 0, then x. */
export function addressAndX(s: Site, x: Operand): void {
  if (x.kind === 'addressed') return;
  if (x.kind === 'stack') {
    if (s.insertBeneathX(0)) return;
    const t = s.temp();
    s.c.set(t).const(0).get(t);
    return;
  }
  s.c.const(0);
  push(s, x);
}

/** Like addressAndX, and also returns a local that holds x. */
export function addressAndXKept(s: Site, x: Operand): number {
  if (x.kind === 'local') {
    s.c.const(0).get(x.index);
    return x.index;
  }
  const t = s.temp();
  if (x.kind === 'const') s.c.const(0).const(x.value).tee(t);
  else if (x.kind === 'addressed' || s.insertBeneathX(0)) s.c.tee(t);
  else s.c.set(t).const(0).get(t);
  return t;
}

/** Removes x from the stack if it is there (its value is not needed). */
export function discard(s: Site, x: Operand): void {
  if (x.kind === 'stack') s.c.op('drop');
  else if (x.kind === 'addressed') s.c.op('drop').op('drop');
}
