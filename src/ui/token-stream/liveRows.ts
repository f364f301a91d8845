/**
 * The token stream's rows drawn on a canvas, for the one case where they all change several
 * times a second: following a live run. Drawing ~20 rows of text costs a millisecond or two; the
 * same rows as DOM elements cost a layout and a parse of a few hundred elements per notification,
 * which on a busy machine missed the frame (docs/playground-page.md "Frames while following a live
 * run"). Once the run ends or the person scrolls or selects, the pane shows DOM rows again
 * (`rowHtml.ts`). Same geometry as the DOM rows (app.css `.tok-row`, `.tok-index`, `.tok`); the
 * colours are read from the legend's own elements, so the stylesheet stays their one source.
 */
import { DISPLAY_TOKENS, tokenKindOf } from '../../core/run/displayTokens.ts';
import type { TokenStore } from './tokenStore.ts';
import { prefixStyle } from './rowHtml.ts';

export interface TokenLook {
  color: string;
  /** null: transparent. */
  background: string | null;
  bold: boolean;
}

export interface LiveStyles {
  /** The rows' font (CSS shorthand) and the index column's. */
  font: string;
  indexFont: string;
  indexColor: string;
  /** By token kind, plus 'op' and 'prefix' for the program prefix. */
  looks: Record<string, TokenLook>;
  /** Outline of the selected token. */
  outline: string;
}

/** Geometry of app.css: `.tok-row` padding, `.tok-index` min-width and margin, `.tok` padding and margin. */
const ROW_PAD = 8;
const INDEX_MIN_W = 52;
const INDEX_GAP = 10;
const TOK_PAD = 3;
const TOK_GAP = 5;

/** A token as drawn, for clicks: its row (0 = first drawn), its x extent, its index. */
export interface DrawnToken {
  row: number;
  x0: number;
  x1: number;
  i: number;
}

const widths = new Map<string, Float32Array>();

/** Width of each display token's text in `font` (measured once per font). */
function tokenWidths(ctx: CanvasRenderingContext2D, font: string): Float32Array {
  let w = widths.get(font);
  if (!w) {
    ctx.font = font;
    w = Float32Array.from(DISPLAY_TOKENS, (t) => ctx.measureText(t).width);
    widths.set(font, w);
  }
  return w;
}

export interface LiveRowsInput {
  store: TokenStore;
  /** Rows [firstRow, endRow) are drawn, tokens below `end` only (the stream as of the last notification). */
  firstRow: number;
  endRow: number;
  end: number;
  prefixTokens: number;
  selected: number | null;
  rowHeight: number;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** Draws the rows into `ctx` (already scaled to CSS pixels) and returns where each token went. */
export function drawLiveRows(ctx: CanvasRenderingContext2D, st: LiveStyles, d: LiveRowsInput): DrawnToken[] {
  const drawn: DrawnToken[] = [];
  ctx.clearRect(0, 0, d.width, d.height);
  const w = tokenWidths(ctx, st.font);
  ctx.textBaseline = 'middle';
  for (let r = d.firstRow; r < d.endRow; r++) {
    const y = (r - d.firstRow) * d.rowHeight;
    const mid = y + d.rowHeight / 2;
    const [start, lineEnd] = d.store.lineRange(r);
    const end = Math.min(lineEnd, d.end);
    ctx.font = st.indexFont;
    ctx.fillStyle = st.indexColor;
    ctx.textAlign = 'right';
    const label = String(start);
    const labelW = ctx.measureText(label).width;
    const indexW = Math.max(INDEX_MIN_W, labelW);
    ctx.fillText(label, ROW_PAD + indexW, mid);
    ctx.textAlign = 'left';
    ctx.font = st.font;
    let x = ROW_PAD + indexW + INDEX_GAP;
    for (let i = start; i < end && x < d.width; i++) {
      const id = d.store.tokenId(i);
      const look = st.looks[i < d.prefixTokens ? prefixStyle(i, start, end) : tokenKindOf(id)] ?? st.looks.byte;
      const boxW = w[id] + 2 * TOK_PAD;
      if (look.background) {
        ctx.fillStyle = look.background;
        ctx.beginPath();
        ctx.roundRect(x, y + 1, boxW, d.rowHeight - 2, 3);
        ctx.fill();
      }
      if (look.bold) ctx.font = `bold ${st.font}`;
      ctx.fillStyle = look.color;
      ctx.fillText(DISPLAY_TOKENS[id], x + TOK_PAD, mid);
      if (look.bold) ctx.font = st.font;
      if (i === d.selected) {
        ctx.strokeStyle = st.outline;
        ctx.lineWidth = 2;
        ctx.strokeRect(x + 1, y + 1, boxW - 2, d.rowHeight - 2);
      }
      drawn.push({ row: r - d.firstRow, x0: x, x1: x + boxW, i });
      x += boxW + TOK_GAP;
    }
  }
  return drawn;
}

/** The token drawn at (x, y) in CSS pixels of the canvas, or null. */
export function tokenAt(drawn: readonly DrawnToken[], x: number, y: number, rowHeight: number): number | null {
  const row = Math.floor(y / rowHeight);
  for (const t of drawn) if (t.row === row && x >= t.x0 && x < t.x1) return t.i;
  return null;
}

/** Reads the rows' looks from the page: the legend's entries (one per kind, and hidden ones for the prefix and the index column) and the scroll area's font. */
export function readLiveStyles(legend: HTMLElement, rows: HTMLElement): LiveStyles {
  const looks: Record<string, TokenLook> = {};
  for (const el of legend.querySelectorAll<HTMLElement>('.tok')) {
    const kind = [...el.classList].find((c) => c.startsWith('tok-'))?.slice(4);
    if (!kind) continue;
    const cs = getComputedStyle(el);
    const bg = cs.backgroundColor;
    looks[kind] = { color: cs.color, background: bg === 'transparent' || /rgba\(.*,\s*0\)$/.test(bg) ? null : bg, bold: Number(cs.fontWeight) >= 600 };
  }
  const rcs = getComputedStyle(rows);
  const index = legend.querySelector<HTMLElement>('.tok-index');
  const ics = index ? getComputedStyle(index) : rcs;
  const root = getComputedStyle(document.documentElement);
  return {
    font: `${rcs.fontSize} ${rcs.fontFamily}`,
    indexFont: `${ics.fontSize} ${rcs.fontFamily}`,
    indexColor: ics.color,
    looks,
    outline: root.getPropertyValue('--warn').trim() || '#e0af68',
  };
}
