import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { EditorPane, type EditorPaneHandle } from './editor/EditorPane.tsx';
import { ExecLineHighlight } from './editor/ExecLineHighlight.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { StatusLine } from './status/StatusLine.tsx';
import { OutputPane, type OutputPaneHandle } from './output/OutputPane.tsx';
import { TokenStreamPane, formatRate } from './token-stream/TokenStreamPane.tsx';
import { MachineStatePane } from './machine-state/MachineStatePane.tsx';
import { AttentionPane } from './attention/AttentionPane.tsx';
import { SteppingBar } from './stepping/SteppingBar.tsx';
import { StepButton } from './stepping/StepButton.tsx';
import { SteppingProvider } from './stepping/SteppingProvider.tsx';
import type { Stepping } from './stepping/useStepping.ts';
import { ModelPane } from './model/ModelPane.tsx';
import { EngineSwitch } from './model/EngineSwitch.tsx';
import { useModels } from './model/useModels.ts';
import { isInferSummary } from './model/runText.ts';
import { RunStream, useRunStream } from './run/runStream.ts';
import { describeRun } from './run/outcomeText.ts';
import { CompileBridge } from './bridge/compileBridge.ts';
import { RunBridge } from './bridge/runBridge.ts';
import { EXAMPLES, defaultExample, type Example } from './examples/examples.ts';
import { loadDraft, saveDraft } from './draft.ts';
import { DEFAULT_SETTINGS, decodeShareHash, shareUrl, type SharedState } from './url-state.ts';
import type { CompileResult } from '../protocol/compile.ts';
import type { RunEvent } from '../protocol/run.ts';
import { SessionStore, initialSession, refusalWhere, useSession, type Notice, type PageFigures } from './run/session.ts';
import { limitCap, runSettingsReducer } from './toolbar/runSettings.ts';

interface Initial {
  state: SharedState;
  /** Message about the link the page was opened with (restored, or why it was refused). */
  linkNotice: Notice | null;
}

const fmt = new Intl.NumberFormat('en-US');
const ms = (t: number) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t.toFixed(0)} ms`);

function fromExample(e: Example): SharedState {
  return { source: e.source, args: e.args, settings: { ...DEFAULT_SETTINGS } };
}

function readInitialState(): Initial {
  const draft = loadDraft();
  const fallback = draft ?? fromExample(defaultExample());
  const link = decodeShareHash(window.location.hash);
  if (link.kind === 'ok') {
    return {
      state: link.state,
      linkNotice: { tone: 'ok', text: 'Opened a shared program: it is in the editor. Nothing has run; press Run to run it.' },
    };
  }
  if (link.kind === 'error') return { state: fallback, linkNotice: { tone: 'error', text: link.message } };
  return { state: fallback, linkNotice: null };
}

function dropHash(): void {
  // Edits made after opening a link must survive a reload, so the link's hash is not kept in the address.
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** clang's errors, each on its own line (the status line shows the first). */
function compileErrorsText(res: Extract<CompileResult, { ok: false }>): string {
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length < 2) return res.message;
  return errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n');
}

/** The page's figures for the browser tests and benchmarks (hidden; reads the stream itself). */
function Metrics({ stream, m }: { stream: RunStream; m: PageFigures }) {
  const { tokPerS } = useRunStream(stream);
  return (
    <div hidden data-testid="metrics" data-load-ms={m.loadMs?.toFixed(0)} data-runtime-ms={m.runtimeMs?.toFixed(0)} data-compile-ms={m.compileMs?.toFixed(0)}
      data-clang-ms={m.clangMs?.toFixed(0)} data-page-compile-ms={m.pageCompileMs?.toFixed(0)} data-tok-per-s={tokPerS?.toFixed(0)} data-rate={formatRate(tokPerS)}
      data-store-bytes={stream.store.bytes} data-store-tokens={stream.store.length} />
  );
}

export function App() {
  const [initial] = useState(readInitialState);
  // The editor's text lives in the editor (uncontrolled); the page keeps the latest value here and
  // re-renders nothing on a keystroke.
  const source = useRef(initial.state.source);
  const [settings, setting] = useReducer(runSettingsReducer, initial.state, (st) => runSettingsReducer(
    { args: st.args, maxTokens: st.settings.maxTokens, engine: 'transformer' }, { kind: 'engine', engine: 'transformer' }));
  const { args, maxTokens, engine } = settings;
  const [sessionStore] = useState(() => new SessionStore(initialSession(initial.linkNotice)));
  const session = useSession(sessionStore);
  const say = sessionStore.dispatch;
  const compiler = useRef<CompileBridge | null>(null);
  /** The run worker, for both engines (the worker itself starts on first use). */
  const [runner] = useState(() => new RunBridge());
  const output = useRef<OutputPaneHandle>(null);
  const editor = useRef<EditorPaneHandle>(null);
  const [stream] = useState(() => new RunStream());
  const stepping = useRef<Stepping | null>(null);

  // The editor's program for Specialize: compiled like Run does, diagnostics shown the same way.
  const compileForModel = useCallback(async () => {
    if (!compiler.current) return null;
    const text = source.current;
    const res = await compiler.current.compile(text, 'program.c').catch(() => null);
    if (!res) return null;
    say({ kind: 'diagnostics', diagnostics: res.diagnostics });
    if (!res.ok) {
      say({ kind: 'say', tone: 'error', text: `Cannot specialize: ${res.message}` });
      return null;
    }
    return { program: res.program, name: EXAMPLES.find((e) => e.source === text)?.name ?? 'program' };
  }, [say]);
  const models = useModels(compileForModel, runner);

  useEffect(() => {
    dropHash();
    compiler.current ??= new CompileBridge();
    let alive = true;
    let assetBytes = 0;
    compiler.current.load((p) => {
      if (!alive) return;
      if (p.phase === 'download') {
        assetBytes = p.total;
        say({
          kind: 'clang-loading', progress: { loaded: p.loaded, total: p.total },
          text: `Downloading the C compiler (clang, ${(p.total / 1e6).toFixed(0)} MB): this happens once; later visits read it from the browser's cache…`,
        });
      } else {
        say({ kind: 'clang-loading', progress: null, clangVersion: p.clangVersion, text: 'Building the C runtime (once per visit)…' });
      }
    }).then(
      (loaded) => {
        if (!alive) return;
        const from = loaded.networkFetches === 0 && loaded.cacheHits > 0 ? 'from the browser cache' : `downloaded ${(Math.max(assetBytes, loaded.networkBytes) / 1e6).toFixed(1)} MB`;
        say({
          kind: 'clang-ready', clangVersion: loaded.clangVersion, loadMs: loaded.ms, runtimeMs: loaded.runtimeMs,
          text: `Ready: clang loaded in ${ms(loaded.ms)} (${from}), C runtime built in ${ms(loaded.runtimeMs)}. Press Run or Ctrl+Enter.`,
        });
      },
      (err: unknown) => {
        if (alive) say({ kind: 'clang-failed', text: `The compiler could not be loaded: ${err instanceof Error ? err.message : String(err)}` });
      },
    );
    return () => {
      alive = false;
    };
  }, [say]);

  // Drafts: the editor's text is saved a moment after typing stops, the args and limit when they change.
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const settingsRef = useRef({ args, maxTokens });
  settingsRef.current = { args, maxTokens };
  const scheduleDraft = useCallback(() => {
    if (draftTimer.current) clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      const { args: a, maxTokens: m } = settingsRef.current;
      saveDraft({ source: source.current, args: a, settings: { maxTokens: m } });
    }, 250);
  }, []);
  useEffect(scheduleDraft, [args, maxTokens, scheduleDraft]);
  const onSource = useCallback((text: string) => {
    source.current = text;
    scheduleDraft();
  }, [scheduleDraft]);
  const setSourceFromOutside = useCallback((text: string) => {
    source.current = text;
    editor.current?.replace(text);
    scheduleDraft();
  }, [scheduleDraft]);

  const onRunEvent = useCallback((e: RunEvent) => {
    switch (e.kind) {
      case 'started':
        stream.started(e.prefixTokens, e.engine);
        break;
      case 'output':
        output.current?.writeProgramBytes(e.bytes);
        break;
      case 'tokens':
        stream.append(e.batch, e.generated, e.elapsedMs);
        break;
      case 'finished':
        stream.ended({ generated: e.summary.generatedTokens, engineMs: e.summary.engineMs });
        break;
    }
  }, [stream]);

  const run = useCallback(async () => {
    if (sessionStore.get().busy !== 'idle' || !compiler.current) return;
    const text = source.current;
    const limit = Math.min(maxTokens, limitCap(engine).tokens);
    say({ kind: 'compile-started', text: sessionStore.get().status.clangVersion ? 'Compiling…' : 'Compiling: waiting for clang to finish loading…' });
    output.current?.clear();

    const t0 = performance.now();
    let res: CompileResult;
    try {
      res = await compiler.current.compile(text, 'program.c');
    } catch (err) {
      // The compiler itself failed (e.g. its download broke off); the next Run tries again.
      const message = err instanceof Error ? err.message : String(err);
      say({ kind: 'run-ended', tone: 'error', text: `The compiler is not available: ${message}`, hasTrace: false });
      output.current?.showOutcome({ tone: 'error', text: `The compiler is not available: ${message}` });
      return;
    }
    say({ kind: 'compiled', result: res, pageMs: performance.now() - t0 });
    if (!res.ok) {
      // The panes showed the last run of an earlier text: not this program's, so not shown.
      const where = refusalWhere(res);
      stream.clear();
      stepping.current?.clear(`${where}: ${res.message}`);
      output.current?.showOutcome({ tone: 'error', text: `${where} (not run)` });
      output.current?.writeNote(`${where}:\n${compileErrorsText(res)}`, 'error');
      return;
    }
    // The model may refuse the program (a specialized model is for one program): then nothing
    // runs, and the panes say why instead of waiting for tokens or showing the last run.
    const model = engine === 'transformer' ? await models.modelFor(res.program) : null;
    if (typeof model === 'string') {
      stream.clear();
      stepping.current?.clear(model);
      say({ kind: 'run-ended', tone: 'error', text: model, hasTrace: false });
      output.current?.showOutcome({ tone: 'error', text: `[not run: ${model}]` });
      return;
    }
    stream.reset();
    const where = engine === 'transformer' ? 'on the transformer' : 'in the reference interpreter';
    say({ kind: 'run-started', text: `Running ${where} (compiled in ${ms(res.totalMs)})…`, clangVersion: res.clangVersion });

    const input = new TextEncoder().encode(args);
    const universal = engine === 'transformer' && models.current?.meta.kind === 'universal' ? models.current : null;
    stepping.current?.startRun({ program: res.program, input, maxTokens: limit, source: text, model: universal && { key: universal.key, bytes: universal.bytes, headLabels: universal.meta.headLabels } });
    const outcome = await runner.run({ engine, program: res.program, input, maxTokens: limit, check: true }, model, (e) => {
      if (e.kind === 'checking') say({ kind: 'say', text: `Checking ${fmt.format(e.tokens)} tokens against the reference interpreter…` });
      else onRunEvent(e);
    });
    stream.ended();
    if (outcome.kind === 'finished') {
      const s = outcome.summary;
      if (isInferSummary(s)) models.noteRun(s, args);
      const said = describeRun(s, limit, res.totalMs);
      say({ kind: 'run-ended', tone: said.tone, text: said.status, hasTrace: true });
      output.current?.showOutcome({ tone: said.tone, text: `[${said.reason}]`, jumpTo: said.divergedAt !== null ? s.prefixTokens + said.divergedAt : undefined });
    } else if (outcome.kind === 'stopped') {
      const received = stream.get().generated;
      say({ kind: 'run-ended', tone: 'info', text: `Stopped by you (${fmt.format(received)} generated tokens had reached the page).`, hasTrace: false });
      output.current?.showOutcome({ tone: 'info', text: '[stopped by you]' });
    } else {
      say({ kind: 'run-ended', tone: 'error', text: `The run failed: ${outcome.message}`, hasTrace: false });
      output.current?.showOutcome({ tone: 'error', text: `[run failed: ${outcome.message}]` });
    }
  }, [args, maxTokens, onRunEvent, engine, models, stream, say, sessionStore, runner]);

  const stop = useCallback(() => {
    if (sessionStore.get().busy !== 'running') return;
    runner.stop();
  }, [sessionStore, runner]);

  // Ctrl/Cmd+Enter anywhere on the page (the editor handles it itself when focused).
  const runRef = useRef(run);
  runRef.current = run;
  const runNow = useCallback(() => void runRef.current(), []);
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        void runRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A link pasted into the address bar of an open page.
  useEffect(() => {
    const onHash = () => {
      const link = decodeShareHash(window.location.hash);
      if (link.kind === 'ok') {
        setSourceFromOutside(link.state.source);
        setting({ kind: 'program', args: link.state.args, maxTokens: link.state.settings.maxTokens });
        say({ kind: 'link-notice', notice: { tone: 'ok', text: 'Opened a shared program: it is in the editor. Nothing has run; press Run to run it.' } });
      } else if (link.kind === 'error') {
        say({ kind: 'link-notice', notice: { tone: 'error', text: link.message } });
      }
      dropHash();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [setSourceFromOutside, say]);

  const share = useCallback(() => {
    let url: string;
    try {
      url = shareUrl(window.location.href, { source: source.current, args, settings: { maxTokens } });
    } catch (e) {
      say({ kind: 'say', tone: 'error', text: `Cannot share: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    say({ kind: 'share-link', url });
    const copied = navigator.clipboard?.writeText(url);
    const ready = { kind: 'say', tone: 'info', text: 'Link ready: copy it from the field next to the button.' } as const;
    if (!copied) {
      say(ready);
      return;
    }
    copied.then(() => say({ kind: 'say', tone: 'ok', text: `Link copied (${url.length} characters).` }), () => say(ready));
  }, [args, maxTokens, say]);

  const loadExample = useCallback((e: Example) => {
    setSourceFromOutside(e.source);
    setting({ kind: 'program', args: e.args });
    say({ kind: 'diagnostics', diagnostics: [] });
    say({ kind: 'share-link', url: null });
  }, [setSourceFromOutside, say]);

  const downloadTrace = useCallback(async () => {
    const text = await runner.lastRefFile();
    if (!text) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = 'program_ref.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, [runner]);

  const onArgs = useCallback((a: string) => setting({ kind: 'args', args: a }), []);
  const onMaxTokens = useCallback((n: number) => setting({ kind: 'max-tokens', maxTokens: n }), []);
  const onEngine = useCallback((e: typeof engine) => setting({ kind: 'engine', engine: e }), []);
  const jumpTo = useCallback((t: number) => stepping.current?.select(t), []);
  const currentSource = useCallback(() => source.current, []);

  return (
    <SteppingProvider stream={stream} control={stepping}>
      <div className="app">
        <header className="topbar">
          <h1 title="C compiled to WebAssembly, executed token by token by a transformer whose weights were computed, not trained">Transformer VM Playground</h1>
          <Toolbar
            args={args}
            maxTokens={maxTokens}
            limitCap={limitCap(engine)}
            busy={session.busy}
            shareUrl={session.shareLink}
            examples={EXAMPLES}
            onExample={loadExample}
            onArgs={onArgs}
            onMaxTokens={onMaxTokens}
            onRun={runNow}
            onStop={stop}
            onShare={share}
            stepButton={<StepButton />}
          />
          <EngineSwitch mode={engine} disabled={session.busy !== 'idle'} onMode={onEngine} />
        </header>
        {session.linkNotice ? (
          <div className={`notice notice-${session.linkNotice.tone}`} role={session.linkNotice.tone === 'error' ? 'alert' : 'status'} data-testid="link-notice">
            <span>{session.linkNotice.text}</span>
            <button type="button" className="link-button" onClick={() => say({ kind: 'link-notice', notice: null })} aria-label="Dismiss" title="Hide this notice">dismiss</button>
          </div>
        ) : null}
        <main className="panes see-layout">
          <EditorPane ref={editor} initialSource={initial.state.source} diagnostics={session.diagnostics} onChange={onSource} onRun={runNow} />
          <ExecLineHighlight editor={editor} currentSource={currentSource} />
          <TokenStreamPane />
          <OutputPane ref={output} onJump={jumpTo} />
          <div className="side-panes with-stepper">
            <SteppingBar />
            <MachineStatePane />
            <AttentionPane lookupLayers={models.current?.meta.lookupLayers} modelLayers={models.current?.meta.shape.L} />
            <ModelPane models={models} running={session.busy !== 'idle'} canDownloadTrace={session.hasTrace} onDownloadTrace={() => void downloadTrace()} />
          </div>
        </main>
        <StatusLine {...session.status} />
        <Metrics stream={stream} m={session.figures} />
      </div>
    </SteppingProvider>
  );
}
