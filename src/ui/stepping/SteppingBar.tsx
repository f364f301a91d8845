import { useSteppingContext } from './SteppingProvider.tsx';
import './stepping.css';

const fmt = new Intl.NumberFormat('en-US');

/** Step by token or instruction, back and forth, scrub the recorded trace, follow or pause. */
export function SteppingBar() {
  const { stepping: s, tokenText } = useSteppingContext();
  const running = s.running;
  const n = s.length;
  const t = s.selection.token;
  const none = n === 0 || t === null;
  const onKey = (ev: React.KeyboardEvent) => {
    if (none || (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight')) return;
    ev.preventDefault();
    s.step(ev.shiftKey ? 'instruction' : 'token', ev.key === 'ArrowRight' ? 1 : -1);
  };
  return (
    <div className="stepping-bar" role="toolbar" aria-label="Stepping" data-testid="stepping" onKeyDown={onKey}>
      <button type="button" data-testid="step-instruction-back" disabled={none || t === 0} onClick={() => s.step('instruction', -1)}
        title="Back one instruction (Shift+←)" aria-label="Back one instruction">«</button>
      <button type="button" data-testid="step-token-back" disabled={none || t === 0} onClick={() => s.step('token', -1)}
        title="Back one token (←)" aria-label="Back one token">‹</button>
      <button type="button" data-testid="step-token" disabled={none || t === n - 1} onClick={() => s.step('token', 1)}
        title="Forward one token (→)" aria-label="Forward one token">›</button>
      <button type="button" data-testid="step-instruction" disabled={none || t === n - 1} onClick={() => s.step('instruction', 1)}
        title="Forward to the next terminal token: one instruction (Shift+→)" aria-label="Forward one instruction">»</button>
      {s.selection.follow ? (
        <button type="button" data-testid="pause" disabled={n === 0} onClick={() => s.setFollow(false)}
          title="Stop following the newest token (the run goes on)">Pause</button>
      ) : (
        <button type="button" data-testid="follow" disabled={n === 0} onClick={() => s.setFollow(true)}
          title={running ? 'Follow the newest token of the live run' : 'Jump to the last token'}>{running ? 'Follow live' : 'To end'}</button>
      )}
      <span className="selected-token" data-testid="selected-token" title={none ? undefined : `token ${fmt.format(t)} of ${fmt.format(n - 1)}: ${tokenText(t)}`}>
        {none ? 'no token selected' : (
          <>token <b>{fmt.format(t)}</b> / {fmt.format(n - 1)} <code>{tokenText(t)}</code>{s.selection.follow && running ? <em> live</em> : null}</>
        )}
      </span>
      <input type="range" className="scrubber" data-testid="scrubber" aria-label="Token scrubber" min={0} max={Math.max(0, n - 1)}
        value={t ?? 0} disabled={n === 0} onChange={(ev) => s.select(Number(ev.target.value))}
        title="Scrub to any token of the run (← → step by token, Shift+← → by instruction)" />
    </div>
  );
}
