/**
 * How `main(argc, argv)` sees the argument string: split into words as a POSIX shell splits a
 * command line, without any expansion (docs/c-runtime.md, "Arguments"). The program's entry
 * (`entry.ts`) splits in C at run time, so the machine's trace includes it; this is the same rule
 * for what runs outside the machine (the native gcc oracle, the page's hint), and a test holds the
 * two equal (`arguments.test.ts`).
 *
 * Words are separated by spaces, tabs and newlines. Outside quotes a backslash takes the next
 * character literally (backslash-newline is removed); '…' is literal; inside "…" a backslash
 * escapes only $ ` " \ (and removes a newline), elsewhere it stays. An unterminated quote runs to
 * the end of the string.
 */
export function splitArguments(text: string): string[] {
  const words: string[] = [];
  const space = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';
  let i = 0;
  for (;;) {
    while (space(text[i])) i++;
    if (i >= text.length) return words;
    let word = '';
    while (i < text.length && !space(text[i])) {
      const c = text[i];
      if (c === "'") {
        i++;
        while (i < text.length && text[i] !== "'") word += text[i++];
        if (i < text.length) i++;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && '$`"\\\n'.includes(text[i + 1])) {
            if (text[i + 1] !== '\n') word += text[i + 1];
            i += 2;
          } else {
            word += text[i++];
          }
        }
        if (i < text.length) i++;
      } else if (c === '\\' && i + 1 < text.length) {
        if (text[i + 1] !== '\n') word += text[i + 1];
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
}
