import { describe, expect, it } from 'vitest';
import { POSITION_CENTER } from './positionEncoding.ts';
import { CLEAR_PENALTY, Graph, LATEST_ALPHA } from './graph.ts';
import { graphStats } from './stats.ts';

describe('expressions', () => {
  it('combine linearly, drop zero terms, and read numbers as multiples of one', () => {
    const g = new Graph();
    const x = g.input('x');
    const e = x.times(3).plus(2);
    expect(e.coeff(x)).toBe(3);
    expect(e.coeff(g.one)).toBe(2);
    expect(e.minus(x.times(3)).size).toBe(1);
    expect(e.minus(e).size).toBe(0);
    expect(e.neg().coeff(x)).toBe(-3);
    expect(e.evaluate((d) => (d === x ? 5 : d === g.one ? 1 : 0))).toBe(17);
  });

  it('have a canonical key independent of term order', () => {
    const g = new Graph();
    const a = g.input('a');
    const b = g.input('b');
    expect(a.plus(b.times(2)).key()).toBe(b.times(2).plus(a).key());
    expect(a.plus(b).key()).not.toBe(a.plus(b.times(2)).key());
  });
});

describe('graph', () => {
  it('creates the built-in inputs first: the original\'s first three, then the centred position and its square', () => {
    const g = new Graph();
    expect(g.dims.map((d) => d.name)).toEqual(['one', 'position', 'inv_log_pos', 'position_centered_sq', 'position_centered']);
    expect(g.dims.every((d, i) => d.id === i)).toBe(true);
  });

  it('is a value: two graphs do not share dims or ids', () => {
    const g1 = new Graph();
    const g2 = new Graph();
    g1.reglu(g1.one, g1.position);
    expect(g1.dims).toHaveLength(6);
    expect(g2.dims).toHaveLength(5);
    expect(g2.one).not.toBe(g1.one);
  });

  it('deduplicates reglu, stepglu, squares and clear flags (docs/original-design.md §4.4) but not persist', () => {
    const g = new Graph();
    const x = g.input('x');
    const r1 = g.reglu(x, x.minus(1));
    const r2 = g.reglu(x.e, x.plus(-1));
    expect(r1.soleDim()).toBe(r2.soleDim());
    const s1 = g.stepglu(g.one, x);
    const n = g.dims.length;
    expect(g.stepglu(g.one, x).soleDim()).toBe(s1.soleDim());
    expect(g.dims.length).toBe(n);
    g.persist(x);
    g.persist(x);
    expect(g.dims.length).toBe(n + 2);
    // Two latest fetches with the same computed key and clear share k² and the clear persist.
    g.fetch(x, { query: x, key: x.plus(g.position), clear: x.plus(1) });
    const before = g.dims.length;
    g.fetch(x, { query: x.minus(1), key: x.plus(g.position), clear: x.plus(1) });
    expect(g.dims.length).toBe(before + 1); // only the new lookup dim
  });

  it('builds the 2-D key of docs/original-design.md §4.5 for latest lookups', () => {
    const g = new Graph();
    const k = g.input('k');
    const c = g.input('c');
    const [v] = g.fetchMany([k], { query: k.plus(1), key: k, clear: c, name: 'probe' });
    const lu = g.lookups[0];
    expect(lu.tieBreak).toBe('latest');
    expect(lu.key2D[0].coeff(k)).toBe(2);
    const ky = lu.key2D[1];
    expect(ky.coeff(c)).toBe(-CLEAR_PENALTY);
    expect(ky.coeff(g.invLogPos)).toBe(LATEST_ALPHA);
    const sq = [...ky.terms.keys()].find((d) => d.kind === 'persist')!;
    expect(ky.coeff(sq)).toBe(-1);
    expect(sq.name).toBe('probe.key_sq');
    expect(lu.query2D[0].coeff(k)).toBe(1);
    expect(lu.query2D[0].coeff(g.one)).toBe(1);
    expect(lu.query2D[1].coeff(g.one)).toBe(1);
    expect(v.soleDim()!.name).toBe('probe');
  });

  it('centres position keys, uses the one shortcut for k² and persists multi-term clears once', () => {
    const g = new Graph();
    const x = g.input('x');
    g.fetch(x, { query: g.position.minus(1), key: g.position.times(3) });
    g.fetch(x, { query: g.one, key: g.one.times(2), clear: x.plus(g.one) });
    const [a, b] = g.lookups;
    // key 3·position → (6(p − C), −9(p − C)² + 0.3·inv_log_pos), query position − 1 − 3C.
    expect(a.key2D[0].coeff(g.positionCentered)).toBe(6);
    expect(a.key2D[0].size).toBe(1);
    expect(a.key2D[1].coeff(g.positionCenteredSq)).toBe(-9);
    expect(a.query2D[0].coeff(g.position)).toBe(1);
    expect(a.query2D[0].coeff(g.one)).toBe(-1 - 3 * POSITION_CENTER);
    expect(b.key2D[1].coeff(g.one)).toBe(-4);
    expect(g.dims.filter((d) => d.kind === 'persist')).toHaveLength(1); // the clear flag
    expect(g.dims.filter((d) => d.kind === 'reglu')).toHaveLength(0);
  });

  it('replaces the key of average lookups by (2k, one) and builds no dead square nodes', () => {
    const g = new Graph();
    const x = g.input('x');
    const [s] = g.fetchSum([x], ['total']);
    const lu = g.lookups[0];
    expect(lu.tieBreak).toBe('average');
    expect(lu.key2D[0].size).toBe(0);
    expect(lu.key2D[1].coeff(g.one)).toBe(1);
    expect(s.soleDim()!.name).toBe('total');
    expect(graphStats(g)).toMatchObject({ ops: 2, lookups: 1, heads: 1, dimsByKind: { reglu: 1, persist: 0, lookup: 1 } });
  });

  it('lists ops in creation order with what they read and produce', () => {
    const g = new Graph();
    const x = g.input('x');
    const r = g.reglu(x, g.one, 'r');
    const [a, b, c] = g.fetchMany([x, r, g.position], { query: r, key: x, name: 'lu' });
    g.persist(a.plus(b, c), 'p');
    const ops = g.ops();
    expect(ops.map((o) => `${o.kind}:${o.name}`)).toEqual(['reglu:r', 'reglu:lu.key_sq.pos', 'reglu:lu.key_sq.neg', 'persist:lu.key_sq', 'lookup:lu', 'persist:p']);
    const lookupOp = ops[4];
    expect(lookupOp.produces.map((d) => d.name)).toEqual(['lu[0]', 'lu[1]', 'lu[2]']);
    expect(new Set(lookupOp.reads.map((d) => d.name))).toEqual(new Set(['x', 'r', 'position', 'one', 'inv_log_pos', 'lu.key_sq']));
    expect(graphStats(g).heads).toBe(2);
  });

  it('keeps names unique and labels distinct from dims', () => {
    const g = new Graph();
    const a = g.persist(g.one, 'v');
    const b = g.persist(g.one, 'v');
    expect(a.soleDim()!.name).toBe('v');
    expect(b.soleDim()!.name).toBe('v#2');
    g.label('sum', a.plus(b));
    expect(() => g.label('v', a)).toThrow(/already used/);
    expect(g.dimByName('v#2')).toBe(b.soleDim());
  });
});
