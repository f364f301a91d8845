import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco } from './monacoSetup.ts';
import type { WireDiagnostic } from '../../protocol/compile.ts';

export interface EditorPaneState {
  source: string;
  diagnostics: readonly WireDiagnostic[];
}

interface Props extends EditorPaneState {
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

export function EditorPane({ source, diagnostics, onChange, onRun }: Props) {
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
    const model = editor.getModel();
    if (model) monaco.editor.setModelMarkers(model, 'clang', toMarkers(model, diagnostics));
  };

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
          value={source}
          onChange={(v) => onChange(v ?? '')}
          onMount={onMount}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            tabSize: 4,
            renderWhitespace: 'none',
          }}
        />
      </div>
    </section>
  );
}
