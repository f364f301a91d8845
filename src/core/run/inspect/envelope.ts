/**
 * The geometry behind the attention picture: the upper convex hull of 2-D keys (the vertices a
 * query with qy > 0 can select; dually, the upper envelope of the lines y = kx·x + ky the hull
 * caches keep), and level of detail for drawing a hull of a million vertices: screen-space
 * decimation of the polyline and a pixel raster of the points. No DOM: the inspect worker runs it.
 */

/** Indices 0..n−1 sorted by x, ties by y (both ascending). */
export function sortByX(xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = xs[i - 1] < xs[i] || (xs[i - 1] === xs[i] && ys[i - 1] <= ys[i]);
  if (sorted) return order;
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  return order;
}

/**
 * Upper hull (monotone chain) of the points `order` (sorted by x, then y), left to right. Of
 * points with equal x only the highest can be a vertex; collinear middle points are dropped.
 */
export function upperHull(xs: ArrayLike<number>, ys: ArrayLike<number>, order: ArrayLike<number>): Int32Array {
  const n = order.length;
  const h = new Int32Array(n);
  let k = 0;
  for (let j = 0; j < n; j++) {
    const i = order[j];
    // Same x as the previous vertex: the later one is higher (ties sorted by y).
    if (k > 0 && xs[h[k - 1]] === xs[i]) k--;
    while (k >= 2) {
      const o = h[k - 2];
      const a = h[k - 1];
      const cross = (xs[a] - xs[o]) * (ys[i] - ys[o]) - (ys[a] - ys[o]) * (xs[i] - xs[o]);
      if (cross >= 0) k--; // a is not strictly above the chord o→i
      else break;
    }
    h[k++] = i;
  }
  return h.slice(0, k);
}

/** Index (into `hull`) of the hull vertex with the largest qx·x + qy·y (the first on ties). */
export function argmaxOnHull(xs: ArrayLike<number>, ys: ArrayLike<number>, hull: ArrayLike<number>, qx: number, qy: number): number {
  let best = -Infinity;
  let bi = -1;
  for (let j = 0; j < hull.length; j++) {
    const s = qx * xs[hull[j]] + qy * ys[hull[j]];
    if (s > best) {
      best = s;
      bi = j;
    }
  }
  return bi;
}

/**
 * Which vertices of a polyline (already in screen coordinates) to draw: the first and last, every
 * vertex at least `minDist` pixels from the previously kept one, and all of [keepFrom, keepTo]
 * (the neighbourhood of the winner, at full detail). For a convex chain the error is < minDist.
 */
export function decimatePolyline(px: ArrayLike<number>, py: ArrayLike<number>, minDist: number, keepFrom = -1, keepTo = -2): Int32Array {
  const n = px.length;
  if (n <= 2) return Int32Array.from({ length: n }, (_, i) => i);
  const out: number[] = [0];
  const d2 = minDist * minDist;
  let lx = px[0];
  let ly = py[0];
  for (let i = 1; i < n - 1; i++) {
    const dx = px[i] - lx;
    const dy = py[i] - ly;
    if ((i >= keepFrom && i <= keepTo) || dx * dx + dy * dy >= d2) {
      out.push(i);
      lx = px[i];
      ly = py[i];
    }
  }
  out.push(n - 1);
  return Int32Array.from(out);
}

/** An affine map from data to screen pixels (y grows downward on screen). */
export interface Viewport {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  width: number;
  height: number;
  pad: number;
}

/** Bounding box of points, widened so that a degenerate range still maps to the middle. */
export function viewportOf(xs: ArrayLike<number>, ys: ArrayLike<number>, idx: ArrayLike<number>, width: number, height: number, pad = 8): Viewport {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    if (xs[i] < x0) x0 = xs[i];
    if (xs[i] > x1) x1 = xs[i];
    if (ys[i] < y0) y0 = ys[i];
    if (ys[i] > y1) y1 = ys[i];
  }
  if (!(x0 <= x1)) [x0, x1] = [0, 1];
  if (!(y0 <= y1)) [y0, y1] = [0, 1];
  const wx = x1 - x0 || Math.max(1, Math.abs(x0));
  const wy = y1 - y0 || Math.max(1, Math.abs(y0));
  if (x1 === x0) [x0, x1] = [x0 - wx / 2, x1 + wx / 2];
  if (y1 === y0) [y0, y1] = [y0 - wy / 2, y1 + wy / 2];
  return { x0, x1, y0, y1, width, height, pad };
}

export function toScreenX(v: Viewport, x: number): number {
  return v.pad + ((x - v.x0) / (v.x1 - v.x0)) * (v.width - 2 * v.pad);
}

export function toScreenY(v: Viewport, y: number): number {
  return v.height - v.pad - ((y - v.y0) / (v.y1 - v.y0)) * (v.height - 2 * v.pad);
}

/** Occupancy raster (1 byte a pixel, row-major) of the points `idx`: what a scatter of them shows. */
export function rasterize(xs: ArrayLike<number>, ys: ArrayLike<number>, idx: ArrayLike<number>, v: Viewport): Uint8Array {
  const w = v.width;
  const h = v.height;
  const r = new Uint8Array(w * h);
  for (let j = 0; j < idx.length; j++) {
    const i = idx[j];
    const x = Math.round(toScreenX(v, xs[i]));
    const y = Math.round(toScreenY(v, ys[i]));
    if (x >= 0 && x < w && y >= 0 && y < h) r[y * w + x] = 1;
  }
  return r;
}
