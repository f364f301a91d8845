import { describe, expect, it } from 'vitest';
import LZString from 'lz-string';
import {
  DEFAULT_SETTINGS, MAX_ARGS_CHARS, MAX_HASH_CHARS, MAX_SOURCE_CHARS, URL_STATE_VERSION,
  decodeShareHash, encodeLegacyHashForTests, encodeShareHash, shareUrl, type SharedState,
} from './url-state.ts';

const hello: SharedState = {
  source: 'void compute(const char *input) {\n  printf("Hello, %s!\\n", input);\n}\n',
  args: 'World',
  settings: { maxTokens: 123_456 },
};

function expectOk(hash: string): SharedState {
  const r = decodeShareHash(hash);
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.state;
}

function expectError(hash: string): string {
  const r = decodeShareHash(hash);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r).slice(0, 200)}`);
  expect(r.message).toMatch(/^This link cannot be opened: .+\. Nothing was run\.$/);
  return r.message;
}

function hashOf(version: number, body: unknown): string {
  return `#v${version}.${LZString.compressToEncodedURIComponent(JSON.stringify(body))}`;
}

describe('round trip', () => {
  it('restores program, args and settings exactly', () => {
    const hash = encodeShareHash(hello);
    expect(hash.startsWith(`#v${URL_STATE_VERSION}.`)).toBe(true);
    expect(expectOk(hash)).toEqual(hello);
  });

  it('keeps unusual text byte for byte (unicode, NUL, CRLF, quotes, empty args)', () => {
    const odd: SharedState = {
      source: 'int main(void){\r\n  puts("\u00e9\u4e2d\ud83d\ude00 \\" \' ` </script><script>alert(1)</script>");\u0000\n}',
      args: '',
      settings: { ...DEFAULT_SETTINGS },
    };
    expect(expectOk(encodeShareHash(odd))).toEqual(odd);
  });

  it('accepts the hash without its leading #, and shareUrl replaces an existing hash', () => {
    const hash = encodeShareHash(hello);
    expect(expectOk(hash.slice(1))).toEqual(hello);
    const url = shareUrl('http://127.0.0.1:4173/?x=1#old', hello);
    expect(url).toBe(`http://127.0.0.1:4173/?x=1${hash}`);
  });

  it('an empty hash is not an error', () => {
    expect(decodeShareHash('')).toEqual({ kind: 'empty' });
    expect(decodeShareHash('#')).toEqual({ kind: 'empty' });
  });

  it('refuses to encode what it would refuse to read', () => {
    expect(() => encodeShareHash({ ...hello, source: 'x'.repeat(MAX_SOURCE_CHARS + 1) })).toThrow(/too long/);
    expect(() => encodeShareHash({ ...hello, args: 'x'.repeat(MAX_ARGS_CHARS + 1) })).toThrow(/too long/);
    // Incompressible text of allowed length can still exceed the hash limit.
    let noise = '';
    let seed = 12345;
    for (let i = 0; i < MAX_SOURCE_CHARS; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      noise += String.fromCharCode(0x4e00 + (seed >>> 16) % 20000);
    }
    expect(() => encodeShareHash({ ...hello, source: noise })).toThrow(/more than a link may hold/);
  });
});

describe('old versions', () => {
  it('v1 links (program + args) open with default settings', () => {
    const hash = encodeLegacyHashForTests(1, { s: hello.source, a: 'World' });
    const r = decodeShareHash(hash);
    expect(r).toEqual({
      kind: 'ok',
      fromVersion: 1,
      state: { source: hello.source, args: 'World', settings: DEFAULT_SETTINGS },
    });
  });

  it('a v1 body with v2 field names is refused, not half-read', () => {
    expectError(hashOf(1, { source: 'x', args: 'y', settings: DEFAULT_SETTINGS }));
  });

  it('newer and unknown versions are refused with a message naming the version', () => {
    expect(expectError(hashOf(URL_STATE_VERSION + 1, { source: 'x' }))).toMatch(/newer playground \(link version 3/);
    expect(expectError(hashOf(0, { source: 'x' }))).toMatch(/version \(0\) is unknown/);
  });
});

describe('hostile and malformed input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['not a share link', '#section-2', /not a playground share link/],
    ['script in the hash', '#<script>alert(1)</script>', /not a playground share link/],
    ['javascript: url', '#javascript:alert(1)', /not a playground share link/],
    ['characters outside the alphabet', '#v2.abc def', /not a playground share link/],
    ['version without payload', '#v2.', /does not decompress/],
    ['garbage payload', '#v2.$$$$$$$$$$$$', /does not decompress|not valid JSON/],
    ['huge version number', '#v99999999.abc', /not a playground share link/],
  ];
  for (const [name, hash, re] of cases) {
    it(name, () => {
      expect(expectError(hash)).toMatch(re);
    });
  }

  it('valid compression of non-JSON', () => {
    expect(expectError(`#v2.${LZString.compressToEncodedURIComponent('{"source": ')}`)).toMatch(/not valid JSON/);
  });

  it('wrong shapes and types', () => {
    const good = { source: 'int main(void){return 0;}', args: '', settings: { maxTokens: 5000 } };
    expect(expectOk(hashOf(2, good)).source).toBe(good.source);
    expectError(hashOf(2, null));
    expectError(hashOf(2, [good]));
    expectError(hashOf(2, 'int main(void){}'));
    expectError(hashOf(2, { ...good, source: 42 }));
    expectError(hashOf(2, { ...good, source: { toString: 'x' } }));
    expectError(hashOf(2, { ...good, args: ['a'] }));
    expectError(hashOf(2, { source: good.source, args: '' }));
    expectError(hashOf(2, { ...good, settings: { maxTokens: '5000' } }));
    expectError(hashOf(2, { ...good, settings: { maxTokens: 1e300 } }));
    expectError(hashOf(2, { ...good, settings: { maxTokens: -1 } }));
    expectError(hashOf(2, { ...good, settings: { maxTokens: 2.5e4 + 0.5 } }));
  });

  it('prototype keys in the body are ignored, and do not pollute', () => {
    const json = '{"__proto__":{"source":"evil","polluted":true},"args":"a","settings":{"maxTokens":5000}}';
    expectError(`#v2.${LZString.compressToEncodedURIComponent(json)}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const withExtra = '{"source":"s","args":"a","settings":{"maxTokens":5000,"__proto__":{"x":1}},"run":true,"constructor":1}';
    const state = expectOk(`#v2.${LZString.compressToEncodedURIComponent(withExtra)}`);
    expect(state).toEqual({ source: 's', args: 'a', settings: { maxTokens: 5000 } });
    expect(Object.keys(state)).toEqual(['source', 'args', 'settings']);
  });

  it('oversized links are refused before decompression', () => {
    expect(expectError(`#v2.${'A'.repeat(MAX_HASH_CHARS)}`)).toMatch(/too long/);
  });

  it('a decompression bomb within the hash limit is refused by the size limit', () => {
    // LZ output grows quadratically in the input: a long run of one character compresses extremely well.
    const hash = `#v2.${LZString.compressToEncodedURIComponent('a'.repeat(300_000))}`;
    expect(hash.length).toBeLessThan(MAX_HASH_CHARS);
    expect(expectError(hash)).toMatch(/data is too large/);
  });

  it('oversized fields inside a small link are refused', () => {
    const big = { source: 'x'.repeat(MAX_SOURCE_CHARS + 1), args: '', settings: { maxTokens: 5000 } };
    expect(expectError(hashOf(2, big))).toMatch(/program is too long|data is too large/);
    const bigArgs = { source: 'x', args: 'y'.repeat(MAX_ARGS_CHARS + 1), settings: { maxTokens: 5000 } };
    expect(expectError(hashOf(2, bigArgs))).toMatch(/arguments are too long/);
  });

  it('random mutations of a valid link never throw and never return half-valid state', () => {
    const base = encodeShareHash(hello).slice(1);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$.#%<>"';
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed % n;
    };
    for (let i = 0; i < 500; i++) {
      const chars = base.split('');
      const edits = 1 + rand(4);
      for (let e = 0; e < edits; e++) chars[rand(chars.length)] = alphabet[rand(alphabet.length)];
      const r = decodeShareHash(chars.join(''));
      if (r.kind === 'ok') {
        expect(typeof r.state.source).toBe('string');
        expect(typeof r.state.args).toBe('string');
        expect(Number.isInteger(r.state.settings.maxTokens)).toBe(true);
      } else {
        expect(r.kind).toBe('error');
      }
    }
  });
});
