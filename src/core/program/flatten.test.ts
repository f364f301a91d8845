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

describe('halting with a status word (docs/c-runtime.md "Exit status")', () => {
  /** The run of a compute body, with an `env.halt(i32)` import as function 1. */
  function runWithHalt(body: WasmInstr[]) {
    const m = irModule([{ name: 'compute', body: [] }]);
    m.types.push({ params: ['i32'], results: [] });
    m.imports.push({ module: 'env', name: 'halt', kind: 'func', typeIndex: m.types.length - 1 });
    m.importedFunctionCount++;
    for (const f of m.functions) f.index++;
    for (const e of m.exports) if (e.kind === 'func') e.index++;
    m.functions[0].body = [...body, ins('end')];
    const run = runReference(assembleProgram(m), null, { trace: true });
    expect(run.stop).toBe('halt');
    return { output: new TextDecoder().decode(run.output), exitStatus: run.exitStatus, trap: run.trap, tail: run.tokens!.slice(-6).join(' ') };
  }

  it('a br_if to the entry function level halts only when taken, with status 0', () => {
    expect(runWithHalt([ins('i32.const', 0), ins('br_if', 0), ...out('a')])).toMatchObject({ output: 'a', exitStatus: 0 });
    expect(runWithHalt([ins('i32.const', 1), ins('br_if', 0), ...out('a')])).toMatchObject({ output: '', exitStatus: 0 });
  });

  it('env.halt with a constant or a computed status; unreachable traps', () => {
    expect(runWithHalt([ins('i32.const', 7), ins('call', 1), ins('unreachable')])).toEqual({
      output: '', exitStatus: 7, trap: undefined, tail: '07 00 00 00 commit(+1,sts=1,bt=0) halt',
    });
    expect(runWithHalt([ins('i32.const', 40), ins('i32.const', 2), ins('i32.add'), ins('call', 1)])).toEqual({
      output: '', exitStatus: 42, trap: undefined, tail: '2a 00 00 00 commit(+0,sts=0,bt=0) halt',
    });
    expect(runWithHalt([...out('u'), ins('unreachable')])).toMatchObject({ output: 'u', exitStatus: 132, trap: 'unreachable executed' });
  });
});
