/**
 * One display line of the token stream as an HTML string: the line's first index, then a span per
 * token (class by kind, `data-i` its index, the selected one marked). Following a live run
 * replaces every visible row several times a second, and one string per row costs the page far
 * less than a React element per token (docs/playground-page.md "Frames while following a live run").
 * Token spellings come from the display table only, escaped here (input bytes include `<`, `&`, `"`).
 */
import { DISPLAY_TOKENS, tokenKindOf } from '../../core/run/displayTokens.ts';
import type { TokenStore } from './tokenStore.ts';

/** Tokens drawn per row at most (a selected token further in slides the window to it). */
export const MAX_TOKENS_PER_ROW = 48;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const TOKEN_HTML = DISPLAY_TOKENS.map((t) => t.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c]));
const TOKEN_CLASS = DISPLAY_TOKENS.map((_, id) => `tok tok-${tokenKindOf(id)}`);
const fmt = new Intl.NumberFormat('en-US');

/** How a token of the program prefix is drawn: in a 5-token line after the first (an instruction), its first token is the opcode. */
export function prefixStyle(i: number, start: number, end: number): 'op' | 'prefix' {
  return i === start && start > 0 && end - start === 5 ? 'op' : 'prefix';
}

/**
 * Row `row` of `store`, drawn up to token `end` (exclusive; the stream as of the last
 * notification); `selected` is the selected token if it is in this row, else null.
 */
export function rowHtml(store: TokenStore, row: number, end: number, prefixTokens: number, selected: number | null): string {
  const start = store.lineRange(row)[0];
  const from = selected !== null && selected >= start + MAX_TOKENS_PER_ROW && selected < end ? selected - MAX_TOKENS_PER_ROW + 1 : start;
  const shown = Math.min(end, from + MAX_TOKENS_PER_ROW);
  let html = `<span class="tok-index">${start}</span>`;
  if (from > start) html += `<span class="tok-more">… ${fmt.format(from - start)} before</span>`;
  for (let i = from; i < shown; i++) {
    const id = store.tokenId(i);
    const cls = i < prefixTokens ? `tok tok-${prefixStyle(i, start, end)}` : TOKEN_CLASS[id];
    html += `<span class="${i === selected ? `${cls} tok-selected` : cls}" data-i="${i}">${TOKEN_HTML[id]}</span>`;
  }
  if (shown < end) html += `<span class="tok-more">… ${fmt.format(end - shown)} more</span>`;
  return html;
}
