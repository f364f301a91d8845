/**
 * Exit statuses end to end: small C programs compiled natively with gcc (the oracle: the status a
 * shell sees, 128 + the signal for a killed process) and through the pipeline, run on the
 * reference interpreter, V8 directly, the exact graph evaluator and the Emscripten core with the
 * universal model. Every run must give gcc's status; the engines read it from their own tokens.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWasmDirect } from '../compile/runWasmDirect.ts';
import { runEvaluator } from '../evaluate/index.ts';
import { runProgram } from '../run/runProgram.ts';
import { nodeWasmEngine } from '../infer/wasmEngine.node.ts';
import type { WasmEngine } from '../infer/wasmEngine.ts';
import { buildMachine } from '../machine/buildMachine.ts';
import { compileToProgram } from '../pipeline.ts';
import { runReference } from '../reference/interpret.ts';
import { buildModel } from '../weights/buildModel.ts';
import type { Model } from '../weights/binFile.ts';
import { ABNORMAL_ENDS, exitFromStatusWord } from '../tokens/exitStatus.ts';
import { programPrefixTokens } from './tokenFiles.ts';

interface Case {
  name: string;
  source: string;
  args: string | null;
  status: number;
  trap?: string;
  /** Native stdout is lost when a signal kills a process with buffered output: compare status only. */
  statusOnly?: boolean;
}

const CASES: Case[] = [
  { name: 'return 3', source: 'int main(void) { return 3; }', args: null, status: 3 },
  { name: 'return 0 after output', source: '#include <stdio.h>\nint main(void) { printf("ok\\n"); return 0; }', args: null, status: 0 },
  { name: 'main without return', source: '#include <stdio.h>\nint main(void) { puts("implicit"); }', args: null, status: 0 },
  { name: 'return 300 (low 8 bits)', source: 'int main(void) { return 300; }', args: null, status: 44 },
  { name: 'return -1', source: 'int main(void) { return -1; }', args: null, status: 255 },
  { name: 'status from the argument', source: 'int main(int argc, char **argv) { return argv[1][0] - \'0\' + argc; }', args: '5', status: 7 },
  { name: 'exit(4) in a callee', source: '#include <stdio.h>\n#include <stdlib.h>\nstatic void fail(int n) { printf("failing with %d\\n", n); exit(n); }\nint main(void) { fail(4); puts("not reached"); return 0; }', args: null, status: 4 },
  { name: 'exit(EXIT_FAILURE)', source: '#include <stdlib.h>\nint main(void) { exit(EXIT_FAILURE); }', args: null, status: 1 },
  { name: 'exit(257)', source: '#include <stdlib.h>\nint main(void) { exit(257); }', args: null, status: 1 },
  { name: 'abort', source: '#include <stdlib.h>\nint main(void) { abort(); }', args: null, status: 134, trap: ABNORMAL_ENDS.abort.name },
  { name: 'failed assert', source: '#include <assert.h>\nint main(int argc, char **argv) { assert(argv[1][0] == \'y\'); return 0; }', args: 'n', status: 134, trap: ABNORMAL_ENDS.abort.name, statusOnly: true },
  { name: 'compute form returns', source: 'void compute(const char *s) { printf("%s!", s); }', args: 'hi', status: 0 },
  { name: 'compute form calls exit', source: '#include <stdlib.h>\nvoid compute(void) { printf("x"); exit(9); }', args: null, status: 9 },
  { name: 'division by zero', source: 'int main(int argc, char **argv) { int d = argv[1][0] - \'0\'; return 100 / d; }', args: '0', status: 136, trap: ABNORMAL_ENDS.divideByZero.name },
  { name: 'remainder by zero', source: 'int main(int argc, char **argv) { unsigned d = argv[1][0] - \'0\'; return 100u % d; }', args: '0', status: 136, trap: ABNORMAL_ENDS.divideByZero.name },
  { name: 'INT_MIN / -1', source: '#include <limits.h>\nint main(int argc, char **argv) { int d = \'0\' - argv[1][0] - 1; int n = INT_MIN + argc - 2; return n / d; }', args: '0', status: 136, trap: ABNORMAL_ENDS.integerOverflow.name },
  { name: '__builtin_trap', source: 'int main(int argc, char **argv) { if (argv[1][0] == \'t\') __builtin_trap(); return 2; }', args: 't', status: 132, trap: ABNORMAL_ENDS.unreachable.name },
];

const hasGcc = spawnSync('gcc', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'tvm-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HOST = new URL('../../../examples/host/', import.meta.url).pathname;

/** The status a shell sees for the gcc build, and its stdout. */
function native(c: Case, k: number): { status: number; stdout: string } {
  const src = join(dir, `p${k}.c`);
  const exe = join(dir, `p${k}`);
  writeFileSync(src, c.source);
  const compute = /\bcompute\s*\(/.test(c.source);
  const files = compute ? [src, join(HOST, 'tvm_host_main.c')] : [src];
  const defines = compute && c.args !== null ? ['-DTVM_COMPUTE_TAKES_INPUT'] : [];
  const build = spawnSync('gcc', ['-O0', '-w', ...defines, '-include', join(HOST, 'tvm_host.h'), ...files, '-o', exe], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`gcc failed on '${c.name}':\n${build.stderr}`);
  const run = spawnSync(exe, c.args === null ? [] : [c.args], { encoding: 'latin1' });
  const status = run.signal ? 128 + constants.signals[run.signal] : run.status!;
  return { status, stdout: run.stdout };
}

let model: Model;
let wasm: WasmEngine;
let machine: ReturnType<typeof buildMachine>;
beforeAll(async () => {
  machine = buildMachine({ kind: 'universal' });
  model = buildModel({ kind: 'universal' }).model;
  wasm = await nodeWasmEngine();
});

describe('exit status: gcc, reference, V8, evaluator and the Emscripten core agree', () => {
  CASES.forEach((c, k) => {
    it(c.name, async () => {
      const { program, compiled } = await compileToProgram(c.source, { fileName: `p${k}.c` });
      const bytes = compiled.wasm;
      const input = program.inputBase === null ? null : new TextEncoder().encode(c.args ?? '');
      const ref = runReference(program, input, { trace: true });
      expect(ref.stop).toBe('halt');
      expect({ status: ref.exitStatus, trap: ref.trap }).toEqual({ status: c.status, trap: c.trap });
      const text = new TextDecoder('latin1').decode(ref.output);
      if (hasGcc) {
        const n = native(c, k);
        expect(n.status).toBe(c.status);
        if (!c.statusOnly) expect(text).toBe(n.stdout);
      }

      const direct = runWasmDirect(bytes, c.args);
      expect(direct.statusWord, `V8: ${direct.stop} ${direct.trap ?? ''}`).toBeDefined();
      const directExit = exitFromStatusWord(direct.statusWord!);
      expect({ status: directExit.exitStatus, trap: directExit.trap }).toEqual({ status: c.status, trap: c.trap });

      const prompt = programPrefixTokens(program, input);
      const ev = runEvaluator(machine, prompt, { maxTokens: 200_000 });
      expect({ stop: ev.stop, status: ev.exitStatus, trap: ev.trap }).toEqual({ stop: 'halt', status: c.status, trap: c.trap });

      const core = runProgram(wasm, model, program, input, { maxTokens: 200_000 });
      expect({ stop: core.stopped, status: core.exitStatus, trap: core.trap }).toEqual({ stop: 'stop', status: c.status, trap: c.trap });
      expect(core.generated.toArray().join(' ')).toBe(ref.tokens!.slice(ref.tokens!.length - core.generated.length).join(' '));
    });
  });
});
