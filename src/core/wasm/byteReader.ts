import { StageError } from '../errors.ts';

/** Throws the decoder's one error type, pinned to a byte offset of the module. */
export function decodeError(message: string, offset: number): never {
  throw new StageError('decode', `${message} (at byte offset ${offset})`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A bounds-checked cursor over the module bytes. `end` limits reads to the current
 * section or body, so nothing inside a section can read past that section.
 * Every read either returns a value or throws a decode StageError.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  pos: number;
  end: number;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) decodeError('unexpected end of data', this.pos);
    return this.bytes[this.pos++];
  }

  /** Ensures `n` more bytes exist, without consuming them. */
  need(n: number, what: string): void {
    if (n > this.end - this.pos) {
      decodeError(`${what} needs ${n} bytes but only ${this.end - this.pos} remain`, this.pos);
    }
  }

  /** `n` raw bytes as a view into the module (no copy). */
  bytesView(n: number, what: string): Uint8Array {
    this.need(n, what);
    const view = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const start = this.pos;
    let b = this.u8();
    if (b < 0x80) return b;
    let result = b & 0x7f;
    let shift = 7;
    for (let i = 1; i < 5; i++) {
      b = this.u8();
      if (i === 4) {
        if (b & 0x80) decodeError('over-long LEB128 (more than 5 bytes for a 32-bit value)', start);
        if (b & 0x70) decodeError('LEB128 value does not fit in 32 bits', start);
      }
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
    return result;
  }

  /** Signed LEB128 of a 32-bit value, at most 5 bytes; returned as a signed number. */
  s32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) decodeError('over-long LEB128 (more than 5 bytes for a 32-bit value)', start);
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) decodeError('signed LEB128 value does not fit in 32 bits', start);
        return (result | (b << 28)) | 0;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) return shift < 32 && b & 0x40 ? result | (-1 << shift) : result | 0;
    }
    return result;
  }

  /** Signed LEB128 of a 33-bit value (block types), at most 5 bytes. */
  s33(): number {
    const start = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** (7 * i);
      if (i === 4) {
        if (b & 0x80) decodeError('over-long LEB128 (more than 5 bytes for a 33-bit value)', start);
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) decodeError('signed LEB128 value does not fit in 33 bits', start);
        return b & 0x10 ? result - 2 ** 35 : result;
      }
      if (!(b & 0x80)) return b & 0x40 ? result - 2 ** (7 * (i + 1)) : result;
    }
    return result;
  }

  /** Signed LEB128 of a 64-bit value, at most 10 bytes. */
  s64(): bigint {
    const start = this.pos;
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (i === 9) {
        if (b & 0x80) decodeError('over-long LEB128 (more than 10 bytes for a 64-bit value)', start);
        const high = b & 0x7e;
        if (high !== 0 && high !== 0x7e) decodeError('signed LEB128 value does not fit in 64 bits', start);
        return BigInt.asIntN(64, result);
      }
      if (!(b & 0x80)) return BigInt.asIntN(64, b & 0x40 ? result - (1n << BigInt(7 * (i + 1))) : result);
    }
    return result;
  }

  /** Unsigned LEB128 of a 64-bit value (memory64 limits); returned as a number, saturating precision. */
  u64(): number {
    const start = this.pos;
    let result = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** (7 * i);
      if (!(b & 0x80)) {
        if (i === 9 && b > 1) decodeError('LEB128 value does not fit in 64 bits', start);
        return result;
      }
    }
    return decodeError('over-long LEB128 (more than 10 bytes for a 64-bit value)', start);
  }

  /** A vector length: every element takes at least `minBytesEach` bytes, so the count is bounded by what remains. */
  count(what: string, minBytesEach = 1): number {
    const start = this.pos;
    const n = this.u32();
    if (n * minBytesEach > this.end - this.pos) {
      decodeError(`${what} count ${n} exceeds the ${this.end - this.pos} bytes that remain`, start);
    }
    return n;
  }

  /** A length-prefixed UTF-8 name. */
  name(what: string): string {
    const start = this.pos;
    const n = this.u32();
    const raw = this.bytesView(n, what);
    let ascii = true;
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return raw.length < 64 ? String.fromCharCode(...raw) : utf8.decode(raw);
    try {
      return utf8.decode(raw);
    } catch {
      return decodeError(`${what} is not valid UTF-8`, start);
    }
  }

  /** The IEEE bit pattern of an f32 literal (exact, NaN payloads included). */
  f32Bits(): number {
    this.need(4, 'f32 literal');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4).getUint32(0, true);
    this.pos += 4;
    return v;
  }

  /** The IEEE bit pattern of an f64 literal (exact, NaN payloads included). */
  f64Bits(): bigint {
    this.need(8, 'f64 literal');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8).getBigUint64(0, true);
    this.pos += 8;
    return v;
  }
}
