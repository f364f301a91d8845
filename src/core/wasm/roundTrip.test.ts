/**
 * The decoded IR carries every immediate correctly: re-encoding it (with fresh, minimal LEBs) gives
 * a module that V8 runs with exactly the output of the original clang module.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModule } from './decode.ts';
import { encodeModule } from './testing/encodeModule.ts';

const read = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(new URL(`./fixtures/${name}.wasm`, import.meta.url)));

/** Runs `compute(input)` the way the machine does: input string + NUL at __heap_base. */
async function runInV8(bytes: Uint8Array<ArrayBuffer>, input: string): Promise<string> {
  let out = '';
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { output_byte: (c: number) => { out += String.fromCharCode(c & 255); }, halt: () => {} },
  });
  const exports = instance.exports as { memory: WebAssembly.Memory; __heap_base: WebAssembly.Global; compute: (p: number) => void };
  const base = exports.__heap_base.value as number;
  const mem = new Uint8Array(exports.memory.buffer);
  const arg = new TextEncoder().encode(input);
  mem.set(arg, base);
  mem[base + arg.length] = 0;
  exports.compute(base);
  return out;
}

describe('decode → re-encode round trip', () => {
  for (const [name, input] of [['hello', 'world'], ['features', 'transformer'], ['switch_table', '0123456789']] as const) {
    it(`${name}: the re-encoded module behaves like clang's`, async () => {
      const original = read(name);
      const m = decodeModule(original);
      const reencoded = encodeModule(m) as Uint8Array<ArrayBuffer>;
      expect(WebAssembly.validate(reencoded)).toBe(true);
      const want = await runInV8(original, input);
      const got = await runInV8(reencoded, input);
      expect(want.length).toBeGreaterThan(0);
      if (got !== want) {
        let k = 0;
        while (got[k] === want[k]) k++;
        throw new Error(`${name}: output diverges at byte ${k}: original ${JSON.stringify(want.slice(k, k + 20))}, re-encoded ${JSON.stringify(got.slice(k, k + 20))}`);
      }
      // And decoding the re-encoded module gives the same instructions (positions aside).
      const strip = (mm: typeof m) => mm.functions.map((f) => f.body.map(({ pos: _pos, ...rest }) => rest));
      expect(strip(decodeModule(reencoded))).toEqual(strip(m));
    });
  }
});
