/**
 * Test helper: assembles small WebAssembly binaries byte by byte, so tests can state exactly
 * which construct (or which malformation) a module contains.
 */

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  while (true) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export function str(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

export function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function section(id: number, payload: number[]): number[] {
  return [id, ...uleb(payload.length), ...payload];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f } as const;

export interface BuiltFunction {
  name?: string;
  params?: number[];
  results?: number[];
  /** Local declaration groups as [count, type]. */
  locals?: [number, number][];
  /** Body bytes without the final `end` (added automatically). */
  code: number[];
  export?: string;
}

export interface BuiltModule {
  /** Extra function types (beyond those the functions need), e.g. for multi-value block types. */
  types?: { params: number[]; results: number[] }[];
  imports?: { module: string; name: string; params?: number[]; results?: number[]; kind?: 'func' | 'memory' | 'global' }[];
  functions: BuiltFunction[];
  globals?: { type: number; mutable?: boolean; init: number[] }[];
  memory?: number;
  data?: number[][];
  start?: number;
  /** Whole extra sections appended after the standard ones (e.g. custom sections). */
  extraSections?: number[][];
  /** Emit a name section with function names. */
  names?: boolean;
}

/** Builds a module; returns the bytes and the type index of each `types` entry. */
export function buildModule(spec: BuiltModule): Uint8Array {
  const types: string[] = [];
  const typeBytes: number[][] = [];
  const typeIndex = (params: number[], results: number[]): number => {
    const key = `${params.join(',')}|${results.join(',')}`;
    let i = types.indexOf(key);
    if (i < 0) {
      i = types.length;
      types.push(key);
      typeBytes.push([0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))]);
    }
    return i;
  };
  for (const t of spec.types ?? []) typeIndex(t.params, t.results);

  const importBytes: number[][] = [];
  const names: [number, string][] = [];
  let funcIndex = 0;
  for (const imp of spec.imports ?? []) {
    const kind = imp.kind ?? 'func';
    if (kind === 'func') {
      names.push([funcIndex++, imp.name]);
      importBytes.push([...str(imp.module), ...str(imp.name), 0x00, ...uleb(typeIndex(imp.params ?? [], imp.results ?? []))]);
    } else if (kind === 'memory') {
      importBytes.push([...str(imp.module), ...str(imp.name), 0x02, 0x00, 0x01]);
    } else {
      importBytes.push([...str(imp.module), ...str(imp.name), 0x03, T.i32, 0x00]);
    }
  }
  const funcTypes = spec.functions.map((f) => typeIndex(f.params ?? [], f.results ?? []));
  const exportsBytes: number[][] = [];
  spec.functions.forEach((f, i) => {
    const index = funcIndex + i;
    if (f.name) names.push([index, f.name]);
    if (f.export) exportsBytes.push([...str(f.export), 0x00, ...uleb(index)]);
  });
  const bodies = spec.functions.map((f) => {
    const locals = vec((f.locals ?? []).map(([n, t]) => [...uleb(n), t]));
    const body = [...locals, ...f.code, 0x0b];
    return [...uleb(body.length), ...body];
  });

  const out = [...HEADER, ...section(1, vec(typeBytes))];
  if (importBytes.length) out.push(...section(2, vec(importBytes)));
  out.push(...section(3, vec(funcTypes.map((t) => uleb(t)))));
  if (spec.memory !== undefined) out.push(...section(5, vec([[0x00, ...uleb(spec.memory)]])));
  if (spec.globals?.length) {
    out.push(...section(6, vec(spec.globals.map((g) => [g.type, g.mutable ? 1 : 0, ...g.init, 0x0b]))));
  }
  if (exportsBytes.length) out.push(...section(7, vec(exportsBytes)));
  if (spec.start !== undefined) out.push(...section(8, uleb(spec.start)));
  out.push(...section(10, vec(bodies)));
  if (spec.data?.length) out.push(...section(11, vec(spec.data)));
  if (spec.names) {
    const funcNames = vec(names.map(([i, n]) => [...uleb(i), ...str(n)]));
    out.push(...section(0, [...str('name'), 0x01, ...uleb(funcNames.length), ...funcNames]));
  }
  for (const s of spec.extraSections ?? []) out.push(...s);
  return new Uint8Array(out);
}

/** A minimal valid program: `compute` exported, one call to env.output_byte. */
export function minimalProgram(code: number[] = [0x41, 0x2a, 0x10, 0x00], extra: Partial<BuiltModule> = {}): Uint8Array {
  return buildModule({
    imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }],
    functions: [{ name: 'compute', code, export: 'compute' }],
    names: true,
    ...extra,
  });
}
