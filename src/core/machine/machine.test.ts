import { describe, expect, it } from 'vitest';
import { runEvaluator } from '../evaluate/runEvaluator.ts';
import { firstDivergence, formatDivergence } from '../tokens/traceDiff.ts';
import type { Expr } from '../graph/expr.ts';
import { graphStats } from '../graph/stats.ts';
import { inputSectionTokens, programPrefixTokens, specInputTokens } from '../program/tokenFiles.ts';
import { runReference } from '../reference/interpret.ts';
import { scheduleProblem } from '../schedule/problem.ts';
import { buildMachine } from './buildMachine.ts';
import { handPrograms } from './testing/handPrograms.ts';

const universal = buildMachine();
const programs = handPrograms();

/** An embedding as {dim name: coefficient}. */
function embedding(e: Expr): Record<string, number> {
  return Object.fromEntries([...e.terms].map(([d, c]) => [d.name, c]));
}

describe('universal machine graph', () => {
  it('has the original graph minus the three dead nodes of fetch_sum (159 ops, 186 dims, 21 lookups, 24 heads), plus the centred position input and the exact depths (4 persists)', () => {
    expect(graphStats(universal.graph)).toEqual({
      dims: 188,
      dimsByKind: { input: 19, reglu: 103, persist: 36, lookup: 30, cumsum: 0 },
      ops: 160,
      lookups: 21,
      heads: 24,
      lookupsByTieBreak: { latest: 20, average: 1 },
    });
  });

  it('has no dead op: the schedule problem keeps every op and dim', () => {
    const problem = scheduleProblem(universal.graph, universal.outputTokens.values());
    expect(problem.ops.length).toBe(universal.graph.ops().length);
    expect(problem.dims.length).toBe(universal.graph.dims.length);
  });

  it('embeds tokens as in docs/original-design.md §2.2 (out tokens also pop the stack)', () => {
    const emb = (t: string) => embedding(universal.inputTokens.get(t)!);
    expect(emb('{')).toEqual({});
    expect(emb('}')).toEqual({ delta_stack: 3, one: 1 });
    expect(emb("a5'")).toEqual({ byte_number: 0xa6, carry: 1, one: 1 });
    expect(emb('W')).toEqual(emb('57'));
    expect(emb('commit(-2,sts=1,bt=1)')).toEqual({ delta_cursor: 1, delta_stack: -2, store_to_stack: 1, is_jump: 1, one: 1 });
    expect(emb('call_commit')).toEqual({ delta_cursor: 1, delta_call_depth: 1, is_jump: 1, one: 1 });
    expect(emb('return_commit')).toEqual({ delta_cursor: 1, delta_call_depth: -1, is_return_commit: 1, is_jump: 1, one: 1 });
    expect(emb('branch_taken')).toEqual({ is_branch_taken: 1, one: 1 });
    expect(emb('out(A)')).toEqual({ delta_cursor: 1, delta_stack: -1, one: 1 });
    expect(emb('i32.store8')).toEqual({ opcode_x: -173, opcode_y: 46, delta_stack_prefix: -2, is_write: 1, one: 1 });
    expect(emb('i32.add')).toEqual({ opcode_x: 163, opcode_y: 74, delta_stack_prefix: -1, store_to_stack_prefix: 1, one: 1 });
  });

  it('names the nodes the playground shows', () => {
    const g = universal.graph;
    for (const n of ['stack_depth', 'cursor', 'call_depth', 'stack_top_value', 'memory_byte_dirty', 'local_byte', 'immediate', 'fetched_opcode_x', 'result_byte_main', 'result_carry']) {
      expect([n, g.dimByName(n)?.name]).toEqual([n, n]);
    }
    for (const n of ['byte_index', 'memory_read_address', 'memory_byte', 'result_byte', 'emit_commit', 'instruction_position']) {
      expect([n, g.labels.has(n)]).toEqual([n, true]);
    }
    expect(g.lookups.map((l) => l.name)).toEqual(expect.arrayContaining(['instruction_fetch', 'memory_read', 'stack_top', 'local_read', 'call_stack', 'cumulative_sum']));
  });
});

describe('universal machine on hand-written programs (exact evaluator vs reference trace)', () => {
  for (const hp of programs) {
    it(`${hp.name}: hull evaluator reproduces the reference trace`, () => {
      const ref = runReference(hp.program, hp.input, { trace: true });
      expect(ref.stop).toBe('halt');
      const run = runEvaluator(universal, programPrefixTokens(hp.program, hp.input), { maxTokens: 100_000 });
      const got = [...inputSectionTokens(hp.program, hp.input), ...run.generated];
      expect(formatDivergence(firstDivergence(got, ref.tokens!))).toBe('match');
      expect(run.stop).toBe('halt');
      expect(Array.from(run.output)).toEqual(Array.from(ref.output));
    });
  }

  for (const name of ['echo_and_call', 'memory', 'select_drop_tee', 'output_keeps_stack']) {
    it(`${name}: brute-force evaluator reproduces the reference trace`, () => {
      const hp = programs.find((p) => p.name === name)!;
      const ref = runReference(hp.program, hp.input, { trace: true });
      const run = runEvaluator(universal, programPrefixTokens(hp.program, hp.input), { lookup: 'brute' });
      const got = [...inputSectionTokens(hp.program, hp.input), ...run.generated];
      expect(formatDivergence(firstDivergence(got, ref.tokens!))).toBe('match');
    });
  }
});

describe('specialized machine (docs/original-design.md §10)', () => {
  for (const hp of programs) {
    it(`${hp.name}: reproduces the reference trace without the program prefix`, () => {
      const ref = runReference(hp.program, hp.input, { trace: true });
      const m = buildMachine({ kind: 'specialized', program: hp.program });
      expect(m.graph.lookups.length).toBe(15);
      // `start` + the input section, or `start }` for a program without input.
      const run = runEvaluator(m, specInputTokens(hp.program, hp.input));
      const got = [...inputSectionTokens(hp.program, hp.input), ...run.generated];
      expect(formatDivergence(firstDivergence(got, ref.tokens!))).toBe('match');
    });
  }
});

describe('specialized machine: opcodes the program lacks', () => {
  it('leaves out their gates, and the lookups only they read are not scheduled', () => {
    for (const hp of programs) {
      const present = new Set(hp.program.instructions.map((i) => i.op));
      const m = buildMachine({ kind: 'specialized', program: hp.program });
      const names = new Set(scheduleProblem(m.graph, m.outputTokens.values()).ops.map((o) => o.name));
      expect([hp.name, names.has('result.select_first'), names.has('stack_third')]).toEqual([hp.name, present.has('select'), present.has('select')]);
      expect([hp.name, names.has('call_stack')]).toEqual([hp.name, present.has('return')]);
      expect([hp.name, names.has('local_read')]).toEqual([hp.name, present.has('local.get')]);
      expect([hp.name, names.has('result.add')]).toEqual([hp.name, present.has('i32.add')]);
    }
  });
});

describe('specialized prompt', () => {
  it('predicts the first token of a program without input only after `}`', () => {
    const hp = programs.find((p) => p.name === 'memory')!;
    const ref = runReference(hp.program, null, { trace: true });
    expect(ref.tokens![0]).not.toBe('00'); // what the all-zero start token predicts
    const m = buildMachine({ kind: 'specialized', program: hp.program });
    expect(runEvaluator(m, ['start'], { maxTokens: 1 }).generated).toEqual(['00']);
    expect(runEvaluator(m, ['start', '}'], { maxTokens: 1 }).generated).toEqual([ref.tokens![0]]);
  });
});

describe('state nodes for the playground', () => {
  it('name existing dims or labels, and describe every lookup', async () => {
    const { MACHINE_STATE_NODES, LOOKUP_DESCRIPTIONS } = await import('./stateNodes.ts');
    const g = universal.graph;
    for (const n of MACHINE_STATE_NODES) expect([n.name, !!g.dimByName(n.name) || g.labels.has(n.name)]).toEqual([n.name, true]);
    expect(Object.keys(LOOKUP_DESCRIPTIONS).sort()).toEqual(g.lookups.map((l) => l.name).sort());
  });
});
