import { describe, expect, it } from 'vitest';
import { MAX_POSITIONS } from './session.ts';
import { invLogPos } from './tsEngine.ts';

/**
 * The fast mode's position-keyed heads rely on every position staying on the upper hull envelope:
 * the breakpoints the hull computes between consecutive positions must increase strictly, and the
 * lookups need each position's exact score to beat its neighbours' (docs/inference-core.md,
 * "Sequence length"). MAX_POSITIONS is the first position where the machine's key
 * (2p, −p² + 0.3·inv_log_pos) fails that: checked here near both ends of the range (the whole
 * range with SLOW=1), and shown to fail just past it. Other admissible key scales are proven up
 * to 2^24 (beyond it the core checks each insertion).
 */
const PROVEN = 1 << 24;

function keys(beta: number, gamma: number, delta: number) {
  // Computed as both engines compute keys: kx = 0 + β·p; ky = (0 + δ·ilp) + γ·p².
  return { kx: (p: number) => 0 + beta * p, ky: (p: number) => (delta ? 0 + delta * invLogPos(p) : 0) + gamma * (p * p) };
}

function firstNonIncreasing(beta: number, gamma: number, delta: number, from: number, to: number): number | null {
  const { kx, ky } = keys(beta, gamma, delta);
  let prev = -Infinity;
  for (let i = from; i < to - 1; i++) {
    const b = (ky(i + 1) - ky(i)) / (kx(i) - kx(i + 1));
    if (!(b > prev)) return i;
    prev = b;
  }
  return null;
}

/** First query q in [from, to) whose exact lookup (query (q, 1)) does not strictly beat q ± 1. */
function firstTiedLookup(from: number, to: number): number | null {
  const { kx, ky } = keys(2, -1, 0.3);
  for (let q = from; q < to; q++) {
    const score = (s: number) => q * kx(s) + 1 * ky(s);
    if (!(score(q) > score(q - 1) && score(q) > score(q + 1))) return q;
  }
  return null;
}

describe('position-keyed envelopes keep every position', () => {
  it("the machine's key (2p, −p² + 0.3·inv_log_pos) up to MAX_POSITIONS", () => {
    if (process.env.SLOW) expect(firstNonIncreasing(2, -1, 0.3, 0, MAX_POSITIONS)).toBeNull();
    else {
      expect(firstNonIncreasing(2, -1, 0.3, 0, 1 << 18)).toBeNull();
      expect(firstNonIncreasing(2, -1, 0.3, PROVEN - (1 << 16), PROVEN + (1 << 16))).toBeNull();
      expect(firstNonIncreasing(2, -1, 0.3, MAX_POSITIONS - (1 << 18), MAX_POSITIONS)).toBeNull();
    }
    expect(firstTiedLookup(1, 1 << 16)).toBeNull();
    expect(firstTiedLookup(MAX_POSITIONS - (1 << 18), MAX_POSITIONS - 1)).toBeNull();
  });

  it('MAX_POSITIONS is tight: the key fails within a few positions past it', () => {
    expect(MAX_POSITIONS ** 2).toBeGreaterThan(2 ** 53);
    expect((MAX_POSITIONS - 1) ** 2).toBeLessThan(2 ** 53);
    expect(firstTiedLookup(MAX_POSITIONS - 1, MAX_POSITIONS + 16)).toBe(MAX_POSITIONS);
    const broken = firstNonIncreasing(2, -1, 0.3, MAX_POSITIONS - 16, MAX_POSITIONS + (1 << 12));
    expect(broken).not.toBeNull();
  });

  it('other admissible scales (β > 0, γ < 0, |δ| ≤ |γ|), near the top of the proven range', () => {
    for (const [beta, gamma, delta] of [[3, -2.25, 0.5], [1, -1e-3, 1e-3], [7.5, -1e6, -1e6], [0.1, -10, 0]]) {
      expect(firstNonIncreasing(beta, gamma, delta, 0, 1 << 12), `${beta} ${gamma} ${delta} low`).toBeNull();
      expect(firstNonIncreasing(beta, gamma, delta, PROVEN - (1 << 16), PROVEN), `${beta} ${gamma} ${delta} high`).toBeNull();
    }
  });
});
