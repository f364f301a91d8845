/**
 * How a finished run is said: one stop reason, the same words in the status line and in the
 * output pane (where the person looks), and whether the transformer disagreed with the reference.
 */
import type { InferSummary, RunSummary } from '../../protocol/run.ts';
import { describeExit } from '../../core/tokens/exitStatus.ts';
import { checkText, rateText } from '../model/runText.ts';

const fmt = new Intl.NumberFormat('en-US');
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

export interface RunOutcomeText {
  /** 'error' for a disagreement, a stop before `halt`, or a nonzero exit status (a failing program, as a shell sees it). */
  tone: 'ok' | 'error';
  /** The stop reason, lower case: the output pane shows it as `[reason]`, the status line starts with it. */
  reason: string;
  /** The status line: the reason and the run's figures. */
  status: string;
  /** Trace index (tokens after the prompt's program part) of the first token that differs from the reference. */
  divergedAt: number | null;
}

function isInfer(s: RunSummary): s is InferSummary {
  return 'check' in s;
}

export function describeRun(s: RunSummary, maxTokens: number, compileMs: number): RunOutcomeText {
  const t = isInfer(s) ? s : null;
  // `exited with status 3`, `trap: integer divide by zero (status 136)`… (core/tokens/exitStatus.ts).
  const exit = s.stop === 'halt' && s.exitStatus !== undefined ? describeExit(s) : null;
  const failed = s.stop !== 'halt' || (s.exitStatus !== undefined && s.exitStatus !== 0);
  let reason: string;
  if (s.stop === 'halt') reason = exit ?? 'halted';
  else if (s.stop === 'budget') reason = s.error ?? `stopped at the token limit of ${fmt.format(maxTokens)}`;
  else reason = `machine fault: ${s.error ?? 'unknown'}`;

  let figures = `${fmt.format(s.generatedTokens)} tokens`;
  if (s.instructionsExecuted >= 0) figures += `, ${fmt.format(s.instructionsExecuted)} instructions`;
  if (t) {
    const model = t.specialized ? 'specialized model' : 'universal model';
    figures += ` · ${checkText(t.check)} · transformer, ${model}: ${rateText(t.generatedTokens, t.engineMs)} (prompt ${fmt.format(t.promptTokens)} token${t.promptTokens === 1 ? '' : 's'} in ${ms(t.feedMs)}) · compile ${ms(compileMs)}`;
  } else {
    figures += ` · compile ${ms(compileMs)} · ${s.engine} ${ms(s.engineMs)}`;
  }

  let divergedAt: number | null = null;
  let disagreement: string | null = null;
  if (t?.check.result === 'diverged') {
    divergedAt = t.check.index;
    disagreement = `the transformer DIVERGED from the reference interpreter at trace token ${fmt.format(t.check.index)}: transformer '${t.check.transformer}', reference '${t.check.reference}'`;
  } else if (t?.check.result === 'length') {
    const c = t.check;
    divergedAt = Math.min(c.transformerTokens, c.referenceTokens);
    disagreement = `the transformer and the reference interpreter differ in length: transformer ${fmt.format(c.transformerTokens)} tokens, reference ${fmt.format(c.referenceTokens)} (${c.referenceStop}${c.referenceError ? `: ${c.referenceError}` : ''})`;
  }
  if (disagreement) {
    return { tone: 'error', reason: `${disagreement}; the transformer ${reason}`, status: `${disagreement[0].toUpperCase()}${disagreement.slice(1)} · ${figures}`, divergedAt };
  }
  const status = s.stop === 'halt'
    ? `Halted after ${figures}${exit !== null ? ` · ${exit}` : ''}`
    : `${reason[0].toUpperCase()}${reason.slice(1)}: ${figures}${s.stop === 'budget' && !s.error ? '. Raise the limit to run longer.' : ''}`;
  return { tone: failed ? 'error' : 'ok', reason, status, divergedAt };
}
