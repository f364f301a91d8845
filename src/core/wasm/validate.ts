import { StageError, type SourceLocation } from '../errors.ts';
import { integerType } from './floatOps.ts';
import { involvesType, wasmOp, type Handling } from './opcodeTable.ts';
import { MAX_FUNCTION_LOCALS, MAX_LOCALS_PER_FRAME } from './frameLimits.ts';
import type { FuncType, ValType, WasmFunction, WasmModule } from './ir.ts';

export { MAX_LOCALS_PER_FRAME } from './frameLimits.ts';

/**
 * The imports the runtime provides, by `module.name`, with their accepted signatures (first:
 * the current one). `env.halt(status)` takes the status word (src/core/tokens/exitStatus.ts);
 * `env.halt()` is the older form, which records no status.
 */
const PROVIDED_IMPORTS: ReadonlyMap<string, readonly FuncType[]> = new Map([
  ['env.output_byte', [{ params: ['i32'], results: [] }]],
  ['env.halt', [{ params: ['i32'], results: [] }, { params: [], results: [] }]],
]);

/** Collecting stops here: enough to fix, and bounded for pathological modules. */
const MAX_ISSUES = 100;

/** One construct the machine cannot run. */
export interface MachineIssue {
  /** Self-contained: `in function 'area' (program.c:12:9): floating-point operation f64.mul — …`. */
  message: string;
  /** The construct alone, in C terms. */
  construct: string;
  where: SourceLocation;
}

/** Validation's error: the message already names function and line, so `format()` does not repeat them. */
export class MachineValidationError extends StageError {
  readonly issues: MachineIssue[];

  constructor(issues: MachineIssue[]) {
    super('validate', issues[0].message, issues[0].where);
    this.issues = issues;
  }

  override format(): string {
    return this.message;
  }
}

/**
 * Every op the machine runs as it is, the structured control the flattener handles, and the i32 ops
 * and control the lowering rewrites (docs/original-design.md §3.5, §6). The i64 ops the i64-pair pass
 * rewrites and the f32/f64 ops the float lowering rewrites are accepted as well.
 */
const ACCEPTED: ReadonlySet<Handling> = new Set<Handling>(['machine', 'flattened', 'lowered', 'i64-pairs', 'float-bits', 'float-helper']);

/** Why a value type cannot live on the machine, in C terms. */
function describeType(t: ValType): string {
  switch (t) {
    case 'i64':
      return 'i64 — 64-bit integers are not supported here';
    case 'f32':
    case 'f64':
      return `${t} — float and double are supported in parameters, results, locals and memory, not in wasm globals`;
    case 'v128':
      return 'v128 — SIMD vector types are not supported';
    default:
      return `${t} — reference types (function pointers as values) are not supported`;
  }
}

/** Names an unsupported instruction in C terms. */
export function describeOp(op: string): string {
  const info = wasmOp(op);
  if (!info) return `operation ${op} is not supported by the machine`;
  switch (info.family) {
    case 'tail-call':
      return `tail call (${op}) is not supported`;
    case 'memory-grow':
      return 'memory.grow — growing linear memory (sbrk, a libc malloc) is not supported';
    case 'memory-size':
      return 'memory.size — querying the memory size is not supported';
    case 'bulk-memory':
      return `bulk-memory operation ${op} — bulk memory (what memcpy/memset become with -mbulk-memory) is not supported`;
    case 'atomic':
      return `atomic operation ${op} — atomics and threads are not supported`;
    case 'simd':
      return `SIMD operation ${op} — vector (v128) operations are not supported`;
    case 'saturating':
      return `saturating conversion ${op} — not supported (compile without -mnontrapping-fptoint)`;
    case 'table':
    case 'reference':
      return `table/reference operation ${op} — function pointers are not supported`;
  }
  if (involvesType(info, 'f32') || involvesType(info, 'f64')) return `floating-point operation ${op} is not supported`;
  if (involvesType(info, 'i64')) return `64-bit integer operation ${op} is not supported`;
  return `operation ${op} is not supported by the machine`;
}

/**
 * Refuses everything the machine cannot run: throws a MachineValidationError (stage 'validate')
 * for the first problem, carrying all of them in `issues`.
 */
export function validateForMachine(m: WasmModule): void {
  const issues = findMachineIssues(m);
  if (issues.length) throw new MachineValidationError(issues);
}

/** Every construct of `m` the machine cannot run, in module order (imports, data, functions). */
export function findMachineIssues(m: WasmModule): MachineIssue[] {
  const issues: MachineIssue[] = [];
  const moduleIssue = (construct: string): void => {
    if (issues.length < MAX_ISSUES) issues.push({ message: construct, construct, where: {} });
  };
  const functionTypeAt = (f: number): FuncType | undefined => {
    if (f >= m.importedFunctionCount) return m.functions[f - m.importedFunctionCount]?.type;
    const imp = importedFunction(m, f);
    return imp?.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
  };

  // Imports: only the two functions the runtime provides. Calls to others are reported at the
  // call site (function and line); an import that is never called is reported on its own.
  const badImports = new Set<number>();
  const called = new Set<number>();
  for (const f of m.functions) for (const i of f.body) if (i.op === 'call') called.add(i.imm);
  let funcIndex = 0;
  for (const imp of m.imports) {
    const cName = imp.functionName ?? imp.name;
    if (imp.kind !== 'func') {
      moduleIssue(`imported ${imp.kind} '${imp.module}.${imp.name}' — the runtime provides only the functions env.output_byte and env.halt`);
      continue;
    }
    const index = funcIndex++;
    const required = PROVIDED_IMPORTS.get(`${imp.module}.${imp.name}`);
    const actual = imp.typeIndex !== undefined ? m.types[imp.typeIndex] : undefined;
    if (!required) {
      badImports.add(index);
      if (!called.has(index)) moduleIssue(`import of '${cName}' (${imp.module}.${imp.name}), which the runtime does not provide`);
    } else if (!actual || !required.some((t) => sameType(actual, t))) {
      moduleIssue(
        `'${cName}' is imported as ${imp.module}.${imp.name} with type ${formatType(actual)}, but the runtime's ${imp.name} has type ${formatType(required[0])}`,
      );
    }
  }

  if (m.start !== undefined) {
    moduleIssue(`a start function ('${functionName(m, m.start)}') runs before compute — not supported`);
  }

  m.globals.forEach((g, i) => {
    const label = `global '${g.name ?? `global${(m.importedGlobalCount ?? 0) + i}`}'`;
    if (g.type !== 'i32' && g.type !== 'i64') moduleIssue(`${label} of type ${describeType(g.type)}`);
    else if (g.initExpr !== undefined) moduleIssue(`${label} has a non-constant initializer (${g.initExpr}) — not supported`);
  });

  m.data.forEach((d, i) => {
    if (d.mode === 'passive') moduleIssue(`passive data segment ${i} (initialised by memory.init) — not supported`);
    else if (d.mode === 'active-other') moduleIssue(`data segment ${i} initialises memory ${d.memory ?? '?'} — only memory 0 exists`);
    else if (d.offsetExpr !== undefined) moduleIssue(`data segment ${i} has a non-constant offset (${d.offsetExpr}) — not supported`);
  });

  const entry = m.exports.find((e) => e.name === 'compute');
  if (!entry || entry.kind !== 'func') {
    moduleIssue("no function 'compute' is exported — the program must define void compute(const char *input) or int main(...)");
  } else if (entry.index < m.importedFunctionCount) {
    moduleIssue("the exported 'compute' is an imported function — it must be defined in the program");
  }

  for (const fn of m.functions) {
    if (issues.length >= MAX_ISSUES) break;
    checkFunction(m, fn, badImports, functionTypeAt, issues);
  }
  return issues;
}

function checkFunction(
  m: WasmModule,
  fn: WasmFunction,
  badImports: Set<number>,
  functionTypeAt: (f: number) => FuncType | undefined,
  issues: MachineIssue[],
): void {
  /** Records an issue at body index `k` (-1: the function as a whole). */
  const at = (k: number, construct: string): void => {
    if (issues.length >= MAX_ISSUES) return;
    const loc = locate(m, fn, k);
    const where: SourceLocation = { function: fn.name, ...loc };
    const place = loc ? ` (${loc.file}:${loc.line}${loc.column ? `:${loc.column}` : ''})` : '';
    issues.push({ message: `in function '${fn.name}'${place}: ${construct}`, construct, where });
  };

  const { params, results } = fn.type;
  // i64 parameters and results are split into i32 words by the i64-pair pass; f32 and f64 values
  // become i32 and i64 bit patterns first (src/core/lower/floats/lowerFloats.ts).
  const integer = (t: ValType): boolean => integerType(t) === 'i32' || integerType(t) === 'i64';
  params.forEach((t, i) => {
    if (!integer(t)) at(-1, `parameter ${i} of type ${describeType(t)}`);
  });
  if (results.length > 1) at(-1, `returns ${results.length} values (${results.join(', ')}) — multi-value returns are not supported`);
  results.forEach((t) => {
    if (!integer(t)) at(-1, `return type ${describeType(t)}`);
  });
  const localCount = params.length + fn.locals.length;

  for (let k = 0; k < fn.body.length && issues.length < MAX_ISSUES; k++) {
    const instr = fn.body[k];
    const op = instr.op;
    const handling = wasmOp(op)?.handling;
    if (handling === undefined || !ACCEPTED.has(handling)) {
      at(k, describeOp(op));
      continue;
    }
    switch (op) {
      case 'select': {
        const bad = instr.selectTypes?.find((t) => integerType(t) !== 'i32' && integerType(t) !== 'i64');
        if (bad) at(k, `select of type ${describeType(bad)}`);
        break;
      }
      case 'block':
      case 'loop':
      case 'if': {
        const bt = instr.blockType;
        if (bt?.kind === 'typeIndex') {
          at(k, `${op} with a multi-value type (type index ${bt.index}) — blocks with parameters or several results are not supported`);
        } else if (bt?.kind === 'value' && integerType(bt.type) !== 'i32' && integerType(bt.type) !== 'i64') {
          at(k, `${op} yielding ${describeType(bt.type)}`);
        }
        break;
      }
      case 'call_indirect': {
        const type = m.types[instr.imm];
        // Dispatchers are ordinary functions (src/core/lower/callIndirect.ts), so the float and
        // i64 passes after it rewrite their f32/f64/i64 parameters and results like any other.
        const bad = type && [...type.params, ...type.results].find((t) => !integer(t) && t !== 'f32' && t !== 'f64');
        if (instr.table !== undefined) at(k, `indirect call through table ${instr.table} — only table 0 is supported`);
        else if (!m.table) at(k, 'indirect call (call_indirect) in a module without a function table');
        else if (m.table.unknown) at(k, `indirect call (call_indirect) through a table whose contents are not known before running: ${m.table.unknown}`);
        else if (bad) at(k, `indirect call through a function pointer of type ${describeType(bad)}`);
        break;
      }
      case 'call': {
        if (badImports.has(instr.imm)) {
          const imp = importedFunction(m, instr.imm);
          const cName = imp?.functionName ?? imp?.name ?? `func${instr.imm}`;
          at(k, `call to '${cName}', which the runtime does not provide`);
        } else if (!functionTypeAt(instr.imm)) {
          at(k, `call to function ${instr.imm}, which does not exist`);
        }
        break;
      }
      case 'global.get':
      case 'global.set': {
        const defined = instr.imm - (m.importedGlobalCount ?? 0);
        if (defined < 0) at(k, `${op} of imported global ${instr.imm} — not supported`);
        else if (defined >= m.globals.length) at(k, `${op} of global ${instr.imm}, which does not exist`);
        break;
      }
      case 'local.get':
      case 'local.set':
      case 'local.tee':
        if (instr.imm >= localCount) at(k, `${op} of local ${instr.imm}, which does not exist`);
        break;
    }
  }

  // i64 locals are split into two i32 words by the i64-pair pass; f32/f64 ones hold bit patterns.
  const badLocal = fn.locals.find((t) => integerType(t) !== 'i32' && integerType(t) !== 'i64');
  if (badLocal) at(-1, `local variable of type ${describeType(badLocal)}`);
  if (localCount > MAX_FUNCTION_LOCALS) {
    at(
      -1,
      `uses ${localCount} locals (${params.length} parameters + ${fn.locals.length} variables); the machine addresses at most ${MAX_LOCALS_PER_FRAME} per call frame, one of them scratch — split the function or use fewer variables`,
    );
  }
}

/**
 * Source position of body instruction `k`: its own line-table row, else the nearest earlier
 * located instruction in the function (clang marks some constants with line 0). For
 * function-level constructs (`k` = -1), the function's first located instruction.
 */
function locate(m: WasmModule, fn: WasmFunction, k: number): { file: string; line: number; column: number } | undefined {
  if (!m.lineAt) return undefined;
  const body = fn.body;
  if (k < 0) {
    for (const i of body) {
      const loc = i.pos !== undefined ? m.lineAt(i.pos) : undefined;
      if (loc) return loc;
    }
    return undefined;
  }
  for (; k >= 0; k--) {
    const pos = body[k].pos;
    const loc = pos !== undefined ? m.lineAt(pos) : undefined;
    if (loc) return loc;
  }
  return undefined;
}

function importedFunction(m: WasmModule, f: number) {
  let k = 0;
  for (const imp of m.imports) {
    if (imp.kind !== 'func') continue;
    if (k === f) return imp;
    k++;
  }
  return undefined;
}

function functionName(m: WasmModule, f: number): string {
  if (f < m.importedFunctionCount) {
    const imp = importedFunction(m, f);
    return imp?.functionName ?? imp?.name ?? `func${f}`;
  }
  return m.functions[f - m.importedFunctionCount]?.name ?? `func${f}`;
}

function sameType(a: FuncType, b: FuncType): boolean {
  return a.params.join() === b.params.join() && a.results.join() === b.results.join();
}

function formatType(t: FuncType | undefined): string {
  if (!t) return '(unknown)';
  return `(${t.params.join(', ')}) -> (${t.results.join(', ')})`;
}
