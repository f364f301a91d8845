import { readFile } from 'node:fs/promises';
import { StageError } from '../core/errors.ts';
import { assertModelRunsProgram, runProgram } from '../core/run/runProgram.ts';
import { DEFAULT_MAX_TOKENS, MAX_POSITIONS, POSITION_LIMIT_TEXT, type Engine } from '../core/infer/session.ts';
import { referenceEngine } from '../core/infer/referenceEngine.ts';
import { tsEngine } from '../core/infer/tsEngine.ts';
import { nodeWasmEngine } from '../core/infer/wasmEngine.node.ts';
import { parseOutToken } from '../core/tokens/spelling.ts';
import { formatDivergence } from '../core/tokens/traceDiff.ts';
import type { Model } from '../core/weights/binFile.ts';
import { readModelFile } from '../core/weights/modelFile.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { universalModel } from './modelCache.ts';
import { programExitCode } from './exitCode.ts';
import { loadProgram } from './programSource.ts';

/** `run PROG.c|PROG.txt [--args STR] [--model MODEL.bin|.safetensors] [--engine wasm|ts|reference] [--brute] [--check] [--max-tokens N]` */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '--model', '--engine', '--max-tokens'], boolean: ['--check', '--brute'] });
  const [path] = args.positional;
  if (!path || args.positional.length > 1) {
    process.stderr.write('usage: transformer-vm run PROG.c|PROG.txt [--args STR] [--model MODEL.bin|.safetensors] [--engine wasm|ts|reference] [--brute] [--check] [--max-tokens N]\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  const log = (l: string): boolean => process.stderr.write(l + '\n');
  const modelPath = stringFlag(args, '--model');
  const model: Model = modelPath ? readModelFile(new Uint8Array(await readFile(modelPath))) : await universalModel(log);
  const engineName = stringFlag(args, '--engine') ?? 'wasm';
  if (engineName !== 'wasm' && engineName !== 'ts' && engineName !== 'reference') throw new StageError('inference', `--engine must be wasm, ts or reference, not '${engineName}'`);
  const engine: Engine = engineName === 'ts' ? tsEngine : engineName === 'reference' ? referenceEngine : await nodeWasmEngine();
  const maxTokens = intFlag(args, '--max-tokens') ?? DEFAULT_MAX_TOKENS;

  if (!assertModelRunsProgram(model, loaded.program, `'${loaded.name}'`)) {
    log('warning: the model does not record which program it was specialized for; assuming this one');
  }
  const res = runProgram(engine, model, loaded.program, loaded.input, {
    attention: args.flags.has('--brute') ? 'brute' : undefined,
    maxTokens,
    check: args.flags.has('--check'),
    onTokens: (toks) => {
      for (const t of toks) {
        const b = parseOutToken(t);
        if (b !== null) process.stdout.write(Uint8Array.of(b));
      }
    },
  });
  const total = res.prompt.length + res.generated.length;
  const compiled = loaded.compileMs !== undefined ? `; compiled in ${loaded.compileMs.toFixed(0)} ms` : loaded.cached ? '; compiled program from the cache' : '';
  const stopText = res.stopped === 'stop' ? 'halt' : res.stopped === 'diverged' ? 'diverged from the reference' : total >= MAX_POSITIONS ? POSITION_LIMIT_TEXT : 'token limit';
  log(`${loaded.name}: ${res.prompt.length} prompt + ${res.generated.length} generated tokens in ${res.seconds.toFixed(2)} s (${Math.round(total / res.seconds)} tok/s, engine ${engine.name}); stopped: ${stopText}${compiled}`);

  let ok = res.stopped === 'stop';
  if (res.check) {
    const d = res.check.divergence;
    if (!d) log(`check: match (${res.generated.length} tokens equal the reference trace${res.stopped === 'limit' ? ' up to the token limit' : ''})`);
    else {
      ok = false;
      log(`check: ${formatDivergence(d, 'generated token')} (token ${res.prompt.length + d.index} of the sequence)`);
    }
  }
  return ok ? programExitCode(res, loaded.name) : 1;
}
