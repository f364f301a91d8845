/** Where in the user's program an error points. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** The C function (from the wasm name section) the construct belongs to. */
  function?: string;
}

/** The stages that refuse input (each value is thrown somewhere). */
export type Stage =
  | 'compile'
  | 'decode'
  | 'validate'
  | 'lower'
  | 'assemble'
  | 'tokens'
  | 'schedule'
  | 'weights'
  | 'model'
  | 'inference';

/**
 * The one error type every pipeline stage throws when it refuses its input.
 * `message` is a single human-readable line; `where` pins it to the source when known.
 */
export class StageError extends Error {
  readonly stage: Stage;
  readonly where?: SourceLocation;

  constructor(stage: Stage, message: string, where?: SourceLocation) {
    super(message);
    this.name = 'StageError';
    this.stage = stage;
    this.where = where;
  }

  /** `file:line:col: in function f: message` — the form editors and terminals understand. */
  format(): string {
    const w = this.where;
    const parts: string[] = [];
    if (w?.file) parts.push(w.line ? `${w.file}:${w.line}${w.column ? `:${w.column}` : ''}` : w.file);
    else if (w?.line) parts.push(`line ${w.line}${w.column ? `:${w.column}` : ''}`);
    if (w?.function) parts.push(`in function '${w.function}'`);
    return parts.length ? `${parts.join(': ')}: ${this.message}` : this.message;
  }
}
