import { describe, expect, it } from 'vitest';
import { earliestPhaseOfKind, latestPhaseOfKind, layerOf, phaseFits } from './phases.ts';

describe('the phase rule', () => {
  it('lookups ≡ 0, ReGLUs ≡ 2 (mod 4), persists odd; four phases a layer', () => {
    const fits = (k: 'lookup' | 'reglu' | 'persist') => Array.from({ length: 8 }, (_, p) => p).filter((p) => phaseFits(k, p));
    expect(fits('lookup')).toEqual([0, 4]);
    expect(fits('reglu')).toEqual([2, 6]);
    expect(fits('persist')).toEqual([1, 3, 5, 7]);
    expect([0, 3, 4, 7, 8].map(layerOf)).toEqual([0, 0, 1, 1, 2]);
  });

  it('earliest and latest fitting phases', () => {
    expect([0, 1, 4, 5].map((p) => earliestPhaseOfKind('lookup', p))).toEqual([0, 4, 4, 8]);
    expect([0, 2, 3].map((p) => earliestPhaseOfKind('reglu', p))).toEqual([2, 2, 6]);
    expect([0, 1, 2].map((p) => earliestPhaseOfKind('persist', p))).toEqual([1, 1, 3]);
    expect([7, 4, 3].map((p) => latestPhaseOfKind('lookup', p))).toEqual([4, 4, 0]);
    expect([7, 5, 1].map((p) => latestPhaseOfKind('reglu', p))).toEqual([6, 2, -2]);
    expect([8, 7].map((p) => latestPhaseOfKind('persist', p))).toEqual([7, 7]);
  });
});
