/** Pieces of a transformer run's status text (the whole text: src/ui/run/outcomeText.ts). */
import type { InferSummary, RunCheck, RunSummary } from '../../protocol/run.ts';

/** A transformer run's summary (it carries the reference check). */
export function isInferSummary(s: RunSummary): s is InferSummary {
  return 'check' in s;
}

const fmt = new Intl.NumberFormat('en-US');

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
