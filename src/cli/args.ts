import { StageError } from '../core/errors.ts';

/** Minimal flag parser: `--name value`, `--name=value`, `-o value`, boolean flags, positionals. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], spec: { valued: string[]; boolean: string[] }): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (spec.valued.includes(name)) {
        const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new StageError('compile', `option ${name} needs a value`);
        flags.set(name, value);
      } else if (spec.boolean.includes(name) && eq < 0) {
        flags.set(name, true);
      } else {
        throw new StageError('compile', `unknown option ${name}`);
      }
    } else positional.push(a);
  }
  return { positional, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function intFlag(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new StageError('compile', `option ${name} needs a positive integer, got '${v}'`);
  return n;
}
