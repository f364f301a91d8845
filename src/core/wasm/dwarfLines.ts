/**
 * A reader for DWARF v2–v5 `.debug_line` line programs, enough to map a code address to
 * file/line/column. In WebAssembly DWARF a code address is an offset from the start of the
 * Code section's payload (the byte after the section size), so module offsets are converted.
 *
 * Debug info is a convenience: anything malformed makes lookups return undefined, never throw.
 */

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

interface Row {
  address: number;
  file: string;
  line: number;
  column: number;
}

/** Rows of one sequence, sorted by address, covering [start, end). */
export interface LineSequence {
  start: number;
  end: number;
  rows: Row[];
}

/** Addresses at or above this are linker tombstones for discarded code. */
const TOMBSTONE_MIN = 0xfffffff0;

// Standard opcodes.
const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_const_add_pc = 8;
const DW_LNS_fixed_advance_pc = 9;
// Extended opcodes.
const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
const DW_LNE_define_file = 3;
// Entry-format content types (v5).
const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;
// Forms used by v5 entry formats.
const DW_FORM_block2 = 0x03;
const DW_FORM_block4 = 0x04;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07;
const DW_FORM_string = 0x08;
const DW_FORM_block = 0x09;
const DW_FORM_block1 = 0x0a;
const DW_FORM_data1 = 0x0b;
const DW_FORM_sdata = 0x0d;
const DW_FORM_strp = 0x0e;
const DW_FORM_udata = 0x0f;
const DW_FORM_strx = 0x1a;
const DW_FORM_data16 = 0x1e;
const DW_FORM_line_strp = 0x1f;
const DW_FORM_strx1 = 0x25;
const DW_FORM_strx2 = 0x26;
const DW_FORM_strx3 = 0x27;
const DW_FORM_strx4 = 0x28;

class DwarfFault extends Error {}

/** A little-endian cursor that throws DwarfFault (caught by the caller) on any overrun. */
class Cursor {
  constructor(
    readonly b: Uint8Array,
    public pos: number,
    public end: number,
  ) {}

  private need(n: number): void {
    if (n > this.end - this.pos || n < 0) throw new DwarfFault('overrun');
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++];
  }
  s8(): number {
    return (this.u8() << 24) >> 24;
  }
  u16(): number {
    this.need(2);
    const v = this.b[this.pos] | (this.b[this.pos + 1] << 8);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
  }
  /** An unsigned little-endian integer of n bytes; beyond 2^53 precision is lost, which only matters for tombstones. */
  uN(n: number): number {
    this.need(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + this.b[this.pos + i];
    this.pos += n;
    return v;
  }
  uleb(): number {
    let result = 0;
    let scale = 1;
    while (true) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      if (!(byte & 0x80)) return result;
      scale *= 128;
      if (scale > 2 ** 70) throw new DwarfFault('uleb too long');
    }
  }
  sleb(): number {
    let result = 0;
    let scale = 1;
    while (true) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if (!(byte & 0x80)) return byte & 0x40 ? result - scale : result;
      if (scale > 2 ** 70) throw new DwarfFault('sleb too long');
    }
  }
  cstring(): string {
    const start = this.pos;
    while (this.pos < this.end && this.b[this.pos] !== 0) this.pos++;
    if (this.pos >= this.end) throw new DwarfFault('unterminated string');
    const s = decodeText(this.b.subarray(start, this.pos));
    this.pos++;
    return s;
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
}

const textDecoder = new TextDecoder('utf-8');
function decodeText(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}

function stringAt(section: Uint8Array | undefined, offset: number): string {
  if (!section || offset >= section.length) throw new DwarfFault('string offset out of range');
  return new Cursor(section, offset, section.length).cstring();
}

interface Header {
  version: number;
  offsetSize: number;
  minInstLength: number;
  lineBase: number;
  lineRange: number;
  opcodeBase: number;
  standardLengths: number[];
  /** Resolved file names, indexed as the line program indexes them. */
  files: string[];
}

/** Parses every line program of `.debug_line`; units after a malformed one are dropped. */
export function parseDebugLine(sections: Map<string, Uint8Array>): LineSequence[] {
  const debugLine = sections.get('.debug_line');
  if (!debugLine) return [];
  const sequences: LineSequence[] = [];
  let off = 0;
  try {
    while (off + 4 <= debugLine.length) {
      const c = new Cursor(debugLine, off, debugLine.length);
      let length = c.u32();
      let offsetSize = 4;
      if (length === 0xffffffff) {
        length = c.uN(8);
        offsetSize = 8;
      } else if (length >= 0xfffffff0) {
        break;
      }
      if (length > c.end - c.pos) break;
      const unitEnd = c.pos + length;
      c.end = unitEnd;
      const header = readHeader(c, offsetSize, sections);
      runProgram(c, header, sequences);
      off = unitEnd;
    }
  } catch {
    // keep the units read so far
  }
  sequences.sort((a, b) => a.start - b.start);
  return sequences;
}

function readHeader(c: Cursor, offsetSize: number, sections: Map<string, Uint8Array>): Header {
  const version = c.u16();
  if (version < 2 || version > 5) throw new DwarfFault(`unsupported line table version ${version}`);
  if (version >= 5) {
    c.u8(); // address_size
    c.u8(); // segment_selector_size
  }
  const headerLength = c.uN(offsetSize);
  if (headerLength > c.end - c.pos) throw new DwarfFault('header past unit');
  const programStart = c.pos + headerLength;
  const minInstLength = c.u8();
  if (version >= 4) c.u8(); // maximum_operations_per_instruction (1 on wasm)
  c.u8(); // default_is_stmt
  const lineBase = c.s8();
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0 || opcodeBase === 0) throw new DwarfFault('bad line header');
  const standardLengths: number[] = [0];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(c.u8());

  const files = version >= 5 ? readV5Files(c, offsetSize, sections) : readV4Files(c);
  c.pos = programStart;
  return { version, offsetSize, minInstLength, lineBase, lineRange, opcodeBase, standardLengths, files };
}

function joinPath(dir: string | undefined, name: string): string {
  if (name.startsWith('/') || !dir) return name;
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

function readV4Files(c: Cursor): string[] {
  const dirs: string[] = [''];
  while (true) {
    const d = c.cstring();
    if (d === '') break;
    dirs.push(d);
  }
  const files: string[] = [''];
  while (true) {
    const name = c.cstring();
    if (name === '') break;
    const dir = c.uleb();
    c.uleb(); // mtime
    c.uleb(); // length
    files.push(joinPath(dir === 0 ? undefined : dirs[dir], name));
  }
  return files;
}

type EntryFormat = [contentType: number, form: number][];

function readEntryFormat(c: Cursor): EntryFormat {
  const n = c.u8();
  const format: EntryFormat = [];
  for (let i = 0; i < n; i++) format.push([c.uleb(), c.uleb()]);
  return format;
}

/** Reads one attribute value: a string for string forms, a number for constants, undefined for blocks. */
function readForm(c: Cursor, form: number, offsetSize: number, sections: Map<string, Uint8Array>): string | number | undefined {
  switch (form) {
    case DW_FORM_string:
      return c.cstring();
    case DW_FORM_line_strp:
      return stringAt(sections.get('.debug_line_str'), c.uN(offsetSize));
    case DW_FORM_strp:
      return stringAt(sections.get('.debug_str'), c.uN(offsetSize));
    case DW_FORM_udata:
      return c.uleb();
    case DW_FORM_sdata:
      return c.sleb();
    case DW_FORM_data1:
      return c.u8();
    case DW_FORM_data2:
      return c.u16();
    case DW_FORM_data4:
      return c.u32();
    case DW_FORM_data8:
      return c.uN(8);
    case DW_FORM_data16:
      c.skip(16);
      return undefined;
    case DW_FORM_block:
      c.skip(c.uleb());
      return undefined;
    case DW_FORM_block1:
      c.skip(c.u8());
      return undefined;
    case DW_FORM_block2:
      c.skip(c.u16());
      return undefined;
    case DW_FORM_block4:
      c.skip(c.u32());
      return undefined;
    case DW_FORM_strx:
      c.uleb();
      return undefined;
    case DW_FORM_strx1:
      c.skip(1);
      return undefined;
    case DW_FORM_strx2:
      c.skip(2);
      return undefined;
    case DW_FORM_strx3:
      c.skip(3);
      return undefined;
    case DW_FORM_strx4:
      c.skip(4);
      return undefined;
    default:
      throw new DwarfFault(`unsupported form 0x${form.toString(16)} in line table header`);
  }
}

function readEntries(c: Cursor, offsetSize: number, sections: Map<string, Uint8Array>): { path: string; dir: number }[] {
  const format = readEntryFormat(c);
  const count = c.uleb();
  if (count > c.end - c.pos) throw new DwarfFault('entry count past unit');
  const entries: { path: string; dir: number }[] = [];
  for (let i = 0; i < count; i++) {
    let path = '';
    let dir = 0;
    for (const [content, form] of format) {
      const v = readForm(c, form, offsetSize, sections);
      if (content === DW_LNCT_path && typeof v === 'string') path = v;
      else if (content === DW_LNCT_directory_index && typeof v === 'number') dir = v;
    }
    entries.push({ path, dir });
  }
  return entries;
}

function readV5Files(c: Cursor, offsetSize: number, sections: Map<string, Uint8Array>): string[] {
  const dirs = readEntries(c, offsetSize, sections).map((d) => d.path);
  const files = readEntries(c, offsetSize, sections);
  // Directory 0 is the compilation directory: names relative to it are shown as written.
  return files.map((f) => joinPath(f.dir === 0 ? undefined : dirs[f.dir], f.path));
}

function runProgram(c: Cursor, h: Header, out: LineSequence[]): void {
  let address = 0;
  let file = 1;
  let line = 1;
  let column = 0;
  let rows: Row[] = [];
  let seqStart = -1;
  const fileName = (i: number): string => h.files[i] ?? `file${i}`;

  const emit = (): void => {
    if (seqStart < 0) seqStart = address;
    rows.push({ address, file: fileName(file), line, column });
  };
  const reset = (): void => {
    address = 0;
    file = 1;
    line = 1;
    column = 0;
    rows = [];
    seqStart = -1;
  };

  while (c.pos < c.end) {
    const op = c.u8();
    if (op >= h.opcodeBase) {
      const adjusted = op - h.opcodeBase;
      address += Math.floor(adjusted / h.lineRange) * h.minInstLength;
      line += h.lineBase + (adjusted % h.lineRange);
      emit();
      continue;
    }
    switch (op) {
      case 0: {
        const len = c.uleb();
        if (len === 0 || len > c.end - c.pos) throw new DwarfFault('bad extended opcode length');
        const next = c.pos + len;
        const sub = c.u8();
        if (sub === DW_LNE_end_sequence) {
          if (seqStart >= 0 && seqStart < TOMBSTONE_MIN && address > seqStart) {
            rows.sort((a, b) => a.address - b.address);
            out.push({ start: seqStart, end: address, rows });
          }
          reset();
        } else if (sub === DW_LNE_set_address) {
          address = c.uN(len - 1);
        } else if (sub === DW_LNE_define_file) {
          const name = c.cstring();
          h.files.push(name);
        }
        c.pos = next;
        break;
      }
      case DW_LNS_copy:
        emit();
        break;
      case DW_LNS_advance_pc:
        address += c.uleb() * h.minInstLength;
        break;
      case DW_LNS_advance_line:
        line += c.sleb();
        break;
      case DW_LNS_set_file:
        file = c.uleb();
        break;
      case DW_LNS_set_column:
        column = c.uleb();
        break;
      case DW_LNS_const_add_pc:
        address += Math.floor((255 - h.opcodeBase) / h.lineRange) * h.minInstLength;
        break;
      case DW_LNS_fixed_advance_pc:
        address += c.u16();
        break;
      default:
        // negate_stmt, basic_block, prologue_end, epilogue_begin, set_isa and unknown standard
        // opcodes: skip their LEB operands as the header says.
        for (let i = 0; i < (h.standardLengths[op] ?? 0); i++) c.uleb();
    }
  }
}

/** Finds the row covering `address` (the last row at or before it within its sequence). */
function lookupAddress(sequences: LineSequence[], address: number): SourcePosition | undefined {
  let lo = 0;
  let hi = sequences.length - 1;
  let seq: LineSequence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sequences[mid].start <= address) {
      seq = sequences[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (!seq || address >= seq.end) return undefined;
  const rows = seq.rows;
  lo = 0;
  hi = rows.length - 1;
  let row: Row | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].address <= address) {
      row = rows[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (!row || row.line <= 0) return undefined;
  return { file: row.file, line: row.line, column: row.column };
}

/**
 * Builds `WasmModule.lineAt`: module byte offset → source position.
 * The line table is parsed on first use; malformed debug info yields undefined.
 */
export function createLineTable(
  sections: Map<string, Uint8Array>,
  codePayloadOffset: number,
): (pos: number) => SourcePosition | undefined {
  let sequences: LineSequence[] | undefined;
  return (pos: number) => {
    try {
      sequences ??= parseDebugLine(sections);
      if (!Number.isFinite(pos) || pos < codePayloadOffset) return undefined;
      return lookupAddress(sequences, pos - codePayloadOffset);
    } catch {
      sequences = [];
      return undefined;
    }
  };
}
