import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { constCasesModule, variableCasesModule } from '../lower/testing/caseProgram.ts';
import { lowerModule } from '../lower/lower.ts';
import { compileToProgram } from '../pipeline.ts';
import { assembleProgram } from '../program/assemble.ts';
import type { Program } from '../program/program.ts';
import { programPrefixTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import type { Model } from '../weights/binFile.ts';
import { buildModel } from '../weights/buildModel.ts';
import type { Engine, TokenInspection } from './session.ts';
import { tsEngine } from './tsEngine.ts';
import type { WasmEngine } from './wasmEngine.ts';
import { nodeWasmEngine } from './wasmEngine.node.ts';
import { tokenIds } from './vocabulary.ts';

/**
 * The universal model (greedy schedule: built in a fraction of a second) runs real programs: the
 * Emscripten core in its fast mode and the TS engine must generate exactly the reference
 * interpreter's trace. SLOW=1 adds sudoku (about 750K tokens) and the longer TS runs.
 */

const SLOW = !!process.env.SLOW;
const examples = new URL('../../../examples/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', examples), 'utf8')) as { name: string; file: string; args: string }[];

let model: Model;
let wasm: WasmEngine;
beforeAll(async () => {
  model = buildModel({ kind: 'universal' }).model;
  wasm = await nodeWasmEngine();
});

async function example(name: string): Promise<{ program: Program; input: Uint8Array }> {
  const e = manifest.find((m) => m.name === name)!;
  const { program } = await compileToProgram(readFileSync(new URL(e.file, examples), 'utf8'), { fileName: e.file });
  return { program, input: new TextEncoder().encode(e.args) };
}

/** Runs the program through an engine; 'match' or where it first differs from the reference. */
function check(engine: Engine, attention: 'fast' | 'hull' | undefined, program: Program, input: Uint8Array | null): { verdict: string; tokens: number; bytesPerToken: number } {
  const promptText = programPrefixTokens(program, input);
  const ref = runReference(program, input, { trace: true, maxTokens: 6_000_000 });
  expect(ref.stop).toBe('halt');
  const expected = ref.tokens!.slice(promptText.length - promptText.indexOf('}') - 1);
  const s = engine.createSession(model, { attention });
  s.feed(tokenIds(model, promptText));
  const got: string[] = [];
  for (;;) {
    const r = s.generate(8192);
    for (const t of r.tokens) got.push(model.vocab[t]);
    if (r.stopped || got.length > expected.length) break;
  }
  const st = s.stats();
  s.dispose();
  let i = 0;
  while (i < got.length && i < expected.length && got[i] === expected[i]) i++;
  const verdict = i === got.length && i === expected.length ? 'match' : `diverges at generated token ${i}: ${got[i]} vs reference ${expected[i]}`;
  return { verdict, tokens: promptText.length + got.length, bytesPerToken: st.stateBytes / st.position };
}

describe('the universal model on example programs', () => {
  for (const name of ['hello', 'collatz', 'fibonacci', 'ops_arith', 'ops_bits']) {
    it(`${name}: the core's tokens equal the reference trace`, async () => {
      const { program, input } = await example(name);
      const r = check(wasm, 'fast', program, input);
      expect(r.verdict).toBe('match');
      expect(r.bytesPerToken).toBeLessThan(300);
    });
  }

  for (const name of SLOW ? ['hello', 'fibonacci', 'collatz', 'min_cost_matching'] : ['hello', 'fibonacci', 'collatz']) {
    it(`${name}: the TS engine's tokens equal the reference trace`, async () => {
      const { program, input } = await example(name);
      expect(check(tsEngine, undefined, program, input).verdict).toBe('match');
    });
  }

  it.runIf(SLOW)('sudoku: the whole run (about 750K tokens with clang 22) through the core, exact, under 300 bytes per token', async () => {
    const { program, input } = await example('sudoku');
    const r = check(wasm, 'fast', program, input);
    expect(r.verdict).toBe('match');
    expect(r.tokens).toBeGreaterThan(500_000);
    expect(r.bytesPerToken).toBeLessThan(300);
  });

  it('residual streams are identical in the TS engine and the core (fast and hull modes)', async () => {
    const { program, input } = await example('hello');
    const promptText = programPrefixTokens(program, input);
    const s = tsEngine.createSession(model);
    s.feed(tokenIds(model, promptText));
    const seq = [...tokenIds(model, promptText), ...s.generate(1e6).tokens];
    const at = (make: () => ReturnType<Engine['createSession']>, pos: number): TokenInspection => {
      const t = make();
      t.inspectAt(pos);
      t.feed(seq.slice(0, pos + 1));
      return t.takeInspection()!;
    };
    for (const pos of [0, promptText.length - 1, promptText.length + 200, seq.length - 2]) {
      const a = at(() => tsEngine.createSession(model), pos);
      for (const [mode, b] of [['fast', at(() => wasm.createSession(model), pos)], ['hull', at(() => wasm.createSession(model, { attention: 'hull' }), pos)]] as const) {
        expect(b.prediction, `${mode} at ${pos}`).toBe(a.prediction);
        for (let l = 0; l < model.L; l++) {
          for (const part of ['before', 'afterAttention', 'after'] as const) {
            const i = a.layers[l][part].findIndex((v, j) => !Object.is(v, b.layers[l][part][j]));
            expect(i, `${mode} at ${pos}, layer ${l} ${part}[${i}]: ${a.layers[l][part][i]} vs ${b.layers[l][part][i]}`).toBe(-1);
          }
          for (const h of b.layers[l].heads) {
            if (h.kind === 'unused') continue;
            expect(h.output, `${mode} at ${pos}, layer ${l} head ${h.head} (${h.kind})`).toEqual(a.layers[l].heads[h.head].output);
          }
        }
      }
    }
  });

  // The fast mode's per-token programs (docs/inference-core.md, "Per-token programs": token-id
  // table, passthrough values written into the head outputs, flat rows) run on every token when
  // the embedding holds no −0 and no token is inspected; the hull mode runs the plain products.
  // SLOW=1 adds ops_arith and hash64 (i64 arithmetic; 700K tokens in the hull mode).
  it('fast-mode per-token programs: the residual stream after every layer of every token equals the hull mode\'s', async () => {
    expect(model.embed.some((e) => Object.is(e, -0))).toBe(false);
    for (const name of SLOW ? ['hello', 'fibonacci', 'collatz', 'ops_arith', 'hash64'] : ['hello', 'fibonacci', 'collatz']) {
      const { program, input } = await example(name);
      const prompt = tokenIds(model, programPrefixTokens(program, input));
      const traced = (attention: 'fast' | 'hull') => {
        const s = wasm.createSession(model, { attention });
        s.traceResiduals();
        s.feed(prompt);
        const tokens: number[] = [];
        for (let r = s.generate(65_536); ; r = s.generate(65_536)) {
          tokens.push(...r.tokens);
          if (r.stopped || r.tokens.length === 0) break;
        }
        const trace = s.residualTrace();
        s.dispose();
        return { tokens, trace };
      };
      const fast = traced('fast');
      const hull = traced('hull');
      expect(fast.trace.length, name).toBe(prompt.length + fast.tokens.length - 1);
      const i = fast.trace.findIndex((h, j) => h !== hull.trace[j]);
      expect(i, `${name}: residual stream differs first at position ${i}`).toBe(-1);
      expect(fast.trace.length, name).toBe(hull.trace.length);
      expect(fast.tokens, name).toEqual(hull.tokens);
    }
  });

  it('the fast mode finds position-keyed and passthrough heads in the universal model', () => {
    const kinds = wasm.headPlans(model).flat().map((p) => p.kind);
    expect(kinds.filter((k) => k === 'position').length).toBeGreaterThanOrEqual(10);
    expect(kinds.filter((k) => k === 'passthrough').length).toBeGreaterThanOrEqual(10);
  });
});

describe('the universal model on lowering-conformance programs', () => {
  // Lowered multiplications, divisions, remainders, shifts and bitwise ops on small operands
  // (their loops cost tokens per unit of an operand), built as IR, run by core and reference.
  const cases: [string, () => ReturnType<typeof variableCasesModule>][] = [
    ['i32.mul variable', () => variableCasesModule('i32.mul', [[7, 9], [0xffffffff, 3]], 'locals')],
    ['i32.div_s variable', () => variableCasesModule('i32.div_s', [[-47, 5], [100, -7]], 'loads')],
    ['i32.rem_u variable', () => variableCasesModule('i32.rem_u', [[47, 5]], 'loadAndLocal')],
    ['i32.and variable', () => variableCasesModule('i32.and', [[0xf0f0, 0x0ff0]], 'locals')],
    ['i32.shr_s variable', () => variableCasesModule('i32.shr_s', [[-1024, 3]], 'constLeft')],
    ['i32.mul constant', () => constCasesModule('i32.mul', [10, -3], [123, -5], 'local')],
    ['i32.div_u constant', () => constCasesModule('i32.div_u', [7], [100, 0xfffffff0], 'load')],
    ['i32.rotl constant', () => constCasesModule('i32.rotl', [5], [0x80000001], 'load')],
  ];
  for (const [label, make] of cases) {
    it(`${label}: the core's and the TS engine's tokens equal the reference trace`, () => {
      const program = assembleProgram(lowerModule(make()));
      expect(check(wasm, 'fast', program, null).verdict).toBe('match');
      expect(check(tsEngine, undefined, program, null).verdict).toBe('match');
    });
  }
});
