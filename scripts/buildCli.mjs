#!/usr/bin/env node
/**
 * Builds the CLI (src/cli/main.ts) into build/cli/ as JavaScript, so `bin/transformer-vm` starts
 * without compiling TypeScript. esbuild bundles the sources; npm packages (clang, HiGHS) stay
 * external; every command is its own chunk, loaded on use. `npm ci` runs this (`prepare`), and
 * bin/transformer-vm runs it again when a bundled source is newer than the build.
 *
 * Sources locate files next to themselves with `new URL(…, import.meta.url)` (the inference core's
 * .wasm, the repository root); in a chunk, import.meta.url is the chunk's URL, so the plugin below
 * rewrites it to the source file's own URL, relative to the chunk (the build stays relocatable).
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT = join(ROOT, 'build', 'cli');

const sourceUrlPlugin = (outdir) => ({
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs|js)$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      const loader = extname(args.path) === '.ts' ? 'ts' : 'js';
      if (!contents.includes('import.meta.url')) return { contents, loader };
      const rel = relative(outdir, args.path).split(sep).join('/');
      contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      return { contents, loader };
    });
  },
});

function builtId(outdir) {
  try {
    return JSON.parse(readFileSync(join(outdir, 'build-info.json'), 'utf8')).id;
  } catch {
    return null;
  }
}

/** Builds into a fresh directory, then swaps it in (a concurrent run never sees half a build). */
export async function buildCli({ outdir = CLI_OUT, log = (line) => process.stderr.write(line + '\n') } = {}) {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const tmp = `${outdir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: join(ROOT, 'src', 'cli', 'main.ts') },
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    define: { __TVM_CLI_BUILT__: 'true' },
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin(outdir)],
  });
  const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(process.cwd(), p)).split(sep).join('/')).sort();
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(f).update('\0').update(readFileSync(join(ROOT, f))).update('\0');
  const info = { id: hash.digest('hex').slice(0, 16), inputs, builtAt };
  const infoText = JSON.stringify(info, null, 1) + '\n';
  writeFileSync(join(tmp, 'build-info.json'), infoText);
  if (builtId(outdir) === info.id) {
    // Same sources (touched, or built by a concurrent run): keep the chunks that may be in use,
    // and only record the new build time.
    writeFileSync(join(tmp, 'info.tmp'), infoText);
    renameSync(join(tmp, 'info.tmp'), join(outdir, 'build-info.json'));
    rmSync(tmp, { recursive: true, force: true });
  } else {
    rmSync(outdir, { recursive: true, force: true });
    try {
      renameSync(tmp, outdir);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      if (builtId(outdir) !== info.id) throw e;
    }
  }
  log(`built the CLI into ${relative(process.cwd(), outdir) || '.'} (${inputs.length} sources, build ${info.id})`);
  return info;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
