import wasmUrl from '../../wasm/tvmcore.wasm?url';
import { wasmEngine, type WasmEngine } from './wasmEngine.ts';

let engine: Promise<WasmEngine> | null = null;

/** The Emscripten core in a worker: Vite serves tvmcore.wasm and gives its URL. */
export function browserWasmEngine(): Promise<WasmEngine> {
  engine ??= wasmEngine({ locateFile: () => wasmUrl });
  return engine;
}
