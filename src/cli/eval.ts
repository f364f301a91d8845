import { DEFAULT_EVAL_BUDGET, firstDivergence, formatDivergence, runEvaluator } from '../core/evaluate/index.ts';
import { formatGraphStats, graphStats } from '../core/graph/stats.ts';
import { buildMachine } from '../core/machine/buildMachine.ts';
import { inputSectionTokens, programPrefixTokens } from '../core/program/tokenFiles.ts';
import { runReference } from '../core/reference/interpret.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { programExitCode } from './exitCode.ts';
import { loadProgram } from './programSource.ts';

const USAGE = 'usage: transformer-vm eval PROG.c|PROG.txt [--args STR] [--nohull] [--stats] [--max-tokens N] [--float-sums]';

/**
 * `eval`: runs the universal machine's graph with the exact evaluator (no weights) and checks
 * it token by token against the reference interpreter. Program output on stdout; figures and
 * the comparison on stderr; exit 1 on divergence or when the budget stops the run.
 */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '--max-tokens'], boolean: ['--nohull', '--stats', '--float-sums'] });
  const [path] = args.positional;
  if (!path || args.positional.length > 1) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  const maxTokens = intFlag(args, '--max-tokens') ?? DEFAULT_EVAL_BUDGET;
  const lookup = args.flags.has('--nohull') ? 'brute' : 'hull';

  const t0 = performance.now();
  const machine = buildMachine({ kind: 'universal' });
  const buildMs = performance.now() - t0;
  if (args.flags.has('--stats')) {
    process.stderr.write(`${formatGraphStats(graphStats(machine.graph))}; vocabulary ${machine.vocabulary.size} tokens; built in ${buildMs.toFixed(0)} ms\n`);
    process.stderr.write('original (commit 6cfee30): 159 ops, 186 dims, 21 lookups, 24 attention heads, vocabulary 915\n');
  }

  const p = loaded.program;
  const prompt = programPrefixTokens(p, loaded.input);
  const cpu0 = process.cpuUsage();
  const res = runEvaluator(machine, prompt, {
    lookup,
    // --float-sums: running sums rounded as the transformer engines round them (see docs).
    cumulativeSums: args.flags.has('--float-sums') ? 'float' : 'exact',
    maxTokens,
    onOutput: (b) => process.stdout.write(Uint8Array.of(b)),
  });
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const tokens = prompt.length + res.generated.length;
  process.stderr.write(
    `${loaded.name}: ${p.instructions.length} instructions, ${prompt.length} prompt + ${res.generated.length} generated tokens ` +
      `in ${(res.ms / 1000).toFixed(2)} s: ${Math.round((tokens * 1000) / res.ms)} tokens/s ` +
      `(${Math.round((tokens * 1000) / Math.max(cpuMs, 1))} per CPU second), ${lookup === 'hull' ? 'hull' : 'brute-force'} lookups\n`,
  );
  if (args.flags.has('--stats')) {
    const stored = res.evaluator.lookupMatches().map((l) => `${l.name} ${l.stored}`);
    process.stderr.write(`lookup history sizes (stored entries): ${stored.join(', ')}\n`);
  }

  // The reference trace is everything after `}`: the input section, then the execution.
  const ref = runReference(p, loaded.input, { trace: true, maxTokens: maxTokens + inputSectionTokens(p, loaded.input).length });
  const got = [...inputSectionTokens(p, loaded.input), ...res.generated];
  // A run stopped by the budget is compared over the tokens it produced.
  const expected = res.stop === 'budget' ? ref.tokens!.slice(0, got.length) : ref.tokens!;
  let status = 0;
  if (ref.stop === 'error') {
    process.stderr.write(`reference interpreter: error: ${ref.error}\n`);
    status = 1;
  }
  const d = firstDivergence(got, expected);
  process.stderr.write(`reference: ${formatDivergence(d, 'trace token (after `}`)')}` + (d ? ` (prompt position ${prompt.length - inputSectionTokens(p, loaded.input).length + d.index})` : '') + '\n');
  if (d) status = 1;
  if (res.stop === 'budget') {
    process.stderr.write(`stopped: the budget of ${maxTokens} generated tokens was reached before halt (--max-tokens)\n`);
    status = 1;
  }
  return status !== 0 ? status : programExitCode(res, loaded.name);
}
