/**
 * The phase rule (docs/schedule-and-weights.md): every layer has four phases — attention
 * (lookups) 4L, persist-1 4L+1, feed-forward (ReGLUs) 4L+2, persist-2 4L+3 — so a lookup sits at a
 * phase ≡ 0 (mod 4), a ReGLU at ≡ 2, and a persist at an odd phase.
 */
export const PHASES_PER_LAYER = 4;

export type SchedOpKind = 'lookup' | 'reglu' | 'persist';

/** The four phases of a layer, in order. */
export const LayerPhase = { Attention: 0, Persist1: 1, FeedForward: 2, Persist2: 3 } as const;
export type LayerPhase = (typeof LayerPhase)[keyof typeof LayerPhase];

export function layerOf(phase: number): number {
  return Math.floor(phase / PHASES_PER_LAYER);
}

/** Which of its layer's four phases `phase` is. */
export function phaseInLayer(phase: number): LayerPhase {
  return (((phase % PHASES_PER_LAYER) + PHASES_PER_LAYER) % PHASES_PER_LAYER) as LayerPhase;
}

/** Whether an op of `kind` may sit at `phase`. */
export function phaseFits(kind: SchedOpKind, phase: number): boolean {
  const q = phaseInLayer(phase);
  if (kind === 'lookup') return q === LayerPhase.Attention;
  if (kind === 'reglu') return q === LayerPhase.FeedForward;
  return q === LayerPhase.Persist1 || q === LayerPhase.Persist2;
}

/** The earliest phase ≥ `lo` where an op of `kind` fits. */
export function earliestPhaseOfKind(kind: SchedOpKind, lo: number): number {
  let p = lo;
  while (!phaseFits(kind, p)) p++;
  return p;
}

/** The latest phase ≤ `hi` where an op of `kind` fits. */
export function latestPhaseOfKind(kind: SchedOpKind, hi: number): number {
  let p = hi;
  while (!phaseFits(kind, p)) p--;
  return p;
}
