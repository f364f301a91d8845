import { memo, useEffect, useState, type ReactNode } from 'react';
import type { Example } from '../examples/examples.ts';
import { MIN_TOKEN_LIMIT } from '../url-state.ts';

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
  /** The largest limit the selected engine can reach, and why (the limit field's ceiling). */
  limitCap: { tokens: number; why: string };
  /** The Step button (it reads the stepping state itself). */
  stepButton?: ReactNode;
}

const fmt = new Intl.NumberFormat('en-US');

/**
 * The token limit as a person types it: the text is kept as typed and only read when they leave
 * the field or press Enter (clamping each keystroke turned "2000000" into the maximum).
 */
function TokenLimitField({ value, cap, onCommit, onRun }: { value: number; cap: Props['limitCap']; onCommit: (n: number) => void; onRun: () => void }) {
  const [text, setText] = useState(String(value));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);
  const commit = (): number => {
    const n = Math.round(Number(text.replace(/[,_\s]/g, '')));
    let v = Number.isFinite(n) && text.trim() !== '' ? n : value;
    let why: string | null = null;
    if (v < MIN_TOKEN_LIMIT) {
      v = MIN_TOKEN_LIMIT;
      why = `at least ${fmt.format(MIN_TOKEN_LIMIT)}`;
    } else if (v > cap.tokens) {
      v = cap.tokens;
      why = `at most ${fmt.format(cap.tokens)}: ${cap.why}`;
    }
    setNote(why);
    setText(String(v));
    if (v !== value) onCommit(v);
    return v;
  };
  return (
    <label className="field" title={`Generated tokens after which the run stops (${fmt.format(MIN_TOKEN_LIMIT)} to ${fmt.format(cap.tokens)}: ${cap.why}). Applied when you leave the field or press Enter.`}>
      <span>Token limit{note ? <em className="field-note" data-testid="max-tokens-note"> {note}</em> : null}</span>
      <input
        data-testid="max-tokens"
        inputMode="numeric"
        value={text}
        spellCheck={false}
        onChange={(ev) => {
          setText(ev.target.value);
          setNote(null);
        }}
        onBlur={commit}
        onKeyDown={(ev) => {
          if (ev.key !== 'Enter') return;
          commit();
          onRun();
        }}
      />
    </label>
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export const Toolbar = memo(function Toolbar(p: Props) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Program controls">
      <label className="field" title="Replace the editor's program with an example (undo with Ctrl+Z)">
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
      <label className="field grow" title="The program's input: compute(input) receives the whole string, main(argc, argv) gets its words as argv[1…] (split as a shell splits them: quote a phrase to keep it one argument), stdin reads the whole string. Enter runs.">
        <span>Args</span>
        <input
          data-testid="args"
          value={p.args}
          spellCheck={false}
          placeholder="arguments (input / argv[1…])"
          onChange={(ev) => p.onArgs(ev.target.value)}
          onKeyDown={(ev) => {
            if (ev.key === 'Enter') p.onRun();
          }}
        />
      </label>
      <TokenLimitField value={p.maxTokens} cap={p.limitCap} onCommit={p.onMaxTokens} onRun={p.onRun} />
      <button type="button" className="primary" data-testid="run" onClick={p.onRun} disabled={p.busy !== 'idle'}
        title={`Compile and run (${isMac ? '⌘' : 'Ctrl'}+Enter)`}>
        Run
      </button>
      <button type="button" data-testid="stop" onClick={p.onStop} disabled={p.busy !== 'running'}
        title="Stop the run now (the tokens so far stay for stepping)">Stop</button>
      {p.stepButton}
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
});
