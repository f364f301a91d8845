import { forwardRef, memo, useEffect, useImperativeHandle, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco } from './monacoSetup.ts';
import type { WireDiagnostic } from '../../protocol/compile.ts';

interface Props {
  /** The text the editor opens with; later changes from outside go through the handle's `replace`. */
  initialSource: string;
  diagnostics: readonly WireDiagnostic[];
  onChange: (source: string) => void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun: () => void;
}

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  note: monaco.MarkerSeverity.Info,
} as const;

/** clang's messages as editor markers; a message without a position marks line 1. */
function toMarkers(model: monaco.editor.ITextModel, ds: readonly WireDiagnostic[]): monaco.editor.IMarkerData[] {
  return ds.map((d) => {
    const line = Math.min(Math.max(d.line || 1, 1), model.getLineCount());
    const col = Math.max(d.column || 1, 1);
    const word = model.getWordAtPosition({ lineNumber: line, column: col });
    const endColumn = word && word.startColumn <= col ? word.endColumn : Math.min(col + 1, model.getLineMaxColumn(line));
    return {
      severity: SEVERITY[d.severity],
      message: d.message,
      startLineNumber: line,
      startColumn: col,
      endLineNumber: line,
      endColumn: Math.max(endColumn, col + 1),
      source: 'clang',
    };
  });
}

/** What the rest of the page may do to the editor. */
export interface EditorPaneHandle {
  /** Replaces the whole text (an example, a shared link), as one undoable edit. */
  replace(source: string): void;
  /** Highlights the C line being executed (null: none). */
  highlightLine(line: number | null, reveal: boolean): void;
}

/**
 * The C editor. Uncontrolled: the page never writes the text back on a render (a controlled
 * editor re-applies an older value when renders lag behind typing, which loses keystrokes while a
 * program runs); it hears every change through `onChange` and replaces the text only on request.
 */
export const EditorPane = memo(forwardRef<EditorPaneHandle, Props>(function EditorPane({ initialSource, diagnostics, onChange, onRun }, ref) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const lineDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const initial = useRef(initialSource);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    lineDecorations.current = editor.createDecorationsCollection();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    // Monaco scrolls by transforms, never natively; but Chromium natively scrolls its container to
    // bring the hidden input textarea into view after select-all + paste, which slid the text out of sight.
    editor.getDomNode()?.addEventListener('scroll', (ev) => {
      const el = ev.target as HTMLElement;
      if (el.classList?.contains('monaco-scrollable-element') && (el.scrollLeft || el.scrollTop)) {
        el.scrollLeft = 0;
        el.scrollTop = 0;
      }
    }, true);
    const model = editor.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'clang', toMarkers(model, diagnostics));
  };

  useImperativeHandle(ref, () => ({
    replace(source: string) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model) {
        initial.current = source;
        return;
      }
      if (model.getValue() === source) return;
      editor.pushUndoStop();
      editor.executeEdits('replace', [{ range: model.getFullModelRange(), text: source }]);
      editor.pushUndoStop();
    },
    highlightLine(line: number | null, reveal: boolean) {
      const editor = editorRef.current;
      const model = editor?.getModel();
      if (!editor || !model || !lineDecorations.current) return;
      if (line === null || line < 1 || line > model.getLineCount()) {
        lineDecorations.current.clear();
        return;
      }
      lineDecorations.current.set([{
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'exec-line', linesDecorationsClassName: 'exec-line-gutter', stickiness: 1 },
      }]);
      if (reveal) editor.revealLineInCenterIfOutsideViewport(line, monaco.editor.ScrollType.Smooth);
    },
  }), []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'clang', toMarkers(model, diagnostics));
  }, [diagnostics]);

  return (
    <section className="pane editor-pane" aria-label="C program">
      <div className="editor-host" data-testid="editor">
        <Editor
          language="c"
          theme="vs-dark"
          defaultValue={initial.current}
          onChange={(v) => changeRef.current(v ?? '')}
          onMount={onMount}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            tabSize: 4,
            renderWhitespace: 'none',
            // Hovers (clang's messages) may extend past the pane instead of being clipped by it.
            fixedOverflowWidgets: true,
          }}
        />
      </div>
    </section>
  );
}));
