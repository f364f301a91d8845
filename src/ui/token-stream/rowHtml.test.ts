import { describe, expect, it } from 'vitest';
import { displayTokenId } from '../../core/run/displayTokens.ts';
import { HALT_TOKEN, inputByteToken } from '../../core/tokens/spelling.ts';
import { TokenStore } from './tokenStore.ts';
import { MAX_TOKENS_PER_ROW, rowHtml } from './rowHtml.ts';

/** The row's tokens as the browser would read them back: [class, data-i, text]. */
function parse(html: string): { index: string; tokens: [string, number, string][]; more: string[] } {
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const index = /^<span class="tok-index">(\d+)<\/span>/.exec(html)![1];
  const tokens = [...html.matchAll(/<span class="([^"]*)" data-i="(\d+)">([^<]*)<\/span>/g)].map((m) => [m[1], Number(m[2]), unescape(m[3])] as [string, number, string]);
  const more = [...html.matchAll(/<span class="tok-more">([^<]*)<\/span>/g)].map((m) => m[1]);
  return { index, tokens, more };
}

function storeOf(lines: string[][]): TokenStore {
  const s = new TokenStore();
  const ids = lines.flat().map(displayTokenId);
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length;
  }
  s.append({ start: 0, ids: Uint16Array.from(ids), lineStarts: Uint32Array.from(starts) });
  return s;
}

describe('rowHtml', () => {
  it('spells every token of the row with its kind and index, markup characters escaped', () => {
    const markup = ['<', '&', '"', '>'].map((c) => inputByteToken(c.charCodeAt(0)));
    const s = storeOf([['{'], [...markup, HALT_TOKEN]]);
    const r = parse(rowHtml(s, 1, s.length, 1, null));
    expect(r.index).toBe('1');
    expect(r.tokens.map((t) => t[2])).toEqual(['<', '&', '"', '>', HALT_TOKEN]);
    expect(r.tokens.map((t) => t[1])).toEqual([1, 2, 3, 4, 5]);
    expect(r.tokens[4][0]).toBe('tok tok-halt');
    expect(r.tokens[0][0]).toBe('tok tok-byte');
  });

  it('draws only up to the given end and marks the selected token', () => {
    const s = storeOf([['{', '}', '00', '01', '02']]);
    const r = parse(rowHtml(s, 0, 3, 0, 2));
    expect(r.tokens.map((t) => t[2])).toEqual(['{', '}', '00']);
    expect(r.tokens[2][0]).toMatch(/ tok-selected$/);
    expect(r.tokens.filter((t) => t[0].includes('tok-selected'))).toHaveLength(1);
  });

  it('slides a long row to a selected token past its first tokens and says what is left out', () => {
    const n = MAX_TOKENS_PER_ROW * 3;
    const s = storeOf([Array.from({ length: n }, (_, i) => (i % 256).toString(16).padStart(2, '0'))]);
    const sel = MAX_TOKENS_PER_ROW * 2;
    const r = parse(rowHtml(s, 0, n, 0, sel));
    expect(r.tokens).toHaveLength(MAX_TOKENS_PER_ROW);
    expect(r.tokens.at(-1)![1]).toBe(sel);
    expect(r.more).toEqual([`… ${sel - MAX_TOKENS_PER_ROW + 1} before`, `… ${n - sel - 1} more`]);
  });
});
