import { describe, expect, it } from 'vitest';
import { argmaxOnHull, decimatePolyline, rasterize, sortByX, upperHull, viewportOf } from './envelope.ts';
import { hullGeometry, hullPicture } from './hullPicture.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** O(n³): p is a vertex of the upper hull iff no chord between other points passes on or above it. */
function bruteUpperVertices(xs: number[], ys: number[]): Set<number> {
  const out = new Set<number>();
  const n = xs.length;
  for (let p = 0; p < n; p++) {
    let vertex = true;
    for (let a = 0; a < n && vertex; a++) {
      if (a !== p && xs[a] === xs[p] && (ys[a] > ys[p] || (ys[a] === ys[p] && a > p))) vertex = false;
      for (let b = 0; b < n && vertex; b++) {
        if (a === p || b === p || !(xs[a] < xs[p] && xs[p] < xs[b])) continue;
        const chordY = ys[a] + ((ys[b] - ys[a]) * (xs[p] - xs[a])) / (xs[b] - xs[a]);
        if (chordY >= ys[p]) vertex = false;
      }
    }
    out.add(p);
    if (!vertex) out.delete(p);
  }
  return out;
}

describe('upper hull', () => {
  it('matches the brute-force vertex set on random integer points (with repeats of x)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed);
      const n = 5 + Math.floor(r() * 40);
      const xs = Array.from({ length: n }, () => Math.floor(r() * 15));
      const ys = Array.from({ length: n }, () => Math.floor(r() * 30) - 15);
      const hull = upperHull(xs, ys, sortByX(xs, ys, n));
      const expected = bruteUpperVertices(xs, ys);
      // Duplicated points: the brute force keeps one of them, the hull may keep another.
      const key = (i: number) => `${xs[i]},${ys[i]}`;
      expect(new Set([...hull].map(key)), `seed ${seed}`).toEqual(new Set([...expected].map(key)));
      for (let j = 1; j < hull.length; j++) expect(xs[hull[j]]).toBeGreaterThan(xs[hull[j - 1]]);
      // For every query with qy > 0 the best hull vertex scores as well as the best point.
      for (let t = 0; t < 20; t++) {
        const qx = r() * 20 - 10;
        const qy = 0.1 + r();
        const bestAll = Math.max(...xs.map((x, i) => qx * x + qy * ys[i]));
        const h = argmaxOnHull(xs, ys, hull, qx, qy);
        expect(qx * xs[hull[h]] + qy * ys[hull[h]], `seed ${seed} query ${qx},${qy}`).toBe(bestAll);
      }
    }
  });

  it('keeps every point of the key parabola (2s, −s² + small) as a vertex', () => {
    const n = 100_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      xs[s] = 2 * s;
      ys[s] = -s * s + 0.3 * (1 / Math.log(2) - 1 / Math.log(s + 2));
    }
    const hull = upperHull(xs, ys, sortByX(xs, ys, n));
    expect(hull.length).toBe(n);
  });
});

describe('level of detail', () => {
  it('decimates a polyline to screen resolution, keeping the window at full detail', () => {
    const n = 50_000;
    const px = Float64Array.from({ length: n }, (_, i) => (600 * i) / n);
    const py = Float64Array.from({ length: n }, (_, i) => 300 * (i / n) ** 2);
    const keep = decimatePolyline(px, py, 1.5, 20_000, 20_040);
    expect(keep[0]).toBe(0);
    expect(keep[keep.length - 1]).toBe(n - 1);
    expect(keep.length).toBeLessThan(1000);
    const kept = new Set(keep);
    const missing = [];
    for (let i = 20_000; i <= 20_040; i++) if (!kept.has(i)) missing.push(i);
    expect(missing, 'window vertices dropped').toEqual([]);
    // Every dropped vertex lies within 1.5 px of the last kept vertex before it.
    let k = 0;
    let far: string | null = null;
    for (let i = 0; i < n && far === null; i++) {
      if (keep[k + 1] === i) k++;
      if (keep[k] === i) continue;
      const d = Math.hypot(px[i] - px[keep[k]], py[i] - py[keep[k]]);
      if (!(d < 1.5)) far = `vertex ${i} is ${d} px from kept vertex ${keep[k]}`;
    }
    expect(far).toBe(null);
  });

  it('rasterizes a million points into a fixed-size bitmap', () => {
    const n = 1_000_000;
    const xs = Float64Array.from({ length: n }, (_, i) => 2 * i);
    const ys = Float64Array.from({ length: n }, (_, i) => -i * i);
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const vp = viewportOf(xs, ys, idx, 300, 150);
    const r = rasterize(xs, ys, idx, vp);
    expect(r.length).toBe(300 * 150);
    const lit = r.reduce((a, b) => a + b, 0);
    expect(lit).toBeGreaterThan(200);
    expect(lit).toBeLessThan(300 * 150);
  });

  it('a picture of a million-vertex hull stays small and holds the winner at full detail', () => {
    const n = 1_000_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      xs[s] = 2 * s;
      ys[s] = -s * s;
    }
    const k = { xs, ys, n, positionOf: (i: number) => i, sortedByX: true };
    const target = 765_432;
    const pic = hullPicture(k, hullGeometry(k), [target, 1], [2 * target, -target * target], { width: 400, height: 200 }, { position: n - 1, lookup: 0 });
    expect(pic.hullVertices).toBe(n);
    expect(pic.overview.drawnVertices).toBeLessThan(2000);
    expect(pic.zoom.winner).toBeGreaterThanOrEqual(0);
    expect(pic.zoom.pos[pic.zoom.winner]).toBe(target);
    expect(pic.zoom.ss[pic.zoom.winner]).toBe(0);
    // Its neighbours on the hull score lower: the nearest key wins.
    for (let i = 0; i < pic.zoom.xs.length; i++) if (i !== pic.zoom.winner) expect(pic.zoom.ss[i]).toBeLessThan(0);
    expect(pic.zoom.hull.length).toBe(49);
  });
});
