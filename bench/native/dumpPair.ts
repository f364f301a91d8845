/**
 * Writes, for one example (or `generated`), the universal model, the program's specialized model
 * and both prompts (int32 token ids) to .cache/native/, for the native profiling driver
 * (bench/native/driver.cpp): `npx tsx bench/native/dumpPair.ts calculator`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import loadHighs from 'highs';
import { universalModel } from '../../src/cli/modelCache.ts';
import { EXAMPLES_DIR, readManifest, REPO_ROOT } from '../../src/cli/programSource.ts';
import { compileToProgram } from '../../src/core/pipeline.ts';
import { programPrefixTokens } from '../../src/core/program/tokenFiles.ts';
import { promptFor } from '../../src/core/run/runProgram.ts';
import { writeBinModel, type Model } from '../../src/core/weights/binFile.ts';
import { buildSpecializedModel } from '../../src/core/weights/buildModel.ts';
import { generatedProgramSource } from '../../src/testing/generatedProgram.ts';

const name = process.argv[2] ?? 'calculator';
const out = join(REPO_ROOT, '.cache', 'native');
await mkdir(out, { recursive: true });
let source: string, file: string, args: string;
if (name === 'generated') {
  source = generatedProgramSource(12);
  file = 'generated12.c';
  args = 'a';
} else {
  const entry = (await readManifest()).find((m) => m.name === name)!;
  file = entry.file;
  source = await readFile(join(EXAMPLES_DIR, entry.file), 'utf8');
  args = entry.args;
}
const { program } = await compileToProgram(source, { fileName: file });
const input = new TextEncoder().encode(args);
const universal = await universalModel((l) => process.stderr.write(l + '\n'));
const built = buildSpecializedModel(program, { highs: await loadHighs(), timeLimit: Number(process.argv[3] ?? 20) }, name);
const ids = (m: Model, tokens: readonly string[]) => {
  const map = new Map(m.vocab.map((t, i) => [t, i]));
  return Int32Array.from(tokens.map((t) => map.get(t)!));
};
await writeFile(join(out, `${name}.universal.ids`), Buffer.from(ids(universal, programPrefixTokens(program, input)).buffer));
await writeFile(join(out, `${name}.specialized.ids`), Buffer.from(ids(built.model, promptFor(built.model, program, input)).buffer));
await writeFile(join(out, 'universal.bin'), writeBinModel(universal));
await writeFile(join(out, `${name}.specialized.bin`), writeBinModel(built.model));
const m = built.model;
console.log(`${out}: ${name} (${program.instructions.length} instructions): universal D=${universal.D} L=${universal.L} F=${universal.F}; specialized D=${m.D} L=${m.L} H=${m.H} F=${m.F} (${built.schedule.method})`);
