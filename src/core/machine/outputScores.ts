import type { Expr } from '../graph/expr.ts';
import type { Graph } from '../graph/graph.ts';
import {
  BRANCH_TAKEN_TOKEN,
  byteToken,
  CALL_COMMIT_TOKEN,
  COMMIT_KINDS,
  commitToken,
  HALT_TOKEN,
  outToken,
  RETURN_COMMIT_TOKEN,
} from '../tokens/spelling.ts';
import { OUTPUT_BONUS } from './constants.ts';

export interface ScoreInputs {
  emitHalt: Expr;
  emitBranchTaken: Expr;
  emitCallCommit: Expr;
  emitReturnCommit: Expr;
  emitOut: Expr;
  emitCommit: Expr;
  emitByte: Expr;
  emitBt: Expr;
  topByte: Expr;
  fetchedStackDelta: Expr;
  fetchedStoreToStack: Expr;
  resultByte: Expr;
  resultCarry: Expr;
}

/**
 * Output-token scores (docs/original-design.md §5.12): exactly one emit flag is 1 and gives its category a bonus
 * of 10^5; inside a category, 2·x·r − x² = r² − (x − r)² peaks at the wanted value r.
 * Construction order: halt, branch_taken, call_commit, return_commit, out(..), commits, bytes.
 */
export function outputTokenScores(g: Graph, s: ScoreInputs): Map<string, Expr> {
  const H = OUTPUT_BONUS;
  const out = new Map<string, Expr>();
  out.set(HALT_TOKEN, s.emitHalt.times(H));
  out.set(BRANCH_TAKEN_TOKEN, s.emitBranchTaken.times(H));
  out.set(CALL_COMMIT_TOKEN, s.emitCallCommit.times(H));
  out.set(RETURN_COMMIT_TOKEN, s.emitReturnCommit.times(H));
  for (let v = 0; v < 256; v++) out.set(outToken(v), g.sum([s.emitOut.times(H), s.topByte.times(2 * v), -v * v]));
  for (const [sd, sts] of COMMIT_KINDS) {
    for (const bt of [0, 1]) {
      out.set(
        commitToken(sd, sts, bt),
        g.sum([
          s.emitCommit.times(H),
          s.fetchedStackDelta.times(2 * sd),
          -sd * sd,
          s.fetchedStoreToStack.times(2 * sts),
          -sts * sts,
          s.emitBt.times(2 * bt),
          -bt * bt,
        ]),
      );
    }
  }
  for (let v = 0; v < 256; v++) {
    for (const c of [0, 1]) {
      out.set(byteToken(v, c === 1), g.sum([s.emitByte.times(H), s.resultByte.times(2 * v), -v * v, s.resultCarry.times(2 * c), -c * c]));
    }
  }
  return out;
}
