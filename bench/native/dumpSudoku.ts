/**
 * Writes the cached universal model and the sudoku example's prompt (int32 token ids) to
 * .cache/native/, for the native profiling driver (bench/native/driver.cpp).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { universalModel } from '../../src/cli/modelCache.ts';
import { EXAMPLES_DIR, readManifest, REPO_ROOT } from '../../src/cli/programSource.ts';
import { compileToProgram } from '../../src/core/pipeline.ts';
import { programPrefixTokens } from '../../src/core/program/tokenFiles.ts';
import { writeBinModel } from '../../src/core/weights/binFile.ts';

const out = join(REPO_ROOT, '.cache', 'native');
await mkdir(out, { recursive: true });
const entry = (await readManifest()).find((m) => m.name === 'sudoku')!;
const { program } = await compileToProgram(await readFile(join(EXAMPLES_DIR, entry.file), 'utf8'), { fileName: entry.file });
const model = await universalModel((l) => process.stderr.write(l + '\n'));
const ids = new Map(model.vocab.map((t, i) => [t, i]));
const prompt = programPrefixTokens(program, new TextEncoder().encode(entry.args)).map((t) => ids.get(t)!);
await writeFile(join(out, 'sudoku.ids'), Buffer.from(Int32Array.from(prompt).buffer));
await writeFile(join(out, 'universal.bin'), writeBinModel(model));
console.log(`${out}: universal.bin (D=${model.D}), sudoku.ids (${prompt.length} prompt tokens)`);
