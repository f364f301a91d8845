import { memo } from 'react';
import { useSteppingContext } from './SteppingProvider.tsx';
import type { Stepping } from './useStepping.ts';

/** The toolbar's Step: one instruction forward (enabled once a trace is on the page). */
export function StepButton() {
  const { stepping } = useSteppingContext();
  return <StepButtonView disabled={stepping.length === 0} step={stepping.step} />;
}

/** Rendered only when it becomes enabled or disabled, not with every notification of a run. */
const StepButtonView = memo(function StepButtonView({ disabled, step }: { disabled: boolean; step: Stepping['step'] }) {
  return (
    <button type="button" data-testid="step" disabled={disabled} onClick={() => step('instruction', 1)}
      title="Step one instruction (to the next terminal token); the stepping bar has token steps, step back and a scrubber">
      Step
    </button>
  );
});
