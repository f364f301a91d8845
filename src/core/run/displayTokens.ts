/**
 * The display table of every token a program prefix or a trace can contain, so the run worker can
 * ship token streams as Uint16Array ids (transferable, 2 bytes a token) instead of strings.
 * These ids are for display only; the model's vocabulary ids are a different numbering (docs/original-design.md §2.1).
 * No DOM here: the run worker imports this module too.
 */
import { COMMIT_KINDS, BRANCH_TAKEN_TOKEN, CALL_COMMIT_TOKEN, END_PROGRAM_TOKEN, HALT_TOKEN,
  RETURN_COMMIT_TOKEN, SPECIALIZED_START_TOKEN, START_TOKEN, byteToken, commitToken, inputByteToken, outToken } from '../tokens/spelling.ts';
import { OPCODES } from '../program/opcodes.ts';

const TOKEN_KINDS = ['prefix', 'byte', 'marked', 'commit', 'branch', 'output', 'halt'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

const KIND_INDEX: Record<TokenKind, number> = Object.fromEntries(TOKEN_KINDS.map((k, i) => [k, i])) as Record<TokenKind, number>;

function buildTable(): { tokens: string[]; kinds: Uint8Array } {
  const entries: Array<[string, TokenKind]> = [];
  const add = (t: string, k: TokenKind) => entries.push([t, k]);
  add(START_TOKEN, 'prefix');
  add(END_PROGRAM_TOKEN, 'prefix');
  // A specialized model's prompt starts with `start` (the program is in its weights).
  add(SPECIALIZED_START_TOKEN, 'prefix');
  for (const op of OPCODES) if (op !== HALT_TOKEN) add(op, 'prefix');
  add(HALT_TOKEN, 'halt');
  for (let v = 0; v < 256; v++) add(byteToken(v), 'byte');
  for (let v = 0; v < 256; v++) add(byteToken(v, true), 'marked');
  for (let v = 0; v < 256; v++) add(outToken(v), 'output');
  for (const [sd, sts] of COMMIT_KINDS) for (const bt of [0, 1]) add(commitToken(sd, sts, bt), 'commit');
  add(BRANCH_TAKEN_TOKEN, 'branch');
  add(CALL_COMMIT_TOKEN, 'branch');
  add(RETURN_COMMIT_TOKEN, 'branch');
  // Input-section aliases: a printable character stands for its byte.
  for (let c = 0x21; c <= 0x7e; c++) {
    const t = inputByteToken(c);
    if (t.length === 1) add(t, 'byte');
  }
  return { tokens: entries.map((e) => e[0]), kinds: Uint8Array.from(entries, (e) => KIND_INDEX[e[1]]) };
}

const TABLE = buildTable();
const IDS = new Map(TABLE.tokens.map((t, i) => [t, i]));

/** Display spelling of each id. */
export const DISPLAY_TOKENS: readonly string[] = TABLE.tokens;

/** Kind index (into TOKEN_KINDS) of each id. */
const DISPLAY_KINDS: Uint8Array = TABLE.kinds;

export function displayTokenId(token: string): number {
  const id = IDS.get(token);
  if (id === undefined) throw new Error(`token '${token}' has no display id`);
  return id;
}

export function tokenKindOf(id: number): TokenKind {
  return TOKEN_KINDS[DISPLAY_KINDS[id]];
}
