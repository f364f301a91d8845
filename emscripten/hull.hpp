// The hull KV cache of spec §9.4, value width 2, double precision: the same algorithm and the same
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

// Max envelope of lines (slope, intercept) kept sorted by slope in one array.
struct Envelope {
  struct Line {
    double m, b, p;
    double sum[2], last[2];
    int32_t count, lastSeq;
  };
  std::vector<Line> lines;

  int size() const { return (int)lines.size(); }
  void clear() { lines.clear(); }

  void add(double m, double b, const double v[2], int32_t seq) {
    int i = lowerBoundSlope(m);
    int n = size();
    if (i < n && lines[i].m == m) {
      Line& e = lines[i];
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
      lines.erase(lines.begin() + i);
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
    lines.insert(lines.begin() + i, nl);
    fixAround(i);
  }

  // First line with breakpoint ≥ x, else the last line.
  int argmax(double x) const {
    int lo = 0, hi = size();
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (lines[mid].p < x) lo = mid + 1;
      else hi = mid;
    }
    return lo == size() ? size() - 1 : lo;
  }

 private:
  int lowerBoundSlope(double m) const {
    int lo = 0, hi = size();
    while (lo < hi) {
      int mid = (lo + hi) >> 1;
      if (lines[mid].m < m) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  bool isect(int x, int y) {
    Line& lx = lines[x];
    if (y >= size()) {
      lx.p = kInf;
      return false;
    }
    const Line& ly = lines[y];
    if (lx.m == ly.m) lx.p = lx.b >= ly.b ? kInf : -kInf;
    else lx.p = (ly.b - lx.b) / (lx.m - ly.m);
    return lx.p >= ly.p;
  }
  void fixAround(int y) {
    while (isect(y, y + 1)) lines.erase(lines.begin() + y + 1);
    int x = y;
    if (x > 0) {
      x = y - 1;
      if (isect(x, y)) {
        lines.erase(lines.begin() + y);
        isect(x, y);
      }
    }
    while (x > 0 && lines[x - 1].p >= lines[x].p) {
      lines.erase(lines.begin() + x);
      isect(x - 1, x);
      x--;
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
  const int best = env.argmax(qx / qy);
  const auto& L = env.lines;
  const double kx = sign * L[best].m, ky = sign * L[best].b;
  const double score = qx * kx + qy * ky;
  agg.merge(L[best].sum, L[best].last, L[best].count, L[best].lastSeq);
  for (int i = best - 1; i >= 0; i--) {
    if (qx * (sign * L[i].m) + qy * (sign * L[i].b) != score) break;
    agg.merge(L[i].sum, L[i].last, L[i].count, L[i].lastSeq);
  }
  for (int i = best + 1; i < env.size(); i++) {
    if (qx * (sign * L[i].m) + qy * (sign * L[i].b) != score) break;
    agg.merge(L[i].sum, L[i].last, L[i].count, L[i].lastSeq);
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

  size_t bytes() const { return (upper.lines.capacity() + lower.lines.capacity()) * sizeof(Envelope::Line) + sizeof(HullHead); }
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
