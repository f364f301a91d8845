import { useSteppingContext } from './SteppingProvider.tsx';

/** The toolbar's Step: one instruction forward (enabled once a trace is on the page). */
export function StepButton() {
  const { stepping } = useSteppingContext();
  return (
    <button type="button" data-testid="step" disabled={stepping.length === 0} onClick={() => stepping.step('instruction', 1)}
      title="Step one instruction (to the next terminal token); the stepping bar has token steps, step back and a scrubber">
      Step
    </button>
  );
}
