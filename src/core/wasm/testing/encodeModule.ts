/**
 * Test helper: encodes the decoder's IR back into a WebAssembly binary (minimal LEBs), so a decoded
 * module can be run by V8 and compared with the original — a check on every decoded immediate.
 * Covers what the IR keeps: MVP modules without tables; SIMD lane bytes and v128 constants are not kept.
 */
import type { BlockType, ValType, WasmInstr, WasmModule } from '../ir.ts';
import { OPCODES, OPCODES_FC, OPCODES_FD, OPCODES_FE, type Immediate, type OpcodeInfo } from '../opcodeTable.ts';
import { section, sleb, str, uleb, vec, HEADER } from './moduleBuilder.ts';

const VALTYPE_BYTE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f };
const KIND_BYTE = { func: 0, table: 1, memory: 2, global: 3, tag: 4 } as const;

interface Encoding {
  prefix: number[];
  imm: Immediate;
}

const ENCODINGS = new Map<string, Encoding>();
function register(table: (OpcodeInfo | undefined)[], prefix: number | undefined): void {
  table.forEach((info, code) => {
    if (!info || ENCODINGS.has(info.name)) return;
    ENCODINGS.set(info.name, { prefix: prefix === undefined ? [code] : [prefix, ...uleb(code)], imm: info.imm });
  });
}
register(OPCODES, undefined);
register(OPCODES_FC, 0xfc);
register(OPCODES_FD, 0xfd);
register(OPCODES_FE, 0xfe);

function sleb64(v: bigint): number[] {
  const out: number[] = [];
  while (true) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(b & 0x40)) || (v === -1n && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** The constant's bytes: its exact bit pattern when known (`bits`), else from the literal text. */
function floatBytes(i: WasmInstr, width: 4 | 8): number[] {
  if (i.bits !== undefined) {
    const bits = new DataView(new ArrayBuffer(8));
    bits.setBigUint64(0, BigInt(i.bits), true);
    return [...new Uint8Array(bits.buffer)].slice(0, width);
  }
  const view = new DataView(new ArrayBuffer(width));
  const literal = i.literal ?? '0';
  const value = literal === 'nan' ? Number.NaN : Number(literal);
  if (width === 4) view.setFloat32(0, value, true);
  else view.setFloat64(0, value, true);
  return [...new Uint8Array(view.buffer)];
}

function blockType(bt: BlockType | undefined): number[] {
  if (!bt || bt.kind === 'empty') return [0x40];
  if (bt.kind === 'value') return [VALTYPE_BYTE[bt.type]];
  return sleb(bt.index);
}

function encodeInstr(i: WasmInstr): number[] {
  const typed = i.op === 'select' && i.selectTypes;
  const enc = typed ? { prefix: [0x1c], imm: 'select_t' as Immediate } : ENCODINGS.get(i.op);
  if (!enc) throw new Error(`cannot encode ${i.op}`);
  const out = [...enc.prefix];
  switch (enc.imm) {
    case 'none':
      break;
    case 'blocktype':
      out.push(...blockType(i.blockType));
      break;
    case 'br_table':
      out.push(...vec((i.targets ?? []).map((t) => uleb(t))), ...uleb(i.imm));
      break;
    case 'call_indirect':
      out.push(...uleb(i.imm), 0x00);
      break;
    case 'memarg':
      out.push(...uleb(i.align ?? 0), ...uleb(i.imm));
      break;
    case 'memory':
      out.push(0x00);
      break;
    case 'memory2':
      out.push(0x00, 0x00);
      break;
    case 'data_memory':
    case 'elem_table':
    case 'table2':
      out.push(...uleb(i.imm), 0x00);
      break;
    case 'i32':
      out.push(...sleb(i.imm | 0));
      break;
    case 'i64':
      out.push(...sleb64(BigInt(i.literal ?? '0')));
      break;
    case 'f32':
      out.push(...floatBytes(i, 4));
      break;
    case 'f64':
      out.push(...floatBytes(i, 8));
      break;
    case 'select_t':
      out.push(...vec((i.selectTypes ?? []).map((t) => [VALTYPE_BYTE[t]])));
      break;
    case 'reftype':
      out.push(0x70);
      break;
    case 'zero_byte':
      out.push(0x00);
      break;
    case 'label':
    case 'func':
    case 'local':
    case 'global':
    case 'table':
    case 'data':
    case 'elem':
      out.push(...uleb(i.imm));
      break;
    default:
      throw new Error(`cannot encode the immediates of ${i.op}`);
  }
  return out;
}

function localGroups(locals: ValType[]): number[][] {
  const groups: number[][] = [];
  for (let k = 0; k < locals.length; ) {
    let n = 1;
    while (k + n < locals.length && locals[k + n] === locals[k]) n++;
    groups.push([...uleb(n), VALTYPE_BYTE[locals[k]]]);
    k += n;
  }
  return groups;
}


/** Appends `bytes` to `out` (a spread into push overflows the call stack for large modules). */
function append(out: number[], bytes: readonly number[]): void {
  for (const b of bytes) out.push(b);
}

export function encodeModule(m: WasmModule): Uint8Array {
  const out: number[] = [...HEADER];
  append(out, section(1, vec(m.types.map((t) => [0x60, ...vec(t.params.map((p) => [VALTYPE_BYTE[p]])), ...vec(t.results.map((r) => [VALTYPE_BYTE[r]]))]))));
  const imports = m.imports.map((imp) => {
    if (imp.kind !== 'func') throw new Error(`cannot encode a ${imp.kind} import`);
    return [...str(imp.module), ...str(imp.name), 0x00, ...uleb(imp.typeIndex ?? 0)];
  });
  if (imports.length) append(out, section(2, vec(imports)));
  append(out, section(3, vec(m.functions.map((f) => uleb(f.typeIndex)))));
  if (m.memoryPages !== undefined) append(out, section(5, vec([[0x00, ...uleb(m.memoryPages)]])));
  if (m.globals.length) {
    append(out, section(6, vec(m.globals.map((g) => [VALTYPE_BYTE[g.type], g.mutable ? 1 : 0, ...(g.type === 'i64' ? [0x42, ...sleb64(BigInt.asIntN(64, g.initI64 ?? 0n))] : [0x41, ...sleb(g.init | 0)]), 0x0b]))));
  }
  append(out, section(7, vec(m.exports.map((e) => [...str(e.name), KIND_BYTE[e.kind], ...uleb(e.index)]))));
  if (m.start !== undefined) append(out, section(8, uleb(m.start)));
  const bodies = m.functions.map((f) => {
    const body = [...vec(localGroups(f.locals)), ...f.body.flatMap(encodeInstr)];
    return [...uleb(body.length), ...body];
  });
  append(out, section(10, vec(bodies)));
  if (m.data.length) {
    append(
      out,
      section(
        11,
        vec(
          m.data.map((d) => {
            if (d.mode !== 'active' || d.offsetExpr !== undefined) throw new Error('cannot encode this data segment');
            return [0x00, 0x41, ...sleb(d.offset | 0), 0x0b, ...uleb(d.bytes.length), ...d.bytes];
          }),
        ),
      ),
    );
  }
  return new Uint8Array(out);
}
