/**
 * Types the machine cannot compute exactly, refused before clang runs, with where they occur
 * (docs/c-runtime.md, "What is refused"). `long double` is IEEE binary128 in wasm32 (software
 * routines the runtime does not have) and 80-bit extended with gcc on x86-64: a program using it
 * compiled, folded its constants, and printed garbage for `%Lf`, so it is refused instead.
 */
import { blankCommentsAndLiterals, lineColumn } from './entry.ts';

export interface UnsupportedType {
  message: string;
  line: number;
  column: number;
}

const UNSUPPORTED: readonly { pattern: RegExp; message: string }[] = [
  { pattern: /\blong(?:\s+(?:const|volatile|static|register|signed|unsigned))*\s+double\b|\bdouble(?:\s+(?:const|volatile))*\s+long\b/, message: "'long double' is not supported: the machine computes IEEE double precision (use double, and %f rather than %Lf)" },
  { pattern: /\b(?:__float128|_Float128|__ibm128|_Float64x|_Float128x)\b/, message: 'quad and extended floating types are not supported: the machine computes IEEE double precision (use double)' },
];

/** The first use of an unsupported type in the source (comments and literals ignored), or null. */
export function findUnsupportedType(source: string): UnsupportedType | null {
  const code = blankCommentsAndLiterals(source);
  let first: UnsupportedType | null = null;
  let at = Infinity;
  for (const u of UNSUPPORTED) {
    const m = u.pattern.exec(code);
    if (!m || m.index >= at) continue;
    at = m.index;
    first = { message: u.message, ...lineColumn(code, m.index) };
  }
  return first;
}
