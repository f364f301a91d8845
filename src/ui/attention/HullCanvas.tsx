import { useEffect, useLayoutEffect, useRef } from 'react';
import { toScreenX, toScreenY, viewportOf } from '../../core/run/inspect/envelope.ts';
import type { HullPicture } from '../../core/run/inspect/hullPicture.ts';

interface Props {
  picture: HullPicture;
  /** Click on a key: jump to the token that stored it. */
  onJump: (position: number) => void;
  /** Reports the overview canvas size in device pixels (the worker renders to it). */
  onSize: (width: number, height: number) => void;
  winnerPosition: number;
}

const COLORS = { points: '#7d8aa0', hull: '#5aa9ff', winner: '#ffcb6b', tangent: '#f07178', arrow: '#6cc488', grid: '#2a313b', text: '#8b95a5' };

/** Axis numbers: integers in full up to 6 digits, else 3 significant digits. */
function short(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2) return v.toExponential(2).replace('e+', 'e');
  return v.toFixed(2);
}

function labels(ctx: CanvasRenderingContext2D, w: number, h: number, r: number, xl: string, xr: string, yt: string, yb: string): void {
  ctx.fillStyle = COLORS.text;
  ctx.font = `${10 * r}px ui-monospace, monospace`;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(xl, 3 * r, h - 2 * r);
  ctx.textAlign = 'right';
  ctx.fillText(xr, w - 3 * r, h - 2 * r);
  ctx.textBaseline = 'top';
  ctx.fillText(yt, w - 3 * r, 2 * r);
  ctx.fillText(yb, w - 3 * r, h - 24 * r);
  ctx.textAlign = 'left';
}

function dpr(): number {
  return typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
}

/** Overview of every key with the decimated hull, and a full-detail zoom around the winner. */
export function HullCanvas({ picture, onJump, onSize, winnerPosition }: Props) {
  const overview = useRef<HTMLCanvasElement>(null);
  const zoom = useRef<HTMLCanvasElement>(null);
  const zoomHits = useRef<{ x: number; y: number; pos: number }[]>([]);

  useLayoutEffect(() => {
    const el = overview.current;
    if (!el) return;
    const report = () => {
      const r = dpr();
      const w = Math.round(el.clientWidth * r);
      const h = Math.round(el.clientHeight * r);
      if (w > 0 && h > 0) onSize(w, h);
    };
    const ro = new ResizeObserver(report);
    ro.observe(el);
    report();
    return () => ro.disconnect();
  }, [onSize]);

  useEffect(() => {
    const el = overview.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const o = picture.overview;
    el.width = o.width;
    el.height = o.height;
    const r = dpr();
    ctx.clearRect(0, 0, o.width, o.height);
    // Every key lands in a pixel of the raster; a lit pixel is drawn as a small dot.
    ctx.fillStyle = COLORS.points;
    const d = 2 * r;
    for (let i = 0; i < o.raster.length; i++) {
      if (o.raster[i]) ctx.fillRect((i % o.width) - d / 2, Math.floor(i / o.width) - d / 2, d, d);
    }
    labels(ctx, o.width, o.height, r, `kx ${short(o.range.x0)}`, short(o.range.x1), `ky ${short(o.range.y1)}`, short(o.range.y0));
    ctx.lineWidth = 1.5 * r;
    ctx.strokeStyle = COLORS.hull;
    ctx.beginPath();
    for (let i = 0; i < o.hull.length; i += 2) {
      if (i === 0) ctx.moveTo(o.hull[i], o.hull[i + 1]);
      else ctx.lineTo(o.hull[i], o.hull[i + 1]);
    }
    ctx.stroke();
    if (o.winner) {
      const [wx, wy] = o.winner;
      if (o.gradient) {
        const [gx, gy] = o.gradient;
        const L = o.width + o.height;
        ctx.strokeStyle = COLORS.tangent;
        ctx.setLineDash([5 * r, 4 * r]);
        ctx.lineWidth = r;
        ctx.beginPath();
        ctx.moveTo(wx - gy * L, wy + gx * L);
        ctx.lineTo(wx + gy * L, wy - gx * L);
        ctx.stroke();
        ctx.setLineDash([]);
        arrow(ctx, wx, wy, wx + gx * 34 * r, wy + gy * 34 * r, COLORS.arrow, r);
      }
      ctx.fillStyle = COLORS.winner;
      ctx.beginPath();
      ctx.arc(wx, wy, 4.5 * r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [picture]);

  useEffect(() => {
    const el = zoom.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const r = dpr();
    const w = Math.max(16, Math.round(el.clientWidth * r));
    const h = Math.max(16, Math.round(el.clientHeight * r));
    el.width = w;
    el.height = h;
    ctx.clearRect(0, 0, w, h);
    const z = picture.zoom;
    const all = Int32Array.from({ length: z.xs.length }, (_, i) => i);
    if (!all.length) return;
    const vp = viewportOf(z.xs, z.ss, all, w, h, 12 * r);
    // Iso-score line of the winner: score − best = 0.
    const y0 = toScreenY(vp, 0);
    ctx.strokeStyle = COLORS.tangent;
    ctx.setLineDash([5 * r, 4 * r]);
    ctx.lineWidth = r;
    ctx.beginPath();
    ctx.moveTo(0, y0);
    ctx.lineTo(w, y0);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = COLORS.hull;
    ctx.lineWidth = 1.5 * r;
    ctx.beginPath();
    z.hull.forEach((i, j) => {
      const x = toScreenX(vp, z.xs[i]);
      const y = toScreenY(vp, z.ss[i]);
      if (j === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    const hits: { x: number; y: number; pos: number }[] = [];
    const onHull = new Set(z.hull);
    for (let i = 0; i < z.xs.length; i++) {
      const x = toScreenX(vp, z.xs[i]);
      const y = toScreenY(vp, z.ss[i]);
      hits.push({ x: x / r, y: y / r, pos: z.pos[i] });
      ctx.fillStyle = i === z.winner ? COLORS.winner : onHull.has(i) ? COLORS.hull : COLORS.points;
      ctx.beginPath();
      ctx.arc(x, y, (i === z.winner ? 5 : 2.5) * r, 0, 2 * Math.PI);
      ctx.fill();
    }
    zoomHits.current = hits;
    labels(ctx, w, h, r, `kx ${short(vp.x0)}`, short(vp.x1), `q·k − best: ${short(vp.y1)}`, short(vp.y0));
  }, [picture]);

  const onZoomClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = ev.currentTarget.getBoundingClientRect();
    const x = ev.clientX - rect.left;
    const y = ev.clientY - rect.top;
    let best: { d: number; pos: number } | null = null;
    for (const h of zoomHits.current) {
      const d = Math.hypot(h.x - x, h.y - y);
      if (d < 10 && (!best || d < best.d)) best = { d, pos: h.pos };
    }
    if (best) onJump(best.pos);
  };

  const onOverviewClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const w = picture.overview.winner;
    if (!w || winnerPosition < 0) return;
    const rect = ev.currentTarget.getBoundingClientRect();
    const r = picture.overview.width / Math.max(1, rect.width);
    if (Math.hypot((ev.clientX - rect.left) * r - w[0], (ev.clientY - rect.top) * r - w[1]) < 12 * r) onJump(winnerPosition);
  };

  return (
    <div className="hull-canvases">
      <figure>
        <canvas ref={overview} className="hull-overview" data-testid="hull-overview" onClick={onOverviewClick} />
        <figcaption>all keys (k<sub>x</sub>, k<sub>y</sub>); <span style={{ color: COLORS.hull }}>upper hull</span>, <span style={{ color: COLORS.winner }}>winner</span>, <span style={{ color: COLORS.tangent }}>q·k = best</span>, <span style={{ color: COLORS.arrow }}>q</span></figcaption>
      </figure>
      <figure>
        <canvas ref={zoom} className="hull-zoom" data-testid="hull-zoom" onClick={onZoomClick} />
        <figcaption>around the winner, full detail: x = k<sub>x</sub>, y = q·k − best · click a key to jump to its token</figcaption>
      </figure>
    </div>
  );
}

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, color: string, r: number): void {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2 * r;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  const a = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 8 * r * Math.cos(a - 0.45), y1 - 8 * r * Math.sin(a - 0.45));
  ctx.lineTo(x1 - 8 * r * Math.cos(a + 0.45), y1 - 8 * r * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fill();
}
