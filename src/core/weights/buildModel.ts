import { buildMachine, type Machine, type MachineOptions } from '../machine/buildMachine.ts';
import { greedySchedule } from '../schedule/greedy.ts';
import { scheduleProblem, type ScheduleProblem } from '../schedule/problem.ts';
import type { Schedule } from '../schedule/schedule.ts';
import { solveSchedule, type ScheduleOptions } from '../schedule/solve.ts';
import { programHash } from '../program/programHash.ts';
import type { Program } from '../program/program.ts';
import type { Model } from './binFile.ts';
import { constructWeights } from './construct.ts';

export interface BuiltModel {
  model: Model;
  machine: Machine;
  problem: ScheduleProblem;
  schedule: Schedule;
  weightsMs: number;
}

/** Machine graph → schedule (MILP or greedy) → analytic weights. */
export function buildModel(machineOpts: MachineOptions = { kind: 'universal' }, scheduleOpts: ScheduleOptions = {}): BuiltModel {
  const machine = buildMachine(machineOpts);
  const problem = scheduleProblem(machine.graph, machine.outputTokens.values());
  let schedule = solveSchedule(problem, scheduleOpts);
  const t0 = performance.now();
  let model = constructWeights(machine, problem, schedule);
  if (schedule.method === 'milp' && schedule.status !== 'optimal') {
    // A time-limited MILP may be no narrower than the greedy schedule and have a wider FFN
    // (the MILP does not weigh d_ffn): keep whichever network is smaller.
    const greedy = greedySchedule(problem, scheduleOpts.maxLayers);
    const alt = constructWeights(machine, problem, greedy);
    if (alt.D < model.D || (alt.D === model.D && alt.F < model.F)) {
      scheduleOpts.onLog?.(`greedy network is smaller (d_model ${alt.D}, d_ffn ${alt.F} vs ${model.D}, ${model.F}): using it`);
      model = alt;
      schedule = { ...greedy, solveMs: schedule.solveMs, rows: schedule.rows, columns: schedule.columns, dModelLowerBound: schedule.dModelLowerBound };
    }
  }
  return { model, machine, problem, schedule, weightsMs: performance.now() - t0 };
}

/**
 * The first Futamura projection: a model whose weights hold `program` (docs/original-design.md §10). Its provenance
 * records the program's hash, so running it with another program is refused.
 */
export function buildSpecializedModel(program: Program, scheduleOpts: ScheduleOptions = {}, name = 'program'): BuiltModel {
  const built = buildModel({ kind: 'specialized', program }, scheduleOpts);
  built.model.info = { ...built.model.info, provenance: { kind: 'specialized', ...specializedProvenance(program, name) } };
  return built;
}

/** What a specialized model records about its program (the CLI's build and the page's alike). */
export function specializedProvenance(program: Program, name: string): Record<string, string> {
  return {
    program: name,
    programHash: programHash(program),
    instructions: String(program.instructions.length),
    ...(program.clangVersion ? { clangVersion: program.clangVersion } : {}),
  };
}
