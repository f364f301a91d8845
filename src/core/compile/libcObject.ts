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
 *
 * Beside either variant, the printf override object (runtime/libcFormatSmall.ts) is linked when
 * every format the program passes is within the small engine's set (printfFormats.ts).
 */
import { runClang } from './clang.ts';
import { CompileError } from './diagnostics.ts';
import { CODEGEN_FLAGS } from './flags.ts';
import { runtimeIncludeTree } from './runtime/includeTree.ts';
import { LIBC_SOURCE, LIBC_SOURCE_NAME } from './runtime/libc.ts';
import { PRINTF_SMALL_SOURCE, PRINTF_SMALL_SOURCE_NAME } from './runtime/libcFormatSmall.ts';
import { LIBC_PREBUILT } from './runtime/libcPrebuilt.generated.ts';
import { hash53 } from '../hash53.ts';

export const LIBC_OBJECT_NAME = 'tvm_libc.o';
export const PRINTF_SMALL_OBJECT_NAME = 'tvm_printf_small.o';

/** No -g: the runtime's own line info would only bloat every program's wasm. */
const LIBC_FLAGS = CODEGEN_FLAGS.filter((f) => f !== '-g');

export type LibcVariant = 'full' | 'integer';
export const LIBC_VARIANTS: readonly LibcVariant[] = ['full', 'integer'];
/** The objects that ship prebuilt: the two libc variants and the printf override. */
export type RuntimeObject = LibcVariant | 'printfSmall';
export const RUNTIME_OBJECTS: readonly RuntimeObject[] = [...LIBC_VARIANTS, 'printfSmall'];

function variantFlags(variant: LibcVariant): string[] {
  return variant === 'integer' ? [...LIBC_FLAGS, '-DTVM_LIBC_INTEGER_ONLY'] : LIBC_FLAGS;
}

/** Identifies what the object is built from (not the compiler: its version is checked separately). */
export function libcBuildKey(): string {
  const headers = Object.entries(runtimeIncludeTree()).sort(([a], [b]) => a.localeCompare(b));
  return hash53(JSON.stringify({ source: LIBC_SOURCE, printfSmall: PRINTF_SMALL_SOURCE, headers, flags: LIBC_VARIANTS.map(variantFlags) }));
}

/** Compiles one variant of the libc, or the printf override, with the bundled clang. */
export async function compileLibcObject(object: RuntimeObject): Promise<Uint8Array> {
  const [flags, sourceName, source, objectName] = object === 'printfSmall'
    ? [LIBC_FLAGS, PRINTF_SMALL_SOURCE_NAME, PRINTF_SMALL_SOURCE, PRINTF_SMALL_OBJECT_NAME]
    : [variantFlags(object), LIBC_SOURCE_NAME, LIBC_SOURCE, LIBC_OBJECT_NAME];
  const run = await runClang([...flags, '-c', sourceName, '-o', objectName], {
    [sourceName]: source,
    include: runtimeIncludeTree(),
  });
  const obj = run.files[objectName];
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
export function prebuiltObject(variant: RuntimeObject): Uint8Array {
  return fromBase64(LIBC_PREBUILT.variants[variant].base64);
}

const cached = new Map<RuntimeObject, Promise<Uint8Array>>();

/** A runtime object for this session: the prebuilt one when current, else compiled (once). */
export function libcObject(clangVersion: string, variant: RuntimeObject): Promise<Uint8Array> {
  let object = cached.get(variant);
  if (!object) {
    object = prebuiltIsCurrent(clangVersion) ? Promise.resolve(prebuiltObject(variant)) : compileLibcObject(variant);
    object.catch(() => cached.delete(variant));
    cached.set(variant, object);
  }
  return object;
}
