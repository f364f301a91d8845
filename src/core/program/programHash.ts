import type { Program } from './program.ts';

/** A stable hash of a dispatch table (what a specialized model bakes in). */
export function programHash(p: Program): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const mix = (v: number): void => {
    h1 = Math.imul(h1 ^ v, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ ((v >>> 16) | (v << 16)), 0x85ebca6b) >>> 0;
  };
  mix(p.instructions.length);
  mix(p.inputBase === null ? 0xffffffff : p.inputBase);
  for (const ins of p.instructions) {
    for (let i = 0; i < ins.op.length; i++) mix(ins.op.charCodeAt(i));
    mix(ins.imm >>> 0);
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
