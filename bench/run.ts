/**
 * `npm run bench [-- options]`: runs the example programs through the Emscripten core (and the
 * TS engine on the shorter ones), checks every run against the reference interpreter, and prints
 * per program: tokens, tokens/s (wall and CPU), wall time, engine state per token, peak memory.
 * For sudoku it also prints the per-token time around 10K, 100K and 1M tokens (flat = O(log n)).
 * Writes the results as JSON; the last line gives the overall tokens/s of the core.
 *
 * Then, per program (and a generated program of 3,000+ instructions), the universal model against
 * the program's specialized model (MILP-scheduled, docs/schedule-and-weights.md) side by side:
 * tok/s and time to halt (the universal prompt holds the program prefix, the specialized one
 * only `start` + input), D/L/H/F, .bin and compact safetensors sizes, ramp-path use.
 *
 * Options: --quick (skip slow-tier programs), --only NAME[,NAME], --no-ts, --ts-limit N (largest
 * reference length the TS engine runs, default 200000), --model FILE.bin (default: the cached
 * universal model, built on first use), --no-programs (synthetic models only), --json FILE,
 * --no-float (skip the per-op cost table of the float lowering, see bench/floatOps.ts),
 * --no-specialized (skip the comparison), --milp-seconds N (specialization MILP limit, default 20),
 * --reps N (runs per model in the comparison, the fastest counts; default 3).
 */
import { i64OpFigures } from './i64Costs.ts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_MAX_TOKENS, type Engine, type EngineSession } from '../src/core/infer/session.ts';
import { digitMixerModel, positionProbeModel } from '../src/core/infer/syntheticModels.ts';
import { tsEngine } from '../src/core/infer/tsEngine.ts';
import { nodeWasmEngine } from '../src/core/infer/wasmEngine.node.ts';
import { compileToProgram } from '../src/core/pipeline.ts';
import { programPrefixTokens } from '../src/core/program/tokenFiles.ts';
import { runReference } from '../src/core/reference/interpret.ts';
import { readBinModel, type Model } from '../src/core/weights/binFile.ts';
import type { Program } from '../src/core/program/program.ts';
import { universalModel } from '../src/cli/modelCache.ts';
import { reportFloatCosts } from './floatOps.ts';
import { compareSpecialized, type SpecializedComparison } from './specialized.ts';
import { EXAMPLES_DIR, readManifest, REPO_ROOT } from '../src/cli/programSource.ts';

interface RunResult {
  program: string;
  engine: string;
  promptTokens: number;
  generatedTokens: number;
  wallSeconds: number;
  cpuSeconds: number;
  tokensPerSecond: number;
  tokensPerCpuSecond: number;
  stopped: string | null;
  /** 'match', 'diverges at …', or 'unchecked'. */
  check: string;
  stateBytes: number;
  bytesPerToken: number;
  /** Process resident set after the run, and the core's wasm heap (it only grows). */
  rssBytes: number;
  wasmHeapBytes?: number;
  /** Per-token wall/CPU microseconds in windows starting at these positions (sudoku). */
  windows?: { at: number; tokens: number; wallMicros: number; cpuMicros: number }[];
}

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const only = value('--only')?.split(',');
const tsLimit = Number(value('--ts-limit') ?? 200_000);
const jsonPath = value('--json') ?? join(REPO_ROOT, '.cache', 'bench', 'latest.json');
const WINDOWS = [10_000, 100_000, 500_000, 1_000_000, 4_000_000];
const HARD_SUDOKU = '530070000600195000098000000800060000400803001000000006060000280000419005000000079';
const WINDOW = 8192;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const log = (s: string) => process.stdout.write(s + '\n');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Feeds the prompt and generates to the end, timing windows; returns tokens and figures. */
let wasmHeap = (): number | undefined => undefined;

function timedRun(engine: Engine, model: Model, prompt: number[], maxTokens: number, expected: number[] | null, name: string): RunResult {
  // The garbage of what ran before (a model built, a trace checked) is collected now, not by V8's
  // background threads during the timed run, whose CPU time would count against this one.
  (globalThis as { gc?: () => void }).gc?.();
  const session: EngineSession = engine.createSession(model, { maxTokens });
  const t0 = performance.now();
  const c0 = cpu();
  session.feed(prompt);
  const got: number[] = [];
  const windows: NonNullable<RunResult['windows']> = [];
  let open: { at: number; t: number; c: number } | null = null;
  let next = 0;
  let stopped: string | null = null;
  while (!stopped) {
    const r = session.generate(4096);
    for (const t of r.tokens) got.push(t);
    stopped = r.stopped;
    const pos = prompt.length + got.length;
    if (open && pos >= open.at + WINDOW) {
      windows.push({ at: open.at, tokens: pos - open.at, wallMicros: ((performance.now() - open.t) * 1000) / (pos - open.at), cpuMicros: ((cpu() - open.c) * 1e6) / (pos - open.at) });
      open = null;
    }
    if (!open && next < WINDOWS.length && pos >= WINDOWS[next]) {
      open = { at: pos, t: performance.now(), c: cpu() };
      next++;
    }
    if (r.tokens.length === 0 && !stopped) break;
  }
  const wall = (performance.now() - t0) / 1000;
  const cpuSeconds = cpu() - c0;
  const stats = session.stats();
  session.dispose();
  let check = 'unchecked';
  if (expected) {
    const n = Math.min(got.length, expected.length);
    let i = 0;
    while (i < n && got[i] === expected[i]) i++;
    // A run cut by the token limit is compared over what it generated (the reference ran past it).
    const cut = stopped === 'limit' && got.length <= expected.length;
    check = i === n && (got.length === expected.length || cut) ? (cut ? 'match to the token limit' : 'match') : i < n ? `diverges at generated token ${i}: ${model.vocab[got[i]]} vs ${model.vocab[expected[i]]}` : `length ${got.length} vs reference ${expected.length}`;
  }
  const total = prompt.length + got.length;
  return {
    program: name,
    engine: engine.name,
    promptTokens: prompt.length,
    generatedTokens: got.length,
    wallSeconds: wall,
    cpuSeconds,
    tokensPerSecond: total / wall,
    tokensPerCpuSecond: total / cpuSeconds,
    stopped,
    check,
    stateBytes: stats.stateBytes,
    bytesPerToken: stats.stateBytes / Math.max(1, stats.position),
    rssBytes: process.memoryUsage().rss,
    wasmHeapBytes: engine.name === 'wasm' ? wasmHeap() : undefined,
    windows: windows.length ? windows : undefined,
  };
}

function report(r: RunResult): void {
  log(
    `${r.program.padEnd(22)} ${r.engine.padEnd(4)} ${fmt(r.promptTokens + r.generatedTokens).padStart(10)} tok  ` +
      `${fmt(r.tokensPerSecond).padStart(8)} tok/s  ${fmt(r.tokensPerCpuSecond).padStart(8)} tok/cpu-s  ${r.wallSeconds.toFixed(2).padStart(7)} s  ` +
      `${r.bytesPerToken.toFixed(1).padStart(7)} B/tok  ${fmt(r.rssBytes / 2 ** 20).padStart(5)} MiB  ${r.check}`,
  );
  for (const w of r.windows ?? []) log(`${''.padEnd(28)}per-token time at ${fmt(w.at)}: ${w.wallMicros.toFixed(2)} µs wall, ${w.cpuMicros.toFixed(2)} µs CPU`);
}

export type { RunResult };
const specializeQueue: { name: string; program: Program; input: Uint8Array; universal: RunResult }[] = [];
let universalForCompare: Model | null = null;

async function main(): Promise<void> {
  const wasm = await nodeWasmEngine();
  wasmHeap = () => wasm.core.HEAPU8.length;
  const results: RunResult[] = [];
  // Lowered i64 ops (reference interpreter): executed machine instructions and trace tokens per op.
  const i64Ops = i64OpFigures();
  log(`i64 op          form        instructions (median / worst)   tokens (median / worst)`);
  for (const f of i64Ops) log(`${f.op.padEnd(15)} ${f.form.padEnd(10)} ${fmt(f.medianInstructions).padStart(10)} / ${fmt(f.worstInstructions).padEnd(19)} ${fmt(f.medianTokens).padStart(8)} / ${fmt(f.worstTokens)}`);
  if (!flag('--no-float')) reportFloatCosts(log);
  log(`program                engine      tokens     tok/s     tok/cpu-s     wall      state     RSS  check`);

  // Synthetic models: always available (no compiler, no schedule). The long digit mixer run
  // (~1.1M tokens) shows the per-token time at 1M tokens.
  const mixerPrompt = [11, 1, 1];
  for (const [e, haltSum] of [[wasm, 5_000_000], [tsEngine, 450_000]] as [Engine, number][]) {
    if (e === tsEngine && flag('--no-ts')) continue;
    const r = timedRun(e, digitMixerModel(haltSum), mixerPrompt, DEFAULT_MAX_TOKENS, null, 'synthetic:digit-mixer');
    results.push(r);
    report(r);
  }
  const probe = positionProbeModel(1);
  const r = timedRun(wasm, probe, [probe.V - 1, 0, 1], 100_000, null, 'synthetic:position-probe');
  results.push(r);
  report(r);

  if (!flag('--no-programs')) {
    let model: Model | null = null;
    try {
      const path = value('--model');
      model = path ? readBinModel(new Uint8Array(await readFile(path))) : await universalModel((l) => process.stderr.write(l + '\n'));
    } catch (e) {
      log(`(no universal model: ${(e as Error).message}; programs skipped)`);
    }
    if (model) {
      universalForCompare = model;
      log(`universal model: V=${model.V} D=${model.D} L=${model.L} H=${model.H} F=${model.F}; fast-mode heads: ${summarizePlans(wasm.headPlans(model))}`);
      const ids = new Map(model.vocab.map((t, i) => [t, i]));
      // A puzzle that needs guessing and backtracking: over 4M tokens, for the per-token time at 1M.
      const manifest = await readManifest();
      const sudoku = manifest.find((e) => e.name === 'sudoku');
      const programs = sudoku ? [...manifest, { ...sudoku, name: 'sudoku-hard', args: HARD_SUDOKU, tier: 'slow' as const }] : manifest;
      for (const entry of programs) {
        if (only && !only.includes(entry.name)) continue;
        if (flag('--quick') && entry.tier === 'slow') continue;
        const source = await readFile(join(EXAMPLES_DIR, entry.file), 'utf8');
        const { program } = await compileToProgram(source, { fileName: entry.file });
        const input = new TextEncoder().encode(entry.args);
        const prompt = programPrefixTokens(program, input).map((t) => ids.get(t)!);
        const promptText = programPrefixTokens(program, input);
        // The reference's budget counts the input section too; the transformer's starts after it.
        const ref = runReference(program, input, { trace: true, maxTokens: DEFAULT_MAX_TOKENS + promptText.length });
        const expected = ref.tokens!.slice(promptText.length - promptText.indexOf('}') - 1).map((t) => ids.get(t)!);
        const run = timedRun(wasm, model, prompt, DEFAULT_MAX_TOKENS, expected, entry.name);
        results.push(run);
        report(run);
        if (!flag('--no-specialized')) specializeQueue.push({ name: entry.name, program, input, universal: run });
        if (!flag('--no-ts') && prompt.length + expected.length <= tsLimit) {
          const t = timedRun(tsEngine, model, prompt, DEFAULT_MAX_TOKENS, expected, entry.name);
          results.push(t);
          report(t);
        }
      }
    }
  }

  let specialized: SpecializedComparison[] = [];
  if (universalForCompare && specializeQueue.length) {
    specialized = await compareSpecialized(wasm, universalForCompare, specializeQueue, {
      milpSeconds: Number(value('--milp-seconds') ?? 20),
      reps: Math.max(1, Number(value('--reps') ?? 3)),
      generated: !only || only.includes('generated'),
      log,
      timedRun: (model, prompt, expected, name) => timedRun(wasm, model, prompt, DEFAULT_MAX_TOKENS, expected, name),
    });
  }

  const core = results.filter((x) => x.engine === 'wasm' && !x.program.startsWith('synthetic:'));
  const pool = core.length ? core : results.filter((x) => x.engine === 'wasm');
  const tokens = pool.reduce((a, x) => a + x.promptTokens + x.generatedTokens, 0);
  const wall = pool.reduce((a, x) => a + x.wallSeconds, 0);
  const cpuS = pool.reduce((a, x) => a + x.cpuSeconds, 0);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const summary = {
    date: new Date().toISOString(),
    node: process.version,
    wasmHeapBytes: wasm.core.HEAPU8.length,
    peakRssBytes: peakRss,
    results,
    specialized,
    i64Ops,
    overall: { tokens, wallSeconds: wall, cpuSeconds: cpuS, tokensPerSecond: tokens / wall, tokensPerCpuSecond: tokens / cpuS, programs: core.length ? 'examples' : 'synthetic' },
  };
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, JSON.stringify(summary, null, 2) + '\n');
  log(`peak memory: ${fmt(peakRss / 2 ** 20)} MiB RSS (process), wasm heap ${fmt(wasm.core.HEAPU8.length / 2 ** 20)} MiB; JSON: ${jsonPath}`);
  log(`overall (${summary.overall.programs}, wasm core): ${fmt(tokens)} tokens in ${wall.toFixed(2)} s = ${fmt(tokens / wall)} tok/s (${fmt(tokens / cpuS)} tok per CPU-second)`);
}

function summarizePlans(plans: { kind: string; values?: string }[][]): string {
  const count = new Map<string, number>();
  for (const p of plans.flat()) {
    const k = p.values ? `${p.kind}(${p.values})` : p.kind;
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return [...count].map(([k, n]) => `${n} ${k}`).join(', ');
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
