/** The selected head's lookup in one plain sentence (beside the numbers and the hull picture). */
import type { LookupAt } from '../../core/run/inspect/graphReplay.ts';

const fmt = new Intl.NumberFormat('en-US');
const num = (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e9 ? fmt.format(v) : Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toFixed(3));

/**
 * `at`: the token the evaluator is at (page numbering, or null for a prompt position);
 * `winner`: the matched token in page numbering (null when it lies in the prompt or nothing matched);
 * `winnerText`: its spelling.
 */
export function explainLookup(l: LookupAt, at: number | null, winner: number | null, winnerText: string | null): string {
  const what = l.description ? l.description.replace(/\.$/, '') : `the ${l.name} lookup`;
  const here = at !== null ? `At token ${fmt.format(at)}` : 'Here';
  const head = `${here}, the head ${l.name} (${what}) compared its query with the key of every earlier token`;
  if (l.winner < 0) return `${head}, but no earlier token has written one yet, so it read nothing.`;
  const found = winner !== null ? `token ${fmt.format(winner)}${winnerText ? ` (${winnerText})` : ''}` : `prompt position ${fmt.format(l.winner)}`;
  const values = l.values.length ? l.values.map((v, i) => `${l.valueNames[i] ?? 'value'} = ${num(v)}`).join(', ') : 'nothing';
  if (l.tieBreak === 'average') {
    return `${head}; ${fmt.format(l.matches)} keys tie for the best match, so it returns their mean (the latest is ${found}): ${values}.`;
  }
  const ties = l.matches > 1 ? ` (${fmt.format(l.matches)} keys tie; the newest wins)` : '';
  return `${head} and the best match (largest q·k = ${num(l.score)}) is ${found}${ties}. It read ${values}.`;
}
