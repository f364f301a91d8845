import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModule } from './decode.ts';
import { findMachineIssues, MachineValidationError, MAX_LOCALS_PER_FRAME, validateForMachine, type MachineIssue } from './validate.ts';
import { buildModule, minimalProgram, T, type BuiltModule } from './testing/moduleBuilder.ts';

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./fixtures/${file}`, import.meta.url)));
const issuesOf = (name: string): MachineIssue[] => findMachineIssues(decodeModule(read(`${name}.wasm`)));

/** 1-based line of the `// @marker` comment in a fixture's C source. */
function markerLine(name: string, marker: string): number {
  const lines = new TextDecoder().decode(read(`${name}.c`)).split('\n');
  const i = lines.findIndex((l) => l.includes(`// @${marker}`));
  if (i < 0) throw new Error(`marker @${marker} not in ${name}.c`);
  return i + 1;
}

/** The issue in `fn` whose construct contains `text`; fails listing all issues when absent. */
function issueFor(issues: MachineIssue[], fn: string, text: string): MachineIssue {
  const hit = issues.find((i) => i.where.function === fn && i.construct.includes(text));
  if (!hit) throw new Error(`no issue '${text}' in ${fn}; issues:\n${issues.map((i) => i.message).join('\n')}`);
  return hit;
}

/** Checks construct, function and source line (from DWARF) of one marked construct. */
function expectAtMarker(name: string, fn: string, text: string, marker = text): MachineIssue {
  const issue = issueFor(issuesOf(name), fn, text);
  const line = markerLine(name, marker);
  expect(issue.where).toMatchObject({ function: fn, file: `${name}.c`, line });
  expect(issue.message).toMatch(new RegExp(`^in function '${fn}' \\(${name}\\.c:${line}(:\\d+)?\\): `));
  expect(issue.message).toContain(text);
  return issue;
}

describe('validateForMachine on clang output', () => {
  it('accepts programs inside the subset (including br_table and every lowered op clang emitted)', () => {
    for (const name of ['hello', 'hello_dwarf5', 'features', 'switch_table']) {
      const issues = issuesOf(name);
      if (issues.length) throw new Error(`${name}: ${issues.map((i) => i.message).join('\n')}`);
      expect(() => validateForMachine(decodeModule(read(`${name}.wasm`)))).not.toThrow();
    }
  });

  it('names float, i64, function-pointer and memory-size constructs with function and line', () => {
    const area = expectAtMarker('unsupported', 'area', 'f64.mul');
    expect(area.construct).toBe('floating-point operation f64.mul — float and double are not supported');
    expect(area.message).toMatch(/^in function 'area' \(unsupported\.c:7:12\): floating-point operation f64\.mul — float and double are not supported$/);
    expect(expectAtMarker('unsupported', 'wide', 'i64.mul').construct).toMatch(/long long/);
    expect(expectAtMarker('unsupported', 'apply', 'call_indirect').construct).toMatch(/function pointers/);
    expectAtMarker('unsupported', 'grow', 'memory.grow');
    expectAtMarker('unsupported', 'pages', 'memory.size');
  });

  it('names a call to a function the runtime does not provide', () => {
    const issue = expectAtMarker('unsupported', 'root', "call to 'isqrt', which the runtime does not provide", 'call-isqrt');
    expect(issue.construct).toBe("call to 'isqrt', which the runtime does not provide");
  });

  it('refuses functions with more locals than a frame holds', () => {
    const issue = expectAtMarker('unsupported', 'many', 'uses 70 locals', 'many');
    expect(issue.construct).toContain(`at most ${MAX_LOCALS_PER_FRAME} per call frame`);
  });

  it('refuses signatures with non-i32 types', () => {
    const issues = issuesOf('unsupported');
    expect(issueFor(issues, 'area', 'parameter 0 of type f64').message).toMatch(/float and double are not supported/);
    expect(issueFor(issues, 'wide', 'return type i64').message).toMatch(/64-bit integers/);
  });

  it('throws the first issue as a StageError carrying all of them', () => {
    let err: unknown;
    try {
      validateForMachine(decodeModule(read('unsupported.wasm')));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MachineValidationError);
    const e = err as MachineValidationError;
    expect(e.stage).toBe('validate');
    expect(e.where).toEqual({ function: 'area', file: 'unsupported.c', line: 7, column: 12 });
    expect(e.message).toBe("in function 'area' (unsupported.c:7:12): parameter 0 of type f64 — float and double are not supported");
    expect(e.format()).toBe(e.message);
    expect(e.issues.length).toBeGreaterThan(10);
  });

  it('refuses bulk memory and saturating truncation but not sign extension', () => {
    expectAtMarker('postmvp', 'copy_bytes', 'memory.copy');
    expectAtMarker('postmvp', 'clear_bytes', 'memory.fill');
    expectAtMarker('postmvp', 'to_int', 'i32.trunc_sat_f32_s');
    expect(issuesOf('postmvp').filter((i) => i.where.function === 'widen')).toEqual([]);
  });

  it('refuses SIMD, atomics and multi-value returns', () => {
    expect(expectAtMarker('simd', 'add4', 'i32x4.add').construct).toMatch(/^SIMD operation i32x4\.add/);
    expect(issueFor(issuesOf('simd'), 'add4', 'parameter 0 of type v128').construct).toMatch(/SIMD/);
    expect(expectAtMarker('atomics', 'bump', 'i32.atomic.rmw.add').construct).toMatch(/^atomic operation/);
    expect(expectAtMarker('multivalue', 'divmod', 'returns 2 values', 'divmod').construct).toMatch(/multi-value/);
  });

  it('refuses passive data, imported memory and start functions (the shared-memory build)', () => {
    const constructs = issuesOf('atomics').filter((i) => !i.where.function).map((i) => i.construct);
    expect(constructs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^passive data segment 0/),
        expect.stringMatching(/^imported memory 'env\.memory'/),
        expect.stringMatching(/^a start function \('__wasm_init_memory'\)/),
      ]),
    );
  });

  it('accepts struct copies through i64 (the i64-pair pass splits them into i32 words)', () => {
    const m = decodeModule(read('struct_copy.wasm'));
    expect(m.functions.some((f) => f.body.some((i) => i.op === 'i64.load'))).toBe(true);
    expect(findMachineIssues(m).map((i) => i.message)).toEqual([]);
  });
});

describe('validateForMachine on built modules', () => {
  const check = (spec: Partial<BuiltModule> & { code?: number[] }): string[] => {
    const { code, ...rest } = spec;
    return findMachineIssues(decodeModule(minimalProgram(code, rest))).map((i) => i.message);
  };

  it('accepts every supported and lowerable op', () => {
    const binary = [0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78];
    const unary = [0x45, 0x67, 0x68, 0x69, 0xc0, 0xc1];
    const code = [
      ...binary.flatMap((op) => [0x41, 7, 0x41, 3, op, 0x1a]),
      ...unary.flatMap((op) => [0x41, 7, op, 0x1a]),
      0x41, 0, 0x28, 2, 0, 0x41, 0, 0x2c, 0, 0, 0x6a, 0x41, 0, 0x2d, 0, 1, 0x6a, 0x41, 0, 0x2e, 1, 2, 0x6a, 0x41, 0, 0x2f, 1, 3, 0x6a, 0x1a,
      0x41, 0, 0x41, 1, 0x36, 2, 0, 0x41, 0, 0x41, 1, 0x3a, 0, 0, 0x41, 0, 0x41, 1, 0x3b, 1, 0,
      0x41, 1, 0x41, 2, 0x41, 0, 0x1b, 0x1a, 0x01,
      0x02, 0x7f, 0x41, 1, 0x0b, 0x04, 0x40, 0x01, 0x05, 0x01, 0x0b, // block (result i32), if/else
      0x02, 0x40, 0x03, 0x40, 0x41, 0, 0x0d, 1, 0x41, 0, 0x0e, 1, 0, 1, 0x0b, 0x0b, // loop, br_if, br_table
      0x23, 0, 0x24, 0, 0x41, 0x2a, 0x10, 0, 0x10, 1, 0x00,
    ];
    const issues = findMachineIssues(
      decodeModule(
        buildModule({
          imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }, { module: 'env', name: 'halt' }],
          functions: [{ name: 'compute', code, export: 'compute' }],
          globals: [{ type: T.i32, mutable: true, init: [0x41, 0] }],
          memory: 1,
          names: true,
        }),
      ),
    );
    expect(issues.map((i) => i.message)).toEqual([]);
  });

  it('refuses multi-value and non-i32 block types', () => {
    const spec = { types: [{ params: [T.i32], results: [T.i32, T.i32] }] };
    expect(check({ ...spec, code: [0x41, 1, 0x02, 0x00, 0x41, 2, 0x0b, 0x1a, 0x1a] })).toEqual([
      "in function 'compute': block with a multi-value type (type index 0) — blocks with parameters or several results are not supported",
    ]);
    expect(check({ code: [0x02, 0x7c, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x0b, 0x1a] })).toEqual([
      "in function 'compute': block yielding f64 — float and double are not supported",
      "in function 'compute': floating-point operation f64.const — float and double are not supported",
    ]);
  });

  it('refuses non-i32 globals and non-constant initializers', () => {
    expect(check({ globals: [{ type: T.i64, init: [0x42, 0] }] })).toEqual([
      "global 'global0' of type i64 — 64-bit integers (long long, int64_t) are supported only in local variables and memory, not as parameters, return values or globals",
    ]);
    expect(check({ imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }, { module: 'env', name: 'g', kind: 'global' }], globals: [{ type: T.i32, init: [0x23, 0] }] })).toEqual([
      "imported global 'env.g' — the runtime provides only the functions env.output_byte and env.halt",
      "global 'global1' has a non-constant initializer (global.get 0) — not supported",
    ]);
  });

  it('refuses passive and other-memory data segments', () => {
    expect(check({ memory: 1, data: [[0x01, 1, 0x41]] })).toEqual(['passive data segment 0 (initialised by memory.init) — not supported']);
    expect(check({ memory: 1, data: [[0x02, 1, 0x41, 0, 0x0b, 1, 0x41]] })).toEqual(['data segment 0 initialises memory 1 — only memory 0 exists']);
  });

  it('refuses a missing compute export', () => {
    const m = decodeModule(buildModule({ functions: [{ name: 'main', code: [], export: 'main' }], names: true }));
    expect(findMachineIssues(m).map((i) => i.message)).toEqual([
      "no function 'compute' is exported — the program must define void compute(const char *input) or int main(...)",
    ]);
  });

  it('refuses imports other than env.output_byte (i32)->() and env.halt (i32)->() or ()->()', () => {
    const imports = [
      { module: 'env', name: 'output_byte', params: [T.i32, T.i32] },
      { module: 'env', name: 'halt', results: [T.i32] },
      { module: 'env', name: 'sqrt', params: [T.f64], results: [T.f64] },
    ];
    expect(check({ imports })).toEqual([
      "'output_byte' is imported as env.output_byte with type (i32, i32) -> (), but the runtime's output_byte has type (i32) -> ()",
      "'halt' is imported as env.halt with type () -> (i32), but the runtime's halt has type (i32) -> ()",
      "import of 'sqrt' (env.sqrt), which the runtime does not provide",
    ]);
    expect(check({ imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }, { module: 'libc', name: 'rand', results: [T.i32] }], code: [0x10, 1, 0x1a] })).toEqual([
      "in function 'compute': call to 'rand', which the runtime does not provide",
    ]);
  });

  it('refuses typed select of other types and reference ops', () => {
    expect(check({ code: [0x42, 1, 0x42, 2, 0x41, 0, 0x1c, 1, T.i64, 0x1a] })).toEqual([]);
    expect(check({ code: [0x43, 0, 0, 0, 0, 0x43, 0, 0, 0, 0, 0x41, 0, 0x1c, 1, T.f32, 0x1a] })).toEqual([
      "in function 'compute': floating-point operation f32.const — float and double are not supported",
      "in function 'compute': floating-point operation f32.const — float and double are not supported",
      "in function 'compute': select of type f32 — float and double are not supported",
    ]);
    expect(check({ code: [0xd0, T.funcref, 0x1a] })).toEqual([
      "in function 'compute': table/reference operation ref.null — function pointers are not supported",
    ]);
  });

  it('accepts the i64 subset the i64-pair pass splits: copies, +, -, bitwise, comparisons, constant shifts, i64 locals and blocks', () => {
    const i64 = (code: number[]) => [0x42, 5, ...code];
    const binary = [0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x7c, 0x7d, 0x83, 0x84, 0x85];
    const code = [
      ...binary.flatMap((op) => [...i64([0x42, 3]), op, 0x1a]),
      ...[0x86, 0x87, 0x88].flatMap((op) => [...i64([0x42, 33]), op, 0x1a]), // shl, shr_s, shr_u by a constant
      ...i64([0x50, 0x1a]), ...i64([0xa7, 0x1a]), ...i64([0xc2, 0x1a]), ...i64([0xc3, 0x1a]), ...i64([0xc4, 0x1a]), // eqz, wrap, extend8/16/32_s
      0x41, 1, 0xac, 0x1a, 0x41, 1, 0xad, 0x1a, // extend_i32_s/u
      ...[0x29, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35].flatMap((op) => [0x41, 0, op, 0, 0, 0x1a]), // loads
      ...[0x37, 0x3c, 0x3d, 0x3e].flatMap((op) => [0x41, 0, 0x42, 1, op, 0, 0]), // stores
      0x02, 0x7e, 0x20, 0, 0x0b, 0x21, 0, // block (result i64) → i64 local
      0x42, 1, 0x42, 2, 0x41, 1, 0x1b, 0x1a, // untyped select of i64
    ];
    const issues = findMachineIssues(
      decodeModule(
        buildModule({
          imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }],
          functions: [{ name: 'compute', locals: [[1, T.i64]], code, export: 'compute' }],
          memory: 1,
          names: true,
        }),
      ),
    );
    expect(issues.map((i) => i.message)).toEqual([]);
  });

  it('refuses other i64 arithmetic, variable shifts and i64 in signatures', () => {
    const i64 = "of long long and int64_t arithmetic only copies, +, -, &, |, ^, comparisons and shifts by a constant are supported";
    expect(check({ code: [0x42, 6, 0x42, 7, 0x7e, 0x1a, 0x42, 6, 0x42, 7, 0x89, 0x1a, 0x42, 6, 0x79, 0x1a, 0x42, 6, 0x7b, 0x1a, 0x42, 6, 0x42, 7, 0x80, 0x1a] })).toEqual([
      `in function 'compute': 64-bit integer operation i64.mul — ${i64}`,
      `in function 'compute': 64-bit integer operation i64.rotl — ${i64}`,
      `in function 'compute': 64-bit integer operation i64.clz — ${i64}`,
      `in function 'compute': 64-bit integer operation i64.popcnt — ${i64}`,
      `in function 'compute': 64-bit integer operation i64.div_u — ${i64}`,
    ]);
    // The count comes from a local, not an i64.const right before the shift.
    expect(
      findMachineIssues(
        decodeModule(
          buildModule({
            imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }],
            functions: [{ name: 'compute', locals: [[1, T.i64]], code: [0x42, 1, 0x20, 0, 0x86, 0x1a], export: 'compute' }],
            names: true,
          }),
        ),
      ).map((i) => i.message),
    ).toEqual(["in function 'compute': 64-bit shift by a variable amount (i64.shl) — long long shifts are supported only by a constant count"]);
    const sig = findMachineIssues(
      decodeModule(
        buildModule({
          imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }],
          functions: [{ name: 'compute', code: [], export: 'compute' }, { name: 'wide', params: [T.i64], results: [T.i64], code: [0x20, 0] }],
          names: true,
        }),
      ),
    ).map((i) => i.message);
    expect(sig).toEqual([
      "in function 'wide': parameter 0 of type i64 — 64-bit integers (long long, int64_t) are supported only in local variables and memory, not as parameters, return values or globals",
      "in function 'wide': return type i64 — 64-bit integers (long long, int64_t) are supported only in local variables and memory, not as parameters, return values or globals",
    ]);
  });

  it(`allows ${MAX_LOCALS_PER_FRAME} locals per function and refuses ${MAX_LOCALS_PER_FRAME + 1}`, () => {
    const withLocals = (n: number) =>
      findMachineIssues(
        decodeModule(
          buildModule({
            imports: [{ module: 'env', name: 'output_byte', params: [T.i32] }],
            functions: [{ name: 'compute', params: [T.i32], locals: [[n - 1, T.i32]], code: [], export: 'compute' }],
            names: true,
          }),
        ),
      ).map((i) => i.message);
    expect(withLocals(MAX_LOCALS_PER_FRAME)).toEqual([]);
    expect(withLocals(MAX_LOCALS_PER_FRAME + 1)).toEqual([
      `in function 'compute': uses 65 locals (1 parameters + 64 variables); the machine addresses at most 64 per call frame — split the function or use fewer variables`,
    ]);
  });

  it('refuses a start function', () => {
    const bytes = buildModule({
      functions: [{ name: 'compute', code: [], export: 'compute' }, { name: 'init', code: [] }],
      start: 1,
      names: true,
    });
    expect(findMachineIssues(decodeModule(bytes)).map((i) => i.message)).toEqual(["a start function ('init') runs before compute — not supported"]);
  });

  it('reports at most a bounded number of issues', () => {
    const code = Array.from({ length: 5000 }, () => [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x1a]).flat();
    expect(check({ code }).length).toBe(100);
  });
});
