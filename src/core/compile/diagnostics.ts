import { StageError } from '../errors.ts';

/** One message of clang or the linker, pinned to the source when it has a position. */
export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the message has no position (e.g. a linker error about a whole symbol). */
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

/** The compile stage refused the program; `diagnostics` holds every message clang gave. */
export class CompileError extends StageError {
  readonly diagnostics: Diagnostic[];

  constructor(message: string, diagnostics: Diagnostic[], where?: { file?: string; line?: number; column?: number }) {
    super('compile', message, where);
    this.name = 'CompileError';
    this.diagnostics = diagnostics;
  }

  /** The first error as StageError formats it, then every other error on a line of its own. */
  override format(): string {
    const [, ...others] = this.diagnostics.filter((d) => d.severity === 'error');
    return [super.format(), ...others.map((d) => `  ${d.line ? `${d.file}:${d.line}:${d.column}` : d.file}: ${d.message}`)].join('\n');
  }
}

const POSITIONED = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const UNDEFINED_SYMBOL = /^wasm-ld: error: (?:.*?: )?undefined symbol: (.+)$/;
const LINKER = /^wasm-ld: (error|warning): (.*)$/;
const BARE = /^(?:clang: )?(error|warning): (.*)$/;

export interface ParseOptions {
  /** Renames the virtual file names clang saw back to the names the user knows. */
  renameFile?: (file: string) => string;
  /** Where a symbol is first used, to pin "undefined symbol" linker errors to a line. */
  locateSymbol?: (symbol: string) => { line: number; column: number } | null;
  /** The file linker errors are attributed to. */
  programFile: string;
}

/** Parses clang's and wasm-ld's stderr into diagnostics (continuation lines such as source excerpts are dropped). */
export function parseDiagnostics(log: string, opts: ParseOptions): Diagnostic[] {
  const rename = opts.renameFile ?? ((f: string) => f);
  const out: Diagnostic[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.trimEnd();
    let m = POSITIONED.exec(line);
    if (m) {
      out.push({
        file: rename(m[1]),
        line: Number(m[2]),
        column: Number(m[3]),
        severity: m[4] === 'fatal error' ? 'error' : (m[4] as Diagnostic['severity']),
        message: m[5],
      });
      continue;
    }
    m = UNDEFINED_SYMBOL.exec(line);
    if (m) {
      const symbol = m[1].trim();
      const at = opts.locateSymbol?.(symbol) ?? null;
      out.push({
        file: opts.programFile,
        line: at?.line ?? 0,
        column: at?.column ?? 0,
        severity: 'error',
        message: `undefined symbol '${symbol}': it is not defined in the program and not provided by the runtime`,
      });
      continue;
    }
    m = LINKER.exec(line) ?? BARE.exec(line);
    if (m) {
      out.push({ file: opts.programFile, line: 0, column: 0, severity: m[1] as Diagnostic['severity'], message: m[2] });
    }
  }
  return out;
}
