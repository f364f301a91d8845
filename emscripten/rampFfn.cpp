#include "rampFfn.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "model.hpp"

namespace tvm {

namespace {

// Below this many ramps on one input the dense loop is as fast.
constexpr int kMinRampUnits = 32;
constexpr double kTwo53 = 9007199254740992.0;
constexpr int64_t kLimit = (int64_t)1 << 53;
// The largest per-session memo table of one ramp layer (RampMemo).
constexpr double kMaxMemoTable = 16.0 * 1024 * 1024;

bool integral(double w, double limit) { return w == std::trunc(w) && std::fabs(w) <= limit; }
// ⌊n / d⌋ (d ≠ 0).
Int128 floorDiv(Int128 n, Int128 d) {
  const Int128 q = n / d;
  return n % d != 0 && (n < 0) != (d < 0) ? q - 1 : q;
}
double toDouble(Int128 v) { return v < 0 ? -(double)(unsigned __int128)(-v) : (double)(unsigned __int128)v; }

struct Ramp {
  int unit;
  int64_t a, b, v;
};

}  // namespace

void planRamps(Layer& ly, int D, int F, const std::vector<uint8_t>& isOne) {
  RampFfn& rf = ly.ramp;
  rf = RampFfn();
  const Csr& in = ly.ffnIn;
  const Csc& out = ly.ffnOutCols;
  // A ramp: gate row = a·x_s (+ b·x_one), value row = v·x_one, a, b, v and every output weight
  // integers small enough that the int128 sums below cannot overflow.
  std::vector<std::vector<Ramp>> bySlot(D);
  for (int32_t u : ly.ffnUnits) {
    if (in.nnz(F + u) != 1 || !isOne[in.col[in.ptr[F + u]]]) continue;
    const double v = in.val[in.ptr[F + u]];
    if (!integral(v, 1048576.0)) continue;
    int s = -1;
    double a = 0, b = 0;
    bool ok = in.nnz(u) == 1 || in.nnz(u) == 2;
    for (int k = in.ptr[u]; ok && k < in.ptr[u + 1]; k++) {
      const int c = in.col[k];
      if (isOne[c] && b == 0) b = in.val[k];
      else if (!isOne[c] && s < 0) s = c, a = in.val[k];
      else ok = false;
    }
    if (!ok || s < 0 || !integral(a, 1048576.0) || !integral(b, kTwo53)) continue;
    for (int k = out.ptr[u]; ok && k < out.ptr[u + 1]; k++) ok = integral(out.val[k], 1099511627776.0);
    if (ok) bySlot[s].push_back({u, (int64_t)a, (int64_t)b, (int64_t)v});
  }
  int best = 0;
  for (int s = 1; s < D; s++)
    if (bySlot[s].size() > bySlot[best].size()) best = s;
  if ((int)bySlot[best].size() < kMinRampUnits) return;

  std::vector<Ramp> up, dn;
  for (const Ramp& r : bySlot[best]) (r.a > 0 ? up : dn).push_back(r);
  // Breakpoint order −b1/a1 < −b2/a2 ⟺ b2·a1 < b1·a2 when a1·a2 > 0 (same sign within a group).
  auto byBreakpoint = [](const Ramp& p, const Ramp& q) { return (Int128)q.b * p.a < (Int128)p.b * q.a; };
  std::stable_sort(up.begin(), up.end(), byBreakpoint);
  std::stable_sort(dn.begin(), dn.end(), byBreakpoint);

  std::vector<int32_t> rowOf(D, -1);
  std::vector<uint8_t> isRamp(F, 0);
  for (const auto* g : {&up, &dn})
    for (const Ramp& r : *g) {
      isRamp[r.unit] = 1;
      for (int k = out.ptr[r.unit]; k < out.ptr[r.unit + 1]; k++) rowOf[out.row[k]] = 0;
    }
  for (int i = 0; i < D; i++)
    if (rowOf[i] == 0) rowOf[i] = (int32_t)rf.rows.size(), rf.rows.push_back(i);
  const int R = (int)rf.rows.size();

  // Ordered rows: only up ramps, whose sorted index increases along the columns (the dense order).
  std::vector<int32_t> upIndex(F, -1);
  for (size_t j = 0; j < up.size(); j++) upIndex[up[j].unit] = (int32_t)j;
  const Csr& fast0 = ly.ffnOutFast;
  rf.ordered.assign(R, 1);
  for (int i = 0; i < R; i++) {
    const int r = rf.rows[i];
    int last = -1;
    for (int k = fast0.ptr[r]; k < fast0.ptr[r + 1]; k++) {
      const int u = fast0.col[k];
      if (!isRamp[u]) continue;
      if (upIndex[u] <= last) rf.ordered[i] = 0;  // a down ramp (−1) or out of order
      last = upIndex[u];
    }
  }

  // Sums over ramps [0, k) (up) or [k, n) (down), per row: W·v·a, W·v·b, |W·v|·a, |W·v|·b.
  auto sums = [&](const std::vector<Ramp>& g, bool suffix, std::vector<Int128>& SA, std::vector<Int128>& SB,
                  std::vector<Int128>& MA, std::vector<Int128>& MB, std::vector<int64_t>& A, std::vector<int64_t>& B) {
    const int n = (int)g.size();
    for (auto* v : {&SA, &SB, &MA, &MB}) v->assign((size_t)R * (n + 1), 0);
    for (int i = 0; i < n; i++) A.push_back(g[i].a), B.push_back(g[i].b);
    for (int step = 0; step < n; step++) {
      const int i = suffix ? n - 1 - step : step;  // the ramp added at this step
      const int from = suffix ? i + 1 : i, to = suffix ? i : i + 1;
      for (int row = 0; row < R; row++)
        for (auto* v : {&SA, &SB, &MA, &MB}) (*v)[(size_t)to * R + row] = (*v)[(size_t)from * R + row];
      const Ramp& r = g[i];
      for (int k = out.ptr[r.unit]; k < out.ptr[r.unit + 1]; k++) {
        const Int128 wv = (Int128)(int64_t)out.val[k] * r.v, m = wv < 0 ? -wv : wv;
        const size_t at = (size_t)to * R + rowOf[out.row[k]];
        SA[at] += wv * r.a;
        SB[at] += wv * r.b;
        MA[at] += m * r.a;
        MB[at] += m * r.b;
      }
    }
  };
  sums(up, false, rf.upSA, rf.upSB, rf.upMagA, rf.upMagB, rf.upA, rf.upB);
  sums(dn, true, rf.dnSA, rf.dnSB, rf.dnMagA, rf.dnMagB, rf.dnA, rf.dnB);

  // x_j = ⌊−b_j/a_j⌋ + 1, the first integer where up ramp j is active (a_j > 0).
  auto firstActive = [](const Ramp& r) { return floorDiv(-(Int128)r.b, r.a) + 1; };
  const int nUp = (int)up.size();
  rf.ordC.assign((size_t)R * (nUp + 1), 0);
  rf.ordS.assign((size_t)R * (nUp + 1), 0);
  if (nUp > 0) rf.xFirst = firstActive(up[0]);
  for (int i = 0; i < R; i++) {
    if (!rf.ordered[i]) continue;
    for (int j = 0; j < nUp; j++) {
      const Int128 xj = firstActive(up[j]);
      if (xj > ((Int128)1 << 60) || xj < -((Int128)1 << 60)) return;  // not recognised
      const size_t at = (size_t)(j + 1) * R + i, before = (size_t)j * R + i;
      const Int128 sa = rf.upSA[at], c = xj * sa + rf.upSB[at];
      rf.ordC[at] = std::max(rf.ordC[before], c < 0 ? -c : c);
      rf.ordS[at] = std::max(rf.ordS[before], sa < 0 ? -sa : sa);
    }
  }
  // |a|, |v| ≤ 2^20, |W| ≤ 2^40, |b| ≤ 2^53: a sum can still exceed what int128 holds times x,
  // so the largest sums set the admissible |x|.
  double maxA = 1, maxB = 0, unitA = 1;
  for (const auto* v : {&rf.upSA, &rf.dnSA, &rf.upMagA, &rf.dnMagA, &rf.ordS})
    for (Int128 s : *v) maxA = std::max(maxA, std::fabs(toDouble(s)));
  for (const auto* v : {&rf.upSB, &rf.dnSB, &rf.upMagB, &rf.dnMagB, &rf.ordC})
    for (Int128 s : *v) maxB = std::max(maxB, std::fabs(toDouble(s)));
  for (const Ramp& r : up) unitA = std::max(unitA, (double)r.a);
  for (const Ramp& r : dn) unitA = std::max(unitA, (double)-r.a);
  if (maxB > 0x1p120) return;  // not recognised: the dense path stays
  // |x|·|a| ≤ 2^53 keeps a·x exact; |x|·maxA ≤ 2^120 keeps every x·(sum) + (sum) inside int128.
  rf.xLimit = std::min(kTwo53 / unitA, 0x1p120 / maxA);
  // The memo table's span: every breakpoint ⌊−b/a⌋ (|b| ≤ 2^53, |a| ≥ 1), and one past either end.
  int64_t bpLo = INT64_MAX, bpHi = INT64_MIN;
  for (const auto* g : {&up, &dn})
    for (const Ramp& r : *g) {
      const int64_t q = (int64_t)floorDiv(-(Int128)r.b, r.a);
      bpLo = std::min(bpLo, q), bpHi = std::max(bpHi, q);
    }
  const double span = (double)bpHi - (double)bpLo + 3;
  if (span <= (1 << 24) && span * 2 * R * 8 <= kMaxMemoTable) rf.tableLo = bpLo - 1, rf.tableSize = (int32_t)span;

  for (int32_t u : ly.ffnUnits)
    if (!isRamp[u]) rf.otherUnits.push_back(u);
  const Csr& fast = ly.ffnOutFast;
  rf.otherPtr.push_back(0);
  for (int r : rf.rows) {
    for (int k = fast.ptr[r]; k < fast.ptr[r + 1]; k++)
      if (!isRamp[fast.col[k]]) rf.otherUnit.push_back(fast.col[k]), rf.otherW.push_back(fast.val[k]);
    rf.otherPtr.push_back((int32_t)rf.otherUnit.size());
  }
  for (int32_t r : ly.ffnOutRows)
    if (rowOf[r] < 0) rf.plainRows.push_back(r);
  std::vector<uint8_t> oneUsed(D, 0);
  for (const auto* g : {&up, &dn})
    for (const Ramp& r : *g)
      for (int k = in.ptr[r.unit]; k < in.ptr[r.unit + 1]; k++) oneUsed[in.col[k]] |= isOne[in.col[k]];
  for (const Ramp& r : up) oneUsed[in.col[in.ptr[F + r.unit]]] = 1;
  for (const Ramp& r : dn) oneUsed[in.col[in.ptr[F + r.unit]]] = 1;
  for (int j = 0; j < D; j++)
    if (oneUsed[j]) rf.oneSlots.push_back(j);
  rf.units = (int)(up.size() + dn.size());
  rf.input = best;
}

bool RampFfn::rampPart(int64_t xi, int64_t* out) const {
  const Int128 X = xi;
  const int nUp = (int)upA.size(), nDn = (int)dnA.size(), R = (int)rows.size();
  // Active up ramps (a·x + b > 0) are a prefix, active down ramps a suffix. |a·x| ≤ 2^53 (xLimit)
  // and |b| ≤ 2^53: the gate is exact in int64.
  int lo = 0, hi = nUp;
  while (lo < hi) {
    const int mid = (lo + hi) >> 1;
    if (upA[mid] * xi + upB[mid] > 0) lo = mid + 1;
    else hi = mid;
  }
  const int ku = lo;
  lo = 0, hi = nDn;
  while (lo < hi) {
    const int mid = (lo + hi) >> 1;
    if (dnA[mid] * xi + dnB[mid] > 0) hi = mid;
    else lo = mid + 1;
  }
  const int kd = lo;
  for (int i = 0; i < R; i++) {
    // The row's ramp part: its exact sum, and a bound on every gate, value, term and partial sum
    // of the ramps' share of the row's dense product (all integers). Ordered rows: each ramp term
    // is a difference of two partial sums.
    const size_t u = (size_t)ku * R + i, d = (size_t)kd * R + i;
    const Int128 mag = ordered[i] ? (ku == 0 ? (Int128)0 : 2 * (ordC[u] + (X - xFirst) * ordS[u]))
                                  : X * upMagA[u] + upMagB[u] + X * dnMagA[d] + dnMagB[d];
    if (mag > kLimit) return false;
    out[i] = (int64_t)(X * upSA[u] + upSB[u] + X * dnSA[d] + dnSB[d]);  // |sum| ≤ mag ≤ 2^53
    out[R + i] = (int64_t)mag;
  }
  return true;
}

bool RampFfn::prepare(const double* x, RampMemo& memo) const {
  const double xs = x[input];
  if (!(std::fabs(xs) <= xLimit) || xs != std::trunc(xs)) return false;  // NaN fails too
  for (int32_t j : oneSlots)
    if (x[j] != 1.0) return false;
  const int64_t xi = (int64_t)xs;
  if (memo.valid && memo.x == xi) return true;
  memo.valid = false;
  const size_t R2 = 2 * rows.size();
  int64_t* slot;
  if (xi >= tableLo && xi - tableLo < tableSize) {
    const size_t at = (size_t)(xi - tableLo);
    if (memo.table.empty()) {
      memo.table.assign((size_t)tableSize * R2, 0);
      memo.filled.assign(tableSize, 0);
    }
    slot = &memo.table[at * R2];
    if (!memo.filled[at]) {
      if (!rampPart(xi, slot)) return false;
      memo.filled[at] = 1;
    }
  } else {
    memo.outside.resize(R2);
    slot = memo.outside.data();
    if (!rampPart(xi, slot)) return false;
  }
  memo.cur = slot;
  memo.x = xi;
  memo.valid = true;
  return true;
}

bool RampFfn::rampRows(const double* gv, double* fo, const RampMemo& memo) const {
  for (size_t i = 0; i < rows.size(); i++) {
    int64_t s = memo.cur[i];
    // Every gate, value, term and partial sum of the row's dense product (all integers) is at most
    // mag, which includes the other units' terms: at most 2^53, all are exact, whatever the order
    // of the other terms.
    if (otherPtr[i] != otherPtr[i + 1]) {
      int64_t mag = memo.cur[rows.size() + i];
      for (int k = otherPtr[i]; k < otherPtr[i + 1]; k++) {
        const double t = otherW[k] * gv[otherUnit[k]];
        if (!integral(t, kTwo53)) return false;
        s += (int64_t)t;
        mag += (int64_t)std::fabs(t);
        if (mag > kLimit) return false;  // so mag, |s| ≤ 2^54 throughout
      }
    }
    fo[rows[i]] = (double)s;  // |s| ≤ mag ≤ 2^53: exact
  }
  return true;
}

bool RampFfn::apply(const Layer& ly, int F, const double* x, double* gv, double* fo, RampMemo& memo) const {
  if (!prepare(x, memo)) return false;
  const Csr& in = ly.ffnIn;
  for (int32_t u : otherUnits) {
    const double gate = in.dot(u, x);
    gv[u] = gate > 0 ? gate * in.dot(F + u, x) : 0.0;
  }
  if (!rampRows(gv, fo, memo)) return false;
  const Csr& outFast = ly.ffnOutFast;
  for (int32_t r : plainRows) fo[r] = outFast.dot(r, gv);
  return true;
}

}  // namespace tvm
