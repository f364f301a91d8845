import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeBinModel } from '../core/weights/binFile.ts';
import { writeSafetensors } from '../core/weights/safetensors.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { buildUniversal } from './modelCache.ts';
import { scheduleLogLine } from './scheduleLog.ts';

/** `build [-o MODEL.bin] [--safetensors FILE] [--time-limit S] [--max-layers N] [--greedy] [-v]` */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['-o', '--safetensors', '--time-limit', '--max-layers'], boolean: ['--greedy', '-v'] });
  if (args.positional.length) {
    process.stderr.write('usage: transformer-vm build [-o MODEL.bin] [--safetensors FILE] [--time-limit S] [--max-layers N] [--greedy] [-v]\n');
    return 2;
  }
  const verbose = args.flags.has('-v');
  const t0 = performance.now();
  const built = await buildUniversal({
    timeLimit: intFlag(args, '--time-limit') ?? 120,
    maxLayers: intFlag(args, '--max-layers'),
    greedy: args.flags.has('--greedy'),
    log: (l) => scheduleLogLine(verbose)(l) && process.stderr.write(l + '\n'),
  });
  const { model, schedule } = built;
  const out = stringFlag(args, '-o') ?? 'model.bin';
  await mkdir(dirname(out), { recursive: true });
  const bin = writeBinModel(model);
  await writeFile(out, bin);
  const st = stringFlag(args, '--safetensors');
  if (st) await writeFile(st, writeSafetensors(model));
  const lookupHeads = model.tieBreak ? model.layers.length && built.problem.ops.filter((o) => o.kind === 'lookup').reduce((s, o) => s + Math.ceil(o.values / 2), 0) : 0;
  process.stderr.write(
    `layers ${model.L}, d_model ${model.D}, heads ${model.H} per layer (${lookupHeads} lookup heads), d_ffn ${model.F}, vocabulary ${model.V}\n` +
      `schedule: ${schedule.method} ${schedule.status}` +
      (schedule.rows ? `, MILP ${schedule.rows} rows × ${schedule.columns} columns` : '') +
      (schedule.solveMs !== undefined ? `, solved in ${(schedule.solveMs / 1000).toFixed(1)} s` : '') +
      (schedule.dModelLowerBound !== undefined ? `, d_model lower bound ${schedule.dModelLowerBound}` : '') +
      `\nweights constructed in ${built.weightsMs.toFixed(0)} ms; total ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      `wrote ${out} (${bin.length} bytes)${st ? ` and ${st}` : ''}\n`,
  );
  return 0;
}
