import { ABNORMAL_ENDS } from '../tokens/exitStatus.ts';

/**
 * Runs a compiled program's wasm directly in the host's WebAssembly engine (V8 in Node, the
 * browser's engine in a worker), with the machine's two imports. It is an oracle independent of
 * decoding, lowering, assembly and the reference interpreter: the same bytes, executed with the
 * engine's own i32 semantics. Memory layout follows docs/original-design.md §3.1: the argument string and a NUL
 * at __heap_base rounded up to 16, passed as the entry's parameter.
 *
 * Synchronous and unbounded in time: use it on programs known to finish.
 */
export interface DirectRun {
  output: Uint8Array;
  /** halt: the program called exit/abort (env.halt); return: compute returned; trap: the engine trapped. */
  stop: 'halt' | 'return' | 'trap' | 'output-limit';
  /** The engine's trap message (e.g. `divide by zero`). */
  trap?: string;
  /**
   * The status word (src/core/tokens/exitStatus.ts): passed to env.halt, 0 when compute returned,
   * the machine's word for the engine's trap; undefined for `env.halt()` or an unknown trap.
   */
  statusWord?: number;
}

/** V8's trap messages → the machine's status words for the same trap (tokens/exitStatus.ts). */
const ENGINE_TRAPS: ReadonlyArray<readonly [RegExp, number]> = [
  [/divide by zero|remainder by zero/, ABNORMAL_ENDS.divideByZero.word],
  [/unrepresentable|overflow/, ABNORMAL_ENDS.integerOverflow.word],
  [/unreachable/, ABNORMAL_ENDS.unreachable.word],
];

class Halt extends Error {
  constructor(readonly word: number | undefined) {
    super('halt');
  }
}
class OutputLimit extends Error {}

export function runWasmDirect(wasm: Uint8Array, input: Uint8Array | string | null, opts: { maxOutputBytes?: number } = {}): DirectRun {
  const maxOutput = opts.maxOutputBytes ?? 1 << 24;
  const out: number[] = [];
  const imports = {
    env: {
      output_byte: (b: number) => {
        if (out.length >= maxOutput) throw new OutputLimit();
        out.push(b & 255);
      },
      halt: (word?: number) => {
        throw new Halt(word === undefined ? undefined : word >>> 0);
      },
    },
  };
  const module = new WebAssembly.Module(wasm as BufferSource);
  const instance = new WebAssembly.Instance(module, imports);
  const exports = instance.exports as Record<string, unknown>;
  const compute = exports.compute as ((...args: number[]) => void) | undefined;
  const memory = exports.memory as WebAssembly.Memory | undefined;
  const heapBase = exports.__heap_base as WebAssembly.Global | undefined;
  if (!compute || !memory || !heapBase) throw new Error('module must export compute, memory and __heap_base');

  const inputBase = Math.ceil((heapBase.value as number) / 16) * 16;
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes) {
    const mem = new Uint8Array(memory.buffer);
    mem.set(bytes, inputBase);
    mem[inputBase + bytes.length] = 0;
  }
  const result = (stop: DirectRun['stop'], trap?: string, statusWord?: number): DirectRun => ({ output: Uint8Array.from(out), stop, trap, statusWord });
  try {
    if (compute.length > 0) compute(inputBase);
    else compute();
    return result('return', undefined, 0);
  } catch (e) {
    if (e instanceof Halt) return result('halt', undefined, e.word);
    if (e instanceof OutputLimit) return result('output-limit');
    if (e instanceof WebAssembly.RuntimeError) return result('trap', e.message, ENGINE_TRAPS.find(([re]) => re.test(e.message))?.[1]);
    throw e;
  }
}
