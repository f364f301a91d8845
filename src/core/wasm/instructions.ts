import type { BlockType, ValType, WasmInstr } from './ir.ts';
import { ByteReader, decodeError } from './byteReader.ts';
import { OPCODES, OPCODES_FC, OPCODES_FD, OPCODES_FE, type OpcodeInfo } from './opcodeTable.ts';

/** Value-type bytes of the binary format. */
const VALTYPES: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

export function readValType(r: ByteReader, what: string): ValType {
  const at = r.pos;
  const b = r.u8();
  const t = VALTYPES[b];
  if (!t) decodeError(`invalid value type 0x${hex(b)} in ${what}`, at);
  return t;
}

export function readRefType(r: ByteReader, what: string): ValType {
  const at = r.pos;
  const t = readValType(r, what);
  if (t !== 'funcref' && t !== 'externref') decodeError(`${what} must be funcref or externref, not ${t}`, at);
  return t;
}

export function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Index spaces an instruction's immediates are checked against. */
export interface IndexLimits {
  types: number;
  functions: number;
  globals: number;
  /** Parameters + declared locals; unused for constant expressions. */
  locals: number;
}

type Frame = 'func' | 'block' | 'loop' | 'if' | 'else';

/**
 * Decodes an instruction sequence up to and including the `end` that closes it.
 * For a function body (`isBody`), that end must be the body's last byte.
 * Label depths and indices are checked here, so consumers may index with them safely.
 */
export function decodeExpression(r: ByteReader, limits: IndexLimits, isBody: boolean, where: string): WasmInstr[] {
  const out: WasmInstr[] = [];
  const frames: Frame[] = ['func'];
  while (true) {
    if (r.pos >= r.end) decodeError(`${where}: ${isBody ? 'body' : 'expression'} ends without its final 'end'`, r.pos);
    const pos = r.pos;
    const code = r.bytes[r.pos++];
    let info: OpcodeInfo | undefined;
    if (code === 0xfc || code === 0xfd || code === 0xfe) {
      const sub = r.u32();
      const t = code === 0xfc ? OPCODES_FC : code === 0xfd ? OPCODES_FD : OPCODES_FE;
      info = t[sub];
      if (!info) {
        const family = code === 0xfc ? 'bulk-memory/saturating' : code === 0xfd ? 'SIMD' : 'atomic';
        decodeError(`${where}: unknown ${family} opcode 0x${hex(code)} 0x${hex(sub)}`, pos);
      }
    } else {
      info = OPCODES[code];
      if (!info) decodeError(`${where}: unknown opcode 0x${hex(code)}`, pos);
    }
    const instr: WasmInstr = { op: info.name, imm: 0, pos };
    switch (info.imm) {
      case 'none':
        break;
      case 'blocktype':
        instr.blockType = readBlockType(r, limits, where);
        break;
      case 'label':
        instr.imm = readLabel(r, frames.length, where);
        break;
      case 'br_table': {
        const n = r.count('br_table target');
        const targets: number[] = new Array(n);
        for (let i = 0; i < n; i++) targets[i] = readLabel(r, frames.length, where);
        instr.targets = targets;
        instr.imm = readLabel(r, frames.length, where);
        break;
      }
      case 'func':
        instr.imm = readIndex(r, limits.functions, 'function', where);
        break;
      case 'call_indirect':
        instr.imm = readIndex(r, limits.types, 'type', where);
        {
          const table = r.u32();
          if (table !== 0) instr.table = table;
        }
        break;
      case 'local':
        if (!isBody) decodeError(`${where}: ${info.name} is not allowed in a constant expression`, pos);
        instr.imm = readIndex(r, limits.locals, 'local', where);
        break;
      case 'global':
        instr.imm = readIndex(r, limits.globals, 'global', where);
        break;
      case 'table':
      case 'data':
      case 'elem':
        instr.imm = r.u32();
        break;
      case 'memarg':
        readMemarg(r, instr, where);
        break;
      case 'memory':
        readMemoryIndex(r, where);
        break;
      case 'memory2':
        readMemoryIndex(r, where);
        readMemoryIndex(r, where);
        break;
      case 'data_memory':
        instr.imm = r.u32();
        readMemoryIndex(r, where);
        break;
      case 'elem_table':
      case 'table2':
        instr.imm = r.u32();
        r.u32();
        break;
      case 'i32':
        instr.imm = r.s32() >>> 0;
        break;
      case 'i64':
        instr.literal = r.s64().toString();
        break;
      case 'f32': {
        const bits = r.f32Bits();
        instr.bits = String(bits);
        instr.literal = formatFloat(new Float32Array(new Uint32Array([bits]).buffer)[0]);
        break;
      }
      case 'f64': {
        const bits = r.f64Bits();
        instr.bits = String(bits);
        instr.literal = formatFloat(new Float64Array(new BigUint64Array([bits]).buffer)[0]);
        break;
      }
      case 'select_t': {
        const n = r.count('select type');
        const types: ValType[] = [];
        for (let i = 0; i < n; i++) types.push(readValType(r, 'typed select'));
        instr.selectTypes = types;
        break;
      }
      case 'reftype':
        readRefType(r, 'ref.null');
        break;
      case 'v128':
      case 'shuffle':
        r.bytesView(16, `${info.name} immediate`);
        break;
      case 'lane':
        r.u8();
        break;
      case 'memarg_lane':
        readMemarg(r, instr, where);
        r.u8();
        break;
      case 'zero_byte':
        if (r.u8() !== 0) decodeError(`${where}: ${info.name} expects a zero byte`, pos + 1);
        break;
    }
    out.push(instr);

    switch (code) {
      case 0x02:
        frames.push('block');
        break;
      case 0x03:
        frames.push('loop');
        break;
      case 0x04:
        frames.push('if');
        break;
      case 0x05:
        if (frames[frames.length - 1] !== 'if') decodeError(`${where}: 'else' without a matching 'if'`, pos);
        frames[frames.length - 1] = 'else';
        break;
      case 0x0b:
        frames.pop();
        if (frames.length === 0) {
          if (isBody && r.pos !== r.end) decodeError(`${where}: ${r.end - r.pos} bytes follow the body's final 'end'`, r.pos);
          return out;
        }
        break;
      default:
        if (!isBody && isControl(code)) decodeError(`${where}: ${info.name} is not allowed in a constant expression`, pos);
    }
    if (!isBody && frames.length > 1) decodeError(`${where}: block instructions are not allowed in a constant expression`, pos);
  }
}

function isControl(code: number): boolean {
  return code <= 0x13;
}

function readBlockType(r: ByteReader, limits: IndexLimits, where: string): BlockType {
  const at = r.pos;
  const b = r.u8();
  if (b === 0x40) return { kind: 'empty' };
  const t = VALTYPES[b];
  if (t) return { kind: 'value', type: t };
  r.pos = at;
  const index = r.s33();
  if (index < 0) decodeError(`${where}: invalid block type 0x${hex(b)}`, at);
  if (index >= limits.types) decodeError(`${where}: block type index ${index} is out of range (${limits.types} types)`, at);
  return { kind: 'typeIndex', index };
}

function readLabel(r: ByteReader, openFrames: number, where: string): number {
  const at = r.pos;
  const depth = r.u32();
  if (depth >= openFrames) decodeError(`${where}: branch depth ${depth} exceeds the ${openFrames} enclosing blocks`, at);
  return depth;
}

function readIndex(r: ByteReader, limit: number, what: string, where: string): number {
  const at = r.pos;
  const i = r.u32();
  if (i >= limit) decodeError(`${where}: ${what} index ${i} is out of range (${limit} ${what}s)`, at);
  return i;
}

function readMemarg(r: ByteReader, instr: WasmInstr, where: string): void {
  const at = r.pos;
  let align = r.u32();
  if (align & 0x40) {
    const mem = r.u32();
    if (mem !== 0) decodeError(`${where}: memory index ${mem}: multiple memories are not supported`, at);
    align &= ~0x40;
  }
  if (align >= 32) decodeError(`${where}: alignment exponent ${align} is too large`, at);
  instr.align = align;
  instr.imm = r.u32();
}

function readMemoryIndex(r: ByteReader, where: string): void {
  const at = r.pos;
  const mem = r.u32();
  if (mem !== 0) decodeError(`${where}: memory index ${mem}: multiple memories are not supported`, at);
}

function formatFloat(x: number): string {
  return Number.isNaN(x) ? 'nan' : Object.is(x, -0) ? '-0' : String(x);
}
