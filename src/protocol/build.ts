/**
 * What crosses the build worker's boundary: model builds with HiGHS (the universal model again,
 * or the current program specialized into the weights), their log and progress, and the result.
 */
import type { Program } from '../core/program/program.ts';
import type { ModelMeta } from '../core/weights/modelMeta.ts';

export interface BuildSettings {
  /** Seconds the MILP may run; the best schedule found by then is used. */
  timeLimit: number;
  /** Skip the MILP: the greedy schedule (instant, correct, wider). */
  greedy: boolean;
}

export type BuildRequest =
  | ({ kind: 'universal' } & BuildSettings)
  | ({ kind: 'specialized'; program: Program; name: string } & BuildSettings);

export type BuildEvent =
  | { kind: 'phase'; text: string }
  /** Solver and builder log lines, batched. */
  | { kind: 'log'; lines: string[] }
  /** HiGHS's MIP progress: incumbent objective (d_model/2), dual bound, relative gap. */
  | { kind: 'progress'; seconds: number; best?: number; bound?: number; gap?: number };

export interface BuildResult {
  key: string;
  bytes: Uint8Array;
  meta: ModelMeta;
  /** Loading HiGHS (0 once loaded), and the whole build (graph, schedule, weights, file). */
  highsMs: number;
  totalMs: number;
}

export interface BuildApi {
  build(req: BuildRequest, onEvent: (e: BuildEvent) => void): Promise<BuildResult>;
}
