import { CumSumDim, type Dim, InputDim, LookUpDim, PersistDim, ReGLUDim } from './dim.ts';
import { Expr, type ExprContext, type Term } from './expr.ts';
import { LookUp, type TieBreak } from './lookup.ts';
import { POSITION_CENTER } from './positionEncoding.ts';

/** Penalty on the key of a cleared entry: it can never win a lookup (docs/original-design.md §4.5). */
export const CLEAR_PENALTY = 1e30;
/** Weight of inv_log_pos in "latest" keys: prefers the newest of equal keys, never overrides a key difference. */
export const LATEST_ALPHA = 0.3;

/** 1.5·2^52: x + ROUNDING_MAGIC rounds x (|x| < 2^51) to the nearest integer, plus ROUNDING_MAGIC. */
export const ROUNDING_MAGIC = 1.5 * 2 ** 52;

export interface FetchOptions {
  /** 1-D query; default 0. */
  query?: Term;
  /** 1-D key; default 0. */
  key?: Term;
  /** Entries where this is ≥ 1 are removed from the lookup; must be exactly 0 for live entries. */
  clear?: Term;
  tieBreak?: TieBreak;
  /** Name of the LookUp (labels its attention heads). */
  name?: string;
  /** Names of the value dims, in order; default `<name>` for one value, `<name>[i]` otherwise. */
  valueNames?: readonly string[];
}

/** One schedulable operation: a ReGLU neuron, a persist, a cumulative sum, or a whole LookUp. */
export type GraphOp =
  | { kind: 'reglu'; index: number; name: string; dim: ReGLUDim; produces: readonly Dim[]; reads: readonly Dim[] }
  | { kind: 'persist'; index: number; name: string; dim: PersistDim; produces: readonly Dim[]; reads: readonly Dim[] }
  | { kind: 'cumsum'; index: number; name: string; dim: CumSumDim; produces: readonly Dim[]; reads: readonly Dim[] }
  | { kind: 'lookup'; index: number; name: string; lookup: LookUp; produces: readonly Dim[]; reads: readonly Dim[] };

/**
 * A computation graph (docs/original-design.md §4): a value, not global state, so several graphs can coexist.
 * Creating a graph creates the built-in inputs one, position, inv_log_pos, and the centred
 * position p − C and its square (docs/inference-core.md, "Sequence length").
 */
export class Graph implements ExprContext {
  readonly dims: Dim[] = [];
  readonly lookups: LookUp[] = [];
  /** Named expressions that are not dims themselves (e.g. `byte_index`), for inspection. */
  readonly labels = new Map<string, Expr>();

  readonly one: InputDim;
  readonly position: InputDim;
  readonly invLogPos: InputDim;
  /** (p − C)², C = POSITION_CENTER: the quadratic part of position keys. */
  readonly positionCenteredSq: InputDim;
  /** p − C: the linear part of position keys (unlike `position − C·one`, also right at the start token). */
  readonly positionCentered: InputDim;

  private readonly names = new Map<string, Dim>();
  private readonly regluCache = new Map<string, ReGLUDim>();
  private readonly stepgluCache = new Map<string, Expr>();
  private readonly squareCache = new Map<string, Expr>();
  private readonly clearCache = new Map<string, Expr>();

  constructor() {
    // `one` must exist before anything can be converted to an expression.
    this.one = this.input('one');
    this.position = this.input('position');
    this.invLogPos = this.input('inv_log_pos');
    this.positionCenteredSq = this.input('position_centered_sq');
    this.positionCentered = this.input('position_centered');
  }

  expr(t: Term): Expr {
    return Expr.of(this, t);
  }

  /** Σ of terms (numbers mean multiples of `one`). */
  sum(ts: readonly Term[]): Expr {
    return new Expr(this).plus(...ts);
  }

  // ── primitives ────────────────────────────────────────────────────────────

  input(name: string): InputDim {
    return this.add(new InputDim(this, this.dims.length, this.uniqueName(name)));
  }

  /** relu(b) · a as one neuron; deduplicated on the (a, b) term sets (docs/original-design.md §4.4). */
  reglu(a: Term, b: Term, name?: string): Expr {
    const ae = this.expr(a);
    const be = this.expr(b);
    const key = `${ae.key()}|${be.key()}`;
    let d = this.regluCache.get(key);
    if (!d) {
      d = this.add(new ReGLUDim(this, this.dims.length, this.uniqueName(name ?? `reglu_${this.dims.length}`), ae, be));
      this.regluCache.set(key, d);
    } else if (name) this.renameAuto(d, name);
    return d.e;
  }

  /** A new slot holding the value of e (not deduplicated). */
  persist(e: Term, name?: string): Expr {
    const d = this.add(new PersistDim(this, this.dims.length, this.uniqueName(name ?? `persist_${this.dims.length}`), this.expr(e)));
    return d.e;
  }

  cumsum(e: Term, name?: string): Expr {
    const d = this.add(new CumSumDim(this, this.dims.length, this.uniqueName(name ?? `cumsum_${this.dims.length}`), this.expr(e)));
    return d.e;
  }

  /** The raw LookUp primitive with explicit 2-D query and key; returns one expression per value. */
  lookup(
    values: readonly Term[],
    query2D: readonly [Term, Term],
    key2D: readonly [Term, Term],
    tieBreak: TieBreak,
    name?: string,
    valueNames?: readonly string[],
  ): Expr[] {
    if (values.length === 0) throw new Error('a lookup needs at least one value');
    const id = this.lookups.length;
    const lname = name ?? `lookup_${id}`;
    const lu = new LookUp(
      id,
      lname,
      values.map((v) => this.expr(v)),
      [this.expr(query2D[0]), this.expr(query2D[1])],
      [this.expr(key2D[0]), this.expr(key2D[1])],
      tieBreak,
    );
    this.lookups.push(lu);
    lu.dims = values.map((_, i) => {
      const dn = valueNames?.[i] ?? (values.length === 1 ? lname : `${lname}[${i}]`);
      return this.add(new LookUpDim(this, this.dims.length, this.uniqueName(dn), lu, i));
    });
    return lu.dims.map((d) => d.e);
  }

  // ── helpers (docs/original-design.md §4.4–4.6) ───────────────────────────────────────────────

  /** a · step(b ≥ 0) for integer b: persist(reglu(a, b+1) − reglu(a, b)); deduplicated. */
  stepglu(a: Term, b: Term, name?: string): Expr {
    const ae = this.expr(a);
    const be = this.expr(b);
    const key = `${ae.key()}|${be.key()}`;
    const hit = this.stepgluCache.get(key);
    if (hit) {
      if (name) this.renameAuto(hit.soleDim()!, name);
      return hit;
    }
    const hi = this.reglu(ae, be.plus(1), name && `${name}.hi`);
    const lo = this.reglu(ae, be, name && `${name}.lo`);
    const r = this.persist(hi.minus(lo), name);
    this.stepgluCache.set(key, r);
    return r;
  }

  /** k² for a key k: c² for k = c·one, else k·relu(k) − k·relu(−k). */
  square(k: Expr, name?: string): Expr {
    if (k.size === 0) return new Expr(this);
    const sole = k.soleDim();
    const c = sole ? k.coeff(sole) : 0;
    if (sole === this.one) return this.expr(c * c);
    const key = k.key();
    const hit = this.squareCache.get(key);
    if (hit) return hit;
    const pos = this.reglu(k, k, name && `${name}.pos`);
    const neg = this.reglu(k, k.neg(), name && `${name}.neg`);
    const r = this.persist(pos.minus(neg), name);
    this.squareCache.set(key, r);
    return r;
  }

  /**
   * A lookup with the 2-D key trick (docs/original-design.md §4.5): key (2k, −k² − BIG·clear + 0.3·inv_log_pos),
   * query (q, one), so the score is q² − (q − k)² − BIG·clear + 0.3·inv_log_pos: the most recent
   * live entry whose key equals the query wins. "average" replaces the key's y by `one`.
   * A key c·position is centred: key c·(p − C) from the encoding's centred slots, query q − c·C,
   * which shifts every score of one query by the same constant and halves their magnitude
   * (docs/inference-core.md, "Sequence length").
   */
  fetchMany(values: readonly Term[], opts: FetchOptions = {}): Expr[] {
    const tieBreak = opts.tieBreak ?? 'latest';
    const name = opts.name ?? `lookup_${this.lookups.length}`;
    let q = this.expr(opts.query ?? 0);
    const k = this.expr(opts.key ?? 0);
    const c = k.soleDim() === this.position ? k.coeff(this.position) : 0;
    const centred = c !== 0 && tieBreak !== 'average';
    if (centred) q = q.minus(c * POSITION_CENTER);
    const kx = centred ? this.positionCentered.times(2 * c) : k.times(2);
    let ky: Expr;
    if (tieBreak === 'average') {
      // The original also builds k² here and discards it; we skip the dead nodes (docs/original-design.md §4.6).
      ky = this.one.e;
    } else {
      ky = centred ? this.positionCenteredSq.times(c * c).neg() : this.square(k, `${name}.key_sq`).neg();
      if (opts.clear !== undefined) ky = ky.minus(this.clearFlag(this.expr(opts.clear), `${name}.clear`).times(CLEAR_PENALTY));
      ky = ky.plus(this.invLogPos.times(LATEST_ALPHA));
    }
    return this.lookup(values, [q, this.one], [kx, ky], tieBreak, name, opts.valueNames);
  }

  fetch(value: Term, opts: FetchOptions = {}): Expr {
    return this.fetchMany([value], opts)[0];
  }

  /**
   * Inclusive running sums Σ_{s=1..p} v(s) (docs/original-design.md §4.6): an "average" lookup over all non-start
   * tokens times position. The start token (one = 0) scores lower and is excluded.
   */
  fetchSum(values: readonly Term[], names?: readonly string[], lookupName = 'cumulative_sum'): Expr[] {
    const avgs = this.fetchMany(values, {
      tieBreak: 'average',
      name: lookupName,
      valueNames: names?.map((n) => `${n}.mean`),
    });
    return avgs.map((a, i) => this.reglu(a, this.position, names?.[i]));
  }

  /**
   * The dim x (a running sum computed as mean · position, a few ulps off an integer) rounded to
   * the nearest integer, exactly, in a slot of its own. Two persists: the first holds
   * ROUNDING_MAGIC + x, whose ulp is 1, so it rounds x once; the second subtracts ROUNDING_MAGIC,
   * exactly (Sterbenz). Each persist's row adds exactly two nonzero terms (the source and
   * ±ROUNDING_MAGIC·one), and a two-term float sum is the same in any order and whether the
   * sublayer is an FFN or attention, so every engine gets the integer
   * (docs/inference-core.md, "Exact integer keys").
   */
  exactInteger(x: Expr, name: string): Expr {
    if (!x.soleDim() || x.coeff(x.soleDim()!) !== 1) throw new Error(`exactInteger(${name}): x must be one dim with coefficient 1`);
    const shifted = this.persist(x.plus(ROUNDING_MAGIC), `${name}.shifted`);
    return this.persist(shifted.minus(ROUNDING_MAGIC), name);
  }

  /** Give a readable name to an expression that is not a dim of its own. */
  label(name: string, e: Term): Expr {
    const x = this.expr(e);
    if (this.labels.has(name) || this.names.has(name)) throw new Error(`graph name '${name}' is already used`);
    this.labels.set(name, x);
    return x;
  }

  // ── queries ───────────────────────────────────────────────────────────────

  dimByName(name: string): Dim | undefined {
    return this.names.get(name);
  }

  /** Operations in creation order (a LookUp sits where its first value dim was created). */
  ops(): GraphOp[] {
    const ops: GraphOp[] = [];
    const reads = (es: readonly Expr[]): Dim[] => {
      const s = new Set<Dim>();
      for (const e of es) for (const d of e.terms.keys()) s.add(d);
      return [...s];
    };
    for (const d of this.dims) {
      const index = ops.length;
      if (d instanceof ReGLUDim) ops.push({ kind: 'reglu', index, name: d.name, dim: d, produces: [d], reads: reads([d.a, d.b]) });
      else if (d instanceof PersistDim) ops.push({ kind: 'persist', index, name: d.name, dim: d, produces: [d], reads: reads([d.expr]) });
      else if (d instanceof CumSumDim) ops.push({ kind: 'cumsum', index, name: d.name, dim: d, produces: [d], reads: reads([d.expr]) });
      else if (d instanceof LookUpDim && d.valueIndex === 0) {
        const lu = d.lookup;
        ops.push({ kind: 'lookup', index, name: lu.name, lookup: lu, produces: lu.dims, reads: reads([...lu.values, ...lu.query2D, ...lu.key2D]) });
      }
    }
    return ops;
  }

  // ── internals ─────────────────────────────────────────────────────────────

  private add<D extends Dim>(d: D): D {
    this.dims.push(d);
    this.names.set(d.name, d);
    return d;
  }

  /** Clear expressions with one term are used as they are; others are persisted once each. */
  private clearFlag(c: Expr, name: string): Expr {
    if (c.size <= 1) return c;
    const key = c.key();
    let r = this.clearCache.get(key);
    if (!r) {
      r = this.persist(c, name);
      this.clearCache.set(key, r);
    }
    return r;
  }

  private uniqueName(base: string): string {
    if (!this.names.has(base) && !this.labels.has(base)) return base;
    for (let i = 2; ; i++) {
      const n = `${base}#${i}`;
      if (!this.names.has(n) && !this.labels.has(n)) return n;
    }
  }

  /** A deduplicated node requested again under a name keeps its first readable name. */
  private renameAuto(d: Dim, name: string): void {
    if (!/^(reglu|persist)_\d+$/.test(d.name)) return;
    this.names.delete(d.name);
    d.name = this.uniqueName(name);
    this.names.set(d.name, d);
  }
}
