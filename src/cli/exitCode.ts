import { describeExit } from '../core/tokens/exitStatus.ts';

/**
 * The process exit code of a command that ran a program to `halt`: the program's own status
 * (read from its trace, docs/c-runtime.md "Exit status"); 0 when the program records none.
 * A non-zero status and any trap or abort are said on stderr.
 */
export function programExitCode(exit: { exitStatus?: number; trap?: string }, name: string): number {
  if (exit.exitStatus === undefined) {
    process.stderr.write(`${name}: ${describeExit(exit)}\n`);
    return 0;
  }
  if (exit.exitStatus !== 0 || exit.trap) process.stderr.write(`${name}: ${describeExit(exit)}\n`);
  return exit.exitStatus;
}
