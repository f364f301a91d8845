/**
 * What the attention canvas draws for one lookup at one position, computed in the inspect
 * worker: an overview of every key (a pixel raster, however many there are) with the upper
 * hull decimated to screen resolution, the winner, the iso-score line through it and the query
 * direction; and a full-detail zoom around the winner in (key x, score − best) coordinates,
 * with the position of every point so a click can jump there.
 */
import { argmaxOnHull, decimatePolyline, rasterize, sortByX, toScreenX, toScreenY, upperHull, viewportOf } from './envelope.ts';
import type { KeyPoints } from './keyHistory.ts';

/** Hull vertices on each side of the winner drawn at full detail. */
const ZOOM_VERTICES = 24;
/** Points drawn in the zoom at most (evenly sampled beyond; hull vertices always). */
const ZOOM_POINTS = 2000;

export interface HullGeometry {
  order: Int32Array;
  hull: Int32Array;
}

export interface HullPicture {
  position: number;
  lookup: number;
  points: number;
  hullVertices: number;
  overview: {
    width: number;
    height: number;
    /** 1 where at least one key falls in the pixel (row-major width × height). */
    raster: Uint8Array;
    /** The hull polyline in pixels (x, y pairs), decimated; drawnVertices = its length / 2. */
    hull: Float32Array;
    drawnVertices: number;
    winner: [number, number] | null;
    /** Unit vector (pixels) along which the score q·k grows, and the iso-score line's direction. */
    gradient: [number, number] | null;
    range: { x0: number; x1: number; y0: number; y1: number };
  };
  zoom: {
    xs: Float64Array;
    /** Score relative to the winner's: q·k − q·k_winner (≤ 0 up to ties). */
    ss: Float64Array;
    pos: Int32Array;
    /** Indices into xs of the hull vertices in the window, left to right. */
    hull: Int32Array;
    /** Index into xs of the winner (−1 if none). */
    winner: number;
  };
}

export function hullGeometry(k: KeyPoints): HullGeometry {
  const order = sortByX(k.xs, k.ys, k.n);
  return { order, hull: upperHull(k.xs, k.ys, order) };
}

export function hullPicture(
  k: KeyPoints,
  geo: HullGeometry,
  query: [number, number],
  winnerKey: [number, number],
  size: { width: number; height: number },
  meta: { position: number; lookup: number },
): HullPicture {
  const { xs, ys } = k;
  const { order, hull } = geo;
  const [qx, qy] = query;
  let w = -1;
  if (Number.isFinite(winnerKey[0])) {
    for (let j = hull.length - 1; j >= 0; j--) {
      if (xs[hull[j]] === winnerKey[0] && ys[hull[j]] === winnerKey[1]) {
        w = j;
        break;
      }
    }
  }
  if (w < 0 && hull.length) w = argmaxOnHull(xs, ys, hull, qx, qy);

  const width = Math.max(16, Math.round(size.width));
  const height = Math.max(16, Math.round(size.height));
  const vp = viewportOf(xs, ys, order, width, height);
  const raster = rasterize(xs, ys, order, vp);
  const hx = new Float64Array(hull.length);
  const hy = new Float64Array(hull.length);
  for (let j = 0; j < hull.length; j++) {
    hx[j] = toScreenX(vp, xs[hull[j]]);
    hy[j] = toScreenY(vp, ys[hull[j]]);
  }
  const keep = decimatePolyline(hx, hy, 1.5, w - 2, w + 2);
  const poly = new Float32Array(2 * keep.length);
  keep.forEach((j, i) => {
    poly[2 * i] = hx[j];
    poly[2 * i + 1] = hy[j];
  });
  const sx = (width - 2 * vp.pad) / (vp.x1 - vp.x0);
  const sy = (height - 2 * vp.pad) / (vp.y1 - vp.y0);
  const gx = qx / sx;
  const gy = -qy / sy;
  const gn = Math.hypot(gx, gy);

  // Zoom: the hull around the winner and every key in its x range (sampled if too many).
  const lo = Math.max(0, w - ZOOM_VERTICES);
  const hi = Math.min(hull.length - 1, w + ZOOM_VERTICES);
  const zx: number[] = [];
  const zs: number[] = [];
  const zp: number[] = [];
  const zh: number[] = [];
  let zw = -1;
  if (w >= 0) {
    const best = qx * xs[hull[w]] + qy * ys[hull[w]];
    const xL = xs[hull[lo]];
    const xR = xs[hull[hi]];
    const first = lowerBound(xs, order, xL);
    const last = lowerBound(xs, order, nextUp(xR));
    const span = last - first;
    const stride = Math.max(1, Math.ceil(span / ZOOM_POINTS));
    const onHull = new Set<number>();
    for (let j = lo; j <= hi; j++) onHull.add(hull[j]);
    const add = (i: number) => {
      zx.push(xs[i]);
      zs.push(qx * xs[i] + qy * ys[i] - best);
      zp.push(k.positionOf(i));
      return zx.length - 1;
    };
    for (let j = first; j < last; j += stride) if (!onHull.has(order[j])) add(order[j]);
    for (let j = lo; j <= hi; j++) {
      const z = add(hull[j]);
      zh.push(z);
      if (j === w) zw = z;
    }
  }

  return {
    position: meta.position,
    lookup: meta.lookup,
    points: k.n,
    hullVertices: hull.length,
    overview: {
      width,
      height,
      raster,
      hull: poly,
      drawnVertices: keep.length,
      winner: w >= 0 ? [hx[w], hy[w]] : null,
      gradient: gn > 0 && Number.isFinite(gn) ? [gx / gn, gy / gn] : null,
      range: { x0: vp.x0, x1: vp.x1, y0: vp.y0, y1: vp.y1 },
    },
    zoom: { xs: Float64Array.from(zx), ss: Float64Array.from(zs), pos: Int32Array.from(zp), hull: Int32Array.from(zh), winner: zw },
  };
}

/** First j with xs[order[j]] ≥ x. */
function lowerBound(xs: ArrayLike<number>, order: Int32Array, x: number): number {
  let a = 0;
  let b = order.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (xs[order[m]] < x) a = m + 1;
    else b = m;
  }
  return a;
}

function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const u = new BigInt64Array(f.buffer);
  u[0] += x > 0 ? 1n : -1n;
  return f[0];
}
