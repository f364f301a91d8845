/** Status-line texts of a transformer run (the reference interpreter's are in App.tsx). */
import type { InferSummary, RunCheck } from '../../protocol/run.ts';
import type { RunSummary } from '../../protocol/run.ts';

/** A transformer run's summary (it carries the reference check). */
export function isInferSummary(s: RunSummary): s is InferSummary {
  return 'check' in s;
}

const fmt = new Intl.NumberFormat('en-US');
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

export function rateText(tokens: number, engineMs: number): string {
  if (engineMs <= 0) return '—';
  const r = tokens / (engineMs / 1000);
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M tok/s` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} k tok/s` : `${r.toFixed(0)} tok/s`;
}

/** `match` or the first divergence, as the status line shows it. */
export function checkText(c: RunCheck): string {
  switch (c.result) {
    case 'match':
      return 'reference check: match';
    case 'diverged':
      return `reference check: DIVERGES at trace token ${fmt.format(c.index)}: transformer '${c.transformer}', reference '${c.reference}'`;
    case 'length':
      return `reference check: DIFFERS in length: transformer ${fmt.format(c.transformerTokens)} tokens, reference ${fmt.format(c.referenceTokens)} (${c.referenceStop}${c.referenceError ? `: ${c.referenceError}` : ''})`;
    case 'skipped':
      return `reference check skipped (${c.reason})`;
  }
}

export function transformerSummaryText(s: InferSummary, compileMs: number): string {
  const model = s.specialized ? 'specialized model' : 'universal model';
  const figures = `${fmt.format(s.generatedTokens)} tokens` +
    (s.instructionsExecuted >= 0 ? `, ${fmt.format(s.instructionsExecuted)} instructions` : '') +
    ` · ${checkText(s.check)} · transformer, ${model}: ${rateText(s.generatedTokens, s.engineMs)}` +
    ` (prompt ${fmt.format(s.promptTokens)} token${s.promptTokens === 1 ? '' : 's'} in ${ms(s.feedMs)}) · compile ${ms(compileMs)}`;
  if (s.stop === 'halt') return `Halted after ${figures}`;
  if (s.error) return `Stopped: ${s.error}: ${figures}`;
  return `Stopped at the token limit: ${figures}. Raise the limit to run longer.`;
}
