/**
 * What crosses the compile worker's boundary. Everything here is structured-cloneable plain data:
 * errors are returned as values (comlink would drop a StageError's fields when rethrowing).
 */
import type { Program } from '../core/program/program.ts';
import type { Stage } from '../core/errors.ts';

/** A clang message pinned to the source (same shape as the core's `Diagnostic`). */
export interface WireDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'note';
  message: string;
}

export type ClangLoadProgress =
  | { phase: 'download'; loaded: number; total: number }
  /** Compiling the runtime libc once per session (the first compilation's fixed cost). */
  | { phase: 'runtime'; clangVersion: string };

export interface ClangLoaded {
  clangVersion: string;
  /** Asset requests answered by the Cache API / by the network during this load. */
  cacheHits: number;
  networkFetches: number;
  networkBytes: number;
  /** Assets fetched and compiled, version read. */
  ms: number;
  /** The warm-up compilation that builds the runtime libc. */
  runtimeMs: number;
}

export interface CompileSuccess {
  ok: true;
  program: Program;
  clangVersion: string;
  entry: 'compute' | 'main';
  takesInput: boolean;
  wasmBytes: number;
  /** Warnings and notes of a successful compilation. */
  diagnostics: WireDiagnostic[];
  /** clang alone, and the whole pipeline (clang → decode → validate → lower → assemble). */
  clangMs: number;
  totalMs: number;
}

export interface CompileFailure {
  ok: false;
  stage: Stage | 'internal';
  /** One line, with its location when known (`file:line:col: message`). */
  message: string;
  diagnostics: WireDiagnostic[];
  line?: number;
  column?: number;
}

export type CompileResult = CompileSuccess | CompileFailure;

export interface CompileApi {
  /** Downloads (or reads from the Cache API) clang's assets and reads its version. */
  load(onProgress: (p: ClangLoadProgress) => void): Promise<ClangLoaded>;
  compile(source: string, fileName: string): Promise<CompileResult>;
}
