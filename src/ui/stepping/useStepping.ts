/**
 * The selection model of the "see" panes, and the requests it makes to the inspect worker.
 *
 * A selected token index. While a run streams and `follow` is on, the selection is the newest
 * token (updated when the token store grows, which the page does once per animation frame).
 * Stepping, scrubbing, clicking a token or pausing pins it (`follow` off). Every selection asks
 * the worker for the machine state (reference replay) and the graph evaluator's view of it.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { BRANCH_TAKEN_TOKEN } from '../../core/tokens/spelling.ts';
import { useRunStream, type RunStream } from '../run/runStream.ts';
import { DISPLAY_TOKENS } from '../../core/run/displayTokens.ts';
import { instructionStart, type StepKind } from '../../core/run/instructionBoundaries.ts';
import { InspectBridge } from './inspectBridge.ts';
import type { GraphProgress, InspectOpened, ReferenceResult, TransformerResult } from '../../protocol/inspect.ts';
import { INITIAL_STEPPING, selectedToken, steppingReducer, type GraphView, type Selection, type SteppingRun } from './steppingState.ts';

export type { Selection, SteppingRun } from './steppingState.ts';

const fmt = new Intl.NumberFormat('en-US');
/** Tokens up to which the transformer is inspected without asking (a replay of ≤ ~5 s). */
export const TRANSFORMER_AUTO = 500_000;

/** Lookup drawn by default: the operand stack read (a small, telling hull). */
const DEFAULT_LOOKUP = 'stack_top';
/**
 * While following a live run, the graph evaluator answers at most once a second (a partial
 * answer, wherever its walk got to, after PARTIAL_MS): each answer renders the see panes and a
 * hull picture, and the walk shares two cores with the engine and the page (docs/playground-page.md
 * "Frames while following a live run").
 */
const PARTIAL_MS = 1000;
/** While following, the next graph request waits until this long after the previous one went out. */
const LIVE_GRAPH_PERIOD_MS = 1000;

export interface Stepping {
  run: SteppingRun | null;
  /** A run is streaming. */
  running: boolean;
  opened: InspectOpened | null;
  selection: Selection;
  /** Tokens in the stream (the scrubber's range). */
  length: number;
  reference: ReferenceResult | null;
  graph: GraphView | null;
  graphError: string | null;
  progress: GraphProgress | null;
  /** The transformer's own inspection of the selected token (pinned selections of transformer runs). */
  transformer: TransformerResult | null;
  transformerProgress: GraphProgress | null;
  /** Inspect the transformer at the selected token even though it is far (a long replay). */
  inspectTransformer(): void;
  lookup: number;
  /** Per-request time of the last machine-state answer, measured on the page. */
  referenceMs: number | null;
  /** Why the last Run ran nothing (refused), in the status line's words; null otherwise. */
  notRun: string | null;
  startRun(run: SteppingRun): void;
  /** Nothing to inspect: the panes say so (and `why`, when the last Run ran nothing) instead of showing an older run. */
  clear(why?: string): void;
  select(token: number): void;
  step(kind: StepKind, dir: 1 | -1): void;
  setFollow(follow: boolean): void;
  setLookup(i: number): void;
  setPictureSize(width: number, height: number): void;
  /**
   * A replay position as a token index of the page's stream (null when it has none there).
   * The replays run the universal machine, whose prompt is the program prefix; a run whose
   * prompt differs (a specialized model's `start`) is shifted by the difference.
   */
  toPage(p: number): number | null;
}

export function useStepping(stream: RunStream): Stepping {
  const { running, prefixTokens: pagePrefix, length } = useRunStream(stream);
  const store = stream.store;
  const bridge = useRef<InspectBridge | null>(null);
  const [state, dispatch] = useReducer(steppingReducer, INITIAL_STEPPING);
  const { run, opened, lookup, pictureSize: size } = state;
  // Following: the newest token, read from the stream's figures in this render (not set by an
  // effect, which would render every pane twice per notification).
  const selection = useMemo<Selection>(() => {
    const token = selectedToken(state.selection, length);
    return token === state.selection.token ? state.selection : { token, follow: state.selection.follow };
  }, [state.selection, length]);
  const shown = useRef(length);
  shown.current = length;
  const graphSeq = useRef(0);

  useEffect(() => {
    bridge.current ??= new InspectBridge();
  }, []);
  useEffect(() => () => {
    bridge.current?.dispose();
    bridge.current = null;
  }, []);

  const startRun = useCallback((r: SteppingRun) => {
    bridge.current ??= new InspectBridge();
    dispatch({ kind: 'run-started', run: r });
    void bridge.current.open({ program: r.program, input: r.input, maxTokens: r.maxTokens, model: r.model ?? null }).then((o) => {
      if (o) dispatch({ kind: 'run-opened', opened: o, defaultLookup: DEFAULT_LOOKUP });
    });
  }, []);

  const clear = useCallback((why?: string) => dispatch({ kind: 'cleared', why }), []);

  const token = selection.token;
  const ready = opened !== null && token !== null && token < length && pagePrefix > 0;
  const offset = opened ? opened.prefixTokens - pagePrefix : 0;
  const toPage = useCallback((p: number) => {
    const t = p - offset;
    return t >= 0 && t < store.length ? t : null;
  }, [offset, store]);

  // Machine state: reference replay to the selected instruction.
  useEffect(() => {
    if (!ready || !bridge.current) return;
    const start = instructionStart(store, token, (i) => DISPLAY_TOKENS[store.tokenId(i)] === BRANCH_TAKEN_TOKEN);
    const t0 = performance.now();
    bridge.current.reference({ tokenIndex: token + offset, instructionStart: start + offset }, (r) => {
      dispatch({ kind: 'machine', result: r, ms: performance.now() - t0 });
    }, running && selection.follow);
  }, [ready, token, store, offset, running, selection.follow]);

  // Graph evaluator: values and lookups at the selected token, and the selected head's picture.
  // Pinned: every change asks at once (superseding the previous walk). Following a live run:
  // one request at a time, answered after PARTIAL_MS with wherever the evaluator got to; the
  // answer triggers the next request for the then newest token.
  const live = running && selection.follow;
  const latest = useRef({ token, lookup, size, live, offset });
  latest.current = { token, lookup, size, live, offset };
  const inFlight = useRef(0);
  /** When the last graph request went out, and the timer of a paced live request. */
  const lastGraphAt = useRef(-Infinity);
  const pacedGraph = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastAsked = useRef({ lookup: -2, width: 0, height: 0 });
  const requestGraph = useCallback(() => {
    const b = bridge.current;
    const { token: t, lookup: l, size: sz, live: lv, offset: off } = latest.current;
    if (!b || t === null) return;
    if (pacedGraph.current !== null) clearTimeout(pacedGraph.current);
    pacedGraph.current = null;
    const seq = ++graphSeq.current;
    inFlight.current = seq;
    lastGraphAt.current = performance.now();
    lastAsked.current = { lookup: l, width: sz.width, height: sz.height };
    void b.graph(
      { tokenIndex: t + off, lookup: l, width: sz.width, height: sz.height, background: lv, partialAfterMs: lv ? PARTIAL_MS : undefined },
      (p) => {
        if (seq === graphSeq.current) dispatch({ kind: 'graph-progress', progress: { ...p, head: p.head - off, target: p.target - off } });
      },
    ).then((r) => {
      if (inFlight.current === seq) inFlight.current = 0;
      if (!r || r.kind === 'superseded' || seq !== graphSeq.current) return;
      if (r.kind === 'error') {
        dispatch({ kind: 'graph-error', message: r.message });
        return;
      }
      if (r.kind === 'beyond') {
        dispatch({
          kind: 'graph-beyond',
          message: `Token ${fmt.format(r.requested - off)} is beyond what the graph evaluator replays (the first ${fmt.format(r.limit)} tokens: `
            + 'its exact hull stores keep every position, ~0.7 GB there). The machine-state pane is exact at every token.',
        });
        return;
      }
      dispatch({ kind: 'graph-view', view: r });
      const now = latest.current;
      if (now.live && now.token !== null && now.token + now.offset !== r.view.position) requestGraphPaced();
    });
  }, []);
  /** Following a live run: the next request at most LIVE_GRAPH_PERIOD_MS after the previous one. */
  const requestGraphPaced = useCallback(() => {
    if (pacedGraph.current !== null) return;
    const wait = lastGraphAt.current + LIVE_GRAPH_PERIOD_MS - performance.now();
    if (wait <= 0) requestGraph();
    else pacedGraph.current = setTimeout(() => {
      pacedGraph.current = null;
      if (latest.current.live) requestGraph();
    }, wait);
  }, [requestGraph]);
  useEffect(() => {
    if (!ready) return;
    // A head or picture size the person just chose is asked for at once, even while following.
    const asked = lastAsked.current;
    const changed = asked.lookup !== lookup || asked.width !== size.width || asked.height !== size.height;
    if (live && !changed) {
      if (!inFlight.current) requestGraphPaced();
      return;
    }
    requestGraph();
  }, [ready, token, lookup, size, live, offset, requestGraph, requestGraphPaced]);
  useEffect(() => () => {
    if (pacedGraph.current !== null) clearTimeout(pacedGraph.current);
  }, []);

  // The transformer's inspection: only for a pinned selection (a replay per token; ~100 K tokens/s),
  // and past TRANSFORMER_AUTO tokens only when asked for.
  const hasModel = !!run?.model;
  const askedFor = state.transformer.askedFor;
  // Stable (reads the token when pressed), so the panes holding it are not rendered per token.
  const inspectTransformer = useCallback(() => dispatch({ kind: 'transformer-asked', token: latest.current.token }), []);
  useEffect(() => {
    if (!ready || !bridge.current || !hasModel) return;
    if (selection.follow && running) return;
    if (token >= TRANSFORMER_AUTO && askedFor !== token) {
      dispatch({ kind: 'transformer', result: null });
      return;
    }
    let current = true;
    dispatch({ kind: 'transformer-progress', progress: null });
    void bridge.current.transformer(token + offset, (p) => {
      if (current) dispatch({ kind: 'transformer-progress', progress: { ...p, head: p.head - offset, target: p.target - offset } });
    }).then((r) => {
      if (r && current) dispatch({ kind: 'transformer', result: r });
    });
    return () => {
      current = false;
    };
  }, [ready, token, offset, hasModel, selection.follow, running, askedFor]);

  const select = useCallback((t: number) => dispatch({ kind: 'select', selection: { token: Math.max(0, Math.min(t, store.length - 1)), follow: false } }), [store]);
  const step = useCallback((kind: StepKind, dir: 1 | -1) => dispatch({ kind: 'step', tokens: store, length: shown.current, step: kind, dir }), [store]);
  const setFollow = useCallback((follow: boolean) => dispatch({ kind: 'follow', follow, length: shown.current }), []);
  const setLookup = useCallback((i: number) => dispatch({ kind: 'lookup', lookup: i }), []);
  const setPictureSize = useCallback((width: number, height: number) => dispatch({ kind: 'picture-size', width, height }), []);

  return {
    run, running, opened, selection, length,
    reference: state.machine.result, referenceMs: state.machine.ms, notRun: state.notRun,
    graph: state.graph.view, graphError: state.graph.error, progress: state.graph.progress,
    transformer: state.transformer.result, transformerProgress: state.transformer.progress,
    lookup, startRun, clear, select, step, setFollow, setLookup, setPictureSize, toPage, inspectTransformer,
  };
}
