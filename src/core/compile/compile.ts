/**
 * C → wasm32 with the in-process clang, identical in Node and in a browser worker.
 * The runtime header is force-included, the project's own headers shadow the standard ones,
 * and the runtime libc (compiled once per session) is linked with every program: its integer-only
 * variant when the program cannot touch floating point (floatUse.ts), else the full one, and the
 * small printf engine's override object when its formats allow (printfFormats.ts).
 */
import { clangVersion, runClang, type FetchProgress } from './clang.ts';
import { CompileError, parseDiagnostics, type Diagnostic } from './diagnostics.ts';
import { blankCommentsAndLiterals, detectEntry, ENTRY_FILE_NAME, lineColumn } from './entry.ts';
import { CODEGEN_FLAGS, LINK_FLAGS } from './flags.ts';
import { mayUseFloat } from './floatUse.ts';
import { LIBC_OBJECT_NAME, libcObject, PRINTF_SMALL_OBJECT_NAME } from './libcObject.ts';
import { usesOnlySmallFormats } from './printfFormats.ts';
import { STANDARD_HEADERS } from './runtime/headers.ts';
import { runtimeIncludeTree } from './runtime/includeTree.ts';
import { findUnsupportedType } from './unsupportedTypes.ts';
import { LIBC_SOURCE_NAME } from './runtime/libc.ts';

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
    return lineColumn(code, m.index);
  }
  return null;
}

/** For "'math.h' file not found": which headers the runtime does have. */
function missingHeaderHint(message: string): string {
  if (!/^'[^']+\.h' file not found$/.test(message)) return '';
  const names = [...Object.keys(STANDARD_HEADERS), 'stddef.h', 'stdarg.h'].sort();
  return ` (the runtime provides ${names.map((n) => `<${n}>`).join(' ')})`;
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
  const unsupported = findUnsupportedType(source);
  if (unsupported) {
    const { message, line, column } = unsupported;
    throw new CompileError(message, [{ file: fileName, line, column, severity: 'error', message }], { file: fileName, line, column });
  }
  const version = await clangVersion(opts.fetchProgress);
  const libc = await libcObject(version, mayUseFloat(source) ? 'full' : 'integer');
  const printfSmall = usesOnlySmallFormats(source) ? await libcObject(version, 'printfSmall') : null;

  const name = virtualName(fileName);
  const unit = form.entryCode ? `${source}${source.endsWith('\n') ? '' : '\n'}${form.entryCode}` : source;
  const run = await runClang([...CODEGEN_FLAGS, ...LINK_FLAGS, name, LIBC_OBJECT_NAME, ...(printfSmall ? [PRINTF_SMALL_OBJECT_NAME] : []), '-o', 'program.wasm'], {
    [name]: unit,
    [LIBC_OBJECT_NAME]: libc,
    ...(printfSmall ? { [PRINTF_SMALL_OBJECT_NAME]: printfSmall } : {}),
    include: runtimeIncludeTree(),
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
    throw new CompileError(`${first.message}${missingHeaderHint(first.message)}${more}`, diagnostics, {
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
