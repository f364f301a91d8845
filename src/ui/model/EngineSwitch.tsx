import './model.css';

export type EngineMode = 'transformer' | 'reference';

interface Props {
  mode: EngineMode;
  disabled: boolean;
  onMode: (m: EngineMode) => void;
}

/** What Run executes: the transformer (the product) or the reference interpreter (its oracle). */
export function EngineSwitch({ mode, disabled, onMode }: Props) {
  return (
    <fieldset className="engine-switch" disabled={disabled} data-testid="engine-switch">
      <legend>Run on</legend>
      <label title="The transformer: weights computed from the machine's graph, executed by the Emscripten core; its trace is checked against the reference afterwards">
        <input type="radio" name="engine" value="transformer" data-testid="engine-transformer" checked={mode === 'transformer'}
          onChange={() => onMode('transformer')} />
        transformer
      </label>
      <label title="The reference interpreter: executes the dispatch table directly and produces the tokens the transformer must produce">
        <input type="radio" name="engine" value="reference" data-testid="engine-reference" checked={mode === 'reference'}
          onChange={() => onMode('reference')} />
        reference
      </label>
    </fieldset>
  );
}
