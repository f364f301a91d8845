import { describe, expect, it } from 'vitest';
import { handPrograms } from '../../machine/testing/handPrograms.ts';
import { runReference } from '../../reference/interpret.ts';
import { opcodeInfo } from '../../program/opcodes.ts';
import { inputSectionTokens } from '../../program/tokenFiles.ts';
import { BRANCH_TAKEN_TOKEN, isTerminal } from '../../tokens/spelling.ts';
import { instructionStart, type LineIndex } from '../instructionBoundaries.ts';
import { ReferenceReplay } from './referenceReplay.ts';

function program(name: string) {
  const h = handPrograms().find((x) => x.name === name)!;
  return { ...h, input: h.input ?? new Uint8Array(0) };
}

/** Absolute starts of the trace's display lines (a line closes after each terminal token). */
function traceLines(prefix: number, trace: readonly string[]): LineIndex {
  const starts = [prefix];
  trace.forEach((t, i) => {
    if (isTerminal(t) && i + 1 < trace.length) starts.push(prefix + i + 1);
  });
  const length = prefix + trace.length;
  return { length, lines: starts.length, lineRange: (r) => [starts[r], r + 1 < starts.length ? starts[r + 1] : length] };
}

/** Absolute first tokens of the executed instructions. */
function instructionStarts(prefix: number, trace: readonly string[]): number[] {
  const lines = traceLines(prefix, trace);
  const starts = new Set<number>();
  for (let r = 0; r < lines.lines; r++) starts.add(instructionStart(lines, lines.lineRange(r)[0], (i) => trace[i - prefix] === BRANCH_TAKEN_TOKEN));
  return [...starts];
}

describe('reference replay at instruction boundaries', () => {
  for (const name of ['memory', 'echo_and_call', 'select_drop_tee']) {
    it(`${name}: one instruction per line, stack depth follows each opcode's delta`, () => {
      const h = program(name);
      const run = runReference(h.program, h.input, { trace: true });
      const replay = new ReferenceReplay(h.program, h.input, inputSectionTokens(h.program, h.input).length);
      const prefix = replay.prefixTokens;
      const lines = instructionStarts(prefix, run.tokens!);
      const firstRunLine = h.program.inputBase !== null ? 1 : 0;
      let prev = replay.at(lines[firstRunLine], lines[firstRunLine]);
      // Each replay allocates and compares the 10 MB memory twice: check the first 60 instructions.
      for (let l = firstRunLine + 1; l < Math.min(lines.length, 60); l++) {
        // Any token of the instruction (here its last) shows the state before it.
        const last = (l + 1 < lines.length ? lines[l + 1] : prefix + run.tokenCount) - 1;
        const v = replay.at(last, lines[l]);
        expect(v.phase).toBe('run');
        expect(v.instructionsExecuted, `line ${l}`).toBe(prev.instructionsExecuted + 1);
        const op = h.program.instructions[prev.cursor].op;
        if (!['call', 'return', 'halt'].includes(op)) {
          expect(v.stackDepth - prev.stackDepth, `line ${l}: ${op} at ${prev.cursor}`).toBe(opcodeInfo(op).stackDelta);
        }
        if (prev.access?.kind === 'store') {
          // The bytes the store wrote are in memory after it, marked as recently written.
          const row = v.memory.find((r) => r.address <= prev.access!.address && prev.access!.address < r.address + 16);
          expect(row, `store at ${prev.access.address} shown after line ${l}`).toBeDefined();
          expect(row!.marks[prev.access.address - row!.address]).toBeGreaterThan(0);
        }
        prev = v;
      }
      const end = run.tokenCount - 1 + prefix;
      expect(h.program.instructions[replay.at(end, lines[lines.length - 1]).cursor].op).toBe('halt');
    });
  }

  it('a prefix token shows the instruction it spells; the input section replays nothing', () => {
    const h = program('echo_and_call');
    const replay = new ReferenceReplay(h.program, h.input, inputSectionTokens(h.program, h.input).length);
    expect(replay.at(0, 0).phase).toBe('prefix');
    expect(replay.at(1 + 5 * 3 + 2, 1 + 5 * 3).cursor).toBe(3);
    const v = replay.at(replay.prefixTokens + 1, replay.prefixTokens);
    expect(v.phase).toBe('input');
    expect(v.instructionsExecuted).toBe(0);
  });

  it('stepping forward resumes and stepping back restarts: every view equals a fresh replay', () => {
    const h = program('memory');
    const run = runReference(h.program, h.input, { trace: true });
    const sectionTokens = inputSectionTokens(h.program, h.input).length;
    const stepping = new ReferenceReplay(h.program, h.input, sectionTokens);
    const lines = instructionStarts(stepping.prefixTokens, run.tokens!);
    const order = [3, 4, 5, 9, 9, 2, 7, lines.length - 1, 1, 0].filter((l) => l < lines.length);
    const withoutTime = ({ replayMs: _, ...v }: ReturnType<ReferenceReplay['at']>) => v;
    for (const l of order) {
      const fresh = new ReferenceReplay(h.program, h.input, sectionTokens).at(lines[l], lines[l]);
      expect(withoutTime(stepping.at(lines[l], lines[l])), `line ${l}`).toEqual(withoutTime(fresh));
    }
  });
});
