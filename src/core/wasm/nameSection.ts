import { ByteReader } from './byteReader.ts';

export interface NameSection {
  functions: Map<number, string>;
  globals: Map<number, string>;
}

const FUNCTION_NAMES = 1;
const GLOBAL_NAMES = 7;

/**
 * Reads the `name` custom section (function and global names).
 * Like engines do, a malformed name section is ignored rather than refused:
 * whatever was read before the fault is kept.
 */
export function readNameSection(payload: Uint8Array): NameSection {
  const names: NameSection = { functions: new Map(), globals: new Map() };
  try {
    const r = new ByteReader(payload);
    while (!r.atEnd()) {
      const id = r.u8();
      const size = r.u32();
      r.need(size, 'name subsection');
      const end = r.pos + size;
      if (id === FUNCTION_NAMES || id === GLOBAL_NAMES) {
        const sub = new ByteReader(payload, r.pos, end);
        const target = id === FUNCTION_NAMES ? names.functions : names.globals;
        const n = sub.count('name map entry', 2);
        for (let i = 0; i < n; i++) {
          const index = sub.u32();
          target.set(index, sub.name('name'));
        }
      }
      r.pos = end;
    }
  } catch {
    // keep what was read
  }
  return names;
}
