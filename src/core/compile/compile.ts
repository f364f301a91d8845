/**
 * C → wasm32 with the in-process clang, identical in Node and in a browser worker.
 * The runtime header is force-included, the project's own headers shadow the standard ones,
 * and the runtime libc (compiled once per session) is linked with every program.
 */
import { clangVersion, runClang, type FetchProgress } from './clang.ts';
import { CompileError, parseDiagnostics, type Diagnostic } from './diagnostics.ts';
import { blankCommentsAndLiterals, detectEntry, ENTRY_FILE_NAME } from './entry.ts';
import { STANDARD_HEADERS } from './runtime/headers.ts';
import { LIBC_SOURCE, LIBC_SOURCE_NAME } from './runtime/libc.ts';
import { RUNTIME_HEADER, RUNTIME_HEADER_NAME } from './runtime/runtimeHeader.ts';

export { CompileError, type Diagnostic } from './diagnostics.ts';

export interface CompiledC {
  wasm: Uint8Array;
  /** The `clang version …` line; it goes into every artifact downstream. */
  clangVersion: string;
  /** Which program form the source uses (see entry.ts); the wasm always exports `compute`. */
  entry: 'compute' | 'main';
  /** True when the entry reads the argument string (compute with a parameter, main with argc/argv). */
  takesInput: boolean;
  /** Warnings and notes of a successful compilation. */
  diagnostics: Diagnostic[];
  /** Wall time of this call, in milliseconds. */
  ms: number;
}

export interface CompileOptions {
  /** The name diagnostics use for the program (default `program.c`). */
  fileName?: string;
  /** Download progress of clang's assets (only the first call of a session downloads). */
  fetchProgress?: FetchProgress;
}

/**
 * Code generation flags (checked with clang 22.1):
 * - `-mcpu=mvp`: MVP wasm only; clang 22's default CPU would emit bulk-memory and sign-extension ops.
 * - `-fno-builtin`: no libc idioms (loops stay loops; printf stays printf).
 * - `-fno-jump-tables`: switch becomes compare chains, never br_table.
 * - `-mllvm --combiner-store-merging=false`: narrow stores stay as written.
 * - `-fno-unroll-loops`: runtime unrolling adds `n & 7` remainder arithmetic (a lowered op) and
 *   grows the program (every instruction is 5 prefix tokens); measured on the libc: -25 % code.
 * - `-mllvm -min-bit-test-cmps=1000`: -fno-jump-tables does not stop switch lowering from testing
 *   case sets with `(1 << x) & mask`, a variable shift; this makes switches compare chains.
 * - `-mllvm -max-store-memcpy=1 -mllvm -max-store-memset=1`: clang inlines small memcpy/memset
 *   (struct assignment, `char s[] = "…"`, `int a[4] = {0}`) as 64-bit loads and stores, which the
 *   machine lacks; with these, anything needing more than one store calls the runtime's memcpy
 *   and memset instead. (A copy of exactly 8 bytes still becomes one i64 load/store pair.)
 * - `-g`: DWARF line info, so later stages can name source lines.
 */
const CODEGEN_FLAGS = [
  '--target=wasm32',
  '-O2',
  '-mcpu=mvp',
  '-fno-builtin',
  '-fno-jump-tables',
  '-fno-unroll-loops',
  '-g',
  '-mllvm',
  '--combiner-store-merging=false',
  '-mllvm',
  '-min-bit-test-cmps=1000',
  '-mllvm',
  '-max-store-memcpy=1',
  '-mllvm',
  '-max-store-memset=1',
  '-isystem',
  'include',
  '-include',
  RUNTIME_HEADER_NAME,
];

/** A 64 KiB C stack and 10 MiB of linear memory; `compute` and `__heap_base` are exported. */
const LINK_FLAGS = [
  '-nostdlib',
  '-Wl,--no-entry',
  '-Wl,--export=compute',
  '-Wl,--export=__heap_base',
  '-Wl,-z,stack-size=65536',
  '-Wl,--initial-memory=10485760',
];

const LIBC_OBJECT_NAME = 'tvm_libc.o';

function includeTree(): Record<string, string> {
  return { ...STANDARD_HEADERS, [RUNTIME_HEADER_NAME]: RUNTIME_HEADER };
}

let libcObject: Promise<Uint8Array> | null = null;

/** The runtime libc as a wasm object file, compiled on first use and kept for the session. */
function compileLibc(fetchProgress?: FetchProgress): Promise<Uint8Array> {
  if (!libcObject) {
    libcObject = (async () => {
      // No -g: the runtime's own line info would only bloat every program's wasm.
      const flags = CODEGEN_FLAGS.filter((f) => f !== '-g');
      const run = await runClang([...flags, '-c', LIBC_SOURCE_NAME, '-o', LIBC_OBJECT_NAME], {
        [LIBC_SOURCE_NAME]: LIBC_SOURCE,
        include: includeTree(),
      }, fetchProgress);
      const obj = run.files[LIBC_OBJECT_NAME];
      if (run.exitCode !== 0 || !(obj instanceof Uint8Array)) {
        throw new CompileError(`the runtime libc failed to compile (a bug in the runtime):\n${run.log}`, []);
      }
      return obj;
    })();
    libcObject.catch(() => {
      libcObject = null;
    });
  }
  return libcObject;
}

/** A file name clang can be given: no directories, always ending in `.c`. */
function virtualName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() || 'program.c';
  const safe = base.replace(/[^A-Za-z0-9_.-]/g, '_');
  const name = /\.c$/.test(safe) ? safe : `${safe}.c`;
  return name === LIBC_SOURCE_NAME || name === ENTRY_FILE_NAME ? `user_${name}` : name;
}

/**
 * Line and column (1-based) of the first call of `symbol` in the source: an occurrence of
 * `symbol(` not preceded by a type (an identifier or `*`), so prototypes are skipped.
 */
function locateCall(source: string, symbol: string): { line: number; column: number } | null {
  if (!/^[A-Za-z_]\w*$/.test(symbol)) return null;
  const code = blankCommentsAndLiterals(source);
  const re = new RegExp(`\\b${symbol}\\s*\\(`, 'g');
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const before = code.slice(0, m.index);
    const previous = /(\w+|\S)\s*$/.exec(before)?.[1] ?? '';
    if ((/^\w+$/.test(previous) && previous !== 'return') || previous === '*') continue;
    return { line: before.split('\n').length, column: m.index - before.lastIndexOf('\n') };
  }
  return null;
}

export async function compileC(source: string, opts: CompileOptions = {}): Promise<CompiledC> {
  const start = performance.now();
  const fileName = opts.fileName ?? 'program.c';
  const form = detectEntry(source);
  if ('error' in form) {
    throw new CompileError(form.error, [{ file: fileName, line: 0, column: 0, severity: 'error', message: form.error }], {
      file: fileName,
    });
  }
  const [libc, version] = await Promise.all([compileLibc(opts.fetchProgress), clangVersion(opts.fetchProgress)]);

  const name = virtualName(fileName);
  const unit = form.entryCode ? `${source}${source.endsWith('\n') ? '' : '\n'}${form.entryCode}` : source;
  const run = await runClang([...CODEGEN_FLAGS, ...LINK_FLAGS, name, LIBC_OBJECT_NAME, '-o', 'program.wasm'], {
    [name]: unit,
    [LIBC_OBJECT_NAME]: libc,
    include: includeTree(),
  });
  const diagnostics = parseDiagnostics(run.log, {
    programFile: fileName,
    renameFile: (f) => (f === name ? fileName : f),
    locateSymbol: (symbol) => locateCall(source, symbol),
  });
  const wasm = run.files['program.wasm'];
  if (run.exitCode !== 0 || !(wasm instanceof Uint8Array)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    if (!first) {
      const text = run.log.trim() || `clang exited with code ${run.exitCode}`;
      throw new CompileError(text.split('\n')[0], diagnostics, { file: fileName });
    }
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''})` : '';
    throw new CompileError(`${first.message}${more}`, diagnostics, {
      file: first.file,
      line: first.line || undefined,
      column: first.column || undefined,
    });
  }
  return {
    wasm: wasm.slice(),
    clangVersion: version,
    entry: form.entry,
    takesInput: form.takesInput,
    diagnostics,
    ms: performance.now() - start,
  };
}
