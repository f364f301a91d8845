import { readFile } from 'node:fs/promises';
import { StageError } from '../core/errors.ts';
import type { Engine } from '../core/infer/session.ts';
import { tsEngine } from '../core/infer/tsEngine.ts';
import { nodeWasmEngine } from '../core/infer/wasmEngine.node.ts';
import { programHash } from '../core/program/programHash.ts';
import { inputSectionTokens, programPrefixTokens, specInputTokens } from '../core/program/tokenFiles.ts';
import { SPECIALIZED_START_TOKEN } from '../core/tokens/spelling.ts';
import { runReference } from '../core/reference/interpret.ts';
import { parseOutToken } from '../core/tokens/spelling.ts';
import { readBinModel, type Model } from '../core/weights/binFile.ts';
import { intFlag, parseArgs, stringFlag } from './args.ts';
import { universalModel } from './modelCache.ts';
import { loadProgram } from './programSource.ts';

/** `run PROG.c|PROG.txt [--args STR] [--model MODEL.bin] [--engine wasm|ts] [--brute] [--check] [--max-tokens N]` */
export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { valued: ['--args', '--model', '--engine', '--max-tokens'], boolean: ['--check', '--brute'] });
  const [path] = args.positional;
  if (!path || args.positional.length > 1) {
    process.stderr.write('usage: transformer-vm run PROG.c|PROG.txt [--args STR] [--model MODEL.bin] [--engine wasm|ts] [--brute] [--check] [--max-tokens N]\n');
    return 2;
  }
  const loaded = await loadProgram(path, stringFlag(args, '--args'));
  const log = (l: string): boolean => process.stderr.write(l + '\n');
  const modelPath = stringFlag(args, '--model');
  const model: Model = modelPath ? readBinModel(new Uint8Array(await readFile(modelPath))) : await universalModel(log);
  const engineName = stringFlag(args, '--engine') ?? 'wasm';
  if (engineName !== 'wasm' && engineName !== 'ts') throw new StageError('inference', `--engine must be wasm or ts, not '${engineName}'`);
  const engine: Engine = engineName === 'ts' ? tsEngine : await nodeWasmEngine();
  const maxTokens = intFlag(args, '--max-tokens') ?? 6_000_000;

  // A specialized model has the program in its weights: its prompt is `start` + the input section.
  const specialized = model.vocab.includes(SPECIALIZED_START_TOKEN);
  if (specialized) {
    const baked = model.info?.provenance?.programHash;
    const given = programHash(loaded.program);
    if (baked && baked !== given) {
      throw new StageError('inference', `this model is specialized for program '${model.info?.provenance?.program ?? '?'}' (hash ${baked}); '${loaded.name}' is a different program (hash ${given})`);
    }
    if (!baked) log('warning: the model does not record which program it was specialized for; assuming this one');
  }
  const prompt = specialized ? specInputTokens(loaded.program, loaded.input) : programPrefixTokens(loaded.program, loaded.input);
  const inputSection = inputSectionTokens(loaded.program, loaded.input).length;
  const ids = new Map(model.vocab.map((t, i) => [t, i]));
  const promptIds = prompt.map((t, i) => {
    const id = ids.get(t);
    if (id === undefined) throw new StageError('inference', `prompt token ${i} '${t}' is not in the model's vocabulary`);
    return id;
  });
  const session = engine.createSession(model, { attention: args.flags.has('--brute') ? 'brute' : undefined, maxTokens });
  const t0 = performance.now();
  session.feed(promptIds);
  const generated: string[] = [];
  let stopped: string | null = null;
  while (!stopped) {
    const r = session.generate(Math.min(65_536, maxTokens - generated.length));
    for (const id of r.tokens) {
      const t = model.vocab[id];
      generated.push(t);
      const b = parseOutToken(t);
      if (b !== null) process.stdout.write(Uint8Array.of(b));
    }
    stopped = r.stopped ?? (generated.length >= maxTokens ? 'limit' : null);
  }
  const s = (performance.now() - t0) / 1000;
  const total = prompt.length + generated.length;
  log(`${loaded.name}: ${prompt.length} prompt + ${generated.length} generated tokens in ${s.toFixed(2)} s (${Math.round(total / s)} tok/s, engine ${engine.name}); stopped: ${stopped === 'stop' ? 'halt' : 'token limit'}`);
  session.dispose();

  let ok = stopped === 'stop';
  if (args.flags.has('--check')) {
    const ref = runReference(loaded.program, loaded.input, { trace: true, maxTokens: maxTokens + prompt.length });
    const expected = ref.tokens!.slice(inputSection);
    const n = Math.min(expected.length, generated.length);
    let i = 0;
    while (i < n && expected[i] === generated[i]) i++;
    if (i === n && expected.length === generated.length) log(`check: match (${generated.length} tokens equal the reference trace)`);
    else {
      ok = false;
      const at = prompt.length + i;
      log(i < n
        ? `check: diverges at token ${at} (generated #${i}): model '${generated[i]}', reference '${expected[i]}'`
        : `check: length differs after ${n} equal tokens: model ${generated.length}, reference ${expected.length} generated tokens`);
    }
  }
  return ok ? 0 : 1;
}
