import type { GraphProgress, TransformerResult } from '../../protocol/inspect.ts';
import type { GraphView } from '../../core/run/inspect/graphReplay.ts';
import { Progress } from '../machine-state/MachineStatePane.tsx';

interface Props {
  result: TransformerResult | null;
  progress: GraphProgress | null;
  /** The graph evaluator's view (same token): each head's position is checked against its lookup's winner. */
  graph: GraphView | null;
  toPage: (p: number) => number | null;
  onJump: (t: number) => void;
  tokenText: (i: number) => string;
}

const fmt = new Intl.NumberFormat('en-US');
const num = (v: number) => (!Number.isFinite(v) ? '—' : Number.isInteger(v) && Math.abs(v) < 1e9 ? fmt.format(v) : Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 ? v.toExponential(4) : v.toFixed(4));

/** Per layer and head, what the transformer itself attended to at the selected token. */
export function TransformerHeads({ result, progress, graph, toPage, onJump, tokenText }: Props) {
  if (progress) return <Progress head={progress.head} target={progress.target} restarted={false} label="Transformer core replaying" />;
  if (!result) return null;
  if (result.kind === 'unavailable') return <p className="hint">{result.reason}</p>;
  if (result.kind === 'error') return <p className="err">The transformer's inspection failed: {result.message}</p>;
  if (result.kind !== 'view') return null;
  const v = result.view;
  const winners = graph && graph.position === v.position ? new Map(graph.lookups.map((l) => [l.name, l.winner])) : null;
  const at = toPage(v.position);
  return (
    <div className="transformer-heads" data-testid="transformer-heads">
      <p className="hint">
        Token {at === null ? '—' : fmt.format(at)}, replayed into the Emscripten core in {result.ms >= 1000 ? `${(result.ms / 1000).toFixed(1)} s` : `${result.ms.toFixed(0)} ms`}; it predicts <code>{v.prediction}</code>.
      </p>
      <table>
        <thead>
          <tr><th>head</th><th>label</th><th>kind</th><th>attends to</th><th>q·k</th><th>merged</th><th>hull</th></tr>
        </thead>
        <tbody>
          {v.layers.flatMap((heads, li) => heads.filter((h) => h.kind !== 'unused').map((h) => {
            const name = h.label?.replace(/ \(.*\)$/, '') ?? null;
            const expected = name && winners ? winners.get(name) : undefined;
            const t = h.lastPosition >= 0 ? toPage(h.lastPosition) : null;
            return (
              <tr key={`${li}.${h.head}`}>
                <td className="mono">L{li}·h{h.head}</td>
                <td className="mono label" title={h.label ?? ''}>{h.label ?? '—'}</td>
                <td>{h.kind}</td>
                <td>
                  {t !== null ? <button type="button" className="jump" onClick={() => onJump(t)}>{fmt.format(t)} <code>{tokenText(t)}</code></button> : h.lastPosition >= 0 ? fmt.format(h.lastPosition) : '—'}
                  {expected !== undefined ? (expected === h.lastPosition ? <span className="ok" title="the graph evaluator's lookup selects the same token"> ✓</span> : <span className="err" title={`the graph evaluator selects ${expected}`}> ✗</span>) : null}
                </td>
                <td className="mono">{num(h.score)}</td>
                <td className="mono">{fmt.format(h.matches)}</td>
                <td className="mono">{fmt.format(h.hullSize)}</td>
              </tr>
            );
          }))}
        </tbody>
      </table>
    </div>
  );
}
