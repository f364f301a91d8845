import { describe, expect, it } from 'vitest';
import { blankCommentsAndLiterals, detectEntry } from './entry.ts';

function form(source: string) {
  const f = detectEntry(source);
  if ('error' in f) return f.error;
  return `${f.entry}/${f.takesInput ? 'input' : 'no-input'}`;
}

describe('detectEntry', () => {
  it('recognizes the two compute forms', () => {
    expect(form('void compute(const char *input) { }')).toBe('compute/input');
    expect(form('void compute(void)\n{\n}')).toBe('compute/no-input');
    expect(form('void compute() {}')).toBe('compute/no-input');
  });

  it('recognizes the two main forms', () => {
    expect(form('int main(void) { return 0; }')).toBe('main/no-input');
    expect(form('int main() { return 0; }')).toBe('main/no-input');
    expect(form('int main(int argc, char **argv) { return 0; }')).toBe('main/input');
    expect(form('int main(int argc, char *argv[], char **envp) { return 0; }')).toBe('main/input');
  });

  it('gives main(void) the argument as stdin when it reads stdin', () => {
    expect(form('int main(void) { int c = getchar(); return c; }')).toBe('main/input');
    expect(form('int main(void) { int n; scanf("%d", &n); return n; }')).toBe('main/input');
    expect(form('int main(void) { char b[9]; fgets(b, 9, stdin); return 0; }')).toBe('main/input');
    expect(form('int main(void) { puts("getchar()"); return 0; }')).toBe('main/no-input');
  });

  it('ignores prototypes, calls, comments and strings', () => {
    expect(form('void compute(const char *);\nint main(void) { /* compute(x) { */ puts("compute(y) {"); return 0; }')).toBe(
      'main/no-input',
    );
    expect(form('// int main(void) {}\nvoid compute(void) {}')).toBe('compute/no-input');
  });

  it('prefers compute when both are defined', () => {
    expect(form('int main(void) { return 0; }\nvoid compute(const char *s) {}')).toBe('compute/input');
  });

  it('refuses sources without an entry point, or with odd signatures', () => {
    expect(form('int f(void) { return 1; }')).toMatch(/no entry point/);
    expect(form('int main(int argc) { return 0; }')).toMatch(/main must be/);
    expect(form('int main(void) { return 0; }\nint compute(int a, int b) { return a; }')).toMatch(/must not define/);
  });

  it('main() entry code calls main with argv = {"program", the words of the input} (run: arguments.test.ts)', () => {
    const f = detectEntry('int main(int argc, char **argv) { return 0; }');
    expect('error' in f).toBe(false);
    if (!('error' in f)) {
      expect(f.entryCode).toMatch(/#line 1 "tvm_entry\.c"/);
      expect(f.entryCode).toMatch(/exit\(main\(__tvm_argc, \(void \*\)__tvm_argv\)\);/);
    }
  });
});

describe('blankCommentsAndLiterals', () => {
  it('keeps line structure and length', () => {
    const src = 'a /* x\ny */ "s\\"t" \'c\' // z\nb';
    const out = blankCommentsAndLiterals(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n').length).toBe(src.split('\n').length);
    expect(out.replace(/\s+/g, '')).toBe('ab');
  });
});
