/**
 * Marks the C line of the selected token's instruction in the editor, as debuggers and Python
 * Tutor do: while stepping and scrubbing (scrolled into view), and while following a live run at
 * the pace the machine-state replays answer (a few times a second; scrolled only while the
 * editor does not have the keyboard). Nothing is marked once the text differs from the run's.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useSteppingContext } from '../stepping/SteppingProvider.tsx';
import type { EditorPaneHandle } from './EditorPane.tsx';
import { executingLine } from '../../core/program/sourceLine.ts';

export function ExecLineHighlight({ editor, currentSource }: { editor: RefObject<EditorPaneHandle | null>; currentSource: () => string }) {
  const { stepping } = useSteppingContext();
  const view = stepping.reference?.kind === 'view' ? stepping.reference.view : null;
  const program = stepping.run?.program;
  const runSource = stepping.run?.source;
  const line = view && program && view.phase === 'run' ? executingLine(program, view.cursor) : null;
  const live = stepping.running && stepping.selection.follow;
  const marked = useRef<number | null>(null);
  useEffect(() => {
    const e = editor.current;
    if (!e) return;
    if (line === null || runSource !== currentSource()) {
      if (marked.current !== null) e.highlightLine(null, false);
      marked.current = null;
      return;
    }
    // Following a live run, the machine state answers several times a second, mostly on the
    // same line: the editor is touched only when the line changes.
    if (live && line === marked.current) return;
    marked.current = line;
    const typing = !!document.activeElement?.closest('[data-testid=editor]');
    e.highlightLine(line, !live || !typing);
  }, [editor, line, live, runSource, currentSource, view]);
  return null;
}
