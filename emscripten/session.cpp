#include "session.hpp"

#include <cmath>
#include <cstring>

namespace tvm {

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
}

Session::Session(const Model& m, Mode mode, double maxTokens) : m_(m), mode_(mode), maxTokens_(maxTokens) {
  x_.assign(m.D, 0);
  qkv_.assign(4 * m.D, 0);  // [qkv (3D) | head outputs (D)]
  ao_.assign(m.D, 0);
  ff_.assign(2 * m.F, 0);
  gv_.assign(m.F, 0);
  fo_.assign(m.D, 0);
  logits_.assign(m.V, 0);
  bounds_.assign(m.argmaxGroups.groups + 1, 0);
  reset();
}

void Session::reset() {
  const size_t heads = (size_t)m_.L * m_.H;
  hulls_.clear();
  brutes_.clear();
  positions_.clear();
  if (mode_ == Mode::Brute) brutes_.resize(heads);
  else hulls_.resize(heads);
  if (mode_ == Mode::Fast) positions_.resize(heads);
  keyChecks_.assign(mode_ == Mode::Fast ? m_.positionKeyClasses : 0, PositionKeyCheck());
  ids_.clear();
  ilp_.clear();
  std::fill(qkv_.begin() + 3 * m_.D, qkv_.end(), 0.0);
  memoCap_ = 0;
  memoKeys_ = std::vector<uint64_t>();
  memoIds_ = std::vector<int32_t>();
  position_ = 0;
  generated_ = 0;
  stopped_ = Stop::None;
  pendingStop_ = false;
  refusal_.clear();
  inspectReady_ = false;
  trace_.clear();
  traceHash_ = 0;
  rampHits_ = rampMisses_ = 0;
  rampMemo_.assign(m_.L, RampMemo());
}

bool Session::feed(const int32_t* ids, int n, std::string& err) {
  for (int i = 0; i < n; i++) {
    if (ids[i] < 0 || ids[i] >= m_.V) {
      err = "token id " + std::to_string(ids[i]) + " at index " + std::to_string(i) + " is outside the vocabulary (0…" + std::to_string(m_.V - 1) + ")";
      return false;
    }
  }
  if ((double)position_ + n + (pendingStop_ ? 1 : 0) > kMaxPositions) {
    err = "sequence would exceed the limit of " + std::to_string(kMaxPositions) + " positions";
    return false;
  }
  if (pendingStop_) {
    pendingStop_ = false;
    stopped_ = Stop::None;
    process(m_.stop);
  }
  for (int i = 0; i < n && refusal_.empty(); i++) process(ids[i]);
  if (!refusal_.empty()) {
    stopped_ = Stop::Refused;
    err = refusal_;
    return false;
  }
  return true;
}

int Session::generate(int maxTokens, int32_t* out) {
  int n = 0;
  if (stopped_ != Stop::None || position_ == 0 || !refusal_.empty()) return 0;
  while (n < maxTokens) {
    if (generated_ >= maxTokens_ || position_ >= kMaxPositions) {
      stopped_ = Stop::Limit;
      break;
    }
    const int best = nextToken();
    out[n++] = best;
    generated_ += 1;
    if (best == m_.stop) {
      stopped_ = Stop::StopToken;
      pendingStop_ = true;
      break;
    }
    process(best);
    if (!refusal_.empty()) {
      stopped_ = Stop::Refused;
      return n;
    }
  }
  if (stopped_ == Stop::None && (generated_ >= maxTokens_ || position_ >= kMaxPositions)) stopped_ = Stop::Limit;
  return n;
}

// FNV-1a over the bit patterns of the residual stream (the trace of setTrace).
uint64_t Session::hashResidual(uint64_t h, const double* x, int n) {
  if (h == 0) h = 0xcbf29ce484222325ull;
  for (int i = 0; i < n; i++) {
    uint64_t b;
    std::memcpy(&b, &x[i], 8);
    h = (h ^ b) * 0x100000001b3ull;
  }
  return h;
}

// The FFN over its live units only (sparse residual): a ramp layer in O(log units) when its
// premises hold (rampFfn.hpp), else each live unit and output row (denseFfn). Units outside
// ffnUnits give ±0 (ffnOutFast does not read them); all products read the FFN input x before any
// row of it is updated.
void Session::sparseFfn(int l, const Layer& ly, int F, double* x, double* gv) {
  const bool ramped = ly.ramp.active() && rampsOn_ && ly.ramp.apply(ly, F, x, gv, fo_.data(), rampMemo_[l]);
  if (ly.ramp.active()) (ramped ? rampHits_ : rampMisses_) += 1;
  if (!ramped) denseFfn(ly, F, x, gv);
  for (int32_t r : ly.ffnOutRows) x[r] += fo_[r];
}

// Every live unit and output row through the CSR rows, into fo_ (x is not updated).
void Session::denseFfn(const Layer& ly, int F, const double* x, double* gv) {
  for (int32_t u : ly.ffnUnits) {
    const double gate = ly.ffnIn.dot(u, x);
    gv[u] = gate > 0 ? gate * ly.ffnIn.dot(F + u, x) : 0.0;
  }
  for (int32_t r : ly.ffnOutRows) fo_[r] = ly.ffnOutFast.dot(r, gv);
}

void Session::predict() { m_.unembedCols.mul(x_.data(), logits_.data()); }

namespace {
uint64_t memoHash(const uint64_t* key, int nc) {
  uint64_t h = 0x243F6A8885A308D3ull;
  for (int i = 0; i < nc; i++) {
    h = (h ^ key[i]) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  return h;
}
}  // namespace

// The set of two entries a key belongs to, at the current capacity.
size_t Session::memoSet(const uint64_t* key) const {
  return (size_t)(memoHash(key, (int)m_.argmaxCols.size()) >> 20) & (size_t)(memoCap_ / 2 - 1);
}

// Stores an entry in its set of two: the free way, else way 0 after moving way 0 to way 1 (the
// most recent entries stay).
void Session::memoStore(size_t set, const uint64_t* key, int32_t id) {
  const int nc = (int)m_.argmaxCols.size();
  uint64_t* k0 = &memoKeys_[set * 2 * nc];
  if (memoIds_[2 * set] >= 0 && memoIds_[2 * set + 1] < 0) {
    std::memcpy(k0 + nc, key, (size_t)nc * 8);
    memoIds_[2 * set + 1] = id;
    return;
  }
  if (memoIds_[2 * set] >= 0) {
    std::memcpy(k0 + nc, k0, (size_t)nc * 8);
    memoIds_[2 * set + 1] = memoIds_[2 * set];
  }
  std::memcpy(k0, key, (size_t)nc * 8);
  memoIds_[2 * set] = id;
}

// The memo from the first prediction (kMemoMin entries), then a larger one once the sequence is
// long enough for it; the entries it holds move into it.
void Session::growMemo() {
  int cap = memoCap_ ? memoCap_ : kMemoMin;
  while (cap < kMemoMax && (double)position_ >= (double)kMemoTokensPerEntry * 2 * cap) cap *= 2;
  if (cap == memoCap_) return;
  const int nc = (int)m_.argmaxCols.size();
  std::vector<uint64_t> oldKeys;
  std::vector<int32_t> oldIds;
  oldKeys.swap(memoKeys_);
  oldIds.swap(memoIds_);
  memoCap_ = cap;
  memoKeys_.assign((size_t)cap * nc, 0);
  memoIds_.assign(cap, -1);
  // Way 1 (older) first, so that way 0 entries stay the more recent ones.
  for (int way = 1; way >= 0; way--)
    for (size_t e = way; e < oldIds.size(); e += 2)
      if (oldIds[e] >= 0) memoStore(memoSet(&oldKeys[e * nc]), &oldKeys[e * nc], oldIds[e]);
}

// The prediction depends only on the bits of x at argmaxCols (every row and bound reads only
// those slots), so a memo hit with equal bits is the computed answer. The memo is two-way set
// associative.
int Session::nextToken() {
  if (mode_ != Mode::Fast) return argmaxLogits();
  if ((double)position_ >= (double)kMemoTokensPerEntry * 2 * memoCap_ || memoCap_ == 0) growMemo();
  if (memoCap_ == 0) return argmaxLogits();
  const int nc = (int)m_.argmaxCols.size();
  const int32_t* cols = m_.argmaxCols.data();
  const double* x = x_.data();
  uint64_t key[64];
  if (nc > 64) return argmaxLogits();
  for (int i = 0; i < nc; i++) std::memcpy(&key[i], &x[cols[i]], 8);
  const size_t set = memoSet(key);
  for (int way = 0; way < 2; way++) {
    const size_t e = 2 * set + way;
    if (memoIds_[e] >= 0 && std::memcmp(&memoKeys_[e * nc], key, (size_t)nc * 8) == 0) return memoIds_[e];
  }
  const int best = argmaxLogits();
  memoStore(set, key, best);
  return best;
}

// argmax of the logits with the original's rule (strict '>' from −1e300: the lowest id among
// equal maxima), computing only the rows of groups whose upper bound can reach the best logit.
int Session::argmaxLogits() {
  const ArgmaxGroups& G = m_.argmaxGroups;
  const Csr& U = m_.unembed;
  const double* x = x_.data();
  // Any row's computed logit exceeds its exact value by at most D·2^-53·Σ|w·x| (+ tiny): the
  // slack below is four times that, and also covers the rounding of the bound itself.
  const double slackFactor = (double)(m_.D + 2) * 0x1p-51;
  double* ub = bounds_.data();
  int top = 0;
  for (int g = 0; g < G.groups; g++) {
    double u = 0.0, a = 0.0;
    for (int k = G.ptr[g]; k < G.ptr[g + 1]; k++) {
      const double xj = x[G.col[k]];
      if (xj == 0.0) continue;
      u += (xj > 0 ? G.hi[k] : G.lo[k]) * xj;
      a += G.mag[k] * std::fabs(xj);
    }
    ub[g] = u + a * slackFactor + 0x1p-1000;
    if (ub[g] > ub[top]) top = g;
  }
  double bestVal = -1e300;
  int best = 0;
  auto evalGroup = [&](int g) {
    const int end = std::min(m_.V, (g + 1) * ArgmaxGroups::kGroup);
    for (int i = g * ArgmaxGroups::kGroup; i < end; i++) {
      const double v = U.dot(i, x);
      if (v > bestVal || (v == bestVal && i < best && v > -1e300)) {
        bestVal = v;
        best = i;
      }
    }
  };
  evalGroup(top);
  for (int g = 0; g < G.groups; g++)
    if (g != top && !(ub[g] < bestVal)) evalGroup(g);
  return best;
}

double Session::stateBytes() const {
  double b = (double)ids_.bytes() + (double)ilp_.bytes() + (double)memoKeys_.capacity() * 8 + (double)memoIds_.capacity() * 4;
  for (const HullHead& h : hulls_) b += h.bytes();
  for (const RampMemo& r : rampMemo_) b += r.bytes();
  for (const BruteHead& h : brutes_) b += h.bytes();
  for (const PositionHead& h : positions_) {
    b += h.column[0].bytes() + h.column[1].bytes() + sizeof(PositionHead);
    if (h.lower) b += h.lower->bytes();
    if (h.hull) b += h.hull->bytes();
  }
  return b;
}

// The value a position-keyed head holds for position s when it is not in a per-token table
// (positionValue, session.hpp, reads those).
void Session::computedValue(const HeadPlan& plan, const PositionHead& st, int l, int h, int s, double v[2]) const {
  const int D = m_.D;
  if (plan.values == ValueSource::Stored) {
    v[0] = plan.valueUsed[0] ? st.column[0].get(s) : 0.0;
    v[1] = plan.valueUsed[1] ? st.column[1].get(s) : 0.0;
    return;
  }
  // Recompute: the slots the value reads are static: embedding (+ position encoding for slots 0–2).
  const Csr& in = m_.layers[l].attnIn;
  const double* e = &m_.emb[(size_t)ids_[s] * D];
  for (int i = 0; i < 2; i++) {
    const int r = 2 * D + 2 * h + i;
    double acc = 0.0;
    for (int k = in.ptr[r]; k < in.ptr[r + 1]; k++) {
      const int c = in.col[k];
      double xc = e[c];
      if (c == kPositionSlot) xc += (double)s;
      else if (c == kInvLogPosSlot) xc += ilp_[s];
      else if (c == kPositionCenteredSqSlot) xc += centered(s) * centered(s);
      else if (c == kPositionCenteredSlot) xc += centered(s);
      acc += in.val[k] * xc;
    }
    v[i] = acc;
  }
}

// Inserts position p into a position-keyed head and answers its query, exactly as the hull would:
// while the computed breakpoints increase strictly (checked at every insertion; always so for the
// machine's key, docs/inference-core.md) every position is on the upper envelope, so the envelope
// is the whole sequence and breakpoint(i) = (ky(i+1) − ky(i)) / (kx(i) − kx(i+1)) can be evaluated
// on demand.
void Session::positionHead(int l, int h, const HeadPlan& plan, PositionHead& st, int p, double out[2], Match& mt, int& hullSize) {
  const int D = m_.D;
  double v[2];
  if (plan.values == ValueSource::Stored) {
    v[0] = qkv_[2 * D + 2 * h];
    v[1] = qkv_[2 * D + 2 * h + 1];
    if (plan.valueUsed[0]) st.column[0].push(v[0]);
    if (plan.valueUsed[1]) st.column[1].push(v[1]);
  } else {
    positionValue(plan, st, l, h, p, v);
  }
  st.runSum[0] += v[0];
  st.runSum[1] += v[1];
  if (st.lower && !st.hull) st.lower->add(-keyX(plan, p), -keyY(plan, p), v, p);

  // Keys of the positions a query looks at (usually g − 1, g, g + 1 around its answer g), each
  // computed once per call.
  struct {
    int s = -1;
    double kx, ky;
  } kc[4];
  auto key = [&](int s) -> decltype(kc[0])& {
    auto& e = kc[s & 3];
    if (e.s != s) e.s = s, e.kx = keyX(plan, s), e.ky = keyY(plan, s);
    return e;
  };
  auto bp = [&](int i) {  // i < p
    return (key(i + 1).ky - key(i).ky) / (key(i).kx - key(i + 1).kx);
  };
  const double qx = qkv_[2 * h], qy = qkv_[2 * h + 1];
  // The premise (the hull keeps every position) is checked at each insertion, once per key class:
  // appending the line of p, the hull keeps its predecessor iff the newest breakpoint exceeds the
  // one before it; by induction from p = 1 the envelope is the whole sequence. Where it fails (key
  // scales whose products round, far from the centre), the head becomes the hull cache itself,
  // built by replaying positions 0 … p − 1, so the fast mode still answers as the hull mode does.
  PositionKeyCheck& check = keyChecks_[plan.keyClass];
  if (check.at != p && !check.failed && p >= 1) {
    const double newest = bp(p - 1);
    if (p >= 2 && !(newest > check.lastBreakpoint)) check.failed = true;
    check.lastBreakpoint = newest;
    check.at = p;
  }
  if (check.failed && !st.hull) {
    st.hull.reset(new HullHead());
    for (int s = 0; s < p; s++) {
      double vs[2];
      positionValue(plan, st, l, h, s, vs);
      st.hull->insert(keyX(plan, s), keyY(plan, s), vs, s);
    }
    st.lower.reset();
  }
  if (st.hull) {
    st.hull->insert(keyX(plan, p), keyY(plan, p), v, p);
    st.hull->query(qx, qy, plan.latest, out, mt);
    hullSize = (int)st.hull->storedSize();
    return;
  }
  const bool latest = plan.latest;
  hullSize = p + 1 + (st.lower ? st.lower->size() : 0);
  if (qy == 0.0) {
    // kx = β·(s − C) increases strictly: the largest-kx aggregate is position p, the smallest is 0.
    Agg a;
    if (qx > 0) {
      a.add(v, p);
      mt.kx = keyX(plan, p);
    } else if (qx < 0) {
      double v0[2];
      positionValue(plan, st, l, h, 0, v0);
      a.add(v0, 0);
      mt.kx = keyX(plan, 0);
    } else {
      a.sum[0] = st.runSum[0];
      a.sum[1] = st.runSum[1];
      a.count = p + 1;
      a.last[0] = v[0];
      a.last[1] = v[1];
      a.lastSeq = p;
      mt.kx = kNaN;
    }
    a.resolve(latest, out);
    mt.ky = mt.score = kNaN;
    mt.count = a.count;
    mt.lastSeq = a.lastSeq;
    return;
  }
  if (qy < 0) {
    if (!st.lower) {
      // First query from below: build the lower envelope by replaying every position once.
      st.lower.reset(new Envelope());
      for (int s = 0; s <= p; s++) {
        double vs[2];
        positionValue(plan, st, l, h, s, vs);
        if (s == p) vs[0] = v[0], vs[1] = v[1];
        st.lower->add(-keyX(plan, s), -keyY(plan, s), vs, s);
      }
      hullSize = p + 1 + st.lower->size();
    }
    queryEnvelope(*st.lower, -1.0, qx, qy, latest, out, mt);
    return;
  }
  const double x = qx / qy;
  int g = 0;
  if (x == x) {
    // breakpoint(i) ≈ (|γ|/β)(2(i − C) + 1): start near the answer, then step to it exactly.
    double guess = std::ceil((x * plan.beta / plan.gammaAbs - 1.0) * 0.5) + (double)kPositionCenter;
    g = guess != guess || guess <= 0 ? 0 : guess >= p ? p : (int)guess;
    // The usual answer: 0 < g < p, the guess already right (bp(g − 1) < x ≤ bp(g)) and neither
    // neighbour's score equal to g's. The same keys, comparisons and products as the general steps
    // below, without the key cache; any other case takes those steps.
    if (g > 0 && g < p) {
      const double kxm = keyX(plan, g - 1), kym = keyY(plan, g - 1);
      const double kx0 = keyX(plan, g), ky0 = keyY(plan, g);
      const double kxp = keyX(plan, g + 1), kyp = keyY(plan, g + 1);
      if (!((ky0 - kym) / (kxm - kx0) >= x) && !((kyp - ky0) / (kx0 - kxp) < x)) {
        const double score = qx * kx0 + qy * ky0;
        if (qx * kxm + qy * kym != score && qx * kxp + qy * kyp != score) {
          double vs[2], one[2];
          positionValue(plan, st, l, h, g, vs);
          one[0] = 0.0 + vs[0];
          one[1] = 0.0 + vs[1];
          Agg a;
          a.merge(one, vs, 1, g);
          a.resolve(latest, out);
          mt.kx = kx0;
          mt.ky = ky0;
          mt.score = score;
          mt.count = 1;
          mt.lastSeq = g;
          return;
        }
      }
    }
    while (g > 0 && bp(g - 1) >= x) g--;
    while (g < p && bp(g) < x) g++;
  }
  const double kx = key(g).kx, ky = key(g).ky;
  const double score = qx * kx + qy * ky;
  Agg a;
  double vs[2], one[2];
  auto mergeAt = [&](int s) {
    if (s == p) vs[0] = v[0], vs[1] = v[1];
    else positionValue(plan, st, l, h, s, vs);
    one[0] = 0.0 + vs[0];
    one[1] = 0.0 + vs[1];
    a.merge(one, vs, 1, s);
  };
  mergeAt(g);
  for (int i = g - 1; i >= 0 && qx * key(i).kx + qy * key(i).ky == score; i--) mergeAt(i);
  for (int i = g + 1; i <= p && qx * key(i).kx + qy * key(i).ky == score; i++) mergeAt(i);
  a.resolve(latest, out);
  mt.kx = kx;
  mt.ky = ky;
  mt.score = score;
  mt.count = a.count;
  mt.lastSeq = a.lastSeq;
}

// One head of layer l at position p: insert the current key and value, query, write the 2-vector
// output into ho; with `record`, also the inspection record of the head.
void Session::runHead(int l, int h, int p, const double* x, double* record) {
  const Model& m = m_;
  const int D = m.D;
  const Layer& ly = m.layers[l];
  const size_t idx = (size_t)l * m.H + h;
  const HeadPlan& plan = m.plans[idx];
  const bool latest = m.latest[idx] != 0;
  const HeadKind kind = mode_ == Mode::Fast ? plan.kind : mode_ == Mode::Hull ? HeadKind::Hull : HeadKind::Brute;
  double* qkv = qkv_.data();
  double* out = &qkv[3 * D + 2 * h];
  const double* k = &qkv[D + 2 * h];
  const double* v = &qkv[2 * D + 2 * h];
  Match mt;
  int hullSize = 0;
  switch (kind) {
    case HeadKind::Unused:  // its output is +0 or unread; +0 keeps an earlier layer's value out of ho
      out[0] = out[1] = 0.0;
      break;
    case HeadKind::Passthrough:
      // The current token is the unique best key (docs/inference-core.md): its own value.
      out[0] = v[0];
      out[1] = v[1];
      if (record) {  // the query and key rows are not computed otherwise
        mt.count = 1;
        mt.lastSeq = p;
        mt.kx = ly.attnIn.dot(D + 2 * h, x);
        mt.ky = ly.attnIn.dot(D + 2 * h + 1, x);
        qkv[2 * h] = ly.attnIn.dot(2 * h, x);
        qkv[2 * h + 1] = ly.attnIn.dot(2 * h + 1, x);
        mt.score = qkv[2 * h] * mt.kx + qkv[2 * h + 1] * mt.ky;
      }
      break;
    case HeadKind::Position:
      positionHead(l, h, plan, positions_[idx], p, out, mt, hullSize);
      break;
    case HeadKind::Hull: {
      HullHead& hh = hulls_[idx];
      if (mode_ == Mode::Fast) hh.insert(k[0], k[1], v, p, plan.upper, plan.lower);
      else hh.insert(k[0], k[1], v, p);
      hh.query(qkv[2 * h], qkv[2 * h + 1], latest, out, mt);
      hullSize = hh.storedSize();
      break;
    }
    case HeadKind::Brute: {
      BruteHead& bh = brutes_[idx];
      bh.insert(k[0], k[1], v, p);
      bh.query(qkv[2 * h], qkv[2 * h + 1], latest, out, mt);
      hullSize = (int)bh.entries.size();
      break;
    }
  }
  if (record) {
    const bool skipped = kind == HeadKind::Unused;
    double* r = record;
    r[HeadRecord::Kind] = (double)(int)kind;
    r[HeadRecord::Latest] = latest ? 1 : 0;
    r[HeadRecord::QueryX] = skipped ? kNaN : qkv[2 * h];
    r[HeadRecord::QueryY] = skipped ? kNaN : qkv[2 * h + 1];
    r[HeadRecord::KeyX] = skipped ? kNaN : mt.kx;
    r[HeadRecord::KeyY] = skipped ? kNaN : mt.ky;
    r[HeadRecord::Score] = skipped ? kNaN : mt.score;
    r[HeadRecord::Matches] = skipped ? 0 : mt.count;
    r[HeadRecord::LastPosition] = skipped ? -1 : mt.lastSeq;
    r[HeadRecord::OutputX] = skipped ? kNaN : out[0];
    r[HeadRecord::OutputY] = skipped ? kNaN : out[1];
    r[HeadRecord::HullSize] = hullSize;
  }
}

// The forward pass of one token at the next position (docs/original-design.md §9.1); out of line so that V8 can
// optimize it while a long feed() or generate() call is running.
__attribute__((noinline)) void Session::process(int32_t token) {
  const Model& m = m_;
  const int D = m.D, F = m.F, H = m.H, L = m.L;
  const int p = position_;
  double* x = x_.data();
  const double ilp = m.invLogPos(p);
  const bool fast = mode_ == Mode::Fast;
  if (fast && m.usesPositionHeads) {
    ids_.push_back(token);
    ilp_.push_back(ilp);
  }
  const bool inspect = inspectPos_ == p;
  if (fast && !inspect && !m.embHasNegativeZero) {
    processFast(token, ilp);
    return;
  }
  // Skipping a residual row that receives +0 is exact unless the row holds −0, which only an
  // embedding entry −0 can put there (every sum starts from +0).
  const bool sparseResidual = fast && !inspect && !m.embHasNegativeZero;
  if (inspect) {
    inspect_.assign(InspectionHeader::Length, 0.0);
    inspect_[InspectionHeader::Position] = p, inspect_[InspectionHeader::Token] = token;
    inspect_[InspectionHeader::Layers] = L, inspect_[InspectionHeader::Heads] = H, inspect_[InspectionHeader::DModel] = D;
  }
  const double* e = &m.emb[(size_t)token * D];
  for (int i = 0; i < D; i++) x[i] = e[i];
  x[kPositionSlot] += p;
  x[kInvLogPosSlot] += ilp;
  x[kPositionCenteredSqSlot] += centered(p) * centered(p);
  x[kPositionCenteredSlot] += centered(p);

  for (int l = 0; l < L; l++) {
    const Layer& ly = m.layers[l];
    // Inspection block of this layer: before[D], afterAttention[D], after[D], head records.
    size_t blk = 0;
    if (inspect) {
      blk = inspect_.size();
      inspect_.resize(blk + 3 * (size_t)D + (size_t)H * HeadRecord::Length);
      std::copy(x, x + D, inspect_.begin() + blk);
    }
    // A layer without active heads adds exact zeros in its attention sublayer: skipped.
    if (!fast || inspect || !ly.activeHeads.empty() || m.embHasNegativeZero) {
      if (fast) {
        for (int32_t r : ly.fastRows) qkv_[r] = ly.attnIn.dot(r, x);
      } else {
        ly.attnIn.mul(x, qkv_.data());
      }
      if (inspect) {
        for (int h = 0; h < H; h++) runHead(l, h, p, x, &inspect_[blk + 3 * (size_t)D + (size_t)h * HeadRecord::Length]);
      } else if (fast) {
        for (int32_t h : ly.activeHeads) runHead(l, h, p, x, nullptr);
      } else {
        for (int h = 0; h < H; h++) runHead(l, h, p, x, nullptr);
      }
      if (sparseResidual) {
        // x[i] += (row i of the output projection)·ho over the active heads' columns: the CSC
        // product's sum without its ±0 terms; the other rows would add +0.
        for (int32_t r : ly.attnOutRows) x[r] += ly.attnOutFast.dot(r, qkv_.data() + 3 * D);
      } else {
        ly.attnOutCols.mul(qkv_.data() + 3 * D, ao_.data());
        for (int i = 0; i < D; i++) x[i] += ao_[i];
      }
    }
    if (inspect) std::copy(x, x + D, inspect_.begin() + blk + D);
    if (sparseResidual) {
      // Units outside ffnUnits give ±0 (ffnOutFast does not read them). A unit whose gate is ≤ 0
      // gives 0·value = ±0 for a finite value, which adds nothing to the output sums either.
      double* gv = gv_.data();
      sparseFfn(l, ly, F, x, gv);
    } else {
      ly.ffnInCols.mul(x, ff_.data());
      const double* ff = ff_.data();
      for (int i = 0; i < F; i++) gv_[i] = (ff[i] > 0 ? ff[i] : 0.0) * ff[F + i];
      ly.ffnOutCols.mul(gv_.data(), fo_.data());
      for (int i = 0; i < D; i++) x[i] += fo_[i];
    }
    if (inspect) std::copy(x, x + D, inspect_.begin() + blk + 2 * D);
    if (traceOn_) traceHash_ = hashResidual(traceHash_, x, D);
  }
  if (traceOn_) trace_.push_back(traceHash_), traceHash_ = 0;
  position_ = p + 1;
  if (inspect) {
    predict();
    int best = 0;
    double bs = -1e300;
    for (int i = 0; i < m.V; i++)
      if (logits_[i] > bs) bs = logits_[i], best = i;
    inspect_[InspectionHeader::Prediction] = best;
    inspect_[InspectionHeader::PredictionScore] = bs;
    inspectReady_ = true;
  }
}

namespace {
// Σ w·src over terms [op.begin, op.end), from +0 in column order: Csr::dot's sum.
inline double rowSum(const Term* t, const RowOp& op, const double* src) {
  double s = 0.0;
  for (int k = op.begin; k < op.end; k++) s += t[k].w * src[t[k].src];
  return s;
}
// The same sum continued from the token table's partial sum of its leading terms (+0 if none).
inline double rowSum(const Term* t, const RowOp& op, const double* src, const double* T) {
  double s = T[op.init];
  for (int k = op.begin; k < op.end; k++) s += t[k].w * src[t[k].src];
  return s;
}
// gv[u] = gate > 0 ? gate·value : 0 for the program's units, their rows read from x and T.
inline void runUnits(const FastLayer& fl, const Term* t, const double* T, const double* x, double* gv) {
  for (const UnitOp& op : fl.units) {
    if (op.gv >= 0) {
      gv[op.u] = T[op.gv];
      continue;
    }
    const double gate = op.gate >= 0 ? T[op.gate] : rowSum(t, op.gateRow, x, T);
    gv[op.u] = gate > 0 ? gate * (op.value >= 0 ? T[op.value] : rowSum(t, op.valueRow, x, T)) : 0.0;
  }
}
}  // namespace

// The fast mode's forward pass (no inspection, no embedding −0): each layer's FastLayer program,
// the same sums as process()'s sparse path (docs/inference-core.md, "Per-token programs").
__attribute__((noinline)) void Session::processFast(int32_t token, double ilp) {
  const Model& m = m_;
  const int D = m.D, F = m.F;
  const int p = position_;
  double* x = x_.data();
  double* qkv = qkv_.data();
  double* ho = qkv + 3 * D;
  double* gv = gv_.data();
  const double* T = m.tokenTable.data() + (size_t)token * m.tokenTableWidth;
  const double* e = &m.emb[(size_t)token * D];
  std::memcpy(x, e, sizeof(double) * D);
  x[kPositionSlot] += p;
  x[kInvLogPosSlot] += ilp;
  x[kPositionCenteredSqSlot] += centered(p) * centered(p);
  x[kPositionCenteredSlot] += centered(p);
  for (int l = 0; l < m.L; l++) {
    const Layer& ly = m.layers[l];
    const FastLayer& fl = ly.fast;
    const Term* t = fl.terms.data();
    for (size_t i = 0; i < fl.tableDst.size(); i++) qkv[fl.tableDst[i]] = T[fl.tableIdx[i]];
    for (const RowOp& op : fl.qkv) qkv[op.dst] = rowSum(t, op, x, T);
    for (const HeadOp& hd : fl.heads) {
      const size_t idx = (size_t)l * m.H + hd.h;
      double* out = ho + 2 * hd.h;
      Match mt;
      if (hd.kind == HeadKind::Position) {
        int hullSize;
        positionHead(l, hd.h, m.plans[idx], positions_[idx], p, out, mt, hullSize);
      } else {
        const HeadPlan& plan = m.plans[idx];
        HullHead& hh = hulls_[idx];
        hh.insert(qkv[D + 2 * hd.h], qkv[D + 2 * hd.h + 1], &qkv[2 * D + 2 * hd.h], p, plan.upper, plan.lower);
        hh.query(qkv[2 * hd.h], qkv[2 * hd.h + 1], plan.latest, out, mt);
      }
    }
    for (const RowOp& op : fl.attnOut) x[op.dst] += rowSum(t, op, ho);
    // Every gate and value reads x before any row of it is updated; the output rows read gv only.
    // A ramp layer's program holds its other units and the rows no ramp writes (model.cpp
    // planFast); the ramp rows come from RampFfn, or the whole layer runs the dense loop.
    bool program = true;
    if (ly.ramp.active()) {
      RampMemo& memo = rampMemo_[l];
      program = rampsOn_ && ly.ramp.prepare(x, memo);
      if (program) {
        runUnits(fl, t, T, x, gv);
        program = ly.ramp.rampRows(gv, fo_.data(), memo);
      }
      (program ? rampHits_ : rampMisses_) += 1;
      if (program) {
        for (int32_t r : ly.ramp.rows) x[r] += fo_[r];
      } else {
        denseFfn(ly, F, x, gv);
        for (int32_t r : ly.ffnOutRows) x[r] += fo_[r];
      }
    } else {
      runUnits(fl, t, T, x, gv);
    }
    if (program)
      for (const RowOp& op : fl.ffnOut) x[op.dst] += rowSum(t, op, gv);
    if (traceOn_) traceHash_ = hashResidual(traceHash_, x, D);
  }
  if (traceOn_) trace_.push_back(traceHash_), traceHash_ = 0;
  position_ = p + 1;
}

}  // namespace tvm
