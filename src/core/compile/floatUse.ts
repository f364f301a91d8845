/**
 * Whether a C program may pass or receive a floating-point value, decided on its source text:
 * the integer-only libc (no float conversions in printf/scanf, docs/c-runtime.md) is linked
 * only when this says no. Detection on the compiled wasm would not do: clang folds
 * `printf("%f", 1.5)` into an integer store of the double's bits.
 *
 * Conservative (a false "yes" only costs program size): on the source with comments and
 * literals blanked, any floating type keyword, floating constant, include of a header of
 * floating macros, or identifier that the runtime headers declare with a floating type or
 * define as a floating macro. That identifier set is derived from the header text itself
 * (one source of truth), so a function added to <math.h> is covered without a list to update.
 */
import { blankCommentsAndLiterals } from './entry.ts';
import { runtimeIncludeTree } from './runtime/includeTree.ts';

/** Type keywords and compiler spellings that name a floating type. */
const FLOAT_TYPE_WORD = /^(float|double|_Complex|_Imaginary|__fp16|__bf16|__float128|__ibm128|_Float\d+x?|_Decimal\d+)$/;

/** Builtins and predefined macros that produce floating values (`__builtin_nanf`, `__DBL_MAX__`…). */
const FLOAT_BUILTIN = /^(__builtin_(nan|inf|huge_val)\w*|__(FLT|DBL|LDBL|FLT16|BFLT16|FLT32|FLT64|FLT128)_\w+__)$/;

/** Clang's own headers (not shadowed by the runtime's) whose macros are floating constants. */
const FLOAT_HEADER = /#\s*include\s*[<"](float|tgmath|complex|fenv)\.h[>"]/;

/** A preprocessing number that is a floating constant: a point or a decimal exponent, or a hex `p` exponent. */
function isFloatingConstant(ppNumber: string): boolean {
  if (/^0[xX]/.test(ppNumber)) return /[.pP]/.test(ppNumber);
  return /[.eE]/.test(ppNumber);
}

function identifiers(code: string): string[] {
  return code.match(/[A-Za-z_]\w*/g) ?? [];
}

/** Whether a piece of (blanked) code names a floating type, constant or builtin, or one of `known`. */
function mentionsFloat(code: string, known: ReadonlySet<string>): boolean {
  for (const id of identifiers(code)) {
    if (FLOAT_TYPE_WORD.test(id) || FLOAT_BUILTIN.test(id) || known.has(id)) return true;
  }
  for (const m of code.matchAll(/(?<![\w.])\.?\d(?:[eEpP][+-]|[\w.])*/g)) {
    if (isFloatingConstant(m[0])) return true;
  }
  return false;
}

/** Replaces every `{…}` (outermost, nesting counted) with `;`: bodies of inline functions and structs go. */
function withoutBraces(code: string): string {
  let out = '';
  let depth = 0;
  for (const c of code) {
    if (c === '{') {
      if (depth === 0) out += ';';
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      out += c;
    }
  }
  return out;
}

/**
 * The identifiers the runtime headers give a floating meaning: functions, variables and typedefs
 * declared with a floating type anywhere in their declaration (return or parameter), and macros
 * whose replacement is floating (to a fixed point, so a macro of a floating macro counts too).
 */
export function floatingHeaderIdentifiers(headers: Record<string, string> = runtimeIncludeTree()): Set<string> {
  const known = new Set<string>();
  const macros: { name: string; body: string }[] = [];
  for (const text of Object.values(headers)) {
    const code = blankCommentsAndLiterals(text.replace(/\\\n/g, ' '));
    const declarations: string[] = [];
    let rest = '';
    for (const line of code.split('\n')) {
      const define = /^\s*#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?(.*)$/.exec(line);
      if (define) macros.push({ name: define[1], body: define[3] });
      else if (!/^\s*#/.test(line)) rest += `${line}\n`;
    }
    declarations.push(...withoutBraces(rest).split(';'));
    for (const declaration of declarations) {
      if (!mentionsFloat(declaration, new Set())) continue;
      // the declared names: every identifier followed by `(` (the function, not its parameters'
      // types) and, for objects and typedefs, the last identifier of the declaration
      for (const m of declaration.matchAll(/([A-Za-z_]\w*)\s*\(/g)) {
        if (!/^(__attribute__|__typeof__|typeof|sizeof|_Alignas|__asm__)$/.test(m[1])) known.add(m[1]);
      }
      const last = /([A-Za-z_]\w*)\s*(\[[^\]]*\]\s*)*$/.exec(declaration.replace(/\([^()]*\)\s*$/, '').trim());
      if (last && !/\(/.test(declaration) && !FLOAT_TYPE_WORD.test(last[1])) known.add(last[1]);
    }
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { name, body } of macros) {
      if (!known.has(name) && mentionsFloat(body, known)) {
        known.add(name);
        changed = true;
      }
    }
  }
  return known;
}

let headerIdentifiers: Set<string> | null = null;

/** Whether the program's source may pass or receive a floating-point value (see above). */
export function mayUseFloat(source: string): boolean {
  if (FLOAT_HEADER.test(source)) return true;
  headerIdentifiers ??= floatingHeaderIdentifiers();
  return mentionsFloat(blankCommentsAndLiterals(source.replace(/\\\n/g, ' ')), headerIdentifiers);
}
