import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatProgramFile, formatSpecFile } from '../core/program/tokenFiles.ts';
import { parseArgs, stringFlag } from './args.ts';
import { EXAMPLES_DIR, loadProgram, readManifest, type LoadedProgram } from './programSource.ts';

/** `compile PROG.c [--args STR] [-o BASE]` | `compile --all [-o DIR]`: writes BASE.txt, BASE_spec.txt, BASE.meta.json. */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '-o'], boolean: ['--all'] });
  if (args.flags.has('--all')) {
    const dir = stringFlag(args, '-o') ?? 'out';
    for (const e of await readManifest()) {
      const loaded = await loadProgram(join(EXAMPLES_DIR, e.file), e.args);
      await writeArtifacts(loaded, join(dir, e.name));
    }
    return 0;
  }
  const [path] = args.positional;
  if (!path || args.positional.length > 1) {
    process.stderr.write('usage: transformer-vm compile PROG.c [--args STR] [-o BASE] | --all [-o DIR]\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  await writeArtifacts(loaded, stringFlag(args, '-o') ?? join('out', loaded.name));
  return 0;
}

async function writeArtifacts(l: LoadedProgram, base: string): Promise<void> {
  await mkdir(dirname(base) || '.', { recursive: true });
  const txt = formatProgramFile(l.program, l.input);
  await writeFile(`${base}.txt`, txt);
  await writeFile(`${base}_spec.txt`, formatSpecFile(l.program, l.input));
  // Token files hold tokens only (the original's engine reads them); provenance goes beside them.
  const meta = {
    format: 'transformer-vm-program-meta',
    version: 1,
    name: l.name,
    args: l.input ? new TextDecoder().decode(l.input) : null,
    clangVersion: l.program.clangVersion ?? null,
    instructions: l.program.instructions.length,
    inputBase: l.program.inputBase,
    functions: l.program.functions ?? [],
    sourceLines: l.program.sourceLines ?? null,
  };
  await writeFile(`${base}.meta.json`, JSON.stringify(meta) + '\n');
  const prefixTokens = txt.split(/\s+/).filter(Boolean).length;
  process.stderr.write(
    `${l.name}: ${l.program.instructions.length} instructions, ${prefixTokens} prefix tokens` +
      (l.compileMs !== undefined ? `, compiled in ${l.compileMs.toFixed(0)} ms` : '') +
      ` → ${base}.txt, ${base}_spec.txt\n`,
  );
}
