import { describe, expect, it } from 'vitest';
import { MAX_POSITIONS } from './session.ts';
import { invLogPos } from './tsEngine.ts';

/**
 * The fast mode's position-keyed heads rely on every position staying on the upper hull envelope
 * below MAX_POSITIONS: the breakpoints the hull computes between consecutive positions must
 * increase strictly (docs/inference-core.md gives the general argument). This checks it
 * exhaustively for the machine's key (2p, −p² + 0.3·inv_log_pos) — over the whole range with
 * SLOW=1, otherwise near both ends — and on samples for other admissible key scales.
 */
function firstNonIncreasing(beta: number, gamma: number, delta: number, from: number, to: number): number | null {
  // Computed as both engines compute keys: kx = 0 + β·p; ky = (0 + δ·ilp) + γ·p².
  const kx = (p: number) => 0 + beta * p;
  const ky = (p: number) => (delta ? 0 + delta * invLogPos(p) : 0) + gamma * (p * p);
  let prev = -Infinity;
  for (let i = from; i < to - 1; i++) {
    const b = (ky(i + 1) - ky(i)) / (kx(i) - kx(i + 1));
    if (!(b > prev)) return i;
    prev = b;
  }
  return null;
}

describe('position-keyed envelopes keep every position', () => {
  it("the machine's key (2p, −p² + 0.3·inv_log_pos)", () => {
    if (process.env.SLOW) expect(firstNonIncreasing(2, -1, 0.3, 0, MAX_POSITIONS)).toBeNull();
    else {
      expect(firstNonIncreasing(2, -1, 0.3, 0, 1 << 18)).toBeNull();
      expect(firstNonIncreasing(2, -1, 0.3, MAX_POSITIONS - (1 << 18), MAX_POSITIONS)).toBeNull();
    }
  });

  it('other admissible scales (β > 0, γ < 0, |δ| ≤ |γ|), near the top of the range', () => {
    for (const [beta, gamma, delta] of [[3, -2.25, 0.5], [1, -1e-3, 1e-3], [7.5, -1e6, -1e6], [0.1, -10, 0]]) {
      expect(firstNonIncreasing(beta, gamma, delta, 0, 1 << 12), `${beta} ${gamma} ${delta} low`).toBeNull();
      expect(firstNonIncreasing(beta, gamma, delta, MAX_POSITIONS - (1 << 16), MAX_POSITIONS), `${beta} ${gamma} ${delta} high`).toBeNull();
    }
  });
});
