// One token sequence being processed by a model: the forward pass (docs/original-design.md §9.1), one attention
// state per (layer, head), greedy generation, and the optional inspection of one token.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "hull.hpp"
#include "model.hpp"
#include "valueColumn.hpp"

namespace tvm {

constexpr int kMaxPositions = 1 << 24;

// State of a position-keyed head (fast mode): no keys are stored (they are functions of the
// position), values come from a per-token table, are recomputed, or sit in compact columns.
struct PositionHead {
  ValueColumn column[2];
  double runSum[2] = {0, 0};        // the "all keys" aggregate's sum, for qy = 0, qx = 0
  std::unique_ptr<Envelope> lower;  // built on the first qy < 0 query, then kept up to date
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

 private:
  void process(int32_t token);
  void runHead(int l, int h, int p, const double* x, double* record);
  void predict();
  int nextToken();  // argmax of the logits, ties → lowest id
  void positionHead(int l, int h, const HeadPlan& plan, PositionHead& st, int p, double out[2], Match& mt, int& hullSize);
  void positionValue(const HeadPlan& plan, const PositionHead& st, int l, int h, int s, double v[2]) const;
  double keyX(const HeadPlan& plan, int s) const { return 0.0 + plan.beta * (double)s; }
  double keyY(const HeadPlan& plan, int s) const {
    double acc = 0.0;
    for (int i = 0; i < plan.kyTerms; i++) acc += plan.kyW[i] * (plan.kyCol[i] == 1 ? ilp_[s] : (double)s * (double)s);
    return acc;
  }

  const Model& m_;
  Mode mode_;
  double maxTokens_;
  int position_ = 0;
  double generated_ = 0;
  Stop stopped_ = Stop::None;
  bool pendingStop_ = false;

  std::vector<HullHead> hulls_;
  std::vector<BruteHead> brutes_;
  std::vector<PositionHead> positions_;
  std::vector<int32_t> ids_;   // tokens so far (kept when the model has position-keyed heads)
  std::vector<double> ilp_;    // inv_log_pos per position (same)
  std::vector<double> x_, qkv_, ho_, ao_, ff_, gv_, fo_, logits_, bounds_;

  int inspectPos_ = -1;
  bool inspectReady_ = false;
  std::vector<double> inspect_;
};

}  // namespace tvm
