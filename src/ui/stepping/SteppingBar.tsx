import { memo } from 'react';
import { useSteppingContext } from './SteppingProvider.tsx';
import type { Stepping } from './useStepping.ts';
import './stepping.css';

const fmt = new Intl.NumberFormat('en-US');

/** Step by token or instruction, back and forth, scrub the recorded trace, follow or pause. */
export function SteppingBar() {
  const { stepping: s, tokenText } = useSteppingContext();
  return <SteppingBarView running={s.running} n={s.length} t={s.selection.token} follow={s.selection.follow}
    step={s.step} select={s.select} setFollow={s.setFollow} tokenText={tokenText} />;
}

interface ViewProps {
  running: boolean;
  /** Tokens in the stream. */
  n: number;
  /** The selected token. */
  t: number | null;
  follow: boolean;
  step: Stepping['step'];
  select: Stepping['select'];
  setFollow: Stepping['setFollow'];
  tokenText: (i: number) => string;
}

/** Rendered when the selection or the stream's length changes, not for the see panes' answers. */
const SteppingBarView = memo(function SteppingBarView({ running, n, t, follow, step, select, setFollow, tokenText }: ViewProps) {
  const none = n === 0 || t === null;
  const onKey = (ev: React.KeyboardEvent) => {
    if (none || (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight')) return;
    ev.preventDefault();
    step(ev.shiftKey ? 'instruction' : 'token', ev.key === 'ArrowRight' ? 1 : -1);
  };
  return (
    <div className="stepping-bar" role="toolbar" aria-label="Stepping" data-testid="stepping" onKeyDown={onKey}>
      <button type="button" data-testid="step-instruction-back" disabled={none || t === 0} onClick={() => step('instruction', -1)}
        title="Back one instruction (Shift+←)" aria-label="Back one instruction">«</button>
      <button type="button" data-testid="step-token-back" disabled={none || t === 0} onClick={() => step('token', -1)}
        title="Back one token (←)" aria-label="Back one token">‹</button>
      <button type="button" data-testid="step-token" disabled={none || t === n - 1} onClick={() => step('token', 1)}
        title="Forward one token (→)" aria-label="Forward one token">›</button>
      <button type="button" data-testid="step-instruction" disabled={none || t === n - 1} onClick={() => step('instruction', 1)}
        title="Forward to the next terminal token: one instruction (Shift+→)" aria-label="Forward one instruction">»</button>
      {follow && running ? (
        <button type="button" data-testid="pause" disabled={n === 0} onClick={() => setFollow(false)}
          title="Stop following the newest token (the run goes on)">Pause</button>
      ) : follow ? (
        // After the run, following is being at its last token: nothing to pause, nowhere further to go.
        <button type="button" data-testid="follow" disabled title="The last token is selected">To end</button>
      ) : (
        <button type="button" data-testid="follow" disabled={n === 0} onClick={() => setFollow(true)}
          title={running ? 'Follow the newest token of the live run' : 'Jump to the last token'}>{running ? 'Follow live' : 'To end'}</button>
      )}
      <span className="selected-token" data-testid="selected-token" title={none ? undefined : `token ${fmt.format(t)} of ${fmt.format(n - 1)}: ${tokenText(t)}`}>
        {none ? 'no token selected' : (
          <>token <b>{fmt.format(t)}</b> / {fmt.format(n - 1)} <code>{tokenText(t)}</code>{follow && running ? <em> live</em> : null}</>
        )}
      </span>
      <input type="range" className="scrubber" data-testid="scrubber" aria-label="Token scrubber" min={0} max={Math.max(0, n - 1)}
        value={t ?? 0} disabled={n === 0} onChange={(ev) => select(Number(ev.target.value))}
        title="Scrub to any token of the run (← → step by token, Shift+← → by instruction)" />
    </div>
  );
});
