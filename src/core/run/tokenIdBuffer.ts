/**
 * Growable lists of integers in a typed array (doubled when full): a run of millions of tokens is
 * held without a per-token object. `TokenIdBuffer` holds 16-bit token ids (vocabulary or display
 * ids, 2 bytes a token); `IndexBuffer` holds 32-bit positions (display-line starts).
 */
class GrowableArray<T extends Uint16Array | Uint32Array> {
  private a: T;
  private count = 0;

  constructor(private readonly make: (n: number) => T, initialCapacity: number) {
    this.a = make(initialCapacity);
  }

  get length(): number {
    return this.count;
  }

  at(i: number): number {
    return this.a[i];
  }

  /** Bytes allocated (capacity, not just the length in use). */
  get bytes(): number {
    return this.a.byteLength;
  }

  push(values: ArrayLike<number>): void {
    this.reserve(this.count + values.length);
    if (values instanceof Uint16Array || values instanceof Uint32Array) this.a.set(values, this.count);
    else for (let i = 0; i < values.length; i++) this.a[this.count + i] = values[i];
    this.count += values.length;
  }

  clear(): void {
    this.a = this.make(0);
    this.count = 0;
  }

  private reserve(need: number): void {
    if (need <= this.a.length) return;
    let n = Math.max(1024, this.a.length);
    while (n < need) n *= 2;
    const b = this.make(n);
    b.set(this.a.subarray(0, this.count));
    this.a = b;
  }
}

export class TokenIdBuffer extends GrowableArray<Uint16Array> {
  constructor(initialCapacity = 1 << 14) {
    super((n) => new Uint16Array(n), initialCapacity);
  }
}

export class IndexBuffer extends GrowableArray<Uint32Array> {
  constructor(initialCapacity = 1024) {
    super((n) => new Uint32Array(n), initialCapacity);
  }
}
