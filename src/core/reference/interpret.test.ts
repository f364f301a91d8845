import { describe, expect, it } from 'vitest';
import { assembleProgram } from '../program/assemble.ts';
import { irModule } from '../program/testing/irModule.ts';
import { formatRefFile, parseTokenFile, programPrefixTokens, splitTokens } from '../program/tokenFiles.ts';
import { createReferenceSession, runReference } from './interpret.ts';

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

// compute(input): print every byte of input, then call twice(7) and print '0' + result.
const echoModule = irModule([
  {
    name: 'compute', params: 1, locals: 1,
    body: [
      'block', 'loop',
      ['local.get', 0], ['i32.load8_u', 0], ['local.tee', 1], 'i32.eqz', ['br_if', 1],
      ['local.get', 1], ['call', 0],
      ['local.get', 0], ['i32.const', 1], 'i32.add', ['local.set', 0],
      ['br', 0], 'end', 'end',
      ['i32.const', 48], ['i32.const', 3], ['call', 2], 'i32.add', ['call', 0],
    ],
  },
  { name: 'twice', params: 1, results: 1, body: [['local.get', 0], ['local.get', 0], 'i32.add', 'return'] },
]);

describe('reference interpreter', () => {
  it('runs loops, calls, returns and output, and emits the docs/original-design.md §2.5 token groups', () => {
    const p = assembleProgram(echoModule);
    expect(p.instructions[0]).toEqual({ op: 'input_base', imm: 4096 });
    const run = runReference(p, enc('Hi'), { trace: true });
    expect(run.stop).toBe('halt');
    expect(text(run.output)).toBe('Hi6');
    const t = run.tokens!;
    // Input section: 'H' 'i' NUL, padded to 4 bytes, then the input commit.
    expect(t.slice(0, 5)).toEqual(['H', 'i', '00', '00', 'commit(+0,sts=0,bt=0)']);
    expect(t).toContain('call_commit');
    expect(t).toContain('return_commit');
    expect(t.at(-1)).toBe('halt');
    expect(run.tokenCount).toBe(t.length);
  });

  it('marks carries on add bytes and borrows on return offsets', () => {
    const p = assembleProgram(irModule([{ name: 'compute', body: [['i32.const', 0xff], ['i32.const', 1], 'i32.add', 'drop'] }]));
    const t = runReference(p, null, { trace: true }).tokens!;
    const i = t.indexOf('commit(-1,sts=1,bt=0)');
    expect(t.slice(i - 4, i)).toEqual(["00'", '01', '00', '00']);
  });

  it('streams the same tokens in batches while running', () => {
    const p = assembleProgram(echoModule);
    const full = runReference(p, enc('Hello'), { trace: true }).tokens!;
    const batches: string[][] = [];
    runReference(p, enc('Hello'), { onTokens: (b) => batches.push(b), batchSize: 7 });
    expect(batches.length).toBeGreaterThan(2);
    expect(batches.flat()).toEqual(full);
  });

  it('stops at the token budget and says so', () => {
    const p = assembleProgram(irModule([{ name: 'compute', body: ['loop', ['br', 0], 'end'] }]));
    const run = runReference(p, null, { maxTokens: 1000 });
    expect(run.stop).toBe('budget');
    expect(run.tokenCount).toBeGreaterThanOrEqual(1000);
  });

  it('reports an out-of-bounds access as an error', () => {
    const p = assembleProgram(irModule([{ name: 'compute', body: [['i32.const', -4], ['i32.load', 8], 'drop'] }]));
    const run = runReference(p, null);
    expect(run.stop).toBe('error');
    expect(run.error).toMatch(/out of bounds/);
  });

  it('zeroes exactly the callee locals that may be read before written', () => {
    const p = assembleProgram(irModule([
      { name: 'compute', body: [['i32.const', 5], ['call', 2], 'drop'] },
      // local 1 is read before any write on the first loop iteration; local 2 is always written first.
      { name: 'f', params: 1, results: 1, locals: 2, body: [['i32.const', 9], ['local.set', 2], ['local.get', 1], ['local.get', 2], 'i32.add'] },
    ]));
    const f = p.functions!.find((s) => s.name === 'f')!;
    const prologue = p.instructions.slice(f.start, f.start + 3);
    expect(prologue).toEqual([{ op: 'local.set', imm: 0 }, { op: 'i32.const', imm: 0 }, { op: 'local.set', imm: 1 }]);
    expect(runReference(p, null).stop).toBe('halt');
  });

  it('round-trips the .txt format and reproduces the run from the parsed file', () => {
    const p = assembleProgram(echoModule);
    const toks = programPrefixTokens(p, enc('Hey'));
    const parsed = parseTokenFile(toks.join(' '));
    expect(parsed.program.instructions).toEqual(p.instructions);
    expect(text(parsed.input!)).toBe('Hey');
    const a = runReference(p, enc('Hey'), { trace: true });
    const b = runReference(parsed.program, parsed.input, { trace: true });
    expect(b.tokens).toEqual(a.tokens);
    const ref = splitTokens(formatRefFile(p, a.tokens!));
    expect(ref.length).toBe(1 + 5 * p.instructions.length + 1 + a.tokenCount);
  });

  it('a session advanced in steps generates exactly what one run does, and stops for good at halt', () => {
    const p = assembleProgram(echoModule);
    const whole = runReference(p, enc('Hello'), { trace: true });
    const batches: string[] = [];
    const session = createReferenceSession(p, enc('Hello'), { trace: true, onTokens: (b) => batches.push(...b), batchSize: 7 });
    let previous = 0;
    for (const limit of [1, 9, 10, 37, 38, 120]) {
      const run = session.advance(limit);
      expect(run.stop).toBe('budget');
      expect(run.tokenCount).toBeGreaterThanOrEqual(limit);
      expect(run.tokenCount).toBeGreaterThanOrEqual(previous);
      expect(run.tokens).toEqual(whole.tokens!.slice(0, run.tokenCount));
      expect(run.state).toEqual(runReference(p, enc('Hello'), { maxTokens: limit }).state);
      previous = run.tokenCount;
    }
    const end = session.advance(1e9);
    expect([end.stop, text(end.output), end.tokenCount, end.instructionsExecuted]).toEqual([whole.stop, text(whole.output), whole.tokenCount, whole.instructionsExecuted]);
    expect(batches).toEqual(whole.tokens);
    expect(session.finished).toBe(true);
    expect(session.advance(2e9).tokenCount).toBe(whole.tokenCount);
  });
});
