import type { Example } from '../examples/examples.ts';
import { MAX_TOKEN_LIMIT, MIN_TOKEN_LIMIT } from '../url-state.ts';
import { POSITION_LIMIT_TEXT } from '../../core/infer/session.ts';

export interface ToolbarState {
  args: string;
  maxTokens: number;
  busy: 'idle' | 'compiling' | 'running';
  shareUrl: string | null;
}

interface Props extends ToolbarState {
  examples: readonly Example[];
  onExample: (e: Example) => void;
  onArgs: (args: string) => void;
  onMaxTokens: (n: number) => void;
  onRun: () => void;
  onStop: () => void;
  onShare: () => void;
  /** Step one instruction (enabled once a trace is on the page). */
  canStep?: boolean;
  onStep?: () => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Toolbar(p: Props) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Program controls">
      <label className="field">
        <span>Example</span>
        <select
          aria-label="Examples"
          data-testid="examples"
          value=""
          onChange={(ev) => {
            const e = p.examples.find((x) => x.name === ev.target.value);
            if (e) p.onExample(e);
          }}
        >
          <option value="" disabled>{p.examples.length ? 'load an example…' : 'no examples yet'}</option>
          {p.examples.map((e) => (
            <option key={e.name} value={e.name} title={e.description}>{e.name}</option>
          ))}
        </select>
      </label>
      <label className="field grow">
        <span>Args</span>
        <input
          data-testid="args"
          value={p.args}
          spellCheck={false}
          placeholder="the argument string (input / argv[1])"
          onChange={(ev) => p.onArgs(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === 'Enter') p.onRun();
          }}
        />
      </label>
      <label className="field" title={`Generated tokens, ${MIN_TOKEN_LIMIT.toLocaleString('en-US')} to ${MAX_TOKEN_LIMIT.toLocaleString('en-US')}; every run also stops at ${POSITION_LIMIT_TEXT}`}>
        <span>Token limit</span>
        <input
          data-testid="max-tokens"
          type="number"
          min={MIN_TOKEN_LIMIT}
          max={MAX_TOKEN_LIMIT}
          step={1000}
          value={p.maxTokens}
          onChange={(ev) => {
            const n = Math.round(Number(ev.target.value));
            if (Number.isFinite(n)) p.onMaxTokens(Math.min(MAX_TOKEN_LIMIT, Math.max(MIN_TOKEN_LIMIT, n)));
          }}
        />
      </label>
      <button type="button" className="primary" data-testid="run" onClick={p.onRun} disabled={p.busy !== 'idle'}
        title={`Compile and run (${isMac ? '⌘' : 'Ctrl'}+Enter)`}>
        Run
      </button>
      <button type="button" data-testid="stop" onClick={p.onStop} disabled={p.busy !== 'running'}>Stop</button>
      <button type="button" data-testid="step" disabled={!p.canStep} onClick={p.onStep}
        title="Step one instruction (to the next terminal token); the stepping bar has token steps, step back and a scrubber">
        Step
      </button>
      <button type="button" data-testid="share" onClick={p.onShare}
        title="Copy a link that holds this program, its args and the token limit">
        Copy link
      </button>
      {p.shareUrl ? (
        <input className="share-url" data-testid="share-url" readOnly value={p.shareUrl} aria-label="Share link"
          onFocus={(ev) => ev.target.select()} />
      ) : null}
    </div>
  );
}
