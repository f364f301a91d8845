import { discard, push, type Operand, type Site } from './site.ts';

/**
 * `(x | 2^b) == K` and `(x & ~2^b) == K` (and `!=`): a case-insensitive character test such as
 * `(c | 32) == 'x'`. Setting or clearing one bit leaves two candidates for x, so the test is two
 * comparisons: (x | 2^b) == K ⇔ K has bit b and x ∈ {K, K − 2^b}; (x & ~2^b) == K ⇔ K lacks
 * bit b and x ∈ {K, K + 2^b}. Otherwise it never holds. The two comparisons exclude each other,
 * so their sum is the boolean.
 */
export function singleBitCompare(s: Site, op: 'i32.or' | 'i32.and', x: Operand, mask: number, k: number, cmp: 'i32.eq' | 'i32.ne'): void {
  const bit = (op === 'i32.or' ? mask : ~mask) >>> 0;
  const K = k >>> 0;
  const hasBit = (K & bit) !== 0;
  const c = s.c;
  if (hasBit !== (op === 'i32.or')) {
    discard(s, x);
    c.const(cmp === 'i32.eq' ? 0 : 1);
    return;
  }
  const other = op === 'i32.or' ? K - bit : K + bit;
  let l: number;
  if (x.kind === 'local') {
    l = x.index;
    c.get(l);
  } else {
    l = s.temp();
    push(s, x);
    if (x.kind === 'addressed') throw new Error('lowering: an addressed operand cannot be compared');
    c.tee(l);
  }
  c.const(K).op('i32.eq').get(l).const(other).op('i32.eq').add();
  if (cmp === 'i32.ne') c.op('i32.eqz');
}
