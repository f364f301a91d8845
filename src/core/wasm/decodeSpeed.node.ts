/**
 * Decode throughput on the largest fixture:  npx tsx src/core/wasm/decodeSpeed.node.ts
 * Prints MB/s for decodeModule alone, and with the first lineAt (which parses .debug_line).
 */
import { readFileSync } from 'node:fs';
import { decodeModule } from './decode.ts';

const bytes = new Uint8Array(readFileSync(new URL('./fixtures/features.wasm', import.meta.url)));

let codeBytes = 0;

function measure(label: string, run: () => void): void {
  for (let i = 0; i < 200; i++) run(); // warm-up
  const rounds = 2000;
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) run();
  const ms = (performance.now() - t0) / rounds;
  const mbs = (n: number): string => (n / 1e6 / (ms / 1000)).toFixed(1);
  console.log(`${label}: ${ms.toFixed(3)} ms per decode, ${mbs(bytes.length)} MB/s of module, ${mbs(codeBytes)} MB/s of function bodies`);
}

const m = decodeModule(bytes);
const instrs = m.functions.reduce((s, f) => s + f.body.length, 0);
codeBytes = m.functions.at(-1)!.body.at(-1)!.pos! + 1 - m.functions[0].pos!;
console.log(`features.wasm: ${bytes.length} bytes (${codeBytes} of them function bodies), ${m.functions.length} functions, ${instrs} instructions`);
measure('decodeModule', () => decodeModule(bytes));
measure('decodeModule + line table', () => {
  const d = decodeModule(bytes);
  d.lineAt?.(d.functions[1].body[0].pos!);
});
