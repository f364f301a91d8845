import { describe, expect, it } from 'vitest';
import { QUERY_SCALE } from '../weights/construct.ts';
import { centeredPosition, invLogPos, POSITION_CENTER } from '../weights/positionSlots.ts';
import { MAX_POSITIONS } from './session.ts';

/**
 * The machine's position lookups (docs/inference-core.md, "Sequence length") use the centred key
 * (2(s − C), −(s − C)² + 0.3·inv_log_pos) and the query (S·(q − C), S), S = QUERY_SCALE. They are
 * exact while (1) the breakpoints the hull computes between consecutive positions increase
 * strictly (else the hull drops positions; the core's fast mode checks this per position and
 * refuses), and (2) the score of the queried position, as the engines compute it, strictly beats
 * its neighbours' (else the neighbour scan merges them, and "latest" takes the wrong one).
 * Checked near 0, the centre, 2^24 and the cap (the whole range with SLOW=1), for queries before
 * the start, and shown to fail just past MAX_POSITIONS = 2C + 1.
 */
const C = POSITION_CENTER;
const S = QUERY_SCALE;

function keys(beta: number, gamma: number, delta: number) {
  // Computed as the engines compute keys from the encoding's slots: kx = 0 + β·(p − C);
  // ky = (0 + δ·ilp) + γ·(p − C)² (the row's terms in column order).
  const c = centeredPosition;
  return { kx: (p: number) => 0 + beta * c(p), ky: (p: number) => (delta ? 0 + delta * invLogPos(p) : 0) + gamma * (c(p) * c(p)) };
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

const { kx, ky } = keys(2, -1, 0.3);
/** The machine's score of position s for query position q, as the engines compute it (query row S·q − S·C·one). */
const score = (q: number, s: number) => (0 + S * q + -C * S) * kx(s) + S * ky(s);

/** First query q in [from, to) whose lookup does not strictly beat q ± 1 (within 0 … last). */
function firstTiedLookup(from: number, to: number, last = MAX_POSITIONS - 1): number | null {
  for (let q = from; q < to; q++) {
    const a = score(q, q);
    if (!((q === 0 || a > score(q, q - 1)) && (q === last || a > score(q, q + 1)))) return q;
  }
  return null;
}

describe('centred position keys keep every position exact up to MAX_POSITIONS', () => {
  it('MAX_POSITIONS = 2C + 1 with C the largest integer whose square is below 2^53', () => {
    expect(MAX_POSITIONS).toBe(2 * C + 1);
    expect(C * C).toBeLessThan(2 ** 53);
    expect((C + 1) * (C + 1)).toBeGreaterThanOrEqual(2 ** 53);
    expect(Math.log2(S) % 1).toBe(0); // a power of two: the scaled scores round as the unscaled ones
  });

  it('the breakpoints increase strictly', () => {
    if (process.env.SLOW) expect(firstNonIncreasing(2, -1, 0.3, 0, MAX_POSITIONS)).toBeNull();
    else {
      for (const at of [0, C - (1 << 17), (1 << 24) - (1 << 17), MAX_POSITIONS - (1 << 18)]) {
        expect(firstNonIncreasing(2, -1, 0.3, at, at + (1 << 18)), `from ${at}`).toBeNull();
      }
    }
  });

  it('each position beats its neighbours for its own query, and position 0 wins every query before it', () => {
    if (process.env.SLOW) expect(firstTiedLookup(0, MAX_POSITIONS)).toBeNull();
    else {
      for (const at of [0, C - (1 << 16), (1 << 24) - (1 << 16), 54_000_000, MAX_POSITIONS - (1 << 17)]) {
        expect(firstTiedLookup(at, Math.min(at + (1 << 17), MAX_POSITIONS)), `from ${at}`).toBeNull();
      }
    }
    for (let q = -(1 << 16); q < 0; q++) if (!(score(q, 0) > score(q, 1))) expect.fail(`query ${q}: position 1 ties or beats position 0`);
  });

  it('fails within a few positions past MAX_POSITIONS', () => {
    const beyond = MAX_POSITIONS + (1 << 12);
    expect(firstTiedLookup(MAX_POSITIONS - 2, beyond, beyond)).not.toBeNull();
    expect(firstTiedLookup(MAX_POSITIONS - 2, beyond, beyond)!).toBeLessThan(MAX_POSITIONS + 16);
    const broken = firstNonIncreasing(2, -1, 0.3, MAX_POSITIONS - 16, beyond);
    expect(broken).not.toBeNull();
    expect(broken!).toBeLessThan(MAX_POSITIONS + 16);
  });

  it('other key scales (β > 0, γ < 0, |δ| ≤ |γ|) hold near the centre; far from it the core falls back to the hull', () => {
    for (const [beta, gamma, delta] of [[3, -2.25, 0.5], [1, -1e-3, 1e-3], [7.5, -1e6, -1e6], [0.1, -10, 0]]) {
      expect(firstNonIncreasing(beta, gamma, delta, C - (1 << 16), C + (1 << 16)), `${beta} ${gamma} ${delta}`).toBeNull();
    }
    // γ·(p − C)² rounds where (p − C)² is near 2⁵³: this key's breakpoints stop increasing at
    // position 2, where the fast mode becomes the hull cache (engines.test.ts, probe head h5).
    expect(firstNonIncreasing(3, -2.25, 0.5, 0, 1 << 12)).toBe(2);
  });
});
