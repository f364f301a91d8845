// A transformer loaded from the original's .bin format (docs/original-design.md §2.8), with its matrices in CSR
// form and, per attention head, the plan the fast mode uses (which exact shortcut applies).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coreLayout.generated.hpp"
#include "rampFfn.hpp"

namespace tvm {

// Compressed sparse rows. A row product starts from +0 and adds the nonzero terms in column
// order, which equals the naive dense row loop bit for bit for finite inputs.
struct Csr {
  int rows = 0, cols = 0;
  std::vector<int32_t> ptr, col;
  std::vector<double> val;

  void build(const double* dense, int r, int c);
  // The same matrix with only the columns where keep[c] is nonzero.
  Csr keepColumns(const std::vector<uint8_t>& keep) const;
  int nnz(int r) const { return ptr[r + 1] - ptr[r]; }
  double dot(int r, const double* x) const {
    double s = 0.0;
    for (int k = ptr[r]; k < ptr[r + 1]; k++) s += val[k] * x[col[k]];
    return s;
  }
  void mul(const double* x, double* y) const {
    for (int r = 0; r < rows; r++) y[r] = dot(r, x);
  }
  size_t bytes() const { return ptr.size() * 4 + col.size() * 4 + val.size() * 8; }
};

// Compressed sparse columns, for products whose input vector has many zeros: y = Σ_j x_j·col_j
// over the nonzero x_j only, each y_i accumulating its terms in column order from +0. A skipped
// term (x_j = 0) is ±0 and never changes such a sum, so the result equals the row loop bit for bit.
struct Csc {
  int rows = 0, cols = 0;
  std::vector<int32_t> ptr, row;
  std::vector<double> val;

  void build(const Csr& a);
  void mul(const double* x, double* y) const {
    for (int i = 0; i < rows; i++) y[i] = 0.0;
    for (int j = 0; j < cols; j++) {
      const double xj = x[j];
      if (xj == 0.0) continue;
      for (int k = ptr[j]; k < ptr[j + 1]; k++) y[row[k]] += val[k] * xj;
    }
  }
  size_t bytes() const { return ptr.size() * 4 + row.size() * 4 + val.size() * 8; }
};

// Where a position-keyed head finds the value of an earlier position.
enum class ValueSource : int {
  Table = 0,      // the value depends on the token only: a per-token table
  Recompute = 1,  // it depends on the token and the position encoding: recomputed on demand
  Stored = 2,     // it reads slots written by earlier layers: stored per position, compactly
};

struct HeadPlan {
  HeadKind kind = HeadKind::Hull;
  bool latest = false;
  // Hull heads: whether queries can come from above (qy > 0) / below (qy < 0). When the qy row
  // reads only static non-negative slots with weights of one sign, one envelope is never queried
  // and is not kept.
  bool upper = true, lower = true;
  // Position-keyed heads: kx = 0 + beta·(p − C); ky = (0 + delta·inv_log_pos) + gamma·(p − C)²,
  // the row's terms in column order (delta = 0 when the row has no inv_log_pos term: the same
  // sum); gammaAbs = |gamma|. Heads with equal (beta, delta, gamma) share keyClass.
  double beta = 0, delta = 0, gamma = 0, gammaAbs = 0;
  int keyClass = -1;
  ValueSource values = ValueSource::Stored;
  bool valueUsed[2] = {false, false};
  std::vector<double> table;  // V × 2, for ValueSource::Table
};

// The fast mode's per-token program of one layer (docs/inference-core.md, "Per-token programs"),
// built at load from the same CSR rows: a row is Σ w·src[i] over its terms, from +0 in column
// order, exactly as Csr::dot computes it. Rows that read only static slots outside the position
// encoding are functions of the token id and come from Model::tokenTable instead, and so does the
// partial sum of a row's leading terms that read such slots.
struct Term {
  double w;
  int32_t src;
};
struct RowOp {
  int32_t dst, begin, end;  // terms [begin, end)
  int32_t init;             // qkv, gate and value rows: the token table's partial sum of the terms
                            // before `begin` (entry 0: +0, no such terms)
};
// A live FFN unit: its gate and value come from the token table (index ≥ 0) or from a row; gv ≥ 0
// when gate·value itself is in the table (both rows read static slots only).
struct UnitOp {
  int32_t u, gv, gate, value;
  RowOp gateRow, valueRow;
};
struct HeadOp {
  HeadKind kind;
  int32_t h;
};
struct FastLayer {
  std::vector<Term> terms;
  // Attention: scratch = [qkv (3D) | head outputs (D)]. Passthrough heads' value rows are written
  // straight into their head-output slots (their output is that value), so they need no head op.
  std::vector<int32_t> tableDst, tableIdx;  // scratch[dst] = tokenTable[token][idx]
  std::vector<RowOp> qkv;                   // scratch[dst] = Σ w·x[src]
  std::vector<HeadOp> heads;                // position-keyed and hull heads
  std::vector<RowOp> attnOut;               // x[dst] += Σ w·ho[src] (active heads' columns)
  std::vector<UnitOp> units;                // gv[u] = gate > 0 ? gate·value : 0
  std::vector<RowOp> ffnOut;                // x[dst] += Σ w·gv[src] (live units' columns)
};

struct Layer {
  FastLayer fast;
  Csr attnIn, attnOut, ffnIn, ffnOut;
  Csc attnOutCols, ffnInCols, ffnOutCols;
  std::vector<int32_t> fastRows;     // the rows of attnIn the fast mode computes
  std::vector<int32_t> activeHeads;  // the heads the fast mode runs (not Unused)
  // The fast mode's residual updates touch only what can be nonzero: the FFN units whose gate,
  // value and output weights are all nonzero somewhere, the output projections restricted to the
  // active heads' and those units' columns (every other term is an exact ±0), and the rows of
  // those that have weights (docs/inference-core.md).
  std::vector<int32_t> ffnUnits, attnOutRows, ffnOutRows;
  Csr attnOutFast, ffnOutFast;
  RampFfn ramp;  // the fast mode's O(log units) path for ramps on one input (rampFfn.hpp)
};

// Branch-and-bound argmax over the unembedding rows: rows are grouped in runs of kGroup ids;
// per group and column the largest, smallest and largest absolute weight bound every row's logit
// from above, so groups that cannot reach the best logit found are skipped. Exact: a group is
// skipped only if its bound, widened by more than the worst rounding error of any row's sum, is
// strictly below a logit already computed.
struct ArgmaxGroups {
  static constexpr int kGroup = 16;
  int groups = 0;
  std::vector<int32_t> ptr;  // per group: its columns in col/hi/lo/mag
  std::vector<int32_t> col;
  std::vector<double> hi, lo, mag;
  void build(const Csr& rows);
};

struct Model {
  int V = 0, D = 0, L = 0, H = 0, F = 0, stop = 0;
  std::vector<double> emb;  // V × D
  std::vector<Layer> layers;
  Csr unembed;
  Csc unembedCols;
  ArgmaxGroups argmaxGroups;
  std::vector<int32_t> argmaxCols;  // the residual slots the unembedding reads (ascending)
  std::vector<uint8_t> latest;  // L × H
  std::vector<HeadPlan> plans;  // L × H
  // Per token id, the values of the fast programs' rows that read only static slots outside the
  // position encoding (FastLayer::tableIdx, UnitOp): V × tokenTableWidth.
  std::vector<double> tokenTable;
  int tokenTableWidth = 0;
  bool usesPositionHeads = false;
  int positionKeyClasses = 0;  // distinct position keys (HeadPlan::keyClass)
  // An embedding entry −0 would survive in the residual until the first addition; only then
  // does skipping the (all-zero) attention sublayer of a layer without active heads matter.
  bool embHasNegativeZero = false;
  double invLn2 = 0;  // 1 / ln 2, computed at run time with the same log as inv_log_pos

  // inv_log_pos at position p: 1/ln 2 − 1/ln(p + 2), exactly as the TS engine computes it.
  double invLogPos(int p) const;
  size_t bytes() const;
};

// Parses the .bin bytes writeBinModel produced; on bytes it cannot load, returns nullptr and sets err
// (the offset only: src/core/weights/binFile.ts's reader owns the messages that say what is wrong).
Model* loadModel(const uint8_t* bytes, size_t len, std::string& err);

}  // namespace tvm
