import type { FuncType, WasmFunction, WasmModule } from '../wasm/ir.ts';
import { Code } from './code.ts';

/** What a synthesized helper function looks like before it gets an index. */
export interface HelperSpec {
  params: number;
  results: 0 | 1;
  /** Declared i32 locals after the parameters (local indexes params … params+locals−1). */
  locals: number;
  /** Writes the body (without the final `end`). */
  build(code: Code, ctx: HelperContext): void;
}

/** What a helper body may ask for while it is being built. */
export interface HelperContext {
  /** Function index of another helper (created on first use). */
  helper(name: string): number;
  /** Function index of a helper outside the catalog, made by `make` on first use of `name`. */
  helperFrom(name: string, make: () => HelperSpec): number;
  /** Function index of the `env.halt(status)` import (−1 when the module cannot trap). */
  readonly haltFn: number;
}

/** Every helper name the lowering pass can synthesize, and how. */
export type HelperCatalog = Readonly<Record<string, HelperSpec>>;

/**
 * Appends helper functions to a module on first use, once per module, with proper types,
 * names (`__tvm_<name>`) and function indexes.
 */
export class HelperRegistry implements HelperContext {
  private readonly made = new Map<string, number>();

  constructor(
    private readonly module: WasmModule,
    private readonly catalog: HelperCatalog,
    readonly haltFn: number,
  ) {}

  helper(name: string): number {
    const spec = this.catalog[name];
    if (!spec && !this.made.has(name)) throw new Error(`unknown lowering helper '${name}'`);
    return this.helperFrom(name, () => spec);
  }

  /** A helper that is not in the catalog (e.g. one specialized to a constant), made by `make` on first use. */
  helperFrom(name: string, make: () => HelperSpec): number {
    const known = this.made.get(name);
    if (known !== undefined) return known;
    const spec = make();
    const type: FuncType = { params: Array(spec.params).fill('i32'), results: Array(spec.results).fill('i32') };
    const index = this.module.importedFunctionCount + this.module.functions.length;
    const fn: WasmFunction = {
      index,
      name: `__tvm_${name}`,
      typeIndex: typeIndexOf(this.module, type),
      type,
      locals: Array(spec.locals).fill('i32'),
      body: [],
    };
    // Registered before the body is built, so helpers may call each other (or themselves).
    this.module.functions.push(fn);
    this.made.set(name, index);
    const code = new Code(fn.body);
    spec.build(code, this);
    code.op('end');
    return index;
  }

  /** Names of the helpers created so far, in creation order. */
  created(): string[] {
    return [...this.made.keys()];
  }
}

/** Index of `type` in the module's type section, appending it when absent. */
export function typeIndexOf(m: WasmModule, type: FuncType): number {
  const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((t, i) => t === b[i]);
  const i = m.types.findIndex((t) => same(t.params, type.params) && same(t.results, type.results));
  if (i >= 0) return i;
  m.types.push(type);
  return m.types.length - 1;
}
