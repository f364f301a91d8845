/**
 * Which printf engine a program links, decided on its source text: the small one (runtime/
 * libcFormatSmall.ts) when every printf-family call passes a literal format that uses only
 * SMALL_FORMATS, else the general one (64-bit integers, floats, every flag and length). The small
 * engine is a fraction of the general one's instructions, and most integer programs print only
 * %d, %s, %c, %x and %u (docs/c-runtime.md, "Two printf engines").
 *
 * Conservative: a false "general" only costs program size. A format may be a literal, adjacent
 * literals, or a conditional whose branches are such (`i ? " %d" : "%d"`). Any printf-family
 * name that is not a direct call with such a format (a `v…printf`, a format in a variable or a macro such as
 * PRId64, the function's address taken, a `__builtin_printf`) selects the general engine.
 */

/** What the small engine prints: the one statement of the set (the C engine implements exactly this). */
export const SMALL_FORMATS = {
  conversions: 'diuxXcs',
  /** '-' on any conversion; '0' only on the numeric ones (glibc's %05s is not specified by C). */
  flags: '-0',
  numericConversions: 'diuxX',
  /** Lengths that change nothing on wasm32 (long and size_t are 32 bits). */
  lengths: 'lz',
} as const;

/** The printf-family functions whose format is a direct argument: name → index of the format. */
const FORMAT_ARGUMENT: Record<string, number> = { printf: 0, fprintf: 1, dprintf: 1, sprintf: 1, snprintf: 2 };

/** Whether one conversion specification (the text after '%', up to and including its conversion) is in the set. */
function smallSpec(spec: string): boolean {
  const m = /^([-0]*)(\d*)([lz]?)(.)$/.exec(spec);
  if (!m) return false;
  const [, flags, width, length, conversion] = m;
  if (conversion === '%') return spec === '%';
  if (length === 'l' && (conversion === 's' || conversion === 'c')) return false;  // wide: %ls, %lc
  if (!SMALL_FORMATS.conversions.includes(conversion)) return false;
  if (flags.includes('0') && !SMALL_FORMATS.numericConversions.includes(conversion)) return false;
  return width.length <= 6;
}

/** Whether a format string (decoded) uses only SMALL_FORMATS. */
export function formatIsSmall(format: string): boolean {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    const m = /^[-0+ #]*(\d+|\*)?(\.(\d+|\*)?)?(hh|h|ll|l|j|z|t|L|q)?./s.exec(format.slice(i + 1));
    if (!m) return false;
    if (!smallSpec(m[0])) return false;
    i += m[0].length;
  }
  return true;
}

/** A C string literal's body (between the quotes) with its escapes decoded. */
function decodeLiteral(body: string): string {
  return body.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))/gs, (_, oct: string, hex: string, c: string) => {
    if (oct) return String.fromCharCode(parseInt(oct, 8) & 255);
    if (hex) return String.fromCharCode(parseInt(hex, 16) & 255);
    return ({ n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[c] ?? c;
  });
}

/** The source with comments blanked; literals kept. */
function withoutComments(source: string): string {
  return source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => (m.startsWith('/') ? ' '.repeat(m.length) : m));
}

/** The argument texts of the call whose '(' is at `open`, or null if the parentheses do not close. */
function callArguments(code: string, open: number): string[] | null {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === "'") {
      const m = (c === '"' ? /"(?:\\.|[^"\\\n])*"/y : /'(?:\\.|[^'\\\n])*'/y);
      m.lastIndex = i;
      const lit = m.exec(code);
      if (!lit) return null;
      i += lit[0].length - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(code.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(code.slice(start, i));
      start = i + 1;
    }
  }
  return null;
}

/** The decoded text of an argument made only of string literals (adjacent ones concatenate), else null. */
function literalArgument(arg: string): string | null {
  const m = /^\s*("(?:\\.|[^"\\\n])*"\s*)+$/.exec(arg);
  if (!m) return null;
  return [...arg.matchAll(/"((?:\\.|[^"\\\n])*)"/g)].map((l) => decodeLiteral(l[1])).join('');
}

/** Splits `cond ? a : b` at its top-level `?` and matching `:` (outside literals and brackets), else null. */
function splitConditional(arg: string): [string, string] | null {
  let depth = 0;
  let question = -1;
  let nested = 0;
  for (let i = 0; i < arg.length; i++) {
    const c = arg[i];
    if (c === '"' || c === "'") {
      const lit = (c === '"' ? /"(?:\\.|[^"\\\n])*"/y : /'(?:\\.|[^'\\\n])*'/y);
      lit.lastIndex = i;
      const m = lit.exec(arg);
      if (!m) return null;
      i += m[0].length - 1;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && c === '?') {
      if (question < 0) question = i;
      else nested++;
    } else if (depth === 0 && c === ':' && question >= 0) {
      if (nested > 0) nested--;
      else return [arg.slice(question + 1, i), arg.slice(i + 1)];
    }
  }
  return null;
}

/** The formats an argument can be: one literal, or the branches of conditionals of literals; else null. */
function literalFormats(arg: string): string[] | null {
  const literal = literalArgument(arg);
  if (literal !== null) return [literal];
  const branches = splitConditional(arg);
  if (!branches) return null;
  const [a, b] = branches.map(literalFormats);
  return a && b ? [...a, ...b] : null;
}

/** Whether the program may link the small printf engine (see the module comment). */
export function usesOnlySmallFormats(source: string): boolean {
  const code = withoutComments(source.replace(/\\\n/g, ''));
  // Identifiers outside literals: blank the literals' bodies so a "printf" inside text is no call.
  const bare = code.replace(/"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, (m) => `"${' '.repeat(m.length - 2)}"`);
  for (const m of bare.matchAll(/[A-Za-z_]\w*/g)) {
    const name = m[0];
    if (!name.includes('printf')) continue;
    const index = FORMAT_ARGUMENT[name];
    if (index === undefined) return false;
    const after = /^\s*\(/.exec(bare.slice(m.index + name.length));
    if (!after) return false;
    const args = callArguments(code, m.index + name.length + after[0].length - 1);
    const formats = args && args.length > index ? literalFormats(args[index]) : null;
    if (formats === null || !formats.every(formatIsSmall)) return false;
  }
  return true;
}
