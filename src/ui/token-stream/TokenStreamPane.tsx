import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TokenStore } from './tokenStore.ts';
import { lineOf } from '../../core/run/instructionBoundaries.ts';
import { useRunStream, type RunStream } from '../run/runStream.ts';
import { useSteppingContext } from '../stepping/SteppingProvider.tsx';
import { KIND_MEANINGS, explainToken } from './explainToken.ts';
import { rowHtml } from './rowHtml.ts';
import { drawLiveRows, readLiveStyles, tokenAt, type DrawnToken, type LiveStyles } from './liveRows.ts';

/** How long after a wheel, key or pointer action a scroll counts as the person's own. */
const USER_SCROLL_MS = 400;

const ROW_H = 18;
/**
 * Room below the last row for the "follow newest" button (app.css `.follow-newest`: 24 px high,
 * 6 px above the bottom): at the end of the stream the last row sits above it, following or not,
 * so the button never covers it and showing it moves nothing.
 */
const BOTTOM_ROOM = 32;
/** Browsers cap element heights (~33 M px in Chromium); past this the scrollbar is scaled. */
const MAX_SCROLL_PX = 8_000_000;

const fmt = new Intl.NumberFormat('en-US');

export function formatRate(tokPerS: number | null): string {
  if (tokPerS === null || !Number.isFinite(tokPerS)) return '—';
  if (tokPerS >= 1e6) return `${(tokPerS / 1e6).toFixed(1)} M tok/s`;
  if (tokPerS >= 1e3) return `${(tokPerS / 1e3).toFixed(1)} k tok/s`;
  return `${tokPerS.toFixed(0)} tok/s`;
}

/** One line of the stream; `end` and `selected` (null unless in this row) are props so unchanged rows are not rendered again. */
const Row = memo(function Row({ store, row, end, prefixTokens, selected }: { store: TokenStore; row: number; end: number; prefixTokens: number; selected: number | null }) {
  return <div className="tok-row" style={{ height: ROW_H }} dangerouslySetInnerHTML={{ __html: rowHtml(store, row, end, prefixTokens, selected) }} />;
});

/**
 * The token stream, virtualised (only the rows on screen are rendered). Live by default: it
 * follows the newest token until the person scrolls away (wheel, keys, scrollbar), and follows
 * again when they scroll back to the bottom or press "follow newest". Programmatic scrolls never
 * turn following off (the stream grows between setting scrollTop and the scroll event).
 */
export function TokenStreamPane() {
  const { stream, stepping, tokenText } = useSteppingContext();
  return <TokenStreamView stream={stream} selected={stepping.selection.token} pinned={!stepping.selection.follow} onSelectToken={stepping.select} tokenText={tokenText} />;
}

interface ViewProps {
  stream: RunStream;
  selected: number | null;
  pinned: boolean;
  onSelectToken: (t: number) => void;
  tokenText: (i: number) => string;
}

/**
 * The pane itself, rendered when the stream notifies or the selection changes (not for the
 * machine-state and graph answers, which render the stepping context), and drawn as of the last
 * notification: tokens the store received since are shown with the next one.
 */
const TokenStreamView = memo(function TokenStreamView({ stream, selected, pinned, onSelectToken, tokenText }: ViewProps) {
  const { prefixTokens, generated, tokPerS, engine, length, running } = useRunStream(stream);
  const store = stream.store;
  const scrollRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnToken[]>([]);
  const styles = useRef<LiveStyles | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewH, setViewH] = useState(300);
  const [viewW, setViewW] = useState(600);
  const [follow, setFollow] = useState(true);
  const followRef = useRef(follow);
  followRef.current = follow;
  const userAt = useRef(-Infinity);
  /** The last scroll position the pane set itself: a scroll event there is not the person's. */
  const setByPane = useRef(-1);
  const pointerDown = useRef(false);

  const rows = length > 0 ? lineOf(store, length - 1) + 1 : 0;
  const fullH = rows * ROW_H + BOTTOM_ROOM;
  const spacerH = Math.min(fullH, MAX_SCROLL_PX);
  const maxScroll = Math.max(0, spacerH - viewH);
  // Rows that fit above the bottom room (the last ones shown at the end), and rows the view can show.
  const fitRows = Math.max(1, Math.floor((viewH - BOTTOM_ROOM) / ROW_H));
  const viewRows = Math.ceil(viewH / ROW_H);
  const lastFirstRow = Math.max(0, rows - fitRows);
  // Following: the last rows, whatever scroll event is still on its way (no second render, and
  // no layout read, per notification). Else a linear map from the (possibly scaled) scroll
  // position to the first visible row.
  const top = follow ? maxScroll : Math.min(scrollTop, maxScroll);
  const firstRow = follow ? lastFirstRow : maxScroll > 0 ? Math.round((top / maxScroll) * lastFirstRow) : 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      setViewH(el.clientHeight);
      setViewW(el.clientWidth);
    };
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, []);

  // Live by default: while following, the newest tokens stay in view.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && follow) {
      el.scrollTop = maxScroll;
      setByPane.current = maxScroll;
    }
  }, [follow, maxScroll]);

  // "Follow live" / "To end" in the stepping bar follow here too.
  useEffect(() => {
    if (!pinned) setFollow(true);
  }, [pinned]);

  // A pinned selection (stepping, scrubbing, a click) stops following and is scrolled into view
  // (a token clicked while the run streams stays where it was clicked).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !pinned || selected === null || selected >= length) return;
    const lo = lineOf(store, selected);
    if (lo >= firstRow + 1 && lo < firstRow + fitRows - 1) {
      setFollow(false);
      setScrollTop(el.scrollTop);
      return;
    }
    const target = Math.max(0, lo - Math.floor(fitRows / 2));
    const top = lastFirstRow > 0 ? (target / lastFirstRow) * maxScroll : 0;
    setFollow(false);
    el.scrollTop = top;
    setByPane.current = el.scrollTop;
    setScrollTop(el.scrollTop);
    // Only a new selection scrolls (not the store growing): scrolling by hand afterwards is left alone.
  }, [selected, pinned]);

  // Following a live run, the visible rows are drawn on a canvas (liveRows.ts): they all change
  // with every notification. Drawn in the commit of the notification's render, so in its frame.
  const live = follow && running && rows > 0;
  const endRow = Math.min(rows, firstRow + viewRows + 1);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!live || !canvas || !legendRef.current || !scrollRef.current) return;
    styles.current ??= readLiveStyles(legendRef.current, scrollRef.current);
    const dpr = window.devicePixelRatio || 1;
    const height = (endRow - firstRow) * ROW_H;
    if (canvas.width !== Math.round(viewW * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(viewW * dpr);
      canvas.height = Math.round(height * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawn.current = drawLiveRows(ctx, styles.current, { store, firstRow, endRow, end: length, prefixTokens, selected, rowHeight: ROW_H, width: viewW, height });
  }, [live, store, firstRow, endRow, length, prefixTokens, selected, viewW]);

  const onClickToken = useCallback((ev: React.MouseEvent) => {
    const target = ev.target as HTMLElement;
    if (target === canvasRef.current) {
      const box = target.getBoundingClientRect();
      const i = tokenAt(drawn.current, ev.clientX - box.left, ev.clientY - box.top, ROW_H);
      if (i !== null) onSelectToken(i);
      return;
    }
    const i = target.dataset?.i;
    if (i !== undefined && onSelectToken) onSelectToken(Number(i));
  }, [onSelectToken]);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    // A click on a token is a pointer action too, but the scroll that follows it is the pane's.
    const own = (pointerDown.current || performance.now() - userAt.current < USER_SCROLL_MS) && Math.abs(el.scrollTop - setByPane.current) > 1;
    // While following, the rows shown do not depend on the scroll position (see `top`).
    if (!own && followRef.current) return;
    setScrollTop(el.scrollTop);
    if (!own) return;
    setFollow(el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_H);
  }, []);
  const onUserInput = useCallback(() => {
    userAt.current = performance.now();
  }, []);
  useEffect(() => {
    const up = () => {
      if (pointerDown.current) userAt.current = performance.now();
      pointerDown.current = false;
    };
    window.addEventListener('pointerup', up);
    return () => window.removeEventListener('pointerup', up);
  }, []);

  const rowsOut = [];
  for (let r = firstRow; !live && r < endRow; r++) {
    const [start, lineEnd] = store.lineRange(r);
    const end = Math.min(lineEnd, length);
    rowsOut.push(<Row key={r} store={store} row={r} end={end} prefixTokens={prefixTokens} selected={selected !== null && selected >= start && selected < end ? selected : null} />);
  }

  const phase = selected === null ? 'run' : selected < prefixTokens ? 'prefix' : 'run';
  const explanation = selected !== null && selected < length ? `Token ${fmt.format(selected)} · ${explainToken(tokenText(selected), phase)}` : null;

  return (
    <section className="pane token-pane" aria-label="Token stream" data-testid="token-stream">
      <header className="pane-title">
        <span>Tokens</span>
        <span className="stat" title="Tokens of the program prefix (the program as the prompt)">prefix <b data-testid="prefix-count">{fmt.format(prefixTokens)}</b></span>
        <span className="stat" title="Tokens generated by the engine (input section included)">gen <b data-testid="token-count">{fmt.format(generated)}</b></span>
        <span className="stat" data-testid="tok-per-s" title={engine ? `Tokens per second, measured in the ${engine}` : 'Tokens per second of the last run'}>{formatRate(tokPerS)}</span>
      </header>
      <div className="tok-legend" ref={legendRef}>
        {(Object.keys(KIND_MEANINGS) as (keyof typeof KIND_MEANINGS)[]).map((k) => <span key={k} className={`tok tok-${k}`} title={KIND_MEANINGS[k]}>{k}</span>)}
        <span className="tok tok-op" title="an instruction's opcode in the program prefix">opcode</span>
        {/* Not shown: their looks are read for the rows drawn while following a live run. */}
        <span className="tok tok-prefix" hidden />
        <span className="tok-index" hidden />
      </div>
      <div className="tok-scroll-wrap">
      {/* Over the rows, not in the header (which has no room for it beside the figures at 1280 px). */}
      {!follow && rows > 0 ? (
        <button type="button" className="follow-newest" data-testid="follow-newest" onClick={() => setFollow(true)}
          title="Scroll to the newest token and keep it in view">↓ follow newest</button>
      ) : null}
      <div className="tok-scroll" ref={scrollRef} onScroll={onScroll} onClick={onClickToken} tabIndex={0}
        onWheel={onUserInput} onKeyDown={onUserInput} onTouchMove={onUserInput}
        onPointerDown={() => { pointerDown.current = true; onUserInput(); }}
        title="Click a token to see the machine and the attention heads at it">
        <div style={{ height: spacerH, position: 'relative' }}>
          <div className="tok-window" style={{ transform: `translateY(${top}px)` }}>
            {rows === 0 ? <p className="empty">Run a program to see the tokens it generates.</p>
              : live ? <canvas ref={canvasRef} className="tok-canvas" style={{ width: viewW, height: (endRow - firstRow) * ROW_H }}
                role="img" aria-label={`The newest tokens of the live run, up to token ${fmt.format(length - 1)}`} />
              : rowsOut}
          </div>
        </div>
      </div>
      </div>
      <p className="tok-explain" data-testid="token-explanation" title={explanation ?? undefined}>{explanation ?? 'Select a token (click it, step or scrub) to read what it means.'}</p>
    </section>
  );
});
