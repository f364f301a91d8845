import loadHighs, { type Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { compiledExample } from '../../testing/compiledExamples.ts';
import { buildMachine } from '../machine/buildMachine.ts';
import { constructWeights } from '../weights/construct.ts';
import { greedySchedule } from './greedy.ts';
import { expandGroups, groupNeurons } from './neuronGroups.ts';
import { scheduleProblem } from './problem.ts';
import { checkSchedule } from './schedule.ts';
import { solveSchedule } from './solve.ts';

const UNIVERSAL_D = 38;

describe('scheduling a specialized graph', async () => {
  const { program } = await compiledExample('hello');
  const machine = buildMachine({ kind: 'specialized', program });
  const problem = scheduleProblem(machine.graph, machine.outputTokens.values());
  const n = program.instructions.length;

  it('folds the instruction table ramps (relu(c − k), one per instruction) into one representative', () => {
    const grouped = groupNeurons(problem);
    expect(grouped.groups).toBe(1);
    expect(grouped.folded + 1).toBe(n);
    expect(grouped.reduced.ops.length).toBe(problem.ops.length - grouped.folded);
    const s = expandGroups(grouped, greedySchedule(grouped.reduced));
    checkSchedule(problem, s);
    // the table readers sit right after their ramps: no ramp dim needs a residual slot
    const model = constructWeights(machine, problem, s);
    expect(model.D).toBeLessThan(2 * UNIVERSAL_D);
  });

  it('leaves the universal graph alone (no large groups)', () => {
    const u = buildMachine({ kind: 'universal' });
    const up = scheduleProblem(u.graph, u.outputTokens.values());
    expect(groupNeurons(up).folded).toBe(0);
  });

  it('the MILP on the grouped problem keeps d_model within 10% of the universal model', async () => {
    const highs = await loadHighs();
    const s = solveSchedule(problem, { highs, timeLimit: Number(process.env.MILP_TIME_LIMIT ?? 120) });
    expect(s.method).toBe('milp');
    expect(s.folded?.groups).toBeGreaterThan(0);
    checkSchedule(problem, s);
    const model = constructWeights(machine, problem, s);
    expect(model.D).toBe(s.dModelBound);
    expect(model.D).toBeLessThanOrEqual(Math.floor(UNIVERSAL_D * 1.1));
  });

  it('a MILP beyond the size limits is not built: greedy, saying why', async () => {
    const lines: string[] = [];
    const s = solveSchedule(problem, { highs: await loadHighs(), milpLimits: { binaries: 10, rows: 1e9, nonzeros: 1e9 }, onLog: (l) => lines.push(l) });
    expect(s.method).toBe('greedy');
    expect(s.fallback).toMatch(/MILP too large \(\d+ placement binaries > 10\)/);
    checkSchedule(problem, s);
  });

  it('a solver abort is caught: greedy schedule, and the instance is marked unusable', async () => {
    const real = await loadHighs();
    // HiGHS-in-wasm aborts (out of memory) by throwing a RuntimeError out of run().
    const aborting = {
      ...real,
      createModel: (...a: Parameters<Highs['createModel']>) => {
        const m = real.createModel(...a);
        return Object.assign(Object.create(Object.getPrototypeOf(m)), m, {
          options: m.options,
          setSolution: () => {},
          run: () => {
            throw new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
          },
          dispose: () => m.dispose(),
        });
      },
    } as Highs;
    const s = solveSchedule(problem, { highs: aborting });
    expect(s.method).toBe('greedy');
    expect(s.solverFailed).toBe(true);
    expect(s.fallback).toMatch(/MILP solver failed \(Aborted\(\)/);
    checkSchedule(problem, s);
  });
});
