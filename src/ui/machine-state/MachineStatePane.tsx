import { memo, useMemo, useState } from 'react';
import type { Program } from '../../core/program/program.ts';
import { useSteppingContext } from '../stepping/SteppingProvider.tsx';
import type { Stepping } from '../stepping/useStepping.ts';
import type { ReferenceView } from '../../core/run/inspect/referenceReplay.ts';
import type { GraphView } from '../../core/run/inspect/graphReplay.ts';
import { callStack, listingWindow } from './listing.ts';
import './machineState.css';

const fmt = new Intl.NumberFormat('en-US');
const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
const hex2 = (v: number) => v.toString(16).padStart(2, '0');
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

function word(v: number) {
  return (
    <span className="word" title={`unsigned ${v >>> 0}`}>
      <span className="mono">{hex8(v)}</span> <span className="dec">{v | 0}</span>
    </span>
  );
}

function Listing({ program, view, sourceLines, expanded }: { program: Program; view: ReferenceView; sourceLines: string[]; expanded: boolean }) {
  const rows = expanded ? listingWindow(program, view.cursor, 14, 22) : listingWindow(program, view.cursor, 6, 8);
  return (
    <div className="listing" data-testid="listing">
      {rows.map((r) => r.kind === 'function' ? (
        <div key={`f${r.start}`} className="fn-row">{r.name} <span className="hint">[{r.start}–{r.end - 1}]</span></div>
      ) : (
        <div key={r.index} className={r.current ? 'ins-row current' : 'ins-row'} data-current={r.current || undefined}>
          <span className="idx">{r.index}</span>
          <span className="op">{r.op}</span>
          <span className="operand">{r.operand}</span>
          {r.line !== null ? (
            <span className="cline" title={sourceLines[r.line - 1]?.trim() ?? ''}>
              :{r.line} <span className="csrc">{sourceLines[r.line - 1]?.trim() ?? ''}</span>
            </span>
          ) : <span className="cline" />}
        </div>
      ))}
    </div>
  );
}

function Memory({ view }: { view: ReferenceView }) {
  if (view.memory.length === 0) return <p className="hint">No memory written in the last 2,000 tokens and none accessed here.</p>;
  let prev = -1;
  return (
    <div className="memory mono" data-testid="memory">
      {view.memory.map((r) => {
        const gap = prev >= 0 && r.address !== prev + 16;
        prev = r.address;
        return (
          <div key={r.address}>
            {gap ? <div className="gap">⋯</div> : null}
            <div className="mem-row">
              <span className="addr">{hex8(r.address)}</span>
              {r.bytes.map((b, i) => (
                <span key={i} className={r.marks[i] === 2 ? 'b access' : r.marks[i] === 1 ? 'b recent' : b ? 'b' : 'b zero'}>{hex2(b)}</span>
              ))}
              <span className="ascii">{r.bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join('')}</span>
            </div>
          </div>
        );
      })}
    </div>
  );
}

function GraphValues({ view, requested, clamped, toPage }: { view: GraphView; requested: number; clamped: string | null; toPage: (p: number) => number | null }) {
  const v = (name: string) => view.values.find((x) => x.name === name)?.value;
  const shown = ['cursor', 'stack_depth', 'call_depth', 'byte_index', 'immediate', 'stack_top_value', 'stack_second_value',
    'memory_read_address', 'memory_byte', 'result_byte', 'local_byte'];
  const agree = view.next === null || view.prediction === view.next;
  return (
    <div data-testid="graph-values">
      <p className="hint">
        At token <b className="mono">{fmt.format(toPage(view.position) ?? view.position)}</b> (<code>{view.token}</code>)
        {clamped && view.position !== requested ? <span className="warn"> — selection is token {fmt.format(toPage(requested) ?? requested)}: {clamped === 'behind' ? 'catching up' : clamped === 'limit' ? 'beyond the replay limit' : 'beyond the trace'}</span> : null}
        : fetched opcode <b className="mono">{view.fetchedOpcode ?? '?'}</b>; predicts <code>{view.prediction}</code>
        {view.next !== null ? <> (trace: <code>{view.next}</code> {agree ? <span className="ok">✓</span> : <span className="err">✗ differs</span>})</> : null}
      </p>
      <div className="kv">
        {shown.map((name) => {
          const d = view.values.find((x) => x.name === name);
          const value = v(name);
          return (
            <div key={name} title={d?.description}>
              <span className="k">{name}</span> <span className="v mono">{value === undefined ? '—' : Number.isInteger(value) ? fmt.format(value) : value.toPrecision(6)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The machine at the selected token: reference replay (exact state) and the graph's own values. */
export function MachineStatePane() {
  const { stepping: s } = useSteppingContext();
  const ref = s.reference?.kind === 'view' ? s.reference.view : null;
  // The shown state belongs to an earlier selection until the replay of the new one answers
  // (following a live run, it is always a little behind: not said).
  const shownToken = ref ? s.toPage(ref.tokenIndex) : null;
  const pinnedToken = s.running && s.selection.follow ? null : s.selection.token;
  const staleFor = ref !== null && pinnedToken !== null && shownToken !== pinnedToken ? pinnedToken : null;
  const waiting = s.length === 0 ? (s.running ? 'Waiting for the first token…' : 'The run produced no tokens.') : 'Replaying to the selected token…';
  return <MachineStateView run={s.run} notRun={s.notRun} reference={s.reference} referenceMs={s.referenceMs} staleFor={staleFor} waiting={waiting}
    graph={s.graph} graphError={s.graphError} progress={s.progress} toPage={s.toPage} />;
}

interface ViewProps {
  run: Stepping['run'];
  notRun: Stepping['notRun'];
  reference: Stepping['reference'];
  referenceMs: number | null;
  /** The pinned token the shown state is not yet of (its replay has not answered). */
  staleFor: number | null;
  /** What the pane says before the first machine state arrives. */
  waiting: string;
  graph: Stepping['graph'];
  graphError: string | null;
  progress: Stepping['progress'];
  toPage: Stepping['toPage'];
}

/** Rendered when an answer or the pinned selection changes, not with every token of a followed run. */
const MachineStateView = memo(function MachineStateView({ run, notRun, reference, referenceMs, staleFor, waiting, graph, graphError, progress, toPage }: ViewProps) {
  const [expanded, setExpanded] = useState(false);
  const ref = reference?.kind === 'view' ? reference.view : null;
  const shownToken = ref ? toPage(ref.tokenIndex) : null;
  const stale = staleFor !== null;
  const program = run?.program ?? null;
  const sourceLines = useMemo(() => run ? run.source.split('\n') : [], [run]);
  const frames = program && ref ? callStack(program, ref.cursor, ref.returns) : [];
  const out = ref ? new TextDecoder().decode(ref.output) : '';

  return (
    <section className={`pane see-pane machine-pane${expanded ? ' expanded' : ''}`} aria-label="Machine state" data-testid="machine-state">
      <header className="pane-title">
        <span>Machine state</span>
        {ref ? <span className="source-note">reference interpreter replayed to the instruction's start{referenceMs !== null ? ` · ${ms(referenceMs)}` : ''}</span> : null}
        <button type="button" className="expand" onClick={() => setExpanded((e) => !e)} aria-pressed={expanded}
          title={expanded ? 'Back to the pane' : 'Show the machine state over the whole page'}>{expanded ? 'close' : 'expand'}</button>
      </header>
      <div className="see-body">
        {!program ? (notRun ? <p className="err" data-testid="not-run">Nothing ran: {notRun}</p>
          : <p className="hint">Run a program; then step through it or click a token to see the machine at that token.</p>) : null}
        {reference?.kind === 'error' ? <p className="err">{reference.message}</p> : null}
        {program && !ref && reference?.kind !== 'error' ? <p className="hint">{waiting}</p> : null}
        {stale ? <p className="hint" data-testid="machine-stale">Replaying to token {fmt.format(staleFor)}… (showing token {fmt.format(shownToken ?? 0)} meanwhile)</p> : null}
        {program && ref ? (
          <div className={stale ? 'stale' : undefined}>
            <div className="facts-row" data-testid="machine-facts" data-cursor={ref.cursor} data-executed={ref.instructionsExecuted} data-token={shownToken ?? undefined}>
              {ref.phase === 'prefix' ? <span className="warn">Program prefix: the token spells instruction {ref.cursor}; nothing has run yet.</span>
                : ref.phase === 'input' ? <span className="warn">Input section: the argument bytes are being read in; no instruction has run yet.</span> : null}
              <span>cursor <b className="mono">{ref.cursor}</b> <b className="mono op">{program.instructions[ref.cursor]?.op}</b></span>
              {frames.length ? <span>in <b>{frames[0].name}</b>{frames[0].line !== null ? <> line {frames[0].line}</> : null}</span> : null}
              <span>executed <b className="mono">{fmt.format(ref.instructionsExecuted)}</b></span>
              <span>call depth <b className="mono">{ref.callDepth}</b></span>
              <span>stack depth <b className="mono">{ref.stackDepth}</b></span>
              {ref.stop !== 'budget' ? <span className="err">replay {ref.stop === 'halt' ? 'halted' : `faulted: ${ref.error}`} before this token</span> : null}
            </div>
            {frames.length ? (
              <div className="call-stack" data-testid="call-stack" title="The C call stack at this token, innermost first (each caller at the line of its call)">
                <span className="k">call stack</span>
                {frames.map((f, i) => (
                  <span key={i} className="frame">{i ? ' ← ' : ''}<b>{f.name}</b>{f.line !== null ? <span className="hint">:{f.line}</span> : null}</span>
                ))}
              </div>
            ) : null}
            <div className="ms-grid">
              <div className="ms-listing">
                <h3>Instructions</h3>
                <Listing program={program} view={ref} sourceLines={sourceLines} expanded={expanded} />
              </div>
              <div className="ms-stack">
                <h3>Operand stack (top first)</h3>
                {ref.stackTop.length === 0 ? <p className="hint">empty</p> : (
                  <ol className="stack" data-testid="stack">
                    {ref.stackTop.map((v, i) => <li key={i}>{word(v)}</li>)}
                    {ref.stackDepth > ref.stackTop.length ? <li className="hint">… {ref.stackDepth - ref.stackTop.length} more</li> : null}
                  </ol>
                )}
                <h3>Locals (this frame)</h3>
                {ref.locals.length === 0 ? <p className="hint">none written</p> : (
                  <div className="locals" data-testid="locals">
                    {ref.locals.map((v, i) => <div key={i}><span className="k">l{i}</span> {v === null ? <span className="hint">—</span> : word(v)}</div>)}
                  </div>
                )}
              </div>
            </div>
            <h3>Memory <span className="legend"><span className="b access">accessed here</span> <span className="b recent">written in the last 2,000 tokens</span> ({fmt.format(ref.recentWrites)} bytes)</span></h3>
            <Memory view={ref} />
            <h3>Output so far ({fmt.format(ref.outputBytes)} bytes)</h3>
            <pre className="out-so-far" data-testid="output-so-far">{out.length ? out.split('\n').slice(-8).join('\n') : <span className="hint">nothing yet</span>}</pre>
          </div>
        ) : null}
        {program ? (
          <>
            <h3>The transformer's own values <span className="source-note">(graph evaluator, what the network computes at this token)</span></h3>
            {graph ? <GraphValues view={graph.view} requested={graph.requested} clamped={graph.clamped} toPage={toPage} /> : null}
            {graphError ? <p className="warn">{graphError}</p> : null}
            {progress ? <Progress head={progress.head} target={progress.target} restarted={progress.restarted} /> : null}
          </>
        ) : null}
      </div>
    </section>
  );
});

export function Progress({ head, target, restarted, label }: { head: number; target: number; restarted: boolean; label?: string }) {
  const what = label ?? (restarted ? 'Graph evaluator replaying from token 0' : 'Graph evaluator walking');
  return (
    <div className="hint" data-testid="graph-progress">
      {what}: token {fmt.format(Math.max(0, head))} of {fmt.format(target)}
      <progress max={Math.max(1, target)} value={Math.max(0, head)} />
    </div>
  );
}
