import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../machine/buildMachine.ts';
import { greedySchedule, minimumLayers } from './greedy.ts';
import { scheduleProblem } from './problem.ts';
import { checkSchedule } from './schedule.ts';
import { solveSchedule } from './solve.ts';
import { constructWeights } from '../weights/construct.ts';

describe('scheduler', () => {
  const machine = buildMachine({ kind: 'universal' });
  const problem = scheduleProblem(machine.graph, machine.outputTokens.values());

  it('greedy ASAP schedule satisfies precedence, phase classes and tightness', () => {
    const s = greedySchedule(problem);
    checkSchedule(problem, s);
    expect(s.layers).toBe(minimumLayers(problem));
  });

  it('the MILP on HiGHS returns a valid schedule', async () => {
    const highs = await loadHighs();
    const lines: string[] = [];
    const s = solveSchedule(problem, { highs, timeLimit: Number(process.env.MILP_TIME_LIMIT ?? 120), onLog: (l) => lines.push(l) });
    console.log(lines.filter((l) => /^MILP/.test(l)).join('\n'));
    checkSchedule(problem, s);
    expect(s.method).toBe('milp');
    // The original's optimum for this graph is d_model 38; the weights use exactly the slots counted.
    expect(s.dModelBound).toBe(38);
    expect(constructWeights(machine, problem, s).D).toBe(s.dModelBound);
  });
});
