/**
 * The selection model of the "see" panes, and the requests it makes to the inspect worker.
 *
 * A selected token index. While a run streams and `follow` is on, the selection is the newest
 * token (updated when the token store grows, which the page does once per animation frame).
 * Stepping, scrubbing, clicking a token or pausing pins it (`follow` off). Every selection asks
 * the worker for the machine state (reference replay) and the graph evaluator's view of it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Program } from '../../core/program/program.ts';
import { BRANCH_TAKEN_TOKEN } from '../../core/tokens/spelling.ts';
import { useRunStream, type RunStream } from '../run/runStream.ts';
import { DISPLAY_TOKENS } from '../../core/run/displayTokens.ts';
import { instructionStart, stepFrom, type StepKind } from '../../core/run/instructionBoundaries.ts';
import { InspectBridge } from './inspectBridge.ts';
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

const fmt = new Intl.NumberFormat('en-US');
/** Tokens up to which the transformer is inspected without asking (a replay of ≤ ~5 s). */
export const TRANSFORMER_AUTO = 500_000;

/** Lookup drawn by default: the operand stack read (a small, telling hull). */
const DEFAULT_LOOKUP = 'stack_top';
/** While following a live run, show the evaluator's state at least this often. */
const PARTIAL_MS = 400;

export interface Stepping {
  run: SteppingRun | null;
  /** A run is streaming. */
  running: boolean;
  opened: InspectOpened | null;
  selection: Selection;
  /** Tokens in the stream (the scrubber's range). */
  length: number;
  reference: ReferenceResult | null;
  graph: Extract<GraphResult, { kind: 'view' }> | null;
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
  startRun(run: SteppingRun): void;
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
  const { version, running, prefixTokens: pagePrefix } = useRunStream(stream);
  const store = stream.store;
  const bridge = useRef<InspectBridge | null>(null);
  const [run, setRun] = useState<SteppingRun | null>(null);
  const [opened, setOpened] = useState<InspectOpened | null>(null);
  const [selection, setSelection] = useState<Selection>({ token: null, follow: true });
  const [reference, setReference] = useState<ReferenceResult | null>(null);
  const [graph, setGraph] = useState<Stepping['graph']>(null);
  const [graphError, setGraphError] = useState<string | null>(null);
  const [progress, setProgress] = useState<GraphProgress | null>(null);
  const [transformer, setTransformer] = useState<TransformerResult | null>(null);
  const [transformerProgress, setTransformerProgress] = useState<GraphProgress | null>(null);
  const [lookup, setLookupState] = useState(-1);
  const [size, setSize] = useState({ width: 480, height: 240 });
  const [referenceMs, setReferenceMs] = useState<number | null>(null);
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
    setRun(r);
    setOpened(null);
    setReference(null);
    setGraph(null);
    setGraphError(null);
    setProgress(null);
    setTransformer(null);
    setTransformerProgress(null);
    setAskedFor(null);
    setSelection({ token: null, follow: true });
    void bridge.current.open({ program: r.program, input: r.input, maxTokens: r.maxTokens, model: r.model ?? null }).then((o) => {
      if (!o) return;
      setOpened(o);
      setLookupState((l) => (l >= 0 ? l : Math.max(0, o.lookups.findIndex((x) => x.name === DEFAULT_LOOKUP))));
    });
  }, []);

  // Live by default: follow the newest token as the store grows (once per frame at most).
  const length = useRunStream(stream).length;
  useEffect(() => {
    if (!selection.follow || length === 0) return;
    if (selection.token !== length - 1) setSelection({ token: length - 1, follow: true });
  }, [version, length, selection.follow, selection.token]);

  const token = selection.token;
  const ready = opened !== null && token !== null && token < length && pagePrefix > 0;
  const offset = opened ? opened.prefixTokens - pagePrefix : 0;
  const toPage = useCallback((p: number) => {
    const t = p - offset;
    return t >= 0 && t < store.length ? t : null;
  }, [offset, store, length]);

  // Machine state: reference replay to the selected instruction.
  useEffect(() => {
    if (!ready || !bridge.current) return;
    const start = instructionStart(store, token, (i) => DISPLAY_TOKENS[store.tokenId(i)] === BRANCH_TAKEN_TOKEN);
    const t0 = performance.now();
    bridge.current.reference({ tokenIndex: token + offset, instructionStart: start + offset }, (r) => {
      setReference(r);
      setReferenceMs(performance.now() - t0);
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
  const requestGraph = useCallback(() => {
    const b = bridge.current;
    const { token: t, lookup: l, size: sz, live: lv, offset: off } = latest.current;
    if (!b || t === null) return;
    const seq = ++graphSeq.current;
    inFlight.current = seq;
    void b.graph(
      { tokenIndex: t + off, lookup: l, width: sz.width, height: sz.height, background: lv, partialAfterMs: lv ? PARTIAL_MS : undefined },
      (p) => {
        if (seq === graphSeq.current) setProgress({ ...p, head: p.head - off, target: p.target - off });
      },
    ).then((r) => {
      if (inFlight.current === seq) inFlight.current = 0;
      if (!r || r.kind === 'superseded' || seq !== graphSeq.current) return;
      if (r.kind === 'error') {
        setGraphError(r.message);
        return;
      }
      if (r.kind === 'beyond') {
        setGraph(null);
        setProgress(null);
        setGraphError(`Token ${fmt.format(r.requested - off)} is beyond what the graph evaluator replays (the first ${fmt.format(r.limit)} tokens: `
          + 'its exact hull stores keep every position, ~0.7 GB there). The machine-state pane is exact at every token.');
        return;
      }
      setGraph(r);
      setGraphError(null);
      if (r.clamped !== 'behind') setProgress(null);
      const now = latest.current;
      if (now.live && now.token !== null && now.token + now.offset !== r.view.position) requestGraph();
    });
  }, []);
  useEffect(() => {
    if (!ready) return;
    if (live && inFlight.current) return;
    requestGraph();
  }, [ready, token, lookup, size, live, offset, requestGraph]);

  // The transformer's inspection: only for a pinned selection (a replay per token; ~100 K tokens/s),
  // and past TRANSFORMER_AUTO tokens only when asked for.
  const hasModel = !!run?.model;
  const [askedFor, setAskedFor] = useState<number | null>(null);
  const inspectTransformer = useCallback(() => setAskedFor(token), [token]);
  useEffect(() => {
    if (!ready || !bridge.current || !hasModel) return;
    if (selection.follow && running) return;
    if (token >= TRANSFORMER_AUTO && askedFor !== token) {
      setTransformer(null);
      setTransformerProgress(null);
      return;
    }
    let current = true;
    setTransformerProgress(null);
    void bridge.current.transformer(token + offset, (p) => {
      if (current) setTransformerProgress({ ...p, head: p.head - offset, target: p.target - offset });
    }).then((r) => {
      if (!r || !current) return;
      setTransformer(r);
      setTransformerProgress(null);
    });
    return () => {
      current = false;
    };
  }, [ready, token, offset, hasModel, selection.follow, running, askedFor]);

  const select = useCallback((t: number) => setSelection({ token: Math.max(0, Math.min(t, store.length - 1)), follow: false }), [store]);
  const step = useCallback((kind: StepKind, dir: 1 | -1) => {
    setSelection((s) => ({ token: stepFrom(store, s.token ?? store.length - 1, kind, dir), follow: false }));
  }, [store]);
  const setFollow = useCallback((follow: boolean) => {
    setSelection((s) => ({ token: follow && store.length ? store.length - 1 : s.token, follow }));
  }, [store]);
  const setLookup = useCallback((i: number) => setLookupState(i), []);
  const setPictureSize = useCallback((width: number, height: number) => {
    setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
  }, []);

  return {
    run, running, opened, selection, length, reference, graph, graphError, progress, transformer, transformerProgress, lookup, referenceMs,
    startRun, select, step, setFollow, setLookup, setPictureSize, toPage, inspectTransformer,
  };
}
