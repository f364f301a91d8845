import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import loadHighs from 'highs';
import { runProgram } from '../core/run/runProgram.ts';
import { nodeWasmEngine } from '../core/infer/wasmEngine.node.ts';
import { formatDivergence } from '../core/tokens/traceDiff.ts';
import { writeBinModel } from '../core/weights/binFile.ts';
import { buildSpecializedModel } from '../core/weights/buildModel.ts';
import { writeSafetensors } from '../core/weights/safetensors.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { loadProgram } from './programSource.ts';
import { scheduleLogLine } from './scheduleLog.ts';

/** `specialize PROG.c|PROG.txt [--args STR] -o MODEL.bin [--safetensors FILE] [--compact FILE.safetensors] [--time-limit S] [--greedy]` */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '-o', '--safetensors', '--compact', '--time-limit', '--verify-tokens'], boolean: ['--greedy', '-v'] });
  const [path] = args.positional;
  const out = stringFlag(args, '-o');
  if (!path || !out || args.positional.length > 1) {
    process.stderr.write('usage: transformer-vm specialize PROG.c|PROG.txt [--args STR] -o MODEL.bin [--safetensors FILE] [--compact FILE.safetensors] [--time-limit S] [--greedy]\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  const verbose = args.flags.has('-v');
  const t0 = performance.now();
  const built = buildSpecializedModel(
    loaded.program,
    {
      highs: args.flags.has('--greedy') ? undefined : await loadHighs(),
      timeLimit: intFlag(args, '--time-limit') ?? 30,
      onLog: (l) => scheduleLogLine(verbose)(l) && process.stderr.write(l + '\n'),
    },
    loaded.name,
  );
  const { model, schedule } = built;
  // Precision envelope: run the specialized model to completion against the reference and
  // record over how many generated tokens it was verified (and where it first diverged, if it did).
  const tv = performance.now();
  const verifyLimit = intFlag(args, '--verify-tokens') ?? 2_000_000;
  const ran = runProgram(await nodeWasmEngine(), model, loaded.program, loaded.input, { maxTokens: verifyLimit, check: true });
  const check = ran.check!;
  model.info!.provenance!.verifiedTokens = String(check.verifiedTokens);
  model.info!.provenance!.verification = check.divergence ? formatDivergence(check.divergence, 'generated token') : ran.stopped === 'stop' ? 'match to halt' : `match up to the ${verifyLimit}-token limit`;
  process.stderr.write(`verified: ${model.info!.provenance!.verification} (${check.verifiedTokens} tokens, ${Math.round((ran.prompt.length + ran.generated.length) / ran.seconds)} tok/s, ${((performance.now() - tv) / 1000).toFixed(1)} s)\n`);
  await mkdir(dirname(out), { recursive: true });
  const bin = writeBinModel(model);
  await writeFile(out, bin);
  const st = stringFlag(args, '--safetensors');
  if (st) await writeFile(st, writeSafetensors(model));
  const compactPath = stringFlag(args, '--compact');
  const compact = compactPath ? writeSafetensors(model, { compact: true }) : null;
  if (compactPath && compact) await writeFile(compactPath, compact);
  process.stderr.write(
    `${loaded.name} (${loaded.program.instructions.length} instructions) specialized: V ${model.V}, D ${model.D}, L ${model.L}, H ${model.H}, F ${model.F}\n` +
      `schedule: ${schedule.method} ${schedule.status}` +
      (schedule.dModelLowerBound !== undefined ? ` (d_model lower bound ${schedule.dModelLowerBound})` : '') +
      (schedule.solveMs !== undefined ? `, MILP ${(schedule.solveMs / 1000).toFixed(1)} s` : '') +
      `; weights ${built.weightsMs.toFixed(0)} ms; total ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      (schedule.folded ? `${schedule.folded.neurons + schedule.folded.groups} instruction-table neurons scheduled as ${schedule.folded.groups} group(s)\n` : '') +
      (schedule.fallback ? `${schedule.fallback}\n` : '') +
      `wrote ${out} (${bin.length} bytes)${st ? ` and ${st}` : ''}${compact ? `, compact ${compactPath} (${compact.length} bytes)` : ''}\n`,
  );
  return 0;
}
