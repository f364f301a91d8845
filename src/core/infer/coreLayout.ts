/**
 * The one definition of what the Emscripten core (`emscripten/`) and its TypeScript binding
 * (`wasmEngine.ts`) exchange by number: head kinds, attention modes, stop reasons, the per-head
 * inspection record, the inspection header, and the residual slots the position encoding is
 * added to (with its centre). `npm run build:layout` writes `emscripten/coreLayout.generated.hpp` from this table
 * (committed; `coreLayout.test.ts` checks it is current), so C++ and TypeScript cannot drift.
 */
import { POSITION_CENTER, POSITION_SLOTS } from '../weights/positionSlots.ts';

/** Head kinds, in their numeric order (the C++ `HeadKind`). */
export const HEAD_KINDS = ['unused', 'hull', 'brute', 'position', 'passthrough'] as const;
/** Attention modes (the C++ `Mode`), in numeric order. */
export const ATTENTION_MODES = ['fast', 'hull', 'brute'] as const;
/** Why generation stopped (the C++ `Stop`), in numeric order. */
export const STOP_REASONS = ['none', 'stopToken', 'limit', 'refused'] as const;

/** One inspected head: doubles at these offsets (the C++ `HeadRecord::…`). */
const HEAD_RECORD_FIELDS = [
  'kind', 'latest', 'queryX', 'queryY', 'keyX', 'keyY', 'score', 'matches', 'lastPosition', 'outputX', 'outputY', 'hullSize',
] as const;

/** The inspection's header, then per layer before[D], afterAttention[D], after[D] and H head records. */
const INSPECTION_HEADER_FIELDS = ['position', 'token', 'prediction', 'predictionScore', 'layers', 'heads', 'dModel'] as const;


type Offsets<T extends readonly string[]> = { readonly [K in T[number]]: number };
const offsets = <T extends readonly string[]>(names: T): Offsets<T> => Object.fromEntries(names.map((n, i) => [n, i])) as Offsets<T>;

export const HEAD_RECORD = offsets(HEAD_RECORD_FIELDS);
export const HEAD_RECORD_LENGTH = HEAD_RECORD_FIELDS.length;
export const INSPECTION_HEADER = offsets(INSPECTION_HEADER_FIELDS);
export const INSPECTION_HEADER_LENGTH = INSPECTION_HEADER_FIELDS.length;

const pascal = (s: string): string => s[0].toUpperCase() + s.slice(1);
const enumOf = (name: string, values: readonly string[]): string =>
  `enum class ${name} : int { ${values.map((v, i) => `${pascal(v)} = ${i}`).join(', ')} };`;
const indices = (name: string, fields: readonly string[]): string =>
  `namespace ${name} {\n${fields.map((f, i) => `constexpr int ${pascal(f)} = ${i};`).join('\n')}\nconstexpr int Length = ${fields.length};\n}  // namespace ${name}`;

/** The C++ header (`emscripten/coreLayout.generated.hpp`). */
export function coreLayoutHeader(): string {
  return [
    '// Generated from src/core/infer/coreLayout.ts by `npm run build:layout`: do not edit.',
    '#pragma once',
    '',
    'namespace tvm {',
    '',
    enumOf('HeadKind', HEAD_KINDS),
    enumOf('Mode', ATTENTION_MODES),
    enumOf('Stop', STOP_REASONS),
    '',
    '// Per-head inspection record: doubles at these offsets.',
    indices('HeadRecord', HEAD_RECORD_FIELDS),
    '',
    '// Inspection header; then per layer before[D], afterAttention[D], after[D], H head records.',
    indices('InspectionHeader', INSPECTION_HEADER_FIELDS),
    '',
    '// Residual slots the position encoding is added to: p, inv_log_pos, (p − C)², p − C.',
    `constexpr int kPositionSlot = ${POSITION_SLOTS.position};`,
    `constexpr int kInvLogPosSlot = ${POSITION_SLOTS.invLogPos};`,
    `constexpr int kPositionCenteredSqSlot = ${POSITION_SLOTS.centeredSq};`,
    `constexpr int kPositionCenteredSlot = ${POSITION_SLOTS.centered};`,
    `constexpr int kPositionSlots = ${Object.keys(POSITION_SLOTS).length};`,
    `constexpr int kPositionCenter = ${POSITION_CENTER};`,
    '',
    '}  // namespace tvm',
    '',
  ].join('\n');
}
