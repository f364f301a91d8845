/**
 * The vocabulary (docs/original-design.md §2.1): the union of a machine's input tokens (those with an embedding)
 * and output tokens (those with an unembedding row), sorted by code point; a token's id is
 * its index in that order.
 */
export interface Vocabulary {
  readonly tokens: readonly string[];
  readonly size: number;
  /** Id of a token, or undefined if it is not in the vocabulary. */
  idOf(token: string): number | undefined;
  /** Id of a token; throws for an unknown token. */
  id(token: string): number;
  has(token: string): boolean;
}

/** Code-point order (every token is ASCII, so this is also UTF-16 order). */
function compareTokens(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildVocabulary(inputTokens: Iterable<string>, outputTokens: Iterable<string>): Vocabulary {
  const tokens = [...new Set([...inputTokens, ...outputTokens])].sort(compareTokens);
  const ids = new Map(tokens.map((t, i) => [t, i]));
  return {
    tokens,
    size: tokens.length,
    idOf: (t) => ids.get(t),
    id: (t) => {
      const i = ids.get(t);
      if (i === undefined) throw new Error(`'${t}' is not a token of this vocabulary`);
      return i;
    },
    has: (t) => ids.has(t),
  };
}

/**
 * ASCII aliases: every printable character 0x21…0x7E that is not already a token stands for its
 * plain hex byte (`W` ≡ `57`). Returns [alias, hex byte token] pairs in code-point order.
 */
export function asciiAliases(existing: ReadonlySet<string> | ReadonlyMap<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  for (let c = 0x21; c <= 0x7e; c++) {
    const ch = String.fromCharCode(c);
    if (!existing.has(ch)) out.push([ch, c.toString(16).padStart(2, '0')]);
  }
  return out;
}
