import { StageError } from '../errors.ts';
import type { WasmFunction, WasmInstr, WasmModule } from '../wasm/ir.ts';
import { opsWhere } from '../wasm/opcodeTable.ts';
import { ABNORMAL_ENDS } from '../tokens/exitStatus.ts';
import type { OpName } from './opcodes.ts';

/**
 * One flattened entry before assembly. Branch targets are absolute indexes inside the function
 * (`target`), calls name the callee by function index (`callee`); assembly makes them relative.
 */
export interface FlatEntry {
  op: OpName;
  imm: number;
  target?: number;
  callee?: number;
  /** Module byte offset of the wasm instruction this entry came from (for source lines). */
  pos?: number;
}

/** Address of wasm global g in linear memory (docs/original-design.md §3.5): globals live at 8 + 4g. */
export const globalAddress = (g: number): number => 8 + 4 * g;

/** Machine ops copied as they are (branches, calls and globals are rewritten below). */
const PASS_THROUGH = opsWhere((i) => i.handling === 'machine' && i.family !== 'control' && i.family !== 'call' && i.family !== 'global');

interface LabelFrame {
  kind: 'block' | 'loop' | 'if';
  start: number;
  /** Entries whose target is this frame's end, patched when the frame closes. */
  pending: number[];
  /** An if's conditional branch past the then-arm, until its else (if any) is seen. */
  skipThen?: number;
}

export interface FlattenContext {
  module: WasmModule;
  isEntry: boolean;
  /** A scratch local past every declared one, used by global.set. */
  scratchLocal: number;
}

/**
 * Structured wasm body → flat entries (docs/original-design.md §3.5). Input must already be lowered:
 * any op the machine cannot run is refused here, naming the function.
 */
export function flattenFunction(fn: WasmFunction, ctx: FlattenContext): FlatEntry[] {
  const out: FlatEntry[] = [];
  const frames: LabelFrame[] = [];
  const { module, isEntry } = ctx;
  const refuse = (ins: WasmInstr, why: string): never => {
    const loc = ins.pos !== undefined ? module.lineAt?.(ins.pos) : undefined;
    throw new StageError('assemble', why, { function: fn.name, file: loc?.file, line: loc?.line, column: loc?.column });
  };
  // Every halt is preceded by its status word as i32.const or local.tee (see exitStatus.ts).
  const halt = (word: number, pos?: number): void => {
    out.push({ op: 'i32.const', imm: word, pos });
    out.push({ op: 'halt', imm: 0, pos });
  };
  const exit = (pos?: number): void => {
    if (isEntry) halt(0, pos);
    else out.push({ op: 'return', imm: 0, pos });
  };
  const branchTo = (op: 'br' | 'br_if', depth: number, pos: number | undefined, ins: WasmInstr): void => {
    if (depth === frames.length) {
      // Branching to the function's own block is a return.
      if (op === 'br') exit(pos);
      else {
        // br_if to the function end: skip over an unconditional exit when the condition is false.
        out.push({ op: 'i32.eqz', imm: 0, pos });
        const skip = out.length;
        out.push({ op: 'br_if', imm: 0, pos });
        exit(pos);
        out[skip].target = out.length;
      }
      return;
    }
    if (depth > frames.length) refuse(ins, `branch depth ${depth} exceeds the ${frames.length} open blocks`);
    const frame = frames[frames.length - 1 - depth];
    const idx = out.length;
    out.push({ op, imm: 0, pos });
    if (frame.kind === 'loop') out[idx].target = frame.start;
    else frame.pending.push(idx);
  };

  /**
   * `env.halt(status)`: the status is on the stack. A constant pushed just before (no label can
   * sit between the two) already is the status instruction; otherwise `local.tee` shows it.
   * The legacy `env.halt()` with no parameter records no status.
   */
  const haltImport = (typeIndex: number | undefined, pos?: number): void => {
    const withStatus = typeIndex !== undefined && module.types[typeIndex]?.params.length === 1;
    const prev = out[out.length - 1];
    if (withStatus && !(prev?.op === 'i32.const' && previousWasmOp === 'i32.const')) out.push({ op: 'local.tee', imm: ctx.scratchLocal, pos });
    out.push({ op: 'halt', imm: 0, pos });
    haltedHere = true;
  };

  let closed = false;
  let previousWasmOp = '';
  let previousWasmWasHalt = false;
  let haltedHere = false;
  for (const ins of fn.body) {
    const pos = ins.pos;
    if (closed) refuse(ins, `instruction '${ins.op}' after the end of the function body`);
    switch (ins.op) {
      case 'nop':
        break;
      case 'block':
        frames.push({ kind: 'block', start: out.length, pending: [] });
        break;
      case 'loop':
        frames.push({ kind: 'loop', start: out.length, pending: [] });
        break;
      case 'if': {
        out.push({ op: 'i32.eqz', imm: 0, pos });
        frames.push({ kind: 'if', start: out.length, pending: [], skipThen: out.length });
        out.push({ op: 'br_if', imm: 0, pos });
        break;
      }
      case 'else': {
        const frame = frames[frames.length - 1];
        if (!frame || frame.kind !== 'if') refuse(ins, "'else' without a matching 'if'");
        const brIdx = out.length;
        out.push({ op: 'br', imm: 0, pos });
        // The if's own br_if lands right after this br: the else arm. Branches out of the
        // then-arm to the if's label stay pending: they go to its end.
        if (frame.skipThen !== undefined) out[frame.skipThen].target = out.length;
        frame.skipThen = undefined;
        frame.pending.push(brIdx);
        break;
      }
      case 'end': {
        const frame = frames.pop();
        if (!frame) {
          exit(pos);
          closed = true;
          break;
        }
        for (const p of frame.pending) out[p].target = out.length;
        if (frame.skipThen !== undefined) out[frame.skipThen].target = out.length;
        break;
      }
      case 'br':
        branchTo('br', ins.imm, pos, ins);
        break;
      case 'br_if':
        branchTo('br_if', ins.imm, pos, ins);
        break;
      case 'return':
        exit(pos);
        break;
      case 'unreachable':
        // Directly after a call to env.halt (no label between) it can never run.
        if (!previousWasmWasHalt) halt(ABNORMAL_ENDS.unreachable.word, pos);
        break;
      case 'call': {
        const f = ins.imm;
        if (f < module.importedFunctionCount) {
          const imp = module.imports.filter((i) => i.kind === 'func')[f];
          if (imp?.module === 'env' && imp.name === 'output_byte') out.push({ op: 'output', imm: 0, pos });
          else if (imp?.module === 'env' && imp.name === 'halt') haltImport(imp.typeIndex, pos);
          else refuse(ins, `call to imported function '${imp?.module}.${imp?.name}', which the machine does not provide`);
        } else {
          out.push({ op: 'call', imm: 0, callee: f, pos });
        }
        break;
      }
      case 'global.get':
        out.push({ op: 'i32.const', imm: globalAddress(ins.imm), pos });
        out.push({ op: 'i32.load', imm: 0, pos });
        break;
      case 'global.set':
        out.push({ op: 'local.set', imm: ctx.scratchLocal, pos });
        out.push({ op: 'i32.const', imm: globalAddress(ins.imm), pos });
        out.push({ op: 'local.get', imm: ctx.scratchLocal, pos });
        out.push({ op: 'i32.store', imm: 0, pos });
        break;
      default:
        if (!PASS_THROUGH.has(ins.op)) refuse(ins, `unsupported wasm instruction '${ins.op}' reached the assembler (it should have been lowered or rejected)`);
        out.push({ op: ins.op as OpName, imm: ins.op === 'i32.const' ? ins.imm >>> 0 : ins.imm, pos });
    }
    previousWasmOp = ins.op;
    previousWasmWasHalt = haltedHere;
    haltedHere = false;
  }
  if (frames.length) throw new StageError('assemble', `function body ends with ${frames.length} unclosed block(s)`, { function: fn.name });
  if (!closed) exit();
  return out;
}
