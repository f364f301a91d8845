import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DISPLAY_TOKENS, TOKEN_KINDS, tokenKindOf } from '../../core/run/displayTokens.ts';
import type { TokenStore } from './tokenStore.ts';
import { lineOf } from '../../core/run/instructionBoundaries.ts';

/** Typed state of the pane (the run owns the store; the pane only reads it). */
export interface TokenStreamState {
  /** Bumped whenever the store grows, so the pane re-renders. */
  version: number;
  prefixTokens: number;
  generated: number;
  /** Generated tokens per second of engine time; null before the engine has run. */
  tokPerS: number | null;
  engine: string | null;
}

interface Props extends TokenStreamState {
  store: TokenStore;
  /** The selected token (stepping), highlighted; when `pinned`, scrolled into view. */
  selected?: number | null;
  pinned?: boolean;
  onSelectToken?: (index: number) => void;
}

const ROW_H = 18;
/** Browsers cap element heights (~33 M px in Chromium); past this the scrollbar is scaled. */
const MAX_SCROLL_PX = 8_000_000;
const MAX_TOKENS_PER_ROW = 48;

const fmt = new Intl.NumberFormat('en-US');

export function formatRate(tokPerS: number | null): string {
  if (tokPerS === null || !Number.isFinite(tokPerS)) return '—';
  if (tokPerS >= 1e6) return `${(tokPerS / 1e6).toFixed(1)} M tok/s`;
  if (tokPerS >= 1e3) return `${(tokPerS / 1e3).toFixed(1)} k tok/s`;
  return `${tokPerS.toFixed(0)} tok/s`;
}

function Row({ store, row, prefixTokens, selected }: { store: TokenStore; row: number; prefixTokens: number; selected: number | null }) {
  const [start, end] = store.lineRange(row);
  // A selected token beyond the row's first tokens is still shown (the window slides to it).
  const from = selected !== null && selected >= start + MAX_TOKENS_PER_ROW && selected < end ? selected - MAX_TOKENS_PER_ROW + 1 : start;
  const shown = Math.min(end, from + MAX_TOKENS_PER_ROW);
  const spans = [];
  if (from > start) spans.push(<span key="skipped" className="tok-more">… {fmt.format(from - start)} before</span>);
  for (let i = from; i < shown; i++) {
    const id = store.tokenId(i);
    const cls = i < prefixTokens ? (i === start && start > 0 && end - start === 5 ? 'tok tok-op' : 'tok tok-prefix') : `tok tok-${tokenKindOf(id)}`;
    spans.push(<span key={i} className={i === selected ? `${cls} tok-selected` : cls} data-i={i}>{DISPLAY_TOKENS[id]}</span>);
  }
  return (
    <div className="tok-row" style={{ height: ROW_H }}>
      <span className="tok-index">{start}</span>
      {spans}
      {shown < end ? <span className="tok-more">… {fmt.format(end - shown)} more</span> : null}
    </div>
  );
}

export function TokenStreamPane({ store, version, prefixTokens, generated, tokPerS, engine, selected = null, pinned = false, onSelectToken }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(300);
  const [follow, setFollow] = useState(true);

  const rows = store.lines;
  const fullH = rows * ROW_H;
  const spacerH = Math.min(fullH, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, spacerH - viewH);
  const fitRows = Math.max(1, Math.floor(viewH / ROW_H));
  const lastFirstRow = Math.max(0, rows - fitRows);
  // Linear map from the (possibly scaled) scroll position to the first visible row.
  const firstRow = maxScroll > 0 ? Math.round((Math.min(scrollTop, maxScroll) / maxScroll) * lastFirstRow) : 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewH(el.clientHeight));
    ro.observe(el);
    setViewH(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Live by default: while following, the newest tokens stay in view.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && follow) {
      el.scrollTop = el.scrollHeight;
      setScrollTop(el.scrollTop);
    }
  }, [version, follow, spacerH]);

  // A pinned selection (stepping, scrubbing) is scrolled into view.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !pinned || selected === null || selected >= store.length) return;
    const lo = lineOf(store, selected);
    if (lo >= firstRow + 1 && lo < firstRow + fitRows - 1) return;
    const target = Math.max(0, lo - Math.floor(fitRows / 2));
    const top = lastFirstRow > 0 ? (target / lastFirstRow) * maxScroll : 0;
    setFollow(false);
    el.scrollTop = top;
    setScrollTop(el.scrollTop);
    // Only a new selection scrolls (not the store growing): scrolling by hand afterwards is left alone.
  }, [selected, pinned]);

  const onClickToken = useCallback((ev: React.MouseEvent) => {
    const i = (ev.target as HTMLElement).dataset?.i;
    if (i !== undefined && onSelectToken) onSelectToken(Number(i));
  }, [onSelectToken]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H;
    setFollow(atBottom);
  }, []);

  const rowsOut = [];
  for (let r = firstRow; r < Math.min(rows, firstRow + fitRows + 1); r++) {
    rowsOut.push(<Row key={r} store={store} row={r} prefixTokens={prefixTokens} selected={selected} />);
  }

  return (
    <section className="pane token-pane" aria-label="Token stream" data-testid="token-stream">
      <header className="pane-title">
        <span>Token stream</span>
        <span className="stat">prefix <b data-testid="prefix-count">{fmt.format(prefixTokens)}</b></span>
        <span className="stat">generated <b data-testid="token-count">{fmt.format(generated)}</b></span>
        <span className="stat" data-testid="tok-per-s" title={engine ? `measured in the ${engine}` : undefined}>{formatRate(tokPerS)}</span>
        {!follow && rows > 0 ? (
          <button type="button" className="link-button" onClick={() => setFollow(true)}>follow newest</button>
        ) : null}
      </header>
      <div className="tok-legend" aria-hidden="true">
        {TOKEN_KINDS.filter((k) => k !== 'prefix').map((k) => <span key={k} className={`tok tok-${k}`}>{k}</span>)}
        <span className="tok tok-op">opcode</span>
      </div>
      <div className="tok-scroll" ref={scrollRef} onScroll={onScroll} onClick={onClickToken}>
        <div style={{ height: spacerH, position: 'relative' }}>
          <div className="tok-window" style={{ transform: `translateY(${Math.min(scrollTop, maxScroll)}px)` }}>
            {rows === 0 ? <p className="empty">Run a program to see the tokens it generates.</p> : rowsOut}
          </div>
        </div>
      </div>
    </section>
  );
}
