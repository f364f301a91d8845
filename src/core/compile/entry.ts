/**
 * Which of the two program forms a C source uses, and the entry code that adapts the `main()`
 * form to the machine's entry point, `compute`.
 *
 * Detection is textual, on the source with comments and string/char literals blanked out:
 * a function *definition* `compute(...) {` selects the original's form (docs/original-design.md §3.1); otherwise a
 * definition `main(...) {` selects the ordinary-C form. (So a `main()` program must not define a
 * function of its own named `compute`.) The entry code is appended to the program's own
 * translation unit behind a `#line` directive, so it needs no extra clang run and its
 * diagnostics and debug lines name `tvm_entry.c`, not the user's file.
 */
export const ENTRY_FILE_NAME = 'tvm_entry.c';

export interface EntryForm {
  /** `compute`: the original's `void compute(const char *input)` / `void compute(void)`. */
  entry: 'compute' | 'main';
  /** True when the entry reads the argument string (compute with a parameter, main with argc/argv). */
  takesInput: boolean;
  /** C appended to the program's translation unit ('' for the compute form). */
  entryCode: string;
}

/** 1-based line and column of a character index (in the source, or its blanked copy: same layout). */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** The source with comments, string literals and char literals replaced by spaces (newlines kept). */
export function blankCommentsAndLiterals(source: string): string {
  let out = '';
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && next === '*') {
      out += '  ';
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        out += source[i] === '\n' ? '\n' : ' ';
        i++;
      }
      if (i < n) {
        out += '  ';
        i += 2;
      }
    } else if (c === '"' || c === "'") {
      out += ' ';
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\' && i + 1 < n) {
          out += source[i + 1] === '\n' ? ' \n' : '  ';
          i += 2;
        } else {
          out += ' ';
          i++;
        }
      }
      if (i < n && source[i] === c) {
        out += ' ';
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

interface Definition {
  params: string[];
}

function findDefinition(code: string, name: string): Definition | null {
  const re = new RegExp(`\\b${name}\\s*\\(([^()]*)\\)\\s*\\{`);
  const m = re.exec(code);
  if (!m) return null;
  const inside = m[1].trim();
  const params = inside === '' || inside === 'void' ? [] : inside.split(',').map((p) => p.trim());
  return { params };
}

/** Returning from main is calling exit with its value (C11 5.1.2.2.3): the status reaches `halt`. */
const EXIT_DECLARATION = '__attribute__((noreturn)) void exit(int status);';

const MAIN_NO_ARGS_ENTRY = `
#line 1 "${ENTRY_FILE_NAME}"
${EXIT_DECLARATION}
void compute(void) {
  exit(main());
}
`;

/* main(void) reading stdin: the entry takes the argument string, which stdin reads (docs/c-runtime.md). */
const MAIN_NO_ARGS_STDIN_ENTRY = `
#line 1 "${ENTRY_FILE_NAME}"
void compute(const char *__tvm_input) {
  (void)__tvm_input;
  main();
}
`;

/** Whether the code reads standard input (which is the argument string). */
function readsStdin(code: string): boolean {
  return /\b(stdin|getchar|scanf|vscanf|gets)\b/.test(code);
}

/**
 * main(argc, argv): argv[1…] are the argument string's words, split as a shell splits a command
 * line without expansions (the rule and its TypeScript twin: arguments.ts). The words are copied
 * (stdin still reads the string itself); argv[argc] and envp's one entry are NULL.
 */
function mainArgsEntry(withEnvp: boolean): string {
  return `
#line 1 "${ENTRY_FILE_NAME}"
${EXIT_DECLARATION}
void *malloc(__SIZE_TYPE__ size);
static int __tvm_space(char c) { return c == ' ' || c == '\\t' || c == '\\n'; }
void compute(const char *__tvm_input) {
  const char *__tvm_p = __tvm_input;
  __SIZE_TYPE__ __tvm_n = 0;
  while (__tvm_p[__tvm_n]) __tvm_n++;
  char **__tvm_argv = malloc(((__tvm_n + 1) / 2 + 2) * sizeof(char *));
  char *__tvm_o = malloc(__tvm_n + 1);
  int __tvm_argc = 0;
  __tvm_argv[__tvm_argc++] = "program";
  for (;;) {
    while (__tvm_space(*__tvm_p)) __tvm_p++;
    if (!*__tvm_p) break;
    __tvm_argv[__tvm_argc++] = __tvm_o;
    while (*__tvm_p && !__tvm_space(*__tvm_p)) {
      if (*__tvm_p == '\\'') {
        __tvm_p++;
        while (*__tvm_p && *__tvm_p != '\\'') *__tvm_o++ = *__tvm_p++;
        if (*__tvm_p) __tvm_p++;
      } else if (*__tvm_p == '"') {
        __tvm_p++;
        while (*__tvm_p && *__tvm_p != '"') {
          if (*__tvm_p == '\\\\' && (__tvm_p[1] == '$' || __tvm_p[1] == '\\x60' || __tvm_p[1] == '"' || __tvm_p[1] == '\\\\' || __tvm_p[1] == '\\n')) {
            if (__tvm_p[1] != '\\n') *__tvm_o++ = __tvm_p[1];
            __tvm_p += 2;
          } else {
            *__tvm_o++ = *__tvm_p++;
          }
        }
        if (*__tvm_p) __tvm_p++;
      } else if (*__tvm_p == '\\\\' && __tvm_p[1]) {
        if (__tvm_p[1] != '\\n') *__tvm_o++ = __tvm_p[1];
        __tvm_p += 2;
      } else {
        *__tvm_o++ = *__tvm_p++;
      }
    }
    *__tvm_o++ = 0;
  }
  __tvm_argv[__tvm_argc] = 0;
  exit(main(__tvm_argc, (void *)__tvm_argv${withEnvp ? ', (void *)(__tvm_argv + __tvm_argc)' : ''}));
}
`;
}

/**
 * Detects the program form. Returns a message instead when the source has no usable entry point.
 * `compute` with a parameter is the form that takes input, as do `main(argc, argv)` and a
 * `main(void)` that reads stdin (stdin, getchar, scanf); a compute with more than one parameter
 * is refused.
 */
export function detectEntry(source: string): EntryForm | { error: string } {
  const code = blankCommentsAndLiterals(source);
  const compute = findDefinition(code, 'compute');
  const main = findDefinition(code, 'main');
  if (compute) {
    if (compute.params.length > 1) {
      return {
        error: main
          ? "a program with main() must not define its own function named 'compute' (it is the machine's entry point)"
          : "the entry point must be 'void compute(const char *input)' or 'void compute(void)'",
      };
    }
    return { entry: 'compute', takesInput: compute.params.length === 1, entryCode: '' };
  }
  if (main) {
    const count = main.params.length;
    if (count === 0) {
      return readsStdin(code)
        ? { entry: 'main', takesInput: true, entryCode: MAIN_NO_ARGS_STDIN_ENTRY }
        : { entry: 'main', takesInput: false, entryCode: MAIN_NO_ARGS_ENTRY };
    }
    if (count === 2 || count === 3) return { entry: 'main', takesInput: true, entryCode: mainArgsEntry(count === 3) };
    return { error: "main must be 'int main(void)' or 'int main(int argc, char **argv)'" };
  }
  return {
    error: "no entry point: define 'void compute(const char *input)', 'void compute(void)', 'int main(void)' or 'int main(int argc, char **argv)'",
  };
}
