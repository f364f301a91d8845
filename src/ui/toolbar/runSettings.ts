/**
 * What the next Run uses, as the toolbar and engine switch set it: the program's arguments, the
 * token limit and the engine. The limit never exceeds what the chosen engine can reach: choosing
 * the transformer lowers a larger limit.
 */
import { MAX_POSITIONS } from '../../core/infer/session.ts';
import { MAX_TOKEN_LIMIT } from '../url-state.ts';
import type { EngineMode } from '../model/EngineSwitch.tsx';

export interface RunSettings {
  args: string;
  maxTokens: number;
  engine: EngineMode;
}

export type RunSettingsEvent =
  | { kind: 'args'; args: string }
  | { kind: 'max-tokens'; maxTokens: number }
  | { kind: 'engine'; engine: EngineMode }
  /** An example or a shared link replaced the program: its arguments (and the link's limit). */
  | { kind: 'program'; args: string; maxTokens?: number };

const fmt = new Intl.NumberFormat('en-US');

/** The largest token limit each engine can reach (the limit field's ceiling). */
export function limitCap(engine: EngineMode): { tokens: number; why: string } {
  return engine === 'transformer'
    ? { tokens: MAX_POSITIONS, why: `the transformer holds at most ${fmt.format(MAX_POSITIONS)} positions, prompt included` }
    : { tokens: MAX_TOKEN_LIMIT, why: "the page's ceiling for the reference interpreter" };
}

export function runSettingsReducer(s: RunSettings, e: RunSettingsEvent): RunSettings {
  const capped = (maxTokens: number, engine: EngineMode) => Math.min(maxTokens, limitCap(engine).tokens);
  switch (e.kind) {
    case 'args':
      return { ...s, args: e.args };
    case 'max-tokens':
      return { ...s, maxTokens: capped(e.maxTokens, s.engine) };
    case 'engine':
      return { ...s, engine: e.engine, maxTokens: capped(s.maxTokens, e.engine) };
    case 'program':
      return { ...s, args: e.args, maxTokens: e.maxTokens === undefined ? s.maxTokens : capped(e.maxTokens, s.engine) };
  }
}
