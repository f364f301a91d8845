#include "model.hpp"

#include <cmath>
#include <algorithm>
#include <cstring>

namespace tvm {

void Csr::build(const double* dense, int r, int c) {
  rows = r;
  cols = c;
  ptr.assign(r + 1, 0);
  col.clear();
  val.clear();
  for (int i = 0; i < r; i++) {
    ptr[i] = (int32_t)col.size();
    for (int j = 0; j < c; j++) {
      double w = dense[(size_t)i * c + j];
      if (w != 0.0) {
        col.push_back(j);
        val.push_back(w);
      }
    }
  }
  ptr[r] = (int32_t)col.size();
}

Csr Csr::keepColumns(const std::vector<uint8_t>& keep) const {
  Csr k;
  k.rows = rows;
  k.cols = cols;
  k.ptr.assign(rows + 1, 0);
  for (int i = 0; i < rows; i++) {
    k.ptr[i] = (int32_t)k.col.size();
    for (int j = ptr[i]; j < ptr[i + 1]; j++)
      if (keep[col[j]]) {
        k.col.push_back(col[j]);
        k.val.push_back(val[j]);
      }
  }
  k.ptr[rows] = (int32_t)k.col.size();
  return k;
}

void Csc::build(const Csr& a) {
  rows = a.rows;
  cols = a.cols;
  ptr.assign(cols + 1, 0);
  for (int32_t c : a.col) ptr[c + 1]++;
  for (int j = 0; j < cols; j++) ptr[j + 1] += ptr[j];
  row.assign(a.col.size(), 0);
  val.assign(a.col.size(), 0.0);
  std::vector<int32_t> next(ptr.begin(), ptr.end() - 1);
  for (int i = 0; i < rows; i++)  // rows ascending: each column lists its rows in order
    for (int k = a.ptr[i]; k < a.ptr[i + 1]; k++) {
      int32_t at = next[a.col[k]]++;
      row[at] = i;
      val[at] = a.val[k];
    }
}

void ArgmaxGroups::build(const Csr& a) {
  groups = (a.rows + kGroup - 1) / kGroup;
  ptr.assign(groups + 1, 0);
  col.clear();
  hi.clear();
  lo.clear();
  mag.clear();
  std::vector<double> h(a.cols), l(a.cols);
  std::vector<uint8_t> used(a.cols);
  for (int g = 0; g < groups; g++) {
    ptr[g] = (int32_t)col.size();
    std::fill(h.begin(), h.end(), 0.0);  // rows without a column have weight 0 there
    std::fill(l.begin(), l.end(), 0.0);
    std::fill(used.begin(), used.end(), 0);
    for (int i = g * kGroup; i < std::min(a.rows, (g + 1) * kGroup); i++)
      for (int k = a.ptr[i]; k < a.ptr[i + 1]; k++) {
        int c = a.col[k];
        used[c] = 1;
        h[c] = std::max(h[c], a.val[k]);
        l[c] = std::min(l[c], a.val[k]);
      }
    for (int c = 0; c < a.cols; c++)
      if (used[c]) {
        col.push_back(c);
        hi.push_back(h[c]);
        lo.push_back(l[c]);
        mag.push_back(std::max(std::fabs(h[c]), std::fabs(l[c])));
      }
  }
  ptr[groups] = (int32_t)col.size();
}

double Model::invLogPos(int p) const { return invLn2 - 1.0 / std::log((double)(p + 2)); }

size_t Model::bytes() const {
  size_t b = emb.size() * 8 + unembed.bytes() + unembedCols.bytes() + argmaxGroups.col.size() * 28;
  for (const Layer& l : layers)
    b += l.attnIn.bytes() + l.attnOut.bytes() + l.ffnIn.bytes() + l.ffnOut.bytes() + l.attnOutFast.bytes() + l.ffnOutFast.bytes() + l.attnOutCols.bytes() + l.ffnInCols.bytes() + l.ffnOutCols.bytes();
  for (const HeadPlan& p : plans) b += p.table.size() * 8;
  for (const Layer& l : layers) b += l.ramp.bytes() + l.fast.terms.size() * sizeof(Term);
  b += tokenTable.size() * 8;
  return b;
}

namespace {

// The bytes come from writeBinModel (src/core/weights/binFile.ts), whose reader says what is wrong
// with a malformed file; the checks here only keep the core safe, and name the offset alone.
struct Reader {
  const uint8_t* p;
  size_t len, off = 0;
  std::string& err;
  bool fail(size_t at) {
    if (err.empty()) err = "the inference core cannot load these model bytes (offset " + std::to_string(at) + ")";
    return false;
  }
  bool need(size_t n) { return len - off >= n || fail(off); }
  bool i32(int32_t& v) {
    if (!need(4)) return false;
    uint32_t u = (uint32_t)p[off] | (uint32_t)p[off + 1] << 8 | (uint32_t)p[off + 2] << 16 | (uint32_t)p[off + 3] << 24;
    std::memcpy(&v, &u, 4);
    off += 4;
    return true;
  }
  void f64s(double* out, size_t n) {  // the caller checked the length
    for (size_t i = 0; i < n; i++, off += 8) {
      uint64_t u = 0;
      for (int b = 7; b >= 0; b--) u = u << 8 | p[off + b];
      std::memcpy(&out[i], &u, 8);
    }
  }
};

bool inRange(double a) { return std::fabs(a) >= 1e-100 && std::fabs(a) <= 1e100; }

// Classifies head h of layer l for the fast mode (see docs/inference-core.md for the proofs).
void planHead(Model& m, int l, int h, const std::vector<uint8_t>& isStatic, const std::vector<uint8_t>& embZero,
              const std::vector<double>& twoLevel, const std::vector<uint8_t>& embNonNegative) {
  const int D = m.D;
  HeadPlan& plan = m.plans[(size_t)l * m.H + h];
  plan.latest = m.latest[(size_t)l * m.H + h] != 0;
  const Csr& in = m.layers[l].attnIn;
  const Csr& out = m.layers[l].attnOut;
  const int qx = 2 * h, qy = 2 * h + 1, kx = D + 2 * h, ky = D + 2 * h + 1, v0 = 2 * D + 2 * h, v1 = v0 + 1;
  auto single = [&](int r, int& c, double& w) {
    if (in.nnz(r) != 1) return false;
    c = in.col[in.ptr[r]];
    w = in.val[in.ptr[r]];
    return true;
  };
  bool outUsed = false;
  for (int r = 0; r < D && !outUsed; r++)
    for (int k = out.ptr[r]; k < out.ptr[r + 1]; k++)
      if (out.col[k] == 2 * h || out.col[k] == 2 * h + 1) outUsed = true;
  plan.valueUsed[0] = in.nnz(v0) > 0;
  plan.valueUsed[1] = in.nnz(v1) > 0;
  if (!outUsed || (!plan.valueUsed[0] && !plan.valueUsed[1])) {
    plan.kind = HeadKind::Unused;  // its output is exactly +0, or nothing reads it
    return;
  }
  const bool posOk = isStatic[0] && embZero[0];

  // Passthrough: q = (α·position, α'·a), k = (β·position, β'·a), a a static slot taking the
  // values {0, c}: the current token is the unique best key, so the output is its own value.
  {
    int c1, c2, c3, c4;
    double a1, a2, b1, b2;
    if (posOk && single(qx, c1, a1) && single(qy, c2, a2) && single(kx, c3, b1) && single(ky, c4, b2) && c1 == 0 &&
        c3 == 0 && c2 == c4 && c2 >= kPositionSlots && isStatic[c2] && twoLevel[c2] > 0 && a1 > 0 && a2 > 0 && b1 > 0 && b2 > 0 &&
        inRange(a1) && inRange(a2) && inRange(b1) && inRange(b2) && inRange(twoLevel[c2])) {
      double c = twoLevel[c2];
      if (a2 * b2 * c * c <= a1 * b1 * 1048576.0) {
        plan.kind = HeadKind::Passthrough;
        return;
      }
    }
  }

  // Position-keyed: k = (β·(p − C), γ·(p − C)² + δ·inv_log_pos) with β > 0, γ < 0, |δ| ≤ |γ|:
  // while its breakpoints increase (checked per position) every position stays on the upper
  // envelope, whose breakpoints are computed on demand.
  {
    int c;
    double b;
    if (isStatic[kPositionCenteredSlot] && embZero[kPositionCenteredSlot] && single(kx, c, b) && c == kPositionCenteredSlot && b > 0 && inRange(b)) {
      bool ok = in.nnz(ky) >= 1 && in.nnz(ky) <= 2;
      double gamma = 0, delta = 0;
      for (int k = in.ptr[ky]; ok && k < in.ptr[ky + 1]; k++) {
        int col = in.col[k];
        if (col == kInvLogPosSlot) delta = in.val[k];
        else if (col == kPositionCenteredSqSlot) gamma = in.val[k];
        else ok = false;
        if (ok && (!isStatic[col] || !embZero[col])) ok = false;
      }
      if (ok && gamma < 0 && inRange(gamma) && std::fabs(delta) <= std::fabs(gamma)) {
        plan.kind = HeadKind::Position;
        plan.beta = b;
        plan.delta = delta;
        plan.gamma = gamma;
        plan.gammaAbs = -gamma;
        for (const HeadPlan& o : m.plans)
          if (o.kind == HeadKind::Position && o.beta == b && o.delta == delta && o.gamma == gamma) plan.keyClass = o.keyClass;
        if (plan.keyClass < 0) plan.keyClass = m.positionKeyClasses++;
        bool allStatic = true, positional = false;
        for (int r : {v0, v1})
          for (int k = in.ptr[r]; k < in.ptr[r + 1]; k++) {
            if (!isStatic[in.col[k]]) allStatic = false;
            if (in.col[k] < kPositionSlots) positional = true;
          }
        plan.values = !allStatic ? ValueSource::Stored : positional ? ValueSource::Recompute : ValueSource::Table;
        if (plan.values == ValueSource::Table) {
          plan.table.assign((size_t)m.V * 2, 0.0);
          for (int t = 0; t < m.V; t++)
            for (int i = 0; i < 2; i++) plan.table[(size_t)t * 2 + i] = in.dot(v0 + i, &m.emb[(size_t)t * D]);
        }
        m.usesPositionHeads = true;
        return;
      }
    }
  }
  plan.kind = HeadKind::Hull;
  bool pos = true, neg = true;  // every term of qy is ≥ 0 / ≤ 0
  for (int k = in.ptr[qy]; k < in.ptr[qy + 1]; k++) {
    const int c = in.col[k];
    if (!isStatic[c] || !embNonNegative[c]) pos = neg = false;
    if (in.val[k] < 0) pos = false;
    if (in.val[k] > 0) neg = false;
  }
  if (pos) plan.lower = false;  // qy ≥ 0 always
  if (neg) plan.upper = false;  // qy ≤ 0 always
}

// The fast mode's per-token programs (FastLayer) and the token table. staticAt[l][j]: slot j is
// static before layer l (no earlier layer writes it: it holds the token's embedding entry, plus
// the position encoding for slots 0–3).
void planFast(Model& m, const std::vector<std::vector<uint8_t>>& staticAt, bool table) {
  const int D = m.D, F = m.F;
  struct Entry {
    const Csr* a;
    int row, valueRow;  // valueRow ≥ 0: the entry is gate > 0 ? gate·value : 0
    int terms;          // the row's first `terms` terms (−1: all)
  };
  std::vector<Entry> entries{{nullptr, 0, -1, 0}};  // entry 0: +0
  for (int l = 0; l < m.L; l++) {
    Layer& ly = m.layers[l];
    FastLayer& fl = ly.fast;
    fl = FastLayer();
    // Static up to this layer's FFN: also not written by this layer's attention.
    std::vector<uint8_t> staticFfn(staticAt[l]);
    for (int j = 0; j < D; j++)
      if (ly.attnOut.nnz(j) > 0) staticFfn[j] = 0;
    auto tokenOnly = [&](const Csr& a, int r, const std::vector<uint8_t>& st) {
      if (!table) return false;
      for (int k = a.ptr[r]; k < a.ptr[r + 1]; k++)
        if (a.col[k] < kPositionSlots || !st[a.col[k]]) return false;
      return true;
    };
    auto entry = [&](const Csr& a, int r, int valueRow) {
      entries.push_back({&a, r, valueRow, -1});
      return (int32_t)entries.size() - 1;
    };
    // A row over x; with st, its leading terms that read static slots outside the position
    // encoding are summed in the table.
    auto row = [&](const Csr& a, int r, int dst, const std::vector<uint8_t>* st) {
      int lead = 0;
      while (table && st && a.ptr[r] + lead < a.ptr[r + 1] && a.col[a.ptr[r] + lead] >= kPositionSlots && (*st)[a.col[a.ptr[r] + lead]]) lead++;
      RowOp op{dst, (int32_t)fl.terms.size(), 0, 0};
      if (lead > 0) {
        entries.push_back({&a, r, -1, lead});
        op.init = (int32_t)entries.size() - 1;
      }
      for (int k = a.ptr[r] + lead; k < a.ptr[r + 1]; k++) fl.terms.push_back({a.val[k], a.col[k]});
      op.end = (int32_t)fl.terms.size();
      return op;
    };
    for (int32_t r : ly.fastRows) {
      int dst = r;
      if (r >= 2 * D && m.plans[(size_t)l * m.H + (r - 2 * D) / 2].kind == HeadKind::Passthrough) dst = D + r;  // 3D + (r − 2D)
      if (tokenOnly(ly.attnIn, r, staticAt[l])) {
        fl.tableDst.push_back(dst);
        fl.tableIdx.push_back(entry(ly.attnIn, r, -1));
      } else {
        fl.qkv.push_back(row(ly.attnIn, r, dst, &staticAt[l]));
      }
    }
    for (int32_t h : ly.activeHeads) {
      const HeadKind k = m.plans[(size_t)l * m.H + h].kind;
      if (k != HeadKind::Passthrough) fl.heads.push_back({k, h});
    }
    for (int32_t r : ly.attnOutRows) fl.attnOut.push_back(row(ly.attnOutFast, r, r, nullptr));
    // A ramp layer's ramps and the rows they write are RampFfn's: the program holds the rest.
    const bool ramp = ly.ramp.active();
    for (int32_t u : ramp ? ly.ramp.otherUnits : ly.ffnUnits) {
      UnitOp op{u, -1, -1, -1, {}, {}};
      const bool g = tokenOnly(ly.ffnIn, u, staticFfn), v = tokenOnly(ly.ffnIn, F + u, staticFfn);
      if (g && v) {
        op.gv = entry(ly.ffnIn, u, F + u);
      } else {
        if (g) op.gate = entry(ly.ffnIn, u, -1);
        else op.gateRow = row(ly.ffnIn, u, u, &staticFfn);
        if (v) op.value = entry(ly.ffnIn, F + u, -1);
        else op.valueRow = row(ly.ffnIn, F + u, u, &staticFfn);
      }
      fl.units.push_back(op);
    }
    for (int32_t r : ramp ? ly.ramp.plainRows : ly.ffnOutRows) fl.ffnOut.push_back(row(ly.ffnOutFast, r, r, nullptr));
  }
  // The table: each entry computed as the dense path computes it from x = the embedding row.
  m.tokenTableWidth = (int)entries.size();
  m.tokenTable.assign((size_t)m.V * entries.size(), 0.0);
  for (int t = 0; t < m.V; t++) {
    const double* e = &m.emb[(size_t)t * D];
    double* out = &m.tokenTable[(size_t)t * entries.size()];
    out[0] = 0.0;
    for (size_t i = 1; i < entries.size(); i++) {
      const Entry& en = entries[i];
      if (en.terms >= 0) {  // a partial sum, as Csr::dot accumulates it
        const Csr& a = *en.a;
        double s = 0.0;
        for (int k = a.ptr[en.row]; k < a.ptr[en.row] + en.terms; k++) s += a.val[k] * e[a.col[k]];
        out[i] = s;
        continue;
      }
      const double a = en.a->dot(en.row, e);
      out[i] = en.valueRow < 0 ? a : a > 0 ? a * en.a->dot(en.valueRow, e) : 0.0;
    }
  }
}

}  // namespace

Model* loadModel(const uint8_t* bytes, size_t len, std::string& err) {
  Reader r{bytes, len, 0, err};
  int32_t hdr[6];
  for (int i = 0; i < 6; i++)
    if (!r.i32(hdr[i])) return nullptr;
  const int V = hdr[0], D = hdr[1], L = hdr[2], H = hdr[3], F = hdr[4], stop = hdr[5];
  if (V < 1) return r.fail(0), nullptr;
  if (D < 2 || D % 2 != 0) return r.fail(4), nullptr;
  if (D < kPositionSlots) return r.fail(4), nullptr;
  if (L < 0) return r.fail(8), nullptr;
  if (H != D / 2) return r.fail(12), nullptr;
  if (F < 0) return r.fail(16), nullptr;
  if (stop < 0 || stop >= V) return r.fail(20), nullptr;
  if ((double)V > (double)(len - r.off) / 4) return r.fail(0), nullptr;
  for (int t = 0; t < V; t++) {
    int32_t n;
    if (!r.i32(n) || !r.need((uint32_t)n)) return nullptr;
    r.off += (uint32_t)n;
  }
  const double weights = 2.0 * V * D + (double)L * (4.0 * D * D + 3.0 * F * D);
  if (weights * 8 > (double)(len - r.off)) return r.fail(r.off), nullptr;

  Model* m = new Model();
  m->V = V, m->D = D, m->L = L, m->H = H, m->F = F, m->stop = stop;
  m->emb.resize((size_t)V * D);
  r.f64s(m->emb.data(), m->emb.size());
  std::vector<double> buf;
  m->layers.resize(L);
  for (int l = 0; l < L; l++) {
    Layer& ly = m->layers[l];
    auto read = [&](Csr& c, int rows, int cols) {
      buf.resize((size_t)rows * cols);
      r.f64s(buf.data(), buf.size());
      c.build(buf.data(), rows, cols);
    };
    read(ly.attnIn, 3 * D, D);
    read(ly.attnOut, D, D);
    read(ly.ffnIn, 2 * F, D);
    read(ly.ffnOut, D, F);
    ly.attnOutCols.build(ly.attnOut);
    ly.ffnInCols.build(ly.ffnIn);
    ly.ffnOutCols.build(ly.ffnOut);
    std::vector<uint8_t> unit(F, 0);
    for (int u = 0; u < F; u++)
      if (ly.ffnIn.nnz(u) > 0 && ly.ffnIn.nnz(F + u) > 0 && ly.ffnOutCols.ptr[u + 1] > ly.ffnOutCols.ptr[u]) {
        ly.ffnUnits.push_back(u);
        unit[u] = 1;
      }
    ly.ffnOutFast = ly.ffnOut.keepColumns(unit);
    for (int i = 0; i < D; i++)
      if (ly.ffnOutFast.nnz(i) > 0) ly.ffnOutRows.push_back(i);
  }
  buf.resize((size_t)V * D);
  r.f64s(buf.data(), buf.size());
  m->unembed.build(buf.data(), V, D);
  m->unembedCols.build(m->unembed);
  m->argmaxGroups.build(m->unembed);
  for (int j = 0; j < D; j++)
    if (m->unembedCols.ptr[j + 1] > m->unembedCols.ptr[j]) m->argmaxCols.push_back(j);
  m->latest.assign((size_t)L * H, 0);

  // The trailer must be complete: the metadata extension that ends it marks the position encoding.
  bool ok = true;
  if (r.off >= len) {
    ok = r.fail(r.off);
  } else {
    int32_t hasErase, hasTb;
    size_t at = r.off;
    ok = r.i32(hasErase);
    if (ok && hasErase != 0 && hasErase != 1) ok = r.fail(at);
    for (int l = 0; ok && hasErase && l < L; l++)
      for (int half = 0; ok && half < 2; half++) {
        int32_t n;
        at = r.off;
        ok = r.i32(n);
        if (ok && (n < 0 || n > D)) ok = r.fail(at);
        for (int j = 0; ok && j < n; j++) {
          int32_t s;
          at = r.off;
          ok = r.i32(s);
          if (ok && (s < 0 || s >= D)) ok = r.fail(at);
        }
      }
    at = r.off;
    if (ok) ok = r.i32(hasTb);
    if (ok && hasTb != 0 && hasTb != 1) ok = r.fail(at);
    for (int i = 0; ok && hasTb && i < L * H; i++) {
      int32_t v;
      at = r.off;
      ok = r.i32(v);
      if (ok && v != 0 && v != 1) ok = r.fail(at);
      if (ok) m->latest[i] = (uint8_t)v;
    }
    // The metadata extension (docs/model-formats.md): "TVMMETA2" (position encoding 2), u32
    // length, JSON. The engine needs none of the JSON (labels, provenance); it checks the framing.
    if (ok) {
      at = r.off;
      static const char kMagic[8] = {'T', 'V', 'M', 'M', 'E', 'T', 'A', '2'};
      // A missing extension or "TVMMETA1" is the former position encoding: the TS reader
      // (src/core/weights/binFile.ts) says so when the core refuses.
      if (len - r.off < 12 || std::memcmp(r.p + r.off, kMagic, 8) != 0) {
        ok = r.fail(at);
      } else {
        r.off += 8;
        int32_t n;
        ok = r.i32(n);
        if (ok && (n < 0 || (size_t)n != len - r.off)) ok = r.fail(at + 8);
        if (ok) r.off += (size_t)n;
      }
    }
  }
  if (!ok) {
    delete m;
    return nullptr;
  }

  volatile double two = 2.0;  // not folded at compile time: the same log as inv_log_pos uses
  m->invLn2 = 1.0 / std::log((double)two);

  // Static slots: slot j is static at layer l when no earlier layer writes it, so its value is
  // the token's embedding (plus the position encoding for slots 0–3).
  std::vector<uint8_t> embZero(D, 1);
  std::vector<uint8_t> embNonNegative(D, 1);  // slots 0–2 add p, inv_log_pos, (p − C)² ≥ 0
  std::vector<double> twoLevel(D, 0.0);  // c > 0 if the embedding column takes only values {0, c}
  for (int j = 0; j < D; j++) {
    double c = 0;
    bool two = true;
    for (int t = 0; t < V; t++) {
      double e = m->emb[(size_t)t * D + j];
      if (e < 0) embNonNegative[j] = 0;
      if (e != 0) {
        embZero[j] = 0;
        if (c == 0) c = e;
        else if (e != c) two = false;
      }
    }
    twoLevel[j] = two && c > 0 ? c : 0;
  }
  embNonNegative[kPositionCenteredSlot] = 0;  // p − C takes both signs
  for (double e : m->emb)
    if (e == 0 && std::signbit(e)) m->embHasNegativeZero = true;
  std::vector<uint8_t> isStatic(D, 1);
  // Slots whose embedding is 0 or 1 (`one` is 0 only at the start token): the ramp path reads
  // them as constants after checking that they hold 1.
  std::vector<uint8_t> embOne(D, 0), isOne(D, 0);
  for (int j = 3; j < D; j++) {
    embOne[j] = 1;
    for (int t = 0; t < V && embOne[j]; t++) {
      const double e = m->emb[(size_t)t * D + j];
      embOne[j] = e == 1.0 || (e == 0.0 && !std::signbit(e));
    }
  }
  m->plans.assign((size_t)L * H, HeadPlan());
  std::vector<std::vector<uint8_t>> staticAt(L);  // isStatic before each layer
  for (int l = 0; l < L; l++) {
    staticAt[l] = isStatic;
    // Static up to this layer's FFN: not written by earlier layers or this layer's attention.
    for (int j = 0; j < D; j++) isOne[j] = embOne[j] && isStatic[j] && m->layers[l].attnOut.nnz(j) == 0;
    planRamps(m->layers[l], D, F, isOne);
    for (int h = 0; h < H; h++) planHead(*m, l, h, isStatic, embZero, twoLevel, embNonNegative);
    Layer& ly = m->layers[l];
    for (int h = 0; h < H; h++) {
      const HeadPlan& p = m->plans[(size_t)l * H + h];
      if (p.kind != HeadKind::Unused) ly.activeHeads.push_back(h);
      auto need = [&](int r) { ly.fastRows.push_back(r); };
      switch (p.kind) {
        case HeadKind::Unused: break;
        case HeadKind::Passthrough: need(2 * D + 2 * h), need(2 * D + 2 * h + 1); break;
        case HeadKind::Position:
          need(2 * h), need(2 * h + 1);
          if (p.values == ValueSource::Stored) need(2 * D + 2 * h), need(2 * D + 2 * h + 1);
          break;
        default:
          need(2 * h), need(2 * h + 1), need(D + 2 * h), need(D + 2 * h + 1), need(2 * D + 2 * h), need(2 * D + 2 * h + 1);
      }
    }
    std::vector<uint8_t> activeCol(D, 0);
    for (int32_t h : ly.activeHeads) activeCol[2 * h] = activeCol[2 * h + 1] = 1;
    ly.attnOutFast = ly.attnOut.keepColumns(activeCol);
    for (int i = 0; i < D; i++)
      if (ly.attnOutFast.nnz(i) > 0) ly.attnOutRows.push_back(i);
    for (int j = 0; j < D; j++)
      if (ly.attnOut.nnz(j) > 0 || ly.ffnOut.nnz(j) > 0) isStatic[j] = 0;
  }
  // The token table is model memory (V × width doubles): past kMaxTokenTable every row is computed.
  constexpr double kMaxTokenTable = 16.0 * 1024 * 1024;
  planFast(*m, staticAt, true);
  if ((double)m->V * m->tokenTableWidth * 8 > kMaxTokenTable) planFast(*m, staticAt, false);
  return m;
}

}  // namespace tvm
