// Hand-written types for the Emscripten build of emscripten/*.cpp (see emscripten/api.cpp).
// Handles are wasm32 pointers (use `>>> 0` before indexing the heap with them).
export interface TvmCoreModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF64: Float64Array;
  UTF8ToString(ptr: number): string;
  _tvm_error(): number;
  _tvm_model_load(bytes: number, len: number): number;
  _tvm_model_free(model: number): void;
  _tvm_model_head_kind(model: number, layer: number, head: number): number;
  _tvm_model_head_values(model: number, layer: number, head: number): number;
  _tvm_model_bytes(model: number): number;
  _tvm_session_new(model: number, mode: number, maxTokens: number): number;
  _tvm_session_free(session: number): void;
  _tvm_session_reset(session: number): void;
  _tvm_session_feed(session: number, ids: number, n: number): number;
  _tvm_session_generate(session: number, maxTokens: number, out: number): number;
  _tvm_session_stopped(session: number): number;
  _tvm_session_position(session: number): number;
  _tvm_session_generated(session: number): number;
  _tvm_session_state_bytes(session: number): number;
  _tvm_session_inspect_at(session: number, position: number): void;
  _tvm_session_inspection_ready(session: number): number;
  _tvm_session_inspection(session: number): number;
  _tvm_session_inspection_length(session: number): number;
  _tvm_session_drop_inspection(session: number): void;
  _tvm_model_ramp_units(model: number, layer: number): number;
  _tvm_session_set_ramps(session: number, on: number): void;
  _tvm_session_ramp_hits(session: number): number;
  _tvm_session_ramp_misses(session: number): number;
  _tvm_session_set_trace(session: number, on: number): void;
  _tvm_session_trace(session: number): number;
  _tvm_session_trace_length(session: number): number;
  _tvm_alloc(bytes: number): number;
  _tvm_free(ptr: number): void;
}

export interface TvmCoreOptions {
  /** Node: the bytes of tvmcore.wasm (the build has no Node file access of its own). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Browser/worker: where tvmcore.wasm is served (a Vite `?url` import). */
  locateFile?: (path: string, prefix: string) => string;
}

export default function createTvmCore(options?: TvmCoreOptions): Promise<TvmCoreModule>;
