import type { Dim } from '../graph/dim.ts';
import type { ScheduleProblem } from '../schedule/problem.ts';
import type { Liveness } from '../schedule/schedule.ts';
import { POSITION_SLOTS } from './positionSlots.ts';

/** Residual-stream slots of every dim that needs one, and what is erased at each boundary. */
export interface SlotAllocation {
  slot: Map<Dim, number>;
  /** Slots zeroed at odd boundary c (the sublayer ending at c writes −x[s] into s). */
  erase: Map<number, number[]>;
  /** Number of slots used (before rounding D up to even / to the head count). */
  used: number;
}

/**
 * Spec §8.1 (with this project's centred position encoding): position, inv_log_pos,
 * position_centered_sq, position_centered take slots 0–3 (the runtime adds their values);
 * the other inputs follow in creation order; at each boundary dying dims are erased and their
 * slots become free one boundary later (delayed reuse: a slot is zero before it is rewritten);
 * born dims take the smallest free slot. Dims never alive at a boundary get no slot.
 */
export function allocateSlots(problem: ScheduleProblem, live: Liveness, layers: number): SlotAllocation {
  const { graph } = problem;
  const slot = new Map<Dim, number>();
  slot.set(graph.position, POSITION_SLOTS.position);
  slot.set(graph.invLogPos, POSITION_SLOTS.invLogPos);
  slot.set(graph.positionCenteredSq, POSITION_SLOTS.centeredSq);
  slot.set(graph.positionCentered, POSITION_SLOTS.centered);
  let used = Object.keys(POSITION_SLOTS).length;
  for (const d of problem.inputs) if (!slot.has(d)) slot.set(d, used++);

  const erase = new Map<number, number[]>();
  let free: number[] = [];
  let freedLast: number[] = [];
  let cur = new Set<Dim>(problem.inputs);
  for (let c = 1; c < 4 * layers; c += 2) {
    const nxt = live.aliveAfter.get(c)!;
    const nxtSet = new Set(nxt);
    free = [...free, ...freedLast].sort((a, b) => a - b);
    freedLast = [];
    const erased: number[] = [];
    for (const d of cur) {
      if (nxtSet.has(d) || problem.protectedDims.has(d)) continue;
      const s = slot.get(d);
      if (s === undefined) continue;
      erased.push(s);
      freedLast.push(s);
    }
    erase.set(c, erased.sort((a, b) => a - b));
    for (const d of nxt) {
      if (cur.has(d) || slot.has(d)) continue;
      const s = free.length ? free.shift()! : used++;
      slot.set(d, s);
    }
    cur = nxtSet;
  }
  for (const d of problem.outputDims) if (!slot.has(d)) slot.set(d, used++);
  return { slot, erase, used };
}
