import { describe, expect, it } from 'vitest';
import { runReference } from '../reference/interpret.ts';
import type { WasmInstr } from '../wasm/ir.ts';
import { assembleProgram } from './assemble.ts';
import { ins, irModule } from './testing/irModule.ts';

/** Output of a compute body (block types need WasmInstr objects, so it replaces irModule's body). */
function outputOf(body: WasmInstr[]): string {
  const m = irModule([{ name: 'compute', body: [] }]);
  m.functions[0].body = [...body, ins('end')];
  const run = runReference(assembleProgram(m), null);
  expect(run.stop).toBe('halt');
  return new TextDecoder().decode(run.output);
}

const out = (ch: string): WasmInstr[] => [ins('i32.const', ch.charCodeAt(0)), ins('call', 0)];
const ifElse = (cond: number, thenArm: WasmInstr[], elseArm: WasmInstr[]): WasmInstr[] => [
  ins('i32.const', cond),
  { op: 'if', imm: 0, blockType: { kind: 'empty' } },
  ...thenArm,
  ins('else'),
  ...elseArm,
  ins('end'),
];

describe('flattening if/else', () => {
  it('runs the then-arm or the else arm, and if without else', () => {
    expect(outputOf([...ifElse(1, out('T'), out('E')), ...ifElse(0, out('T'), out('E')), ...out('.')])).toBe('TE.');
    expect(outputOf([ins('i32.const', 0), { op: 'if', imm: 0, blockType: { kind: 'empty' } }, ...out('T'), ins('end'), ...out('.')])).toBe('.');
  });

  it('sends a branch out of the then-arm to the end of the if, not into the else arm', () => {
    const thenArm = [...out('a'), ins('br', 0), ...out('x')];
    expect(outputOf([...ifElse(1, thenArm, out('E')), ...out('.')])).toBe('a.');
    const nested = [{ op: 'block', imm: 0, blockType: { kind: 'empty' } } as WasmInstr, ...out('b'), ins('i32.const', 1), ins('br_if', 1), ...out('x'), ins('end')];
    expect(outputOf([...ifElse(1, nested, out('E')), ...out('.')])).toBe('b.');
  });
});
