/**
 * The universal model against each program's specialized model (npm run bench): both run the
 * same program to halt through the core, checked against the reference; printed side by side.
 * Wall and CPU time: on a shared machine the CPU figures are the steadier comparison; each model
 * runs `reps` times, alternating, and the fastest run (least CPU time) of each is reported.
 */
import loadHighs from 'highs';
import { generatedProgramSource } from '../src/testing/generatedProgram.ts';
import { compileToProgram } from '../src/core/pipeline.ts';
import type { WasmEngine } from '../src/core/infer/wasmEngine.ts';
import { DEFAULT_MAX_TOKENS } from '../src/core/infer/session.ts';
import { promptFor } from '../src/core/run/runProgram.ts';
import { programPrefixTokens } from '../src/core/program/tokenFiles.ts';
import type { Program } from '../src/core/program/program.ts';
import { runReference } from '../src/core/reference/interpret.ts';
import { writeBinModel, type Model } from '../src/core/weights/binFile.ts';
import { buildSpecializedModel } from '../src/core/weights/buildModel.ts';
import { writeSafetensors } from '../src/core/weights/safetensors.ts';
import type { RunResult } from './run.ts';

export interface SpecializedComparison {
  program: string;
  instructions: number;
  /** tokensPerCpuSecond counts every position processed (the universal model's program prefix too); generatedPerCpuSecond only the trace both models generate. */
  universal: { tokensPerSecond: number; tokensPerCpuSecond: number; generatedPerCpuSecond: number; secondsToHalt: number; cpuSecondsToHalt: number; tokens: number; check: string };
  specialized: {
    tokensPerSecond: number;
    tokensPerCpuSecond: number;
    generatedPerCpuSecond: number;
    secondsToHalt: number;
    cpuSecondsToHalt: number;
    tokens: number;
    check: string;
    buildSeconds: number;
    schedule: string;
    D: number;
    L: number;
    H: number;
    F: number;
    binBytes: number;
    compactBytes: number;
    rampUnits: number;
    /** Runs of each model; the fastest counts. */
    runs: number;
  };
}

/** Repeated runs of a short program: until each model has used this much CPU time (at most MAX_RUNS). */
const MIN_CPU_SECONDS = 0.5;
const MAX_RUNS = 40;

interface Queued {
  name: string;
  program: Program;
  input: Uint8Array;
  universal: RunResult;
}

interface Options {
  milpSeconds: number;
  /** Runs per model (alternating universal, specialized); the least CPU time counts. */
  reps: number;
  /** Also a generated program of 3,000+ instructions. */
  generated: boolean;
  log: (line: string) => void;
  timedRun: (model: Model, prompt: number[], expected: number[] | null, name: string) => RunResult;
}

/** The reference trace after the prompt (the tokens either model must generate). */
function expectedTokens(program: Program, input: Uint8Array): string[] {
  const prefix = programPrefixTokens(program, input);
  // The reference's budget counts the input section too; the models' start after it.
  const ref = runReference(program, input, { trace: true, maxTokens: DEFAULT_MAX_TOKENS + prefix.length });
  return ref.tokens!.slice(prefix.length - prefix.indexOf('}') - 1);
}

const ids = (model: Model, tokens: readonly string[]): number[] => {
  const m = new Map(model.vocab.map((t, i) => [t, i]));
  return tokens.map((t) => m.get(t)!);
};

export async function compareSpecialized(wasm: WasmEngine, universal: Model, queue: Queued[], opts: Options): Promise<SpecializedComparison[]> {
  const { log } = opts;
  const highs = await loadHighs();
  const all = [...queue];
  if (opts.generated) {
    const { program } = await compileToProgram(generatedProgramSource(12), { fileName: 'generated12.c' });
    const input = new TextEncoder().encode('a');
    const expected = expectedTokens(program, input);
    const prompt = ids(universal, programPrefixTokens(program, input));
    all.push({ name: `generated (${program.instructions.length} ins.)`, program, input, universal: opts.timedRun(universal, prompt, ids(universal, expected), 'generated') });
  }
  const out: SpecializedComparison[] = [];
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const mb = (n: number) => (n / 2 ** 20).toFixed(2);
  log('');
  log(`universal (D=${universal.D} L=${universal.L} H=${universal.H} F=${universal.F}, ${mb(writeBinModel(universal).length)} MB .bin) vs specialized (MILP ≤ ${opts.milpSeconds} s), the fastest of ${opts.reps} runs each (more for short programs: until each model has run ${MIN_CPU_SECONDS} CPU-s, at most ${MAX_RUNS} runs):`);
  log(
    `${'program'.padEnd(26)} ${'univ tok/s'.padStart(10)} ${'halt s'.padStart(7)} ${'cpu s'.padStart(6)} │ ${'spec tok/s'.padStart(10)} ${'halt s'.padStart(7)} ${'cpu s'.padStart(6)} ${'×tok/cpu-s'.padStart(10)} ${'×gen/cpu-s'.padStart(10)} │ ` +
      `${'D/L/H/F'.padEnd(15)} ${'.bin MB'.padStart(8)} ${'compact MB'.padStart(10)} ${'build s'.padStart(7)}  check`,
  );
  for (const q of all) {
    const t0 = performance.now();
    const built = buildSpecializedModel(q.program, { highs, timeLimit: opts.milpSeconds }, q.name);
    const buildSeconds = (performance.now() - t0) / 1000;
    const m = built.model;
    const expected = expectedTokens(q.program, q.input);
    const specPrompt = ids(m, promptFor(m, q.program, q.input));
    let run = opts.timedRun(m, specPrompt, ids(m, expected), `${q.name} (specialized)`);
    let uni = q.universal;
    const uniPrompt = ids(universal, programPrefixTokens(q.program, q.input));
    // Short runs (a few ms) are the noisiest: they repeat until each model has run MIN_CPU_SECONDS.
    let uniCpu = uni.cpuSeconds, specCpu = run.cpuSeconds, runs = 1;
    for (; runs < MAX_RUNS && (runs < opts.reps || Math.min(uniCpu, specCpu) < MIN_CPU_SECONDS); runs++) {
      const u = opts.timedRun(universal, uniPrompt, ids(universal, expected), q.name);
      const sp = opts.timedRun(m, specPrompt, ids(m, expected), `${q.name} (specialized)`);
      uniCpu += u.cpuSeconds;
      specCpu += sp.cpuSeconds;
      if (!u.check.startsWith('match') || !sp.check.startsWith('match')) throw new Error(`${q.name}: a repeated run does not match the reference (${u.check} / ${sp.check})`);
      if (u.cpuSeconds < uni.cpuSeconds) uni = u;
      if (sp.cpuSeconds < run.cpuSeconds) run = sp;
    }
    const c: SpecializedComparison = {
      program: q.name,
      instructions: q.program.instructions.length,
      universal: { tokensPerSecond: uni.tokensPerSecond, tokensPerCpuSecond: uni.tokensPerCpuSecond, generatedPerCpuSecond: uni.generatedTokens / uni.cpuSeconds, secondsToHalt: uni.wallSeconds, cpuSecondsToHalt: uni.cpuSeconds, tokens: uni.promptTokens + uni.generatedTokens, check: q.universal.check },
      specialized: {
        tokensPerSecond: run.tokensPerSecond,
        tokensPerCpuSecond: run.tokensPerCpuSecond,
        generatedPerCpuSecond: run.generatedTokens / run.cpuSeconds,
        secondsToHalt: run.wallSeconds,
        cpuSecondsToHalt: run.cpuSeconds,
        tokens: run.promptTokens + run.generatedTokens,
        check: run.check,
        buildSeconds,
        schedule: built.schedule.method,
        D: m.D,
        L: m.L,
        H: m.H,
        F: m.F,
        binBytes: writeBinModel(m).length,
        compactBytes: writeSafetensors(m, { compact: true }).length,
        rampUnits: Math.max(0, ...wasm.rampUnits(m)),
        runs,
      },
    };
    out.push(c);
    const s = c.specialized;
    log(
      `${q.name.padEnd(26)} ${fmt(c.universal.tokensPerSecond).padStart(10)} ${c.universal.secondsToHalt.toFixed(2).padStart(7)} ${c.universal.cpuSecondsToHalt.toFixed(2).padStart(6)} │ ` +
        `${fmt(s.tokensPerSecond).padStart(10)} ${s.secondsToHalt.toFixed(2).padStart(7)} ${s.cpuSecondsToHalt.toFixed(2).padStart(6)} ${(s.tokensPerCpuSecond / c.universal.tokensPerCpuSecond).toFixed(2).padStart(10)} ${(s.generatedPerCpuSecond / c.universal.generatedPerCpuSecond).toFixed(2).padStart(10)} │ ` +
        `${`${s.D}/${s.L}/${s.H}/${s.F}`.padEnd(15)} ${mb(s.binBytes).padStart(8)} ${mb(s.compactBytes).padStart(10)} ${s.buildSeconds.toFixed(1).padStart(7)}  ${s.check === 'match' && c.universal.check === 'match' ? 'match' : `${c.universal.check} / ${s.check}`}` +
        (s.schedule === 'milp' ? '' : ` (${s.schedule} schedule)`),
    );
  }
  return out;
}
