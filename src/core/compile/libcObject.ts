/**
 * The runtime libc as a wasm object file. Compiling it costs several seconds on a cold clang
 * (most of a first compile), so a prebuilt object ships in libcPrebuilt.generated.ts; it is used
 * when its build key (a hash of the libc source, the headers and the flags) and its clang version
 * match, otherwise the libc is compiled once per session. Regenerate it with
 * `npm run build:libc` after changing the runtime.
 *
 * Two variants: `full`, and `integer`, built with TVM_LIBC_INTEGER_ONLY, whose printf/scanf have
 * no float conversions (the exact float formatter is most of a printf-calling program's code).
 * compile.ts links `integer` only when the program cannot touch floating point (floatUse.ts).
 */
import { runClang } from './clang.ts';
import { CompileError } from './diagnostics.ts';
import { CODEGEN_FLAGS } from './flags.ts';
import { runtimeIncludeTree } from './runtime/includeTree.ts';
import { LIBC_SOURCE, LIBC_SOURCE_NAME } from './runtime/libc.ts';
import { LIBC_PREBUILT } from './runtime/libcPrebuilt.generated.ts';
import { hash53 } from '../hash53.ts';

export const LIBC_OBJECT_NAME = 'tvm_libc.o';

/** No -g: the runtime's own line info would only bloat every program's wasm. */
const LIBC_FLAGS = CODEGEN_FLAGS.filter((f) => f !== '-g');

export type LibcVariant = 'full' | 'integer';
export const LIBC_VARIANTS: readonly LibcVariant[] = ['full', 'integer'];

function variantFlags(variant: LibcVariant): string[] {
  return variant === 'integer' ? [...LIBC_FLAGS, '-DTVM_LIBC_INTEGER_ONLY'] : LIBC_FLAGS;
}

/** Identifies what the object is built from (not the compiler: its version is checked separately). */
export function libcBuildKey(): string {
  const headers = Object.entries(runtimeIncludeTree()).sort(([a], [b]) => a.localeCompare(b));
  return hash53(JSON.stringify({ source: LIBC_SOURCE, headers, flags: LIBC_VARIANTS.map(variantFlags) }));
}

/** Compiles one variant of the libc with the bundled clang. */
export async function compileLibcObject(variant: LibcVariant): Promise<Uint8Array> {
  const run = await runClang([...variantFlags(variant), '-c', LIBC_SOURCE_NAME, '-o', LIBC_OBJECT_NAME], {
    [LIBC_SOURCE_NAME]: LIBC_SOURCE,
    include: runtimeIncludeTree(),
  });
  const obj = run.files[LIBC_OBJECT_NAME];
  if (run.exitCode !== 0 || !(obj instanceof Uint8Array)) {
    throw new CompileError(`the runtime libc failed to compile (a bug in the runtime):\n${run.log}`, []);
  }
  return obj.slice();
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Whether the shipped object was built from this runtime by this clang. */
export function prebuiltIsCurrent(clangVersion: string): boolean {
  return LIBC_PREBUILT.buildKey === libcBuildKey() && LIBC_PREBUILT.clangVersion === clangVersion;
}

/** The shipped object of a variant. */
export function prebuiltObject(variant: LibcVariant): Uint8Array {
  return fromBase64(LIBC_PREBUILT.variants[variant].base64);
}

const cached = new Map<LibcVariant, Promise<Uint8Array>>();

/** A libc object for this session: the prebuilt one when current, else compiled (once). */
export function libcObject(clangVersion: string, variant: LibcVariant): Promise<Uint8Array> {
  let object = cached.get(variant);
  if (!object) {
    object = prebuiltIsCurrent(clangVersion) ? Promise.resolve(prebuiltObject(variant)) : compileLibcObject(variant);
    object.catch(() => cached.delete(variant));
    cached.set(variant, object);
  }
  return object;
}
