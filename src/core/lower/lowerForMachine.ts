import type { WasmModule } from '../wasm/ir.ts';
import { lowerCallIndirect } from './callIndirect.ts';
import { lowerFloats } from './floats/lowerFloats.ts';
import { lowerI64ToPairs } from './i64Pairs.ts';
import { lowerModule } from './lower.ts';

/**
 * The whole lowering of a validated module, in order: indirect calls become direct calls to
 * dispatchers (callIndirect.ts; before the float pass, so float and int signatures stay distinct),
 * f32/f64 become integer bit patterns and soft-float calls (floats/lowerFloats.ts), i64 values
 * become i32 pairs (i64Pairs.ts), then every i32 op the machine lacks is lowered (lower.ts).
 */
export function lowerForMachine(m: WasmModule): WasmModule {
  return lowerModule(lowerI64ToPairs(lowerFloats(lowerCallIndirect(m))));
}
