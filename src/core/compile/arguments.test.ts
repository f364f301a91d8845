import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitArguments } from './arguments.ts';
import { compileC } from './compile.ts';
import { runWasmDirect } from './runWasmDirect.ts';

const CASES = [
  '',
  '   ',
  'one',
  '3 4',
  '  leading and   trailing  ',
  'tabs\tand\nnewlines',
  `'single quoted words' x`,
  `"double quoted" "" '' empty`,
  `mix"ed 'quo"tes'here`,
  `back\\ slash\\\\ and \\"quote\\"`,
  `"in double: \\" \\\\ \\$ \\x"`,
  `'in single: \\ " $'`,
  `line\\\ncontinued "and\\\ninside"`,
  `"unterminated double`,
  `'unterminated single`,
  `trailing backslash\\`,
  'a b c d e f g h i j k l m n o p q r s t u v w x y z',
];

/**
 * Whether the string can be given to `sh` as an oracle: no expansion characters outside single
 * quotes, no unescaped newline (a command separator there, whitespace here).
 */
const shellSafe = (s: string) => !/[^\\]\n/.test(s) && !/[$`*?[~]/.test(s.replace(/'[^']*'/g, ''));

describe('argv: the argument string split into words', () => {
  it('splits as a POSIX shell does without expansions (sh is the oracle)', () => {
    let checked = 0;
    for (const text of CASES.filter(shellSafe)) {
      const sh = spawnSync('sh', ['-c', 'set -f; eval "set -- $1"; for a; do printf "%s\\0" "$a"; done', 'sh', text], { encoding: 'utf8' });
      if (sh.status !== 0) continue;  // not a valid shell line (a quote sh pairs differently)
      const words = sh.stdout === '' ? [] : sh.stdout.slice(0, -1).split('\0');
      expect(splitArguments(text), JSON.stringify(text)).toEqual(words);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    expect(splitArguments(`"unterminated double`)).toEqual(['unterminated double']);
    expect(splitArguments(`trailing backslash\\`)).toEqual(['trailing', 'backslash\\']);
  });

  it("main(argc, argv) receives the same words, and stdin still reads the whole string", async () => {
    const c = await compileC(
      `#include <stdio.h>
int main(int argc, char **argv, char **envp) {
  printf("%d\\n", argc);
  for (int i = 0; i <= argc; i++) printf("%s\\n", argv[i] ? argv[i] : "(null)");
  printf("%s\\n", envp[0] ? "envp?" : "(null)");
  for (int c; (c = getchar()) != EOF;) putchar(c);
  return 0;
}`,
      { fileName: 'argv.c' },
    );
    for (const text of CASES) {
      const words = splitArguments(text);
      const expected = `${words.length + 1}\nprogram\n${words.map((w) => w + '\n').join('')}(null)\n(null)\n${text}`;
      expect(new TextDecoder().decode(runWasmDirect(c.wasm, text).output), JSON.stringify(text)).toBe(expected);
    }
  });
});
