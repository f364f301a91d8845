/**
 * How tokens are spelled (docs/original-design.md §2.1). Token files are whitespace-separated lists of these.
 */

export const START_TOKEN = '{';
export const END_PROGRAM_TOKEN = '}';
export const SPECIALIZED_START_TOKEN = 'start';
export const HALT_TOKEN = 'halt';
export const BRANCH_TAKEN_TOKEN = 'branch_taken';
export const CALL_COMMIT_TOKEN = 'call_commit';
export const RETURN_COMMIT_TOKEN = 'return_commit';

const HEX = (v: number): string => v.toString(16).padStart(2, '0');

/** `hh` or, with a carry/borrow/sign mark, `hh'`. */
export function byteToken(value: number, marked = false): string {
  return marked ? `${HEX(value)}'` : HEX(value);
}

/** `commit(SD,sts=S,bt=B)` with an explicitly signed stack delta (`+0`, `+1`, `-1`, `-2`). */
export function commitToken(stackDelta: number, sts: boolean | number, bt: boolean | number): string {
  const sd = stackDelta >= 0 ? `+${stackDelta}` : `${stackDelta}`;
  return `commit(${sd},sts=${sts ? 1 : 0},bt=${bt ? 1 : 0})`;
}

/** `out(c)` for printable 0x21…0x7E, else `out(hh)`. */
export function outToken(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e ? `out(${String.fromCharCode(byte)})` : `out(${HEX(byte)})`;
}

/** An input byte as written in a `.txt` input section: the character if printable and not a brace. */
export function inputByteToken(byte: number): string {
  return byte >= 0x21 && byte <= 0x7e && byte !== 0x7b && byte !== 0x7d ? String.fromCharCode(byte) : HEX(byte);
}

/** The 7 (stack delta, sts) pairs that occur in the opcode table, each with bt ∈ {0,1}: 14 commits. */
export const COMMIT_KINDS: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [0, 1], [-1, 1], [-2, 1], [0, 0], [-1, 0], [-2, 0],
];

const TERMINAL_RE = /^(commit\(|out\(|halt$|branch_taken$|call_commit$|return_commit$)/;

/** True for tokens that close a line in `_ref.txt` files (docs/original-design.md §2.6). */
export function isTerminal(tok: string): boolean {
  return TERMINAL_RE.test(tok);
}

/** Parse a byte token (`hh`, `hh'`) or a single-character alias; null for anything else. */
export function parseByteToken(tok: string): { value: number; marked: boolean } | null {
  if (/^[0-9a-f]{2}'?$/.test(tok)) return { value: parseInt(tok.slice(0, 2), 16), marked: tok.endsWith("'") };
  if (tok.length === 1) {
    const c = tok.charCodeAt(0);
    if (c >= 0x21 && c <= 0x7e && tok !== '{' && tok !== '}') return { value: c, marked: false };
  }
  return null;
}

/** The byte an `out(..)` token prints, or null if the token is not an output token. */
export function parseOutToken(tok: string): number | null {
  const m = /^out\((.+)\)$/.exec(tok);
  if (!m) return null;
  const inner = m[1];
  if (inner.length === 1) return inner.charCodeAt(0);
  if (/^[0-9a-f]{2}$/.test(inner)) return parseInt(inner, 16);
  return null;
}
