import type { Machine } from '../machine/buildMachine.ts';

/** Bump when weight construction changes in a way the graph does not show. */
export const CONSTRUCTION_VERSION = 2;

/**
 * A stable hash of a machine's graph and token interface: models built from the same graph are
 * interchangeable, so a cached model is valid exactly while this is unchanged.
 */
export function machineFingerprint(machine: Machine): string {
  const parts: string[] = [`v${CONSTRUCTION_VERSION}`, machine.kind];
  for (const d of machine.graph.dims) parts.push(`${d.kind}:${d.name}`);
  for (const op of machine.graph.ops()) {
    if (op.kind === 'lookup') {
      const lu = op.lookup;
      parts.push(`L${lu.tieBreak}`, ...[...lu.values, ...lu.query2D, ...lu.key2D].map((e) => e.key()));
    } else if (op.kind === 'reglu') parts.push(`R${op.dim.a.key()}|${op.dim.b.key()}`);
    else if (op.kind === 'persist' || op.kind === 'cumsum') parts.push(`P${op.dim.expr.key()}`);
  }
  for (const [t, e] of machine.inputTokens) parts.push(`i${t}=${e.key()}`);
  for (const [t, e] of machine.outputTokens) parts.push(`o${t}=${e.key()}`);
  return fnv1a64(parts.join('\n'));
}

function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
