/**
 * WebAssembly i32 semantics of the ops the lowering pass rewrites, on unsigned 32-bit values.
 * Used for constant folding; undefined where WebAssembly traps.
 */
export function evalBinary(op: string, a: number, b: number): number | undefined {
  const sa = a | 0;
  const sb = b | 0;
  const ua = a >>> 0;
  const ub = b >>> 0;
  const n = ub & 31;
  let r: number;
  switch (op) {
    case 'i32.mul': r = Math.imul(sa, sb); break;
    case 'i32.div_u': if (ub === 0) return undefined; r = Math.floor(ua / ub); break;
    case 'i32.rem_u': if (ub === 0) return undefined; r = ua % ub; break;
    case 'i32.div_s':
      if (sb === 0 || (sa === -0x80000000 && sb === -1)) return undefined;
      r = Math.trunc(sa / sb);
      break;
    case 'i32.rem_s': if (sb === 0) return undefined; r = sb === -1 ? 0 : sa % sb; break;
    case 'i32.and': r = sa & sb; break;
    case 'i32.or': r = sa | sb; break;
    case 'i32.xor': r = sa ^ sb; break;
    case 'i32.shl': r = sa << n; break;
    case 'i32.shr_s': r = sa >> n; break;
    case 'i32.shr_u': r = ua >>> n; break;
    case 'i32.rotl': r = n === 0 ? ua : (ua << n) | (ua >>> (32 - n)); break;
    case 'i32.rotr': r = n === 0 ? ua : (ua >>> n) | (ua << (32 - n)); break;
    default: return undefined;
  }
  return r >>> 0;
}

export function evalUnary(op: string, a: number): number | undefined {
  const ua = a >>> 0;
  switch (op) {
    case 'i32.clz': return Math.clz32(ua);
    case 'i32.ctz': return ua === 0 ? 32 : 31 - Math.clz32(ua & -ua);
    case 'i32.popcnt': {
      let c = 0;
      for (let v = ua; v; v >>>= 1) c += v & 1;
      return c;
    }
    case 'i32.extend8_s': return ((ua << 24) >> 24) >>> 0;
    case 'i32.extend16_s': return ((ua << 16) >> 16) >>> 0;
    default: return undefined;
  }
}
