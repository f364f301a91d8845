/**
 * What the playground knows about a model besides its weights: how its schedule was found, the
 * heads' labels from the graph, and its provenance. The `.bin` format cannot hold these, so they
 * travel next to it (the universal model's `models/universal.json`, a specialized model's build
 * result). No DOM and no Node here: the Vite plugin, the workers and the page all use this module.
 */
import { writeBinModel, type Model } from './binFile.ts';
import type { BuiltModel } from './buildModel.ts';
import { layerOf } from '../schedule/phases.ts';
import type { Schedule } from '../schedule/schedule.ts';

const TOOL_NAME = 'transformer-vm-playground';

export interface ModelShape {
  V: number;
  D: number;
  L: number;
  H: number;
  F: number;
}

export interface ScheduleInfo {
  method: Schedule['method'];
  status: Schedule['status'];
  layers: number;
  dModelBound?: number;
  dModelLowerBound?: number;
  solveMs?: number;
  rows?: number;
  columns?: number;
  folded?: Schedule['folded'];
  fallback?: string;
}

export interface ModelMeta {
  kind: 'universal' | 'specialized';
  shape: ModelShape;
  /** `machineFingerprint` of the graph the model was built from. */
  fingerprint: string;
  schedule: ScheduleInfo;
  /** L × H labels from the graph's names (null for an unused head), for people to read. */
  headLabels: (string | null)[][];
  /** The layer of each graph lookup (by name) in this model's schedule. */
  lookupLayers?: Record<string, number>;
  /** Strings only (it goes into safetensors metadata as is). */
  provenance: Record<string, string>;
  /** Size of the `.bin` file. */
  bytes: number;
  /** Time spent constructing the weights from the schedule. */
  weightsMs: number;
}

export function shapeOf(m: Pick<Model, 'V' | 'D' | 'L' | 'H' | 'F'>): ModelShape {
  return { V: m.V, D: m.D, L: m.L, H: m.H, F: m.F };
}

function scheduleInfo(s: Schedule): ScheduleInfo {
  const { method, status, layers, dModelBound, dModelLowerBound, solveMs, rows, columns, folded, fallback } = s;
  return { method, status, layers, dModelBound, dModelLowerBound, solveMs, rows, columns, folded, fallback };
}

/**
 * A freshly built model as a `.bin` file and its metadata; `provenance` adds to the tool and
 * schedule entries. The file carries the head labels and provenance in its metadata block.
 */
export function builtModelFile(built: BuiltModel, fingerprint: string, provenance: Record<string, string>): { bin: Uint8Array; meta: ModelMeta } {
  const { model, schedule } = built;
  const meta: ModelMeta = {
    kind: built.machine.kind,
    shape: shapeOf(model),
    fingerprint,
    schedule: scheduleInfo(schedule),
    headLabels: model.info?.headLabels ?? [],
    lookupLayers: lookupLayersOf(built),
    provenance: {
      tool: TOOL_NAME,
      kind: built.machine.kind,
      fingerprint,
      schedule: `${schedule.method} ${schedule.status}`,
      ...provenance,
    },
    bytes: 0,
    weightsMs: built.weightsMs,
  };
  const bin = writeBinModel(withInfo(model, meta));
  meta.bytes = bin.length;
  return { bin, meta };
}

/** Where the schedule put each graph lookup. */
function lookupLayersOf(built: Pick<BuiltModel, 'problem' | 'schedule'>): Record<string, number> {
  const layers: Record<string, number> = {};
  for (const op of built.problem.ops) if (op.op.kind === 'lookup') layers[op.op.lookup.name] = layerOf(built.schedule.phase[op.index]);
  return layers;
}

/**
 * One line on how far from optimal the schedule is. A non-optimal schedule is still a correct
 * network, only wider (a larger d_model) than it needs to be.
 */
export function scheduleNote(s: ScheduleInfo, D: number): string {
  const secs = s.solveMs !== undefined ? ` in ${(s.solveMs / 1000).toFixed(1)} s` : '';
  const grouped = s.folded ? `, ${s.folded.neurons + s.folded.groups} table neurons scheduled as ${s.folded.groups} group(s)` : '';
  if (s.method === 'greedy') return `greedy schedule (${s.layers} layers${s.fallback ? `; ${s.fallback}` : ''}): correct, no optimality bound (d_model ${D})`;
  if (grouped) return `${scheduleNote({ ...s, folded: undefined }, D)}${grouped}`;
  if (s.status === 'optimal') return `MILP optimal${secs}: d_model ${D} is the smallest for ${s.layers} layers`;
  const lb = s.dModelLowerBound;
  if (lb === undefined || lb <= 0) return `MILP stopped at its time limit${secs}: d_model ${D}, no lower bound proven`;
  const gap = ((D - lb) / lb) * 100;
  return `MILP stopped at its time limit${secs}: d_model ${D}, optimum ≥ ${lb} (at most ${gap.toFixed(1)}% wider than optimal)`;
}

/** The model with its labels and provenance attached (what safetensors and the metadata JSON carry). */
export function withInfo(model: Model, meta: ModelMeta): Model {
  return { ...model, info: { headLabels: meta.headLabels, provenance: meta.provenance } };
}
