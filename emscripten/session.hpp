// One token sequence being processed by a model: the forward pass (docs/original-design.md §9.1), one attention
// state per (layer, head), greedy generation, and the optional inspection of one token.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "chunkedArray.hpp"
#include "hull.hpp"
#include "model.hpp"
#include "valueColumn.hpp"

namespace tvm {

// Sequences hold positions 0 … kMaxPositions − 1 (docs/inference-core.md, "Sequence length"); the
// number is shared with the TypeScript side (src/core/infer/session.ts MAX_POSITIONS).
constexpr int kMaxPositions =
#include "../src/core/infer/maxPositions.json"
    ;
// State of a position-keyed head (fast mode): no keys are stored (they are functions of the
// position), values come from a per-token table, are recomputed, or sit in compact columns.
struct PositionHead {
  ValueColumn column[2];
  double runSum[2] = {0, 0};        // the "all keys" aggregate's sum, for qy = 0, qx = 0
  std::unique_ptr<Envelope> lower;  // built on the first qy < 0 query, then kept up to date
  std::unique_ptr<HullHead> hull;   // set when the key's breakpoints stop increasing: its hull cache
};

// The premise of the position-keyed shortcut, checked once per position for all heads with the
// same key (HeadPlan::keyClass): the newest breakpoint exceeds the one before it.
struct PositionKeyCheck {
  int at = -1;             // the position last checked
  double lastBreakpoint = 0;  // breakpoint(at − 1)
  bool failed = false;     // from some position on, the breakpoints stopped increasing
};

class Session {
 public:
  Session(const Model& m, Mode mode, double maxTokens);

  void reset();
  // Returns false (and sets err) on a bad id or when the position limit would be exceeded.
  bool feed(const int32_t* ids, int n, std::string& err);
  // Writes up to maxTokens ids into out; returns how many.
  int generate(int maxTokens, int32_t* out);

  int position() const { return position_; }
  double generated() const { return generated_; }
  Stop stopped() const { return stopped_; }
  // Why the session refused to go on (Stop::Refused).
  const std::string& refusal() const { return refusal_; }
  double stateBytes() const;

  // Inspection: arm for one position (−1 = off); the record's layout is InspectionHeader and
  // HeadRecord (coreLayout.generated.hpp, from src/core/infer/coreLayout.ts).
  void inspectAt(int pos) {
    inspectPos_ = pos;
    inspectReady_ = false;
  }
  bool inspectionReady() const { return inspectReady_; }
  const double* inspection() const { return inspect_.data(); }
  int inspectionLength() const { return (int)inspect_.size(); }
  void dropInspection() { inspectReady_ = false; }

  // Testing the exact shortcuts: the ramp FFN path can be switched off, its uses counted
  // (per token and ramp layer: hits, and misses that fell back to the dense loop), and the residual
  // stream after every layer of every token hashed (one 64-bit hash per token, from setTrace on).
  void setRamps(bool on) { rampsOn_ = on; }
  double rampHits() const { return rampHits_; }
  double rampMisses() const { return rampMisses_; }
  void setTrace(bool on) { traceOn_ = on; trace_.clear(); traceHash_ = 0; }
  const uint64_t* trace() const { return trace_.data(); }
  int traceLength() const { return (int)trace_.size(); }

 private:
  void process(int32_t token);
  void processFast(int32_t token, double ilp);
  void sparseFfn(int l, const Layer& ly, int F, double* x, double* gv);
  void denseFfn(const Layer& ly, int F, const double* x, double* gv);
  void runHead(int l, int h, int p, const double* x, double* record);
  void predict();
  int nextToken();       // argmax of the logits, ties → lowest id (through the memo)
  int argmaxLogits();    // the same, computed
  void growMemo();
  size_t memoSet(const uint64_t* key) const;
  void memoStore(size_t set, const uint64_t* key, int32_t id);
  void positionHead(int l, int h, const HeadPlan& plan, PositionHead& st, int p, double out[2], Match& mt, int& hullSize);
  // The value a position-keyed head holds for position s: the common case (a per-token table)
  // inline, on the hot path; the others out of line (computedValue).
  void positionValue(const HeadPlan& plan, const PositionHead& st, int l, int h, int s, double v[2]) const {
    if (plan.values != ValueSource::Table) return computedValue(plan, st, l, h, s, v);
    v[0] = plan.table[(size_t)ids_[s] * 2];
    v[1] = plan.table[(size_t)ids_[s] * 2 + 1];
  }
  void computedValue(const HeadPlan& plan, const PositionHead& st, int l, int h, int s, double v[2]) const;
  // Position keys: kx = β·(s − C), ky = (0 + δ·inv_log_pos) + γ·(s − C)², as the products
  // compute them from the encoding's slots (HeadPlan).
  static double centered(int s) { return (double)s - (double)kPositionCenter; }
  double keyX(const HeadPlan& plan, int s) const { return 0.0 + plan.beta * centered(s); }
  double keyY(const HeadPlan& plan, int s) const {
    const double c = centered(s);
    return (0.0 + plan.delta * ilp_[s]) + plan.gamma * (c * c);
  }

  const Model& m_;
  Mode mode_;
  double maxTokens_;
  int position_ = 0;
  double generated_ = 0;
  Stop stopped_ = Stop::None;
  bool pendingStop_ = false;
  std::string refusal_;  // set by a forward pass whose fast-mode premise failed

  std::vector<HullHead> hulls_;
  std::vector<BruteHead> brutes_;
  std::vector<PositionHead> positions_;
  std::vector<PositionKeyCheck> keyChecks_;  // per position-key class
  ChunkedArray<int32_t> ids_;  // tokens so far (kept when the model has position-keyed heads)
  ChunkedArray<double> ilp_;   // inv_log_pos per position (same)
  std::vector<double> x_, qkv_, ao_, ff_, gv_, fo_, logits_, bounds_;

  // Fast mode: a two-way set-associative memo of argmax results keyed by the bits of the residual
  // slots the unembedding reads (the prediction is a function of them alone). kMemoMin entries from
  // the first prediction (~46 KB: a model whose prompt is short, a specialized one, predicts from its
  // first tokens), then the capacity grows with the sequence (≤ 1 entry per kMemoTokensPerEntry
  // positions: ~5 bytes per token at most, ~1.6 on sudoku; 16384 entries of ~160 bytes at most).
  static constexpr int kMemoTokensPerEntry = 32, kMemoMin = 256, kMemoMax = 16384;
  int memoCap_ = 0;
  std::vector<uint64_t> memoKeys_;  // memoCap_ × argmaxCols bit patterns
  std::vector<int32_t> memoIds_;    // −1 = empty

  static uint64_t hashResidual(uint64_t h, const double* x, int n);
  bool rampsOn_ = true;
  std::vector<RampMemo> rampMemo_;  // per layer (rampFfn.hpp)
  double rampHits_ = 0, rampMisses_ = 0;
  bool traceOn_ = false;
  uint64_t traceHash_ = 0;
  std::vector<uint64_t> trace_;

  int inspectPos_ = -1;
  bool inspectReady_ = false;
  std::vector<double> inspect_;
};

}  // namespace tvm
