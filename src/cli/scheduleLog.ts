/**
 * Which lines of a schedule build the CLI shows: its own summary (MILP size and result, greedy
 * fallbacks, the warm start), not HiGHS's solver log, unless `-v` asks for everything.
 */
export function scheduleLogLine(verbose: boolean): (line: string) => boolean {
  return (line) => verbose || /^MILP|greedy|warm/.test(line);
}
