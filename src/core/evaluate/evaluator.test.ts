import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph.ts';
import { buildMachine } from '../machine/buildMachine.ts';
import { handPrograms } from '../machine/testing/handPrograms.ts';
import { programPrefixTokens } from '../program/tokenFiles.ts';
import { buildVocabulary } from '../tokens/vocabulary.ts';
import { GraphEvaluator } from './evaluator.ts';
import { createLookupStore } from './lookupStore.ts';
import { runEvaluator } from './runEvaluator.ts';
import { firstDivergence, formatDivergence } from '../tokens/traceDiff.ts';
import { seededRandom } from '../testing/seededRandom.ts';

const rng = seededRandom;
const ilp = (p: number) => 1 / Math.log(2) - 1 / Math.log(p + 2);

const universal = buildMachine();
const programs = handPrograms();

describe('lookup store: hull vs brute force', () => {
  /**
   * Machine-like streams: integer keys (often repeated), some entries cleared, the query near
   * the keys; position 0 is the start token (key (0, 0), query qy = 0).
   */
  function stream(seed: number, n: number, keyRange: number, clearRate: number) {
    const r = rng(seed);
    return Array.from({ length: n }, (_, p) => {
      const k = Math.floor(r() * keyRange);
      const cleared = r() < clearRate ? 1 : 0;
      return {
        kx: p === 0 ? 0 : 2 * k,
        ky: p === 0 ? 0 : -k * k - 1e30 * cleared + 0.3 * ilp(p),
        values: [Math.floor(r() * 256), p],
        qx: p === 0 ? 0 : Math.floor(r() * (keyRange + 2)) - 1,
        qy: p === 0 ? 0 : 1,
      };
    });
  }

  for (const [seed, keyRange, clearRate] of [[1, 8, 0.3], [2, 200, 0.5], [3, 3, 0.9], [4, 1000, 0]] as const) {
    it(`latest: seed ${seed}, keys < ${keyRange}, ${clearRate * 100}% cleared`, () => {
      const hull = createLookupStore('latest', 2, 'hull');
      const brute = createLookupStore('latest', 2, 'brute');
      const a = new Float64Array(2);
      const b = new Float64Array(2);
      stream(seed, 3000, keyRange, clearRate).forEach((e, p) => {
        const vals = Float64Array.from(e.values);
        hull.insert(e.kx, e.ky, vals, p);
        brute.insert(e.kx, e.ky, vals, p);
        hull.query(e.qx, e.qy, a);
        brute.query(e.qx, e.qy, b);
        expect([p, a[0], a[1]]).toEqual([p, b[0], b[1]]);
      });
    });
  }

  it('average: equal keys merge, the start entry is excluded, and sums are exact', () => {
    const hull = createLookupStore('average', 1, 'hull');
    const brute = createLookupStore('average', 1, 'brute');
    const a = new Float64Array(1);
    const b = new Float64Array(1);
    const r = rng(7);
    let total = 0;
    for (let p = 0; p < 2000; p++) {
      const v = p === 0 ? 0 : Math.floor(r() * 2 ** 33) - 2 ** 32;
      total += v;
      const one = p === 0 ? 0 : 1;
      for (const s of [hull, brute]) s.insert(0, one, Float64Array.of(v), p);
      hull.query(0, one, a);
      brute.query(0, one, b);
      expect([p, a[0]]).toEqual([p, b[0]]);
      if (p > 0) {
        expect([p, hull.lastSum?.[0], hull.lastCount]).toEqual([p, total, p]);
        expect([p, brute.lastSum?.[0], brute.lastCount]).toEqual([p, total, p]);
      }
    }
  });
});

describe('graph evaluator', () => {
  it('gives bit-identical values to every dim with hull and brute-force lookups', () => {
    const hp = programs.find((p) => p.name === 'echo_and_call')!;
    const hull = new GraphEvaluator(universal, { lookup: 'hull' });
    const brute = new GraphEvaluator(universal, { lookup: 'brute' });
    const names = universal.graph.dims.map((d) => d.name);
    const check = (pos: number) => {
      for (let i = 0; i < names.length; i++) {
        if (!Object.is(hull.values[i], brute.values[i])) {
          throw new Error(`position ${pos}: ${names[i]} is ${hull.values[i]} (hull) vs ${brute.values[i]} (brute force)`);
        }
      }
    };
    for (const t of programPrefixTokens(hp.program, hp.input)) {
      hull.feed(t);
      brute.feed(t);
      check(hull.position - 1);
    }
    for (let i = 0; i < 800; i++) {
      const next = hull.predictId();
      expect(brute.predictId()).toBe(next);
      if (universal.vocabulary.tokens[next] === 'halt') break;
      hull.feedId(next);
      brute.feedId(next);
      check(hull.position - 1);
    }
  });

  it('keeps the cumulative sums (stack depth, cursor, call depth) exact integers', () => {
    const hp = programs.find((p) => p.name === 'recursive_fib')!;
    const seen = { cursor: 0, callDepth: 0 };
    runEvaluator(universal, programPrefixTokens(hp.program, hp.input), {
      onToken: (_t, ev) => {
        for (const n of ['stack_depth', 'cursor', 'call_depth']) {
          const v = ev.valueOf(n);
          if (!Number.isInteger(v)) throw new Error(`position ${ev.position - 1}: ${n} = ${v} is not an integer`);
        }
        seen.cursor = Math.max(seen.cursor, ev.valueOf('cursor'));
        seen.callDepth = Math.max(seen.callDepth, ev.valueOf('call_depth'));
      },
    });
    expect(seen.callDepth).toBeGreaterThan(5);
    expect(seen.cursor).toBeGreaterThan(10);
  });

  it('exposes machine state by name after every token', () => {
    const hp = programs.find((p) => p.name === 'echo_and_call')!;
    const ev = new GraphEvaluator(universal);
    for (const t of programPrefixTokens(hp.program, hp.input)) ev.feed(t);
    // After the input section's commit: input_base done, cursor on instruction 1, base depth 3.
    expect(ev.valueOf('cursor')).toBe(1);
    expect(ev.valueOf('stack_depth')).toBe(3);
    expect(ev.valueOf('call_depth')).toBe(0);
    expect(ev.valueOf('byte_index')).toBe(0);
    expect(ev.valueOf('immediate')).toBe(hp.program.instructions[1].imm);
    const snap = ev.snapshot();
    expect(snap.cursor).toBe(1);
    expect(Object.keys(snap).length).toBeGreaterThan(universal.graph.dims.length);
    expect(() => ev.valueOf('no_such_node')).toThrow(/no node named/);
    expect(() => ev.feed('not-a-token')).toThrow(/not an input token/);
    const matches = ev.lookupMatches();
    expect(matches.find((m) => m.name === 'instruction_fetch')!.match.lastSeq).toBe(6); // opcode token of instruction 1
  });

  it('stops at the stated token budget', () => {
    const hp = programs.find((p) => p.name === 'loop_countdown')!;
    const run = runEvaluator(universal, programPrefixTokens(hp.program, hp.input), { maxTokens: 500 });
    expect(run.stop).toBe('budget');
    expect(run.generated).toHaveLength(500);
  });

  it('evaluates cumsum dims and any small graph with its own tokens', () => {
    const g = new Graph();
    const x = g.input('x');
    const s = g.cumsum(x, 's');
    const inputTokens = new Map([['{', g.sum([])], ['a', x.plus(g.one)], ['b', x.times(2).plus(g.one)]]);
    const outputTokens = new Map([['a', s.neg()], ['b', s.minus(8)]]);
    const ev = new GraphEvaluator({ graph: g, inputTokens, outputTokens, vocabulary: buildVocabulary(inputTokens.keys(), outputTokens.keys()) });
    ev.feed('{');
    ev.feed('a');
    ev.feed('b');
    expect(ev.valueOf('s')).toBe(3);
    expect(ev.predict()).toBe('a');
    ev.feed('b');
    expect(ev.valueOf('s')).toBe(5);
    expect(ev.predict()).toBe('b');
  });
});

describe('trace comparison', () => {
  it('reports the first diverging index with both tokens', () => {
    expect(firstDivergence(['a', 'b', 'c'], ['a', 'b', 'c'])).toBeNull();
    expect(firstDivergence(['a', 'x', 'c'], ['a', 'b', 'c'])).toEqual({ index: 1, got: 'x', expected: 'b' });
    expect(formatDivergence(firstDivergence(['a'], ['a', 'halt']), 'trace token')).toBe("diverges at trace token 1: got '<end>', expected 'halt'");
    expect(formatDivergence(null)).toBe('match');
  });
});

describe('float cumulative sums', () => {
  it('are what an engine computes: (Σv·(1/count))·p, not always an integer', () => {
    const g = new Graph();
    const x = g.input('x');
    const [s] = g.fetchSum([x], ['s']);
    const inputTokens = new Map([['{', g.sum([])], ['a', x.plus(g.one)], ['z', g.one.e]]);
    const outputTokens = new Map([['a', s]]);
    const machine = { graph: g, inputTokens, outputTokens, vocabulary: buildVocabulary(inputTokens.keys(), outputTokens.keys()) };
    const exact = new GraphEvaluator(machine);
    const float = new GraphEvaluator(machine, { cumulativeSums: 'float' });
    // One `a` then 48 `z`: Σ = 1 over p = 49 tokens, and 1·(1/49)·49 = 0.9999999999999999.
    for (const ev of [exact, float]) for (const t of ['{', 'a', ...Array(48).fill('z')]) ev.feed(t);
    expect(exact.valueOf('s')).toBe(1);
    expect(float.valueOf('s')).toBe((1 * (1 / 49)) * 49);
    expect(float.valueOf('s')).not.toBe(1);
  });
});
