import { memo, useCallback, useMemo, useState } from 'react';
import { TRANSFORMER_AUTO, type Stepping } from '../stepping/useStepping.ts';
import { useSteppingContext } from '../stepping/SteppingProvider.tsx';
import { explainLookup } from './explainLookup.ts';
import { Progress } from '../machine-state/MachineStatePane.tsx';
import { HullCanvas } from './HullCanvas.tsx';
import { TransformerHeads } from './TransformerHeads.tsx';
import type { LookupAt } from '../../core/run/inspect/graphReplay.ts';
import type { LookupMeta } from '../../protocol/inspect.ts';
import { POSITION_CENTER } from '../../core/graph/positionEncoding.ts';
import { MAX_POSITIONS } from '../../core/infer/session.ts';
import './attention.css';

interface Props {
  /** The served model's layer of each lookup (its schedule); else the greedy schedule's layers. */
  lookupLayers?: Record<string, number> | null;
  /** The served model's layer count (layers without lookups are shown too). */
  modelLayers?: number;
}

const fmt = new Intl.NumberFormat('en-US');
const num = (v: number) => (!Number.isFinite(v) ? '—' : Number.isInteger(v) && Math.abs(v) < 1e9 ? fmt.format(v) : Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 ? v.toExponential(4) : v.toFixed(4));

/** Layers of the lookups: from the served model's schedule when it says, else from the greedy schedule. */
function layersOf(meta: LookupMeta[], lookupLayers: Record<string, number> | null | undefined, modelLayers = 0): { layers: number[][]; from: string } {
  if (lookupLayers && meta.length && meta.every((m) => lookupLayers[m.name] !== undefined)) {
    const n = Math.max(modelLayers, ...meta.map((m) => lookupLayers[m.name] + 1));
    return { layers: Array.from({ length: n }, (_, l) => meta.filter((m) => lookupLayers[m.name] === l).map((m) => m.index)), from: 'the model' };
  }
  const n = Math.max(0, ...meta.map((m) => m.layer)) + 1;
  return { layers: Array.from({ length: n }, (_, l) => meta.filter((m) => m.layer === l).map((m) => m.index)), from: 'the greedy schedule of the graph' };
}

function HeadRow({ l, selected, onSelect, onJump, tokenText, toPage }: {
  l: LookupAt; selected: boolean; onSelect: () => void; onJump: (t: number) => void; tokenText: (i: number) => string; toPage: (p: number) => number | null;
}) {
  const w = l.winner >= 0 ? toPage(l.winner) : null;
  return (
    <div className={selected ? 'head-row selected' : 'head-row'} onClick={onSelect} data-testid="head" data-name={l.name} title={l.description}>
      <span className="head-name">{l.name}{l.heads > 1 ? <span className="hint"> ×{l.heads}</span> : null}</span>
      <span className="head-winner">
        {w !== null ? (
          <button type="button" className="jump" data-testid="head-winner" data-position={w}
            onClick={(ev) => { ev.stopPropagation(); onJump(w); }} title={`jump to token ${w}`}>
            → {fmt.format(w)} <code>{tokenText(w)}</code>
          </button>
        ) : l.winner >= 0 ? <span className="hint">→ prompt position {fmt.format(l.winner)}</span> : <span className="hint">empty</span>}
        {l.matches > 1 ? <span className="hint"> {l.tieBreak === 'average' ? `mean of ${fmt.format(l.matches)}` : `${fmt.format(l.matches)} tied`}</span> : null}
      </span>
      <span className="head-value mono">{l.values.map(num).join(', ')}</span>
    </div>
  );
}

/** Static: one element for the life of the page, so React never renders it again. */
const NO_LOOKUPS: never[] = [];

const EXPLANATION = (
  <details className="explain" data-testid="attention-explanation">
    <summary>What the picture means</summary>
    <p>Each head compares its query q with the 2-D key k of every earlier token and reads the token with the largest dot product q·k. For a fixed direction q, the point of a set that lies farthest along q is always a vertex of the set's convex hull (a linear function over a convex polygon peaks at a corner), and with q<sub>y</sub> &gt; 0 only the upper hull matters. So the head never needs the other keys.</p>
    <p>The machine stores a key value k as the point (2k, −k²): then q·(2k, −k²) with q = (x, 1) is 2kx − k² = x² − (x − k)², largest when k is nearest to x. Every such point lies on a parabola, so each is a hull vertex, and the lookup returns the entry whose key equals the query (a small 0.3·inv_log_pos term makes the newest of equal keys win). Position keys use the centred position p − C (C = {fmt.format(POSITION_CENTER)}), which keeps their scores exact up to {fmt.format(MAX_POSITIONS)} positions.</p>
    <p>The hull's vertices sorted by x have slopes that decrease; the vertex q selects is found by binary search over them, so a lookup costs O(log n) instead of O(n) — what lets the transformer run millions of steps.</p>
  </details>
);

/** Layer by layer, what each attention head (graph lookup) read at the selected token, and why. */
export function AttentionPane({ lookupLayers, modelLayers }: Props) {
  const { stepping: s, tokenText } = useSteppingContext();
  const live = s.running && s.selection.follow;
  return <AttentionView lookupLayers={lookupLayers} modelLayers={modelLayers} tokenText={tokenText} hasRun={!!s.run} notRun={s.notRun} hasModel={!!s.run?.model}
    live={live} pinnedToken={live ? null : s.selection.token} opened={s.opened} graph={s.graph} graphError={s.graphError} progress={s.progress}
    lookup={s.lookup} setLookup={s.setLookup} select={s.select} toPage={s.toPage} setPictureSize={s.setPictureSize}
    transformer={s.transformer} transformerProgress={s.transformerProgress} inspectTransformer={s.inspectTransformer} />;
}

interface ViewProps extends Props, Pick<Stepping, 'opened' | 'graph' | 'graphError' | 'progress' | 'lookup' | 'setLookup' | 'select' | 'toPage'
  | 'setPictureSize' | 'transformer' | 'transformerProgress' | 'inspectTransformer'> {
  tokenText: (i: number) => string;
  hasRun: boolean;
  /** Why the last Run ran nothing (refused); null otherwise. */
  notRun: string | null;
  /** The run had the universal model (the transformer's own heads can be inspected). */
  hasModel: boolean;
  /** Following a live run (the selection is the newest token, not passed: it changes with every notification). */
  live: boolean;
  /** The selected token when not following a live run. */
  pinnedToken: number | null;
}

/** Rendered when the evaluator answers or the pinned selection changes, not with every token of a followed run. */
const AttentionView = memo(function AttentionView({
  lookupLayers, modelLayers, tokenText, hasRun, notRun, hasModel, live, pinnedToken, opened, graph: g, graphError, progress, lookup, setLookup, select, toPage,
  setPictureSize, transformer, transformerProgress, inspectTransformer,
}: ViewProps) {
  const [expanded, setExpanded] = useState(false);
  const meta = opened?.lookups ?? NO_LOOKUPS;
  const { layers, from } = useMemo(() => layersOf(meta, lookupLayers, modelLayers), [meta, lookupLayers, modelLayers]);
  const view = g?.view ?? null;
  // The heads change when the evaluator answers, not with every token the live stream adds.
  const heads = useMemo(() => view ? layers.map((ls, li) => ls.length ? (
    <div key={li} className="layer">
      <div className="layer-title">layer {li}</div>
      {ls.map((i) => (
        <HeadRow key={i} l={view.lookups[i]} selected={i === lookup} onSelect={() => setLookup(i)} onJump={select} tokenText={tokenText} toPage={toPage} />
      ))}
    </div>
  ) : null) : null, [view, layers, lookup, setLookup, select, tokenText, toPage]);
  const sel = view && lookup >= 0 ? view.lookups[lookup] : null;
  const pic = g?.picture && g.picture.lookup === lookup ? g.picture : null;
  const selMeta = meta[lookup];
  const jump = useCallback((p: number) => {
    const t = toPage(p);
    if (t !== null) select(t);
  }, [toPage, select]);
  const selWinner = sel && sel.winner >= 0 ? toPage(sel.winner) : null;
  const viewToken = view ? toPage(view.position) : null;
  // After a new pinned selection the view belongs to the previous token until the evaluator
  // answers; following a live run, the evaluator catches up to the token it was last asked for.
  const behindOf = view !== null && pinnedToken !== null && viewToken !== pinnedToken ? pinnedToken
    : g?.clamped === 'behind' ? toPage(g.requested) : null;

  return (
    <section className={`pane see-pane attention-pane${expanded ? ' expanded' : ''}`} aria-label="Attention view" data-testid="attention-view">
      <header className="pane-title">
        <span>Attention</span>
        {view ? (
          <span className="source-note" data-testid="attention-at" title={`graph evaluator's values at this token; layers from ${from}`}>
            token {viewToken === null ? '—' : fmt.format(viewToken)}{behindOf !== null ? ` (evaluating token ${fmt.format(behindOf)}…)` : g!.clamped === 'behind' ? ' (evaluating…)' : ''}
          </span>
        ) : null}
        <button type="button" className="expand" onClick={() => setExpanded((e) => !e)} aria-pressed={expanded}
          title={expanded ? 'Back to the pane' : 'Show the attention view over the whole page'}>{expanded ? 'close' : 'expand'}</button>
      </header>
      <div className="see-body">
        {!hasRun ? (notRun ? <p className="err" data-testid="not-run">Nothing ran: {notRun}</p>
          : <p className="hint">Run a program; each token's attention heads appear here.</p>) : null}
        {graphError ? <p className="warn">{graphError}</p> : null}
        {progress ? <Progress head={progress.head} target={progress.target} restarted={progress.restarted} /> : null}
        {view ? (
          <div className="att-grid">
            <div className="heads" data-testid="heads">
              {heads}
            </div>
            <div className="head-detail" data-testid="head-detail">
              {sel ? (
                <>
                  <div className="detail-title"><b>{sel.name}</b> <span className="hint">{sel.description}</span></div>
                  {pic ? <HullCanvas picture={pic} onJump={jump} onSize={setPictureSize} winnerPosition={sel.winner} /> : <div className="hull-wait hint">drawing…</div>}
                  <p className="plain" data-testid="head-explanation">{explainLookup(sel, viewToken, selWinner, selWinner !== null ? tokenText(selWinner) : null)}</p>
                  <div className="detail-facts mono">
                    q = ({num(sel.query[0])}, {num(sel.query[1])}) · winner k = ({num(sel.key[0])}, {num(sel.key[1])}) · q·k = {num(sel.score)}
                  </div>
                  <div className="detail-facts">
                    {pic ? <>{fmt.format(pic.points)} keys, <b>{fmt.format(pic.hullVertices)}</b> on the hull{pic.overview.drawnVertices < pic.hullVertices ? <> (drawn: {fmt.format(pic.overview.drawnVertices)} at screen resolution, winner's neighbourhood in full)</> : null}; </> : null}
                    the evaluator's hull store keeps {fmt.format(sel.stored)} line{sel.stored === 1 ? '' : 's'}
                    {selMeta?.positionKeyed ? ' (keys are the positions themselves: every token is a vertex)' : ''}.
                    {' '}Selects{' '}
                    {selWinner !== null ? <button type="button" className="jump" data-testid="detail-winner" onClick={() => select(selWinner)}
                      title="Select the token this head read (its winner)">token {fmt.format(selWinner)} <code>{tokenText(selWinner)}</code></button> : sel.winner >= 0 ? `prompt position ${fmt.format(sel.winner)}` : 'nothing'}
                    {sel.tieBreak === 'average' ? <> — an average head: all {fmt.format(sel.matches)} tied keys are merged and it returns their mean</> : null}.
                  </div>
                </>
              ) : <p className="hint">Pick a head on the left.</p>}
            </div>
          </div>
        ) : null}
        {hasModel ? (
          <>
            <h3>The transformer's heads <span className="source-note">(its own inspection: the Emscripten core replays the run to this token)</span></h3>
            {live ? <p className="hint">Pause or step to inspect the transformer at a token.</p> : null}
            {pinnedToken !== null && pinnedToken >= TRANSFORMER_AUTO && !transformer && !transformerProgress ? (
              <p className="hint">
                <button type="button" data-testid="inspect-transformer" onClick={inspectTransformer} title="Replay the run in the transformer core up to this token and show its own heads">Inspect the transformer here</button>
                {' '}replays {fmt.format(pinnedToken)} tokens into the core (~{Math.ceil(pinnedToken / 100_000)} s).
              </p>
            ) : null}
            <TransformerHeads result={transformer} progress={transformerProgress} graph={view} toPage={toPage} onJump={select} tokenText={tokenText} />
          </>
        ) : null}
        {EXPLANATION}
      </div>
    </section>
  );
});
