/**
 * The examples menu: `examples/manifest.json` and the C files it names, bundled at build time
 * (Vite glob imports; a missing manifest gives an empty menu rather than a broken build).
 */
export interface Example {
  name: string;
  file: string;
  args: string;
  description?: string;
  source: string;
}

interface ManifestEntry {
  name?: unknown;
  file?: unknown;
  args?: unknown;
  description?: unknown;
}

const manifests = import.meta.glob<unknown>('../../../examples/manifest.json', { eager: true, import: 'default' });
const sources = import.meta.glob<string>('../../../examples/*.c', { eager: true, query: '?raw', import: 'default' });

function sourceOf(file: string): string | undefined {
  return sources[`../../../examples/${file}`];
}

function readManifest(): Example[] {
  const raw = Object.values(manifests)[0];
  const list = Array.isArray(raw) ? raw : (raw as { examples?: unknown } | undefined)?.examples;
  if (!Array.isArray(list)) return [];
  const out: Example[] = [];
  for (const e of list as ManifestEntry[]) {
    if (typeof e?.name !== 'string' || typeof e.file !== 'string') continue;
    const source = sourceOf(e.file);
    if (source === undefined) continue;
    out.push({
      name: e.name,
      file: e.file,
      args: typeof e.args === 'string' ? e.args : '',
      description: typeof e.description === 'string' ? e.description : undefined,
      source,
    });
  }
  return out;
}

export const EXAMPLES: readonly Example[] = readManifest();

/** Shown when the manifest is empty (or before the examples land): the original's hello. */
export const FALLBACK_EXAMPLE: Example = {
  name: 'hello',
  file: 'hello.c',
  args: 'World',
  source: 'void compute(const char *input) {\n  printf("Hello, %s!\\n", input);\n}\n',
};

export function defaultExample(): Example {
  return EXAMPLES.find((e) => e.name === 'hello') ?? EXAMPLES[0] ?? FALLBACK_EXAMPLE;
}
