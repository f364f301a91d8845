import { readFile } from 'node:fs/promises';
import { wasmEngine, type WasmEngine } from './wasmEngine.ts';

let engine: Promise<WasmEngine> | null = null;

/** The Emscripten core in Node (CLI, tests, benchmark): reads src/wasm/tvmcore.wasm once. */
export function nodeWasmEngine(): Promise<WasmEngine> {
  engine ??= readFile(new URL('../../wasm/tvmcore.wasm', import.meta.url)).then((wasmBinary) => wasmEngine({ wasmBinary }));
  return engine;
}
