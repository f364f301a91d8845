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
      <p>
        For the selected token this pane will show the cursor with the current instruction highlighted in the
        program listing (and the C function it belongs to), the operand stack top, the locals of the current
        frame, the call depth, a memory view with recently written bytes highlighted, and the output so far.
      </p>
      <p className="honest">
        It needs the transformer's machine state per token (the graph machine and the inference core, issues 3
        and 5). Until they land nothing is shown here: no values are made up.
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
