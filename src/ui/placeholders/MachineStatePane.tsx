import type { Program } from '../../core/program/program.ts';

/** What is known today about the compiled program (real data from the compile, not a mock). */
export interface MachineStateState {
  program: Program | null;
  clangVersion: string | null;
}

export function MachineStatePane({ program, clangVersion }: MachineStateState) {
  const fns = program?.functions ?? [];
  return (
    <section className="pane placeholder-pane" aria-label="Machine state" data-testid="machine-state">
      <header className="pane-title">Machine state</header>
      <p className="honest">
        Needs the transformer's per-token state (issues 3 and 5); until then no values are shown or made up.
      </p>
      <p>
        For the selected token: the instruction listing with the cursor (and its C function), the operand stack
        top, the current frame's locals, the call depth, memory with recent writes highlighted, the output so far.
      </p>
      {program ? (
        <p className="facts">
          Compiled program: <b>{program.instructions.length.toLocaleString('en-US')}</b> instructions
          {fns.length ? <> in <b>{fns.length}</b> functions: {fns.slice(0, 8).map((f) => f.name).join(', ')}{fns.length > 8 ? ', …' : ''}</> : null}
          {program.inputBase !== null ? <>, input at address <b>{program.inputBase}</b></> : null}
          {clangVersion ? <>; {clangVersion}</> : null}.
        </p>
      ) : null}
    </section>
  );
}
