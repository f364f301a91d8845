import { StageError } from '../errors.ts';
import type { WasmFunction, WasmModule } from '../wasm/ir.ts';
import { MAX_FUNCTION_LOCALS, MAX_LOCALS_PER_FRAME } from '../wasm/frameLimits.ts';
import { flattenFunction, globalAddress, type FlatEntry } from './flatten.ts';
import type { FunctionSpan, Instruction, Program } from './program.ts';
import { localsReadBeforeWrite } from './uninitializedLocals.ts';

/** The machine keys locals as 256·depth + 4·index + byte: 64 locals of 4 bytes per call frame. */
export { MAX_LOCALS_PER_FRAME };
/** Linear memory of the reference interpreter (and the layout clang is told to assume). */
export const MEMORY_BYTES = 10 * 1024 * 1024;
/** The input section always writes at least this many bytes: the prefix's own byte tokens,
 * executed as `input_base` (docs/original-design.md §5.13), write input_base+0…3; real input bytes must cover them. */
export const MIN_INPUT_BYTES = 4;

const ENTRY_EXPORT = 'compute';

interface FunctionCode {
  fn: WasmFunction;
  isEntry: boolean;
  entries: FlatEntry[];
}

/**
 * Lowered module → dispatch table (docs/original-design.md §3.5–3.6): prologue (input_base marker, entry locals,
 * memory image), the entry's body, then every function it can reach, with relative branch,
 * call and return immediates.
 */
export interface AssembleOptions {
  clangVersion?: string;
  /** A source file whose lines are not the person's (the entry code appended to a main() program, compile/entry.ts). */
  generatedFile?: string;
}

export function assembleProgram(m: WasmModule, opts: AssembleOptions = {}): Program {
  const entryExport = m.exports.find((e) => e.kind === 'func' && e.name === ENTRY_EXPORT);
  if (!entryExport) throw new StageError('assemble', `the module exports no '${ENTRY_EXPORT}' function (define int main(…) or void compute(const char *input))`);
  const byIndex = new Map(m.functions.map((f) => [f.index, f]));
  const entryFn = byIndex.get(entryExport.index);
  if (!entryFn) throw new StageError('assemble', `'${ENTRY_EXPORT}' is an imported function, not a defined one`);

  // Flatten the entry and everything reachable from it (clang's linker already drops most dead code).
  const code: FunctionCode[] = [];
  const seen = new Set<number>();
  const order: WasmFunction[] = [entryFn];
  seen.add(entryFn.index);
  for (let i = 0; i < order.length; i++) {
    const fn = order[i];
    const localCount = fn.type.params.length + fn.locals.length;
    if (localCount > MAX_FUNCTION_LOCALS) {
      throw new StageError('assemble', `function needs ${localCount} locals (+1 scratch); the machine addresses at most ${MAX_LOCALS_PER_FRAME} per call frame — split the function or use fewer variables`, { function: fn.name });
    }
    const entries = flattenFunction(fn, { module: m, isEntry: fn === entryFn, scratchLocal: localCount });
    code.push({ fn, isEntry: fn === entryFn, entries });
    for (const e of entries) {
      if (e.callee !== undefined && !seen.has(e.callee)) {
        const callee = byIndex.get(e.callee);
        if (!callee) throw new StageError('assemble', `call to unknown function index ${e.callee}`, { function: fn.name });
        seen.add(e.callee);
        order.push(callee);
      }
    }
  }
  // Callees keep module order (stable listings); the entry stays first.
  code.sort((a, b) => (a.isEntry ? -1 : b.isEntry ? 1 : a.fn.index - b.fn.index));

  const takesInput = entryFn.type.params.length > 0;
  const inputBase = takesInput ? computeInputBase(m) : null;

  const instructions: Instruction[] = [];
  const positions: (number | undefined)[] = [];
  const functions: FunctionSpan[] = [];
  const emit = (ins: Instruction, pos?: number): void => {
    instructions.push(ins);
    positions.push(pos);
  };

  // 1. input_base marker, 2. entry locals, 3. memory image (docs/original-design.md §3.6).
  if (inputBase !== null) emit({ op: 'input_base', imm: inputBase });
  const entryCode = code[0];
  const entryLocals = entryFn.type.params.length + entryFn.locals.length;
  const entryInit = new Set(localsReadBeforeWrite(entryCode.entries, entryLocals, 0));
  if (takesInput) entryInit.add(0);
  for (const k of [...entryInit].sort((a, b) => b - a)) {
    emit({ op: 'i32.const', imm: k === 0 && inputBase !== null ? inputBase : 0 });
    emit({ op: 'local.set', imm: k });
  }
  for (const [addr, word] of memoryImage(m)) {
    emit({ op: 'i32.const', imm: addr });
    emit({ op: 'i32.const', imm: word });
    emit({ op: 'i32.store', imm: 0 });
  }
  // Prefix tokens execute as instruction 0 (docs/original-design.md §5.13): it must not write memory or locals.
  if (instructions.length === 0 || (instructions[0].op !== 'i32.const' && instructions[0].op !== 'input_base')) {
    instructions.unshift({ op: 'i32.const', imm: 0 }, { op: 'drop', imm: 0 });
    positions.unshift(undefined, undefined);
  }
  if (instructions.length) functions.push({ name: '(startup)', start: 0, end: instructions.length });

  // 4–5. Function bodies. Calls and branches are fixed up once every start is known.
  const starts = new Map<number, number>();
  const pendingCalls: { at: number; callee: number }[] = [];
  const pendingBranches: { at: number; target: number }[] = [];
  for (const fc of code) {
    const start = instructions.length;
    starts.set(fc.fn.index, start);
    const params = fc.fn.type.params.length;
    let bodyBase = start;
    if (!fc.isEntry) {
      for (let k = params - 1; k >= 0; k--) emit({ op: 'local.set', imm: k });
      const localCount = params + fc.fn.locals.length;
      for (const k of localsReadBeforeWrite(fc.entries, localCount, params)) {
        emit({ op: 'i32.const', imm: 0 });
        emit({ op: 'local.set', imm: k });
      }
      bodyBase = instructions.length;
    }
    for (const e of fc.entries) {
      const at = instructions.length;
      if (e.op === 'return') emit({ op: 'return', imm: (~(at - start)) >>> 0 }, e.pos);
      else emit({ op: e.op, imm: e.imm >>> 0 }, e.pos);
      if (e.callee !== undefined) pendingCalls.push({ at, callee: e.callee });
      if (e.target !== undefined) pendingBranches.push({ at, target: bodyBase + e.target });
    }
    functions.push({ name: fc.fn.name, start, end: instructions.length });
  }
  const relative = (at: number, target: number): number => (target - at - 1) >>> 0;
  for (const { at, callee } of pendingCalls) instructions[at].imm = relative(at, starts.get(callee)!);
  for (const { at, target } of pendingBranches) instructions[at].imm = relative(at, target);

  // Lines of the appended entry code (a main() program's `compute` wrapper) are not lines of the
  // person's file: `halt`, the wrapper's return, would otherwise point at an unrelated line.
  const lineOf = (p: number | undefined): number | null => {
    const at = p === undefined ? undefined : m.lineAt?.(p);
    return at && !(opts.generatedFile && at.file.endsWith(opts.generatedFile)) ? at.line : null;
  };
  const sourceLines = positions.map(lineOf);
  return {
    instructions,
    inputBase,
    functions,
    sourceLines: sourceLines.some((l) => l !== null) ? sourceLines : undefined,
    clangVersion: opts.clangVersion,
  };
}

/** `__heap_base` rounded up to 16: where the input string is placed (docs/original-design.md §3.1). */
function computeInputBase(m: WasmModule): number {
  const exp = m.exports.find((e) => e.kind === 'global' && e.name === '__heap_base');
  if (!exp) throw new StageError('assemble', "the entry takes an input string but the module does not export '__heap_base' (link with -Wl,--export=__heap_base)");
  const g = m.globals[exp.index - m.imports.filter((i) => i.kind === 'global').length];
  if (!g) throw new StageError('assemble', "'__heap_base' export points to no global");
  const base = (g.init + 15) & ~15;
  if (base >= MEMORY_BYTES) throw new StageError('assemble', `__heap_base ${g.init} is beyond the ${MEMORY_BYTES}-byte memory`);
  return base >>> 0;
}

/**
 * The initial memory as aligned 32-bit words that are not all zero, ascending (memory starts
 * zeroed). Word stores instead of the original's byte stores: a quarter of the prologue.
 */
function memoryImage(m: WasmModule): [number, number][] {
  const bytes = new Map<number, number>();
  const put = (addr: number, b: number): void => {
    if (addr >= MEMORY_BYTES) throw new StageError('assemble', `initial data at address ${addr} is beyond the ${MEMORY_BYTES}-byte memory`);
    bytes.set(addr, b);
  };
  const usedGlobals = new Set<number>();
  for (const fn of m.functions) for (const ins of fn.body) if (ins.op === 'global.get' || ins.op === 'global.set') usedGlobals.add(ins.imm);
  const importedGlobals = m.imports.filter((i) => i.kind === 'global').length;
  for (const g of usedGlobals) {
    const def = m.globals[g - importedGlobals];
    if (!def) throw new StageError('assemble', `global ${g} is imported; the machine only has module-defined globals`);
    for (let i = 0; i < 4; i++) put(globalAddress(g) + i, (def.init >>> (8 * i)) & 0xff);
  }
  for (const seg of m.data) {
    if (seg.mode !== 'active') throw new StageError('assemble', 'passive data segments are not supported');
    for (let i = 0; i < seg.bytes.length; i++) put(seg.offset + i, seg.bytes[i]);
  }
  const words = new Map<number, number>();
  for (const [addr, b] of bytes) {
    if (b === 0) continue;
    const w = addr & ~3;
    words.set(w, ((words.get(w) ?? 0) + b * 2 ** (8 * (addr - w))) >>> 0);
  }
  // A word that mixes explicit zeros and non-zeros is fine: memory starts zeroed.
  return [...words.entries()].sort((a, b) => a[0] - b[0]);
}
