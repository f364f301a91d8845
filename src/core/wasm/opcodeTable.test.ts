import { describe, expect, it } from 'vitest';
import { OPCODES as MACHINE_OPCODES } from '../program/opcodes.ts';
import { hasSignature, opsWhere, wasmOp, OPCODES, OPCODES_FC } from './opcodeTable.ts';

describe('the op table', () => {
  it("its machine ops are the machine's opcodes, less the three of its own", () => {
    const own = new Set(['halt', 'output', 'input_base']);
    expect([...opsWhere((i) => i.handling === 'machine')].sort()).toEqual(MACHINE_OPCODES.filter((o) => !own.has(o)).sort());
  });

  it('every lowered arithmetic op works on i32 and every i64-pairs op involves i64', () => {
    for (const name of opsWhere((i) => i.handling === 'lowered' && (i.family === 'unary' || i.family === 'binary'))) expect(wasmOp(name)!.type).toBe('i32');
    for (const name of opsWhere((i) => i.handling === 'i64-pairs')) {
      const { sig } = wasmOp(name)!;
      expect([...sig!.params, ...sig!.results], name).toContain('i64');
    }
  });

  it('float bit ops move bits through the integer op of the same width and size', () => {
    const moves = opsWhere((i) => i.handling === 'float-bits' && (i.family === 'load' || i.family === 'store'));
    expect(moves.size).toBe(4);
    for (const name of moves) {
      const op = wasmOp(name)!;
      const integer = wasmOp(op.bitsOp!)!;
      expect([integer.family, integer.bytes, integer.handling], name).toEqual([op.family, op.bytes, op.type === 'f32' ? 'machine' : 'i64-pairs']);
    }
  });

  it('traps: integer division and remainder, float to integer truncation (not the saturating one)', () => {
    expect([...opsWhere((i) => !!i.traps)].sort()).toEqual([
      'i32.div_s', 'i32.div_u', 'i32.rem_s', 'i32.rem_u', 'i32.trunc_f32_s', 'i32.trunc_f32_u', 'i32.trunc_f64_s', 'i32.trunc_f64_u',
      'i64.div_s', 'i64.div_u', 'i64.rem_s', 'i64.rem_u', 'i64.trunc_f32_s', 'i64.trunc_f32_u', 'i64.trunc_f64_s', 'i64.trunc_f64_u',
    ]);
  });

  it('signatures follow the opcode groups', () => {
    expect(hasSignature(OPCODES[0x6a]!, ['i32', 'i32'], ['i32'])).toBe(true); // i32.add
    expect(hasSignature(OPCODES[0x51]!, ['i64', 'i64'], ['i32'])).toBe(true); // i64.eq
    expect(hasSignature(OPCODES[0xb9]!, ['i64'], ['f64'])).toBe(true); // f64.convert_i64_s
    expect(hasSignature(OPCODES_FC[6]!, ['f64'], ['i64'])).toBe(true); // i64.trunc_sat_f64_s
    expect(OPCODES[0x20]!.sig).toBeUndefined(); // local.get: its type is the local's
  });
});
