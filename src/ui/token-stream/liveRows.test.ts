import { describe, expect, it } from 'vitest';
import { DISPLAY_TOKENS, displayTokenId } from '../../core/run/displayTokens.ts';
import { TokenStore } from './tokenStore.ts';
import { drawLiveRows, tokenAt, type LiveStyles } from './liveRows.ts';

/** A 2-D context that records the text it is asked to draw (monospace: 7 px a character). */
function recordingContext() {
  const texts: { text: string; x: number; y: number; fill: string }[] = [];
  const ctx = {
    font: '', fillStyle: '', strokeStyle: '', lineWidth: 1, textAlign: 'left', textBaseline: 'alphabetic',
    clearRect() {}, beginPath() {}, roundRect() {}, fill() {}, strokeRect() {},
    measureText: (t: string) => ({ width: 7 * t.length }),
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, fill: String(ctx.fillStyle) });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

const STYLES: LiveStyles = {
  font: '12px mono', indexFont: '11px mono', indexColor: 'grey', outline: 'orange',
  looks: Object.fromEntries(['byte', 'marked', 'commit', 'branch', 'output', 'halt', 'prefix', 'op'].map((k) => [k, { color: k, background: null, bold: false }])),
};

function storeOf(lines: string[][]): TokenStore {
  const s = new TokenStore();
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length;
  }
  s.append({ start: 0, ids: Uint16Array.from(lines.flat().map(displayTokenId)), lineStarts: Uint32Array.from(starts) });
  return s;
}

describe('drawLiveRows', () => {
  const lines = [['{', '}'], ['00', '01', '02', 'halt'], ['ff', '7f']];
  const store = storeOf(lines);

  it('draws each row\'s index and tokens in order, coloured by kind, up to the given end', () => {
    const { ctx, texts } = recordingContext();
    const drawn = drawLiveRows(ctx, STYLES, { store, firstRow: 1, endRow: 3, end: 7, prefixTokens: 2, selected: null, rowHeight: 18, width: 600, height: 36 });
    expect(texts.map((t) => t.text)).toEqual(['2', '00', '01', '02', 'halt', '6', 'ff']);
    expect(texts.find((t) => t.text === 'halt')!.fill).toBe('halt');
    expect(drawn.map((d) => [d.row, d.i])).toEqual([[0, 2], [0, 3], [0, 4], [0, 5], [1, 6]]);
    // Left to right within a row, with no overlap.
    for (let k = 1; k < 4; k++) expect(drawn[k].x0).toBeGreaterThan(drawn[k - 1].x1);
  });

  it('maps a click back to the token drawn under it, and nothing between tokens', () => {
    const { ctx } = recordingContext();
    const drawn = drawLiveRows(ctx, STYLES, { store, firstRow: 0, endRow: 3, end: store.length, prefixTokens: 2, selected: 5, rowHeight: 18, width: 600, height: 54 });
    for (const d of drawn) expect(tokenAt(drawn, (d.x0 + d.x1) / 2, d.row * 18 + 9, 18)).toBe(d.i);
    expect(tokenAt(drawn, drawn[2].x1 + 1, 18 + 9, 18)).toBeNull();
    expect(tokenAt(drawn, 1, 9, 18)).toBeNull();
  });

  it('stops a row at the canvas width', () => {
    const long = storeOf([Array.from({ length: 200 }, (_, i) => (i % 256).toString(16).padStart(2, '0'))]);
    const { ctx } = recordingContext();
    const drawn = drawLiveRows(ctx, STYLES, { store: long, firstRow: 0, endRow: 1, end: 200, prefixTokens: 0, selected: null, rowHeight: 18, width: 300, height: 18 });
    expect(drawn.length).toBeLessThan(20);
    expect(drawn.at(-1)!.x0).toBeLessThan(300);
    expect(DISPLAY_TOKENS[long.tokenId(drawn.at(-1)!.i)]).toBe((drawn.length - 1).toString(16).padStart(2, '0'));
  });
});
