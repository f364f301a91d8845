/**
 * The machine-state replay the page's stepping uses (src/core/run/inspect/referenceReplay.ts), on
 * sudoku with a hard puzzle: the time to show the state at trace token 1,000,000, then per step
 * forward (7 tokens, about one instruction) on the same replay, against a fresh replay per step
 * (running from the start, as before the interpreter was a resumable session).
 * `npm run bench:stepping`.
 */
import { readFile } from 'node:fs/promises';
import { compileC } from '../src/core/compile/compile.ts';
import { wasmToProgram } from '../src/core/pipeline.ts';
import { inputSectionTokens } from '../src/core/program/tokenFiles.ts';
import { ReferenceReplay } from '../src/core/run/inspect/referenceReplay.ts';

const HARD = '000000010400000000020000000000050407008000300001090000300400200050100000000806000';
const STEPS = 50;
const source = await readFile(new URL('../examples/sudoku.c', import.meta.url), 'utf8');
const compiled = await compileC(source, { fileName: 'sudoku.c' });
const { program } = wasmToProgram(compiled.wasm, compiled.clangVersion, compiled.entry);
const input = new TextEncoder().encode(HARD);
const sectionTokens = inputSectionTokens(program, input).length;

const replay = new ReferenceReplay(program, input, sectionTokens);
const base = replay.prefixTokens + 1_000_000;
let t0 = performance.now();
replay.at(base, base);
const first = performance.now() - t0;
t0 = performance.now();
for (let k = 1; k <= STEPS; k++) replay.at(base + 7 * k, base + 7 * k);
const resumed = (performance.now() - t0) / STEPS;
t0 = performance.now();
for (let k = 1; k <= 5; k++) new ReferenceReplay(program, input, sectionTokens).at(base + 7 * k, base + 7 * k);
const fresh = (performance.now() - t0) / 5;
console.log(`sudoku (hard puzzle), state at trace token 1,000,000: ${first.toFixed(0)} ms`);
console.log(`a step forward of 7 tokens: ${resumed.toFixed(1)} ms resuming the replay, ${fresh.toFixed(0)} ms replaying from the start`);
