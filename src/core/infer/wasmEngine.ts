import createTvmCore, { type TvmCoreModule, type TvmCoreOptions } from '../../wasm/tvmcore.mjs';
import type { TieBreak } from '../attention/kvCache.ts';
import { StageError } from '../errors.ts';
import { readBinModel, writeBinModel, type Model } from '../weights/binFile.ts';
import {
  DEFAULT_MAX_TOKENS,
  type Engine,
  type EngineSession,
  type GenerateResult,
  type HeadInspection,
  type HeadKind,
  type SessionOptions,
  type SessionStats,
  type StopReason,
  type TokenInspection,
} from './session.ts';
import { checkTokenIds } from './vocabulary.ts';
import { ATTENTION_MODES, HEAD_KINDS, STOP_REASONS, HEAD_RECORD, HEAD_RECORD_LENGTH, INSPECTION_HEADER, INSPECTION_HEADER_LENGTH } from './coreLayout.ts';

/**
 * The binding to the Emscripten inference core (emscripten/, built to src/wasm/). The module is
 * instantiated once per JS realm; Node passes the .wasm bytes (wasmEngine.node.ts), a worker
 * passes a URL (wasmEngine.browser.ts). Same session API as the TS engine.
 */

let core: Promise<TvmCoreModule> | null = null;

/** Instantiates the core once; later calls return the same instance whatever their options. */
function loadWasmCore(options: TvmCoreOptions): Promise<TvmCoreModule> {
  core ??= createTvmCore(options);
  return core;
}

const modeCode = (mode: (typeof ATTENTION_MODES)[number]): number => ATTENTION_MODES.indexOf(mode);

/** The fast mode's plan for one head, as the core classified it from the weights. */
export interface HeadPlanInfo {
  kind: HeadKind;
  /** Position-keyed heads: where earlier values come from. */
  values?: 'table' | 'recompute' | 'stored';
}

export class WasmEngine implements Engine {
  readonly name = 'wasm';
  private readonly models = new WeakMap<Model, number>();
  private readonly registry = new FinalizationRegistry<number>((h) => this.core._tvm_model_free(h));

  constructor(readonly core: TvmCoreModule) {}

  /** The core's handle for a model (loaded from its .bin bytes once, freed with the Model). */
  modelHandle(model: Model): number {
    let h = this.models.get(model);
    if (h === undefined) {
      h = this.loadBytes(writeBinModel(model));
      this.models.set(model, h);
      this.registry.register(model, h);
    }
    return h;
  }

  /**
   * Loads .bin bytes into the core. The core only guards itself (it names the offset); what is
   * wrong with refused bytes is said once, by the TS reader (binFile.ts), which reads them again.
   */
  loadBytes(bytes: Uint8Array): number {
    const c = this.core;
    const p = c._tvm_alloc(Math.max(1, bytes.length));
    c.HEAPU8.set(bytes, p >>> 0);
    const h = c._tvm_model_load(p, bytes.length);
    c._tvm_free(p);
    if (!h) {
      const refusal = c.UTF8ToString(c._tvm_error());
      readBinModel(bytes);
      throw new StageError('model', refusal);
    }
    return h;
  }

  /** How the fast mode runs each head of a model: [layer][head]. */
  headPlans(model: Model): HeadPlanInfo[][] {
    const h = this.modelHandle(model);
    return Array.from({ length: model.L }, (_, l) =>
      Array.from({ length: model.H }, (_, k) => {
        const kind: HeadKind = HEAD_KINDS[this.core._tvm_model_head_kind(h, l, k)];
        return kind === 'position' ? { kind, values: (['table', 'recompute', 'stored'] as const)[this.core._tvm_model_head_values(h, l, k)] } : { kind };
      }),
    );
  }

  /** Per layer, the FFN units the fast mode evaluates as ramps on one input (0: none; rampFfn.hpp). */
  rampUnits(model: Model): number[] {
    const h = this.modelHandle(model);
    return Array.from({ length: model.L }, (_, l) => this.core._tvm_model_ramp_units(h, l));
  }

  createSession(model: Model, opts: SessionOptions = {}): WasmSession {
    return new WasmSession(this, model, opts);
  }
}

export class WasmSession implements EngineSession {
  private handle: number;
  private scratch = 0;
  private scratchBytes = 0;
  private readonly c: TvmCoreModule;

  constructor(
    private readonly engine: WasmEngine,
    readonly model: Model,
    opts: SessionOptions,
  ) {
    this.c = engine.core;
    const mode = modeCode(opts.attention ?? 'fast');
    this.handle = this.c._tvm_session_new(engine.modelHandle(model), mode, opts.maxTokens ?? DEFAULT_MAX_TOKENS);
  }

  get position(): number {
    return this.c._tvm_session_position(this.live());
  }

  feed(tokens: ArrayLike<number>): void {
    checkTokenIds(this.model, tokens);
    const p = this.buffer(tokens.length * 4);
    this.c.HEAP32.set(tokens instanceof Int32Array ? tokens : Int32Array.from(tokens), p >>> 2);
    if (this.c._tvm_session_feed(this.live(), p, tokens.length) !== 0) {
      throw new StageError('inference', this.c.UTF8ToString(this.c._tvm_error()));
    }
  }

  generate(maxTokens: number): GenerateResult {
    const h = this.live();
    if (this.c._tvm_session_stopped(h) === 0 && this.c._tvm_session_position(h) === 0) {
      throw new StageError('inference', 'generate needs at least one fed token');
    }
    const n = Math.max(0, Math.min(maxTokens, 0x7fffffff));
    const out: number[] = [];
    // Small batches: V8 optimizes a wasm function only for later calls (no on-stack replacement),
    // so one long call would run entirely in baseline code. The core keeps its state between calls.
    const batch = Math.min(n, 4096);
    const p = this.buffer(Math.max(1, batch) * 4);
    let stopped: StopReason = null;
    do {
      const got = this.c._tvm_session_generate(h, Math.min(batch, n - out.length), p);
      const ids = this.c.HEAP32.subarray(p >>> 2, (p >>> 2) + got);
      for (let i = 0; i < got; i++) out.push(ids[i]);
      if (STOP_REASONS[this.c._tvm_session_stopped(h)] === 'refused') throw new StageError('inference', this.c.UTF8ToString(this.c._tvm_error()));
      stopped = this.stopReason();
      if (got === 0) break;
    } while (!stopped && out.length < n);
    return { tokens: out, stopped };
  }

  reset(): void {
    this.c._tvm_session_reset(this.live());
  }

  /** Testing the exact shortcuts: the ramp FFN path on (default) or off. */
  setRampPath(on: boolean): void {
    this.c._tvm_session_set_ramps(this.live(), on ? 1 : 0);
  }

  /** Ramp layers evaluated by the ramp path, and those that fell back to the dense loop (per token and layer). */
  rampStats(): { hits: number; misses: number } {
    const h = this.live();
    return { hits: this.c._tvm_session_ramp_hits(h), misses: this.c._tvm_session_ramp_misses(h) };
  }

  /** From now on, record a hash of the residual stream after every layer of every processed token. */
  traceResiduals(on = true): void {
    this.c._tvm_session_set_trace(this.live(), on ? 1 : 0);
  }

  /** The recorded hashes, one per token (16 hex digits each). */
  residualTrace(): string[] {
    const h = this.live();
    const n = this.c._tvm_session_trace_length(h);
    const p = this.c._tvm_session_trace(h) >>> 2;
    const words = this.c.HEAP32.slice(p, p + 2 * n);
    const hex = (w: number) => (w >>> 0).toString(16).padStart(8, '0');
    return Array.from({ length: n }, (_, i) => hex(words[2 * i + 1]) + hex(words[2 * i]));
  }

  inspectAt(position: number | null): void {
    this.c._tvm_session_inspect_at(this.live(), position ?? -1);
  }

  takeInspection(): TokenInspection | null {
    const h = this.live();
    if (!this.c._tvm_session_inspection_ready(h)) return null;
    const p = this.c._tvm_session_inspection(h) >>> 3;
    const a = this.c.HEAPF64.slice(p, p + this.c._tvm_session_inspection_length(h));
    this.c._tvm_session_drop_inspection(h);
    const I = INSPECTION_HEADER;
    const [position, token, prediction, predictionScore, L, H, D] = [I.position, I.token, I.prediction, I.predictionScore, I.layers, I.heads, I.dModel].map((i) => a[i]);
    let o = INSPECTION_HEADER_LENGTH;
    const layers: TokenInspection['layers'] = [];
    for (let l = 0; l < L; l++) {
      const before = a.slice(o, o + D);
      const afterAttention = a.slice(o + D, o + 2 * D);
      const after = a.slice(o + 2 * D, o + 3 * D);
      o += 3 * D;
      const heads: HeadInspection[] = [];
      const R = HEAD_RECORD;
      for (let k = 0; k < H; k++, o += HEAD_RECORD_LENGTH) {
        heads.push({
          layer: l,
          head: k,
          kind: HEAD_KINDS[a[o + R.kind]],
          tieBreak: (a[o + R.latest] ? 'latest' : 'average') as TieBreak,
          query: [a[o + R.queryX], a[o + R.queryY]],
          key: [a[o + R.keyX], a[o + R.keyY]],
          score: a[o + R.score],
          matches: a[o + R.matches],
          lastPosition: a[o + R.lastPosition],
          output: [a[o + R.outputX], a[o + R.outputY]],
          hullSize: a[o + R.hullSize],
        });
      }
      layers.push({ before, afterAttention, after, heads });
    }
    return { position, token, layers, prediction, predictionScore };
  }

  stats(): SessionStats {
    const h = this.live();
    return {
      position: this.c._tvm_session_position(h),
      generated: this.c._tvm_session_generated(h),
      stateBytes: this.c._tvm_session_state_bytes(h),
    };
  }

  dispose(): void {
    if (this.handle) this.c._tvm_session_free(this.handle);
    if (this.scratch) this.c._tvm_free(this.scratch);
    this.handle = 0;
    this.scratch = 0;
  }

  private stopReason(): StopReason {
    const s = STOP_REASONS[this.c._tvm_session_stopped(this.handle)];
    return s === 'stopToken' ? 'stop' : s === 'limit' ? 'limit' : null;
  }

  private live(): number {
    if (!this.handle) throw new StageError('inference', 'the session was disposed');
    return this.handle;
  }

  private buffer(bytes: number): number {
    if (bytes > this.scratchBytes) {
      if (this.scratch) this.c._tvm_free(this.scratch);
      this.scratchBytes = Math.max(bytes, 4096);
      this.scratch = this.c._tvm_alloc(this.scratchBytes);
      if (!this.scratch) throw new StageError('inference', `the core could not allocate ${this.scratchBytes} bytes`);
    }
    return this.scratch;
  }
}

/** The engine over an instantiated core (see wasmEngine.node.ts / wasmEngine.browser.ts). */
export async function wasmEngine(options: TvmCoreOptions): Promise<WasmEngine> {
  return new WasmEngine(await loadWasmCore(options));
}
