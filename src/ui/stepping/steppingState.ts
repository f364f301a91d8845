/**
 * The state of the "see" panes as one value and the events that change it: which run is open in
 * the inspect worker, the selected token, and the latest answers of the three inspections
 * (machine state, graph evaluator, the transformer itself). `useStepping` sends the requests; this
 * module only says what each answer does to the state (no React, no worker).
 */
import type { Program } from '../../core/program/program.ts';
import { stepFrom, type LineIndex, type StepKind } from '../../core/run/instructionBoundaries.ts';
import type { GraphProgress, GraphResult, InspectOpen, InspectOpened, ReferenceResult, TransformerResult } from '../../protocol/inspect.ts';

export interface SteppingRun {
  program: Program;
  input: Uint8Array;
  maxTokens: number;
  /** The C source the program was compiled from (for the listing's source lines). */
  source: string;
  /** The universal model, when the transformer ran the program (for its per-head inspection). */
  model?: InspectOpen['model'];
}

export interface Selection {
  token: number | null;
  follow: boolean;
}

export type GraphView = Extract<GraphResult, { kind: 'view' }>;

export interface SteppingState {
  run: SteppingRun | null;
  opened: InspectOpened | null;
  /** While `follow` is on, the selected token is the newest one (`selectedToken`), whatever `token` says. */
  selection: Selection;
  /** The lookup whose hull is drawn (index into `opened.lookups`; -1 before the first run opens). */
  lookup: number;
  pictureSize: { width: number; height: number };
  /** The machine state at the selected token (reference replay) and how long the page waited for it. */
  machine: { result: ReferenceResult | null; ms: number | null };
  graph: { view: GraphView | null; error: string | null; progress: GraphProgress | null };
  /** The transformer's own inspection; `askedFor` is a far token the person asked to replay to. */
  transformer: { result: TransformerResult | null; progress: GraphProgress | null; askedFor: number | null };
  /** Why the last Run ran nothing (refused by the compiler, the pipeline or the model); null otherwise. */
  notRun: string | null;
}

export type SteppingEvent =
  | { kind: 'run-started'; run: SteppingRun }
  /** No run to inspect: the last Run ran nothing (`why`: in the words of the status line). */
  | { kind: 'cleared'; why?: string }
  | { kind: 'run-opened'; opened: InspectOpened; defaultLookup: string }
  | { kind: 'select'; selection: Selection }
  /** `length`: the tokens the page shows (the newest is the one a following selection is on). */
  | { kind: 'step'; tokens: LineIndex; length: number; step: StepKind; dir: 1 | -1 }
  | { kind: 'follow'; follow: boolean; length: number }
  | { kind: 'lookup'; lookup: number }
  | { kind: 'picture-size'; width: number; height: number }
  | { kind: 'machine'; result: ReferenceResult; ms: number }
  | { kind: 'graph-progress'; progress: GraphProgress }
  | { kind: 'graph-view'; view: GraphView }
  | { kind: 'graph-error'; message: string }
  /** The selected token is past what the graph evaluator replays: no view, only why. */
  | { kind: 'graph-beyond'; message: string }
  | { kind: 'transformer-progress'; progress: GraphProgress | null }
  | { kind: 'transformer'; result: TransformerResult | null }
  | { kind: 'transformer-asked'; token: number | null };

export const INITIAL_STEPPING: SteppingState = {
  run: null,
  opened: null,
  selection: { token: null, follow: true },
  lookup: -1,
  pictureSize: { width: 480, height: 240 },
  machine: { result: null, ms: null },
  graph: { view: null, error: null, progress: null },
  transformer: { result: null, progress: null, askedFor: null },
  notRun: null,
};

/** The selected token: the newest of `length` tokens while following, else the pinned one. */
export function selectedToken(selection: Selection, length: number): number | null {
  return selection.follow ? (length > 0 ? length - 1 : null) : selection.token;
}

export function steppingReducer(s: SteppingState, e: SteppingEvent): SteppingState {
  switch (e.kind) {
    case 'run-started':
      // A new run starts from nothing but the lookup the person chose and the picture's size.
      return { ...INITIAL_STEPPING, run: e.run, lookup: s.lookup, pictureSize: s.pictureSize, machine: { result: null, ms: s.machine.ms } };
    case 'cleared':
      return { ...INITIAL_STEPPING, lookup: s.lookup, pictureSize: s.pictureSize, notRun: e.why ?? null };
    case 'run-opened':
      return { ...s, opened: e.opened, lookup: s.lookup >= 0 ? s.lookup : Math.max(0, e.opened.lookups.findIndex((x) => x.name === e.defaultLookup)) };
    case 'select':
      return s.selection.token === e.selection.token && s.selection.follow === e.selection.follow ? s : { ...s, selection: e.selection };
    case 'step':
      return { ...s, selection: { token: stepFrom(e.tokens, selectedToken(s.selection, e.length) ?? e.length - 1, e.step, e.dir), follow: false } };
    case 'follow':
      // Pausing pins the token that was shown.
      return { ...s, selection: { token: selectedToken(s.selection, e.length), follow: e.follow } };
    case 'lookup':
      return { ...s, lookup: e.lookup };
    case 'picture-size':
      return s.pictureSize.width === e.width && s.pictureSize.height === e.height ? s : { ...s, pictureSize: { width: e.width, height: e.height } };
    case 'machine':
      return { ...s, machine: { result: e.result, ms: e.ms } };
    case 'graph-progress':
      return { ...s, graph: { ...s.graph, progress: e.progress } };
    case 'graph-view':
      // A view the evaluator is still catching up to keeps its progress line.
      return { ...s, graph: { view: e.view, error: null, progress: e.view.clamped === 'behind' ? s.graph.progress : null } };
    case 'graph-error':
      return { ...s, graph: { ...s.graph, error: e.message } };
    case 'graph-beyond':
      return { ...s, graph: { view: null, error: e.message, progress: null } };
    case 'transformer-progress':
      return { ...s, transformer: { ...s.transformer, progress: e.progress } };
    case 'transformer':
      return { ...s, transformer: { ...s.transformer, result: e.result, progress: null } };
    case 'transformer-asked':
      return { ...s, transformer: { ...s.transformer, askedFor: e.token } };
  }
}
