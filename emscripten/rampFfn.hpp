// Ramp FFNs: a layer whose feed-forward units are, many of them, ramps on one scalar input
// (a specialized model's instruction table on the cursor) is evaluated in O(log units) per token,
// bit for bit equal to the dense product (docs/inference-core.md, "Ramp FFNs"). Recognised from
// the weights alone; every token checks the premises of exactness and otherwise falls back.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tvm {

struct Layer;

using Int128 = __int128;

// Per session and ramp layer: the ramp part of every row (its exact sum and the bound on its partial
// sums) per cursor value, computed the first time a token needs it. It depends on that value alone,
// and a program's cursor revisits the same instructions, so most tokens skip the search and the
// int128 products (a cheap step in native code, a call per product in wasm). Values inside the
// breakpoints' span (RampFfn::tableLo, tableSize) are kept in a table allocated on first use; a
// value outside it is kept until the next one.
struct RampMemo {
  std::vector<int64_t> table;   // tableSize × 2·rows: the rows' sums, then their bounds (|sum| ≤ mag ≤ 2^53)
  std::vector<uint8_t> filled;  // tableSize
  std::vector<int64_t> outside; // 2·rows, for a value outside the table
  bool valid = false;           // cur holds the value at x
  int64_t x = 0;
  const int64_t* cur = nullptr;
  size_t bytes() const { return table.capacity() * 8 + filled.capacity() + outside.capacity() * 8; }
};

struct RampFfn {
  int input = -1;  // the residual slot the ramps read; −1: the layer has no ramp group
  int units = 0;   // ramp units
  std::vector<int32_t> oneSlots;  // the 0/1 slots the ramps read as 1: checked per token
  // Ramps with a > 0 ("up", active iff x > −b/a) sorted by breakpoint −b/a ascending, so the
  // active ones are a prefix; ramps with a < 0 ("down", active iff x < −b/a), same order, so the
  // active ones are a suffix. gate = a·x + b·1, value = v·1, all integers.
  std::vector<int64_t> upA, upB, dnA, dnB;
  // The output rows any ramp writes, and per row the sums of W·v·a and W·v·b over the first k up
  // ramps / the last n−k down ramps (k-major: entry k·rows + row, so one k's rows are contiguous):
  // the row's ramp part is x·SA + SB, exactly, in int128.
  std::vector<int32_t> rows;
  std::vector<Int128> upSA, upSB, dnSA, dnSB;
  double xLimit = 0;  // |x| at most this: every int128 product and sum fits
  // The memo's table covers the integers tableLo … tableLo + tableSize − 1 (every breakpoint and
  // one past either end; tableSize 0 when that span would need more than kMaxMemoTable bytes).
  int64_t tableLo = 0;
  int32_t tableSize = 0;
  // The exactness check bounds every partial sum of the row's dense product (docs/inference-core.md,
  // "Ramp FFNs"). Ordered rows (their ramps all up, in breakpoint order along the columns): the
  // partial sums over the first j ramps are P_j(x) = x·SA_j + SB_j, and for x ≥ x_j (the first
  // integer where ramp j is active) |P_j(x)| ≤ C_j + (x − x_j)·|SA_j| with C_j = |P_j(x_j)|;
  // ordC / ordS hold the prefix maxima of C_j and |SA_j|, xFirst is x_0. Other rows: the sum of
  // |W·v|·gate over the active ramps, x·magA + magB (prefix / suffix sums like SA, SB).
  std::vector<uint8_t> ordered;
  std::vector<Int128> ordC, ordS;
  Int128 xFirst = 0;
  std::vector<Int128> upMagA, upMagB, dnMagA, dnMagB;
  // Per ramp row, the other live units that write it (computed as the dense path does).
  std::vector<int32_t> otherPtr, otherUnit;
  std::vector<double> otherW;
  std::vector<int32_t> otherUnits;  // the layer's live units that are not ramps
  std::vector<int32_t> plainRows;   // rows of the FFN output no ramp writes

  bool active() const { return input >= 0; }
  size_t bytes() const {
    return (upA.size() + upB.size() + dnA.size() + dnB.size()) * 8 +
           (upSA.size() + upSB.size() + dnSA.size() + dnSB.size() + ordC.size() + ordS.size() + upMagA.size() + upMagB.size() + dnMagA.size() + dnMagB.size()) * 16 + ordered.size() +
           (rows.size() + oneSlots.size() + otherPtr.size() + otherUnit.size() + otherUnits.size() + plainRows.size()) * 4 + otherW.size() * 8;
  }
  // Checks the premises of exactness on the FFN input x and brings memo (the ramp part of the rows
  // at the last cursor value) to x's cursor; false: the layer must run the dense loop.
  bool prepare(const double* x, RampMemo& memo) const;
  // After prepare, with gv holding the other units' gate·value: fo[rows[i]] = the row's ramp part
  // plus its other terms, exactly; false when a bound fails (the dense loop then).
  bool rampRows(const double* gv, double* fo, const RampMemo& memo) const;
  // The ramp part of every row at x into out (sums, then bounds); false when a bound exceeds 2^53.
  bool rampPart(int64_t xi, int64_t* out) const;
  // The whole layer through the CSR rows (the inspected path): writes the FFN output of every row
  // in the layer's ffnOutRows into fo (fo and gv, one per unit, are scratch), or returns false.
  // The fast mode's per-token program runs prepare, its own unit ops and rampRows instead.
  bool apply(const Layer& ly, int F, const double* x, double* gv, double* fo, RampMemo& memo) const;
};

// Finds the ramp group of a layer (isOne[j]: slot j holds exactly 0 or 1 at this layer).
void planRamps(Layer& ly, int D, int F, const std::vector<uint8_t>& isOne);

}  // namespace tvm
