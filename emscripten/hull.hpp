// The hull KV cache of docs/original-design.md §9.4, value width 2, double precision: the same algorithm and the same
// order of floating-point operations as src/core/attention/ (the TS reference), so both engines
// give bit-identical answers.
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

namespace tvm {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The value summary of a set of entries: sum (in insertion order), count, latest value.
struct Agg {
  double sum[2] = {0, 0};
  double last[2] = {0, 0};
  int32_t count = 0;
  int32_t lastSeq = -1;

  void add(const double v[2], int32_t seq) {
    sum[0] += v[0];
    sum[1] += v[1];
    count++;
    if (seq > lastSeq) {
      lastSeq = seq;
      last[0] = v[0];
      last[1] = v[1];
    }
  }
  void merge(const double s[2], const double l[2], int32_t c, int32_t seq) {
    sum[0] += s[0];
    sum[1] += s[1];
    count += c;
    if (seq > lastSeq) {
      lastSeq = seq;
      last[0] = l[0];
      last[1] = l[1];
    }
  }
  void resolve(bool latest, double out[2]) const {
    if (count == 0) {
      out[0] = out[1] = 0;
    } else if (latest) {
      out[0] = last[0];
      out[1] = last[1];
    } else {
      double inv = 1.0 / count;
      out[0] = sum[0] * inv;
      out[1] = sum[1] * inv;
    }
  }
  void clear() { *this = Agg(); }
};

// What a query matched (for inspection).
struct Match {
  double kx = 0, ky = 0, score = 0;
  int32_t count = 0, lastSeq = -1;
};

// Max envelope of lines (slope, intercept), sorted by slope and kept in blocks of at most
// 2·kBlock lines, so an insertion or removal in the middle moves one block, not the whole
// envelope (memory-keyed heads hold thousands of lines). Positions are (block, index) pairs;
// no block is empty; the end position is (number of blocks, 0).
struct Envelope {
  struct Line {
    double m, b, p;
    double sum[2], last[2];
    int32_t count, lastSeq;
  };
  struct Pos {
    int b, i;
  };
  static constexpr int kBlock = 64;
  std::vector<std::vector<Line>> blocks;
  int n = 0;

  int size() const { return n; }
  void clear() {
    blocks.clear();
    n = 0;
  }
  size_t bytes() const {
    size_t t = blocks.capacity() * sizeof(std::vector<Line>);
    for (const auto& b : blocks) t += b.capacity() * sizeof(Line);
    return t;
  }

  Line& at(Pos q) { return blocks[q.b][q.i]; }
  const Line& at(Pos q) const { return blocks[q.b][q.i]; }
  bool isEnd(Pos q) const { return q.b == (int)blocks.size(); }
  bool isBegin(Pos q) const { return q.b == 0 && q.i == 0; }
  Pos next(Pos q) const {
    if (++q.i == (int)blocks[q.b].size()) q.b++, q.i = 0;
    return q;
  }
  Pos prev(Pos q) const {
    if (q.i == 0) {
      q.b--;
      q.i = (int)blocks[q.b].size() - 1;
    } else {
      q.i--;
    }
    return q;
  }
  Pos last() const { return {(int)blocks.size() - 1, (int)blocks.back().size() - 1}; }

  void add(double m, double b, const double v[2], int32_t seq) {
    Pos i = lowerBoundSlope(m);
    if (!isEnd(i) && at(i).m == m) {
      Line& e = at(i);
      if (e.b == b) {  // same line: merge; the envelope is unchanged
        e.sum[0] += v[0];
        e.sum[1] += v[1];
        e.count += 1;
        if (seq > e.lastSeq) {
          e.lastSeq = seq;
          e.last[0] = v[0];
          e.last[1] = v[1];
        }
        return;
      }
      if (e.b >= b) return;
      e.b = b;  // the new line replaces it in place (same slope, same position)
      e.sum[0] = 0.0 + v[0];
      e.sum[1] = 0.0 + v[1];
      e.last[0] = v[0];
      e.last[1] = v[1];
      e.count = 1;
      e.lastSeq = seq;
      fixAround(i);
      return;
    }
    Line nl;
    nl.m = m;
    nl.b = b;
    nl.p = 0;
    nl.sum[0] = 0.0 + v[0];
    nl.sum[1] = 0.0 + v[1];
    nl.last[0] = v[0];
    nl.last[1] = v[1];
    nl.count = 1;
    nl.lastSeq = seq;
    fixAround(insertAt(i, nl));
  }

  // First line with breakpoint ≥ x, else the last line.
  Pos argmax(double x) const {
    int lo = 0, hi = (int)blocks.size();
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (blocks[mid].back().p < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo == (int)blocks.size()) return last();
    const std::vector<Line>& bl = blocks[lo];
    int a = 0, z = (int)bl.size();
    while (a < z) {
      int mid = (a + z) >> 1;
      if (bl[mid].p < x) a = mid + 1;
      else z = mid;
    }
    return {lo, a};
  }

 private:
  Pos lowerBoundSlope(double m) const {
    int lo = 0, hi = (int)blocks.size();
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (blocks[mid].back().m < m) lo = mid + 1;
      else hi = mid;
    }
    if (lo == (int)blocks.size()) return {lo, 0};
    const std::vector<Line>& bl = blocks[lo];
    int a = 0, z = (int)bl.size();
    while (a < z) {
      int mid = (a + z) >> 1;
      if (bl[mid].m < m) a = mid + 1;
      else z = mid;
    }
    return {lo, a};
  }
  Pos insertAt(Pos q, const Line& l) {
    n++;
    if (blocks.empty()) {
      blocks.emplace_back();
      blocks[0].reserve(8);
      blocks[0].push_back(l);
      return {0, 0};
    }
    if (isEnd(q)) q = {(int)blocks.size() - 1, (int)blocks.back().size()};
    std::vector<Line>& bl = blocks[q.b];
    bl.insert(bl.begin() + q.i, l);
    if ((int)bl.size() > 2 * kBlock) {
      std::vector<Line> tail(bl.begin() + kBlock, bl.end());
      bl.resize(kBlock);
      blocks.insert(blocks.begin() + q.b + 1, std::move(tail));
      if (q.i >= kBlock) q = {q.b + 1, q.i - kBlock};
    }
    return q;
  }
  // Removes the line at q; returns the position of the line after it (or the end).
  Pos eraseAt(Pos q) {
    n--;
    std::vector<Line>& bl = blocks[q.b];
    bl.erase(bl.begin() + q.i);
    if (bl.empty()) {
      blocks.erase(blocks.begin() + q.b);
      return {q.b, 0};
    }
    if (q.i == (int)bl.size()) return {q.b + 1, 0};
    return q;
  }
  // Sets x's breakpoint against y (y = end: +∞); true if it is ≥ y's, i.e. y is not needed.
  bool isect(Pos x, Pos y) {
    Line& lx = at(x);
    if (isEnd(y)) {
      lx.p = kInf;
      return false;
    }
    const Line& ly = at(y);
    if (lx.m == ly.m) lx.p = lx.b >= ly.b ? kInf : -kInf;
    else lx.p = (ly.b - lx.b) / (lx.m - ly.m);
    return lx.p >= ly.p;
  }
  // Restores the envelope around the new line y (the original's three steps, in order).
  void fixAround(Pos y) {
    for (;;) {
      Pos z = next(y);
      if (!isect(y, z)) break;
      eraseAt(z);
    }
    Pos x = y;
    if (!isBegin(x)) {
      x = prev(y);
      if (isect(x, y)) isect(x, eraseAt(y));
    }
    while (!isBegin(x)) {
      Pos w = prev(x);
      if (at(w).p < at(x).p) break;
      isect(w, eraseAt(x));
      x = w;
    }
  }
};

// Best line of an envelope for (qx, qy ≠ 0) plus its exactly tied neighbours (best, then
// leftwards, then rightwards); sign = +1 for the upper envelope, −1 for the lower one.
inline void queryEnvelope(const Envelope& env, double sign, double qx, double qy, bool latest, double out[2], Match& mt) {
  Agg agg;
  if (env.size() == 0) {
    agg.resolve(latest, out);
    mt.kx = mt.ky = mt.score = std::numeric_limits<double>::quiet_NaN();
    mt.count = 0;
    mt.lastSeq = -1;
    return;
  }
  const Envelope::Pos best = env.argmax(qx / qy);
  const Envelope::Line& B = env.at(best);
  const double kx = sign * B.m, ky = sign * B.b;
  const double score = qx * kx + qy * ky;
  agg.merge(B.sum, B.last, B.count, B.lastSeq);
  for (Envelope::Pos i = best; !env.isBegin(i);) {
    i = env.prev(i);
    const Envelope::Line& L = env.at(i);
    if (qx * (sign * L.m) + qy * (sign * L.b) != score) break;
    agg.merge(L.sum, L.last, L.count, L.lastSeq);
  }
  for (Envelope::Pos i = env.next(best); !env.isEnd(i); i = env.next(i)) {
    const Envelope::Line& L = env.at(i);
    if (qx * (sign * L.m) + qy * (sign * L.b) != score) break;
    agg.merge(L.sum, L.last, L.count, L.lastSeq);
  }
  agg.resolve(latest, out);
  mt.kx = kx;
  mt.ky = ky;
  mt.score = score;
  mt.count = agg.count;
  mt.lastSeq = agg.lastSeq;
}

// The general head: upper and lower envelopes plus the qy = 0 aggregates.
struct HullHead {
  Envelope upper, lower;
  Agg all, left, right;
  double minKx = kInf, maxKx = -kInf;

  void insert(double kx, double ky, const double v[2], int32_t seq) {
    all.add(v, seq);
    if (kx < minKx) {
      minKx = kx;
      left.clear();
    }
    if (kx == minKx) left.add(v, seq);
    if (kx > maxKx) {
      maxKx = kx;
      right.clear();
    }
    if (kx == maxKx) right.add(v, seq);
    upper.add(kx, ky, v, seq);
    lower.add(-kx, -ky, v, seq);
  }
  // The same, keeping only the envelopes that queries can reach.
  void insert(double kx, double ky, const double v[2], int32_t seq, bool keepUpper, bool keepLower) {
    all.add(v, seq);
    if (kx < minKx) {
      minKx = kx;
      left.clear();
    }
    if (kx == minKx) left.add(v, seq);
    if (kx > maxKx) {
      maxKx = kx;
      right.clear();
    }
    if (kx == maxKx) right.add(v, seq);
    if (keepUpper) upper.add(kx, ky, v, seq);
    if (keepLower) lower.add(-kx, -ky, v, seq);
  }

  void query(double qx, double qy, bool latest, double out[2], Match& mt) const {
    if (qy == 0.0) {
      const Agg& a = qx > 0 ? right : qx < 0 ? left : all;
      a.resolve(latest, out);
      mt.kx = qx > 0 ? maxKx : qx < 0 ? minKx : std::numeric_limits<double>::quiet_NaN();
      mt.ky = mt.score = std::numeric_limits<double>::quiet_NaN();
      mt.count = a.count;
      mt.lastSeq = a.lastSeq;
      return;
    }
    if (qy > 0) queryEnvelope(upper, 1.0, qx, qy, latest, out, mt);
    else queryEnvelope(lower, -1.0, qx, qy, latest, out, mt);
  }

  size_t bytes() const { return upper.bytes() + lower.bytes() + sizeof(HullHead); }
  int storedSize() const { return upper.size() + lower.size(); }
};

// The O(n) oracle.
struct BruteHead {
  struct Entry {
    double kx, ky, v[2];
    int32_t seq;
  };
  std::vector<Entry> entries;

  void insert(double kx, double ky, const double v[2], int32_t seq) { entries.push_back({kx, ky, {v[0], v[1]}, seq}); }

  void query(double qx, double qy, bool latest, double out[2], Match& mt) const {
    double max = -kInf, bkx = std::numeric_limits<double>::quiet_NaN(), bky = bkx;
    for (const Entry& e : entries) {
      double s = qx * e.kx + qy * e.ky;
      if (s > max) {
        max = s;
        bkx = e.kx;
        bky = e.ky;
      }
    }
    Agg agg;
    for (const Entry& e : entries)
      if (qx * e.kx + qy * e.ky == max) agg.add(e.v, e.seq);
    agg.resolve(latest, out);
    mt.kx = bkx;
    mt.ky = bky;
    mt.score = max;
    mt.count = agg.count;
    mt.lastSeq = agg.lastSeq;
  }

  size_t bytes() const { return entries.capacity() * sizeof(Entry) + sizeof(BruteHead); }
};

}  // namespace tvm
