import { useCallback, useEffect, useRef, useState } from 'react';
import { EditorPane } from './editor/EditorPane.tsx';
import { Toolbar } from './toolbar/Toolbar.tsx';
import { StatusLine, type StatusState } from './status/StatusLine.tsx';
import { OutputPane, type OutputPaneHandle } from './output/OutputPane.tsx';
import { TokenStreamPane, formatRate, type TokenStreamState } from './token-stream/TokenStreamPane.tsx';
import { TokenStore } from './token-stream/tokenStore.ts';
import { MachineStatePane } from './machine-state/MachineStatePane.tsx';
import { AttentionPane } from './attention/AttentionPane.tsx';
import { SteppingBar } from './stepping/SteppingBar.tsx';
import { useStepping } from './stepping/useStepping.ts';
import { DISPLAY_TOKENS } from '../core/run/displayTokens.ts';
import { ModelPane } from './model/ModelPane.tsx';
import { EngineSwitch, type EngineMode } from './model/EngineSwitch.tsx';
import { useModels } from './model/useModels.ts';
import { isInferSummary, transformerSummaryText } from './model/runText.ts';
import { CompileBridge } from './bridge/compileBridge.ts';
import { RunBridge } from './bridge/runBridge.ts';
import { EXAMPLES, defaultExample, type Example } from './examples/examples.ts';
import { loadDraft, saveDraft } from './draft.ts';
import { DEFAULT_SETTINGS, decodeShareHash, shareUrl, type SharedState } from './url-state.ts';
import { describeExit } from '../core/tokens/exitStatus.ts';
import type { CompileResult, WireDiagnostic } from '../protocol/compile.ts';
import type { RunEvent, RunSummary } from '../protocol/run.ts';

type Busy = 'idle' | 'compiling' | 'running';

interface Initial {
  state: SharedState;
  /** Message about the link the page was opened with (restored, or why it was refused). */
  linkNotice: { tone: 'ok' | 'error'; text: string } | null;
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

function summaryText(s: RunSummary, compileMs: number): string {
  const figures = `${fmt.format(s.generatedTokens)} tokens, ${fmt.format(s.instructionsExecuted)} instructions · compile ${ms(compileMs)} · ${s.engine} ${ms(s.engineMs)}`;
  if (s.stop === 'halt') return `Halted after ${figures}`;
  if (s.stop === 'budget') return `Stopped at the token limit: ${figures}. Raise the limit to run longer.`;
  return `Machine fault: ${s.error ?? 'unknown'} (after ${figures})`;
}

export function App() {
  const [initial] = useState(readInitialState);
  const [source, setSource] = useState(initial.state.source);
  const [args, setArgs] = useState(initial.state.args);
  const [maxTokens, setMaxTokens] = useState(initial.state.settings.maxTokens);
  const [linkNotice, setLinkNotice] = useState(initial.linkNotice);
  const [diagnostics, setDiagnostics] = useState<readonly WireDiagnostic[]>([]);
  const [busy, setBusyState] = useState<Busy>('idle');
  const [status, setStatus] = useState<StatusState>({ tone: 'info', text: 'Loading the compiler…', progress: null, clangVersion: null });
  const [shareLink, setShareLink] = useState<string | null>(null);
  const [hasTrace, setHasTrace] = useState(false);
  const [stream, setStream] = useState<TokenStreamState>({ version: 0, prefixTokens: 0, generated: 0, tokPerS: null, engine: null });
  const [engine, setEngine] = useState<EngineMode>('transformer');
  const [metrics, setMetrics] = useState<{ loadMs?: number; runtimeMs?: number; compileMs?: number; clangMs?: number; pageCompileMs?: number }>({});

  const busyRef = useRef<Busy>('idle');
  const setBusy = (b: Busy) => {
    busyRef.current = b;
    setBusyState(b);
  };
  const compiler = useRef<CompileBridge | null>(null);
  /** The run worker, for both engines (the worker itself starts on first use). */
  const [runner] = useState(() => new RunBridge());
  const output = useRef<OutputPaneHandle>(null);
  const store = useRef(new TokenStore());
  const pendingStream = useRef<TokenStreamState | null>(null);
  const frame = useRef(0);

  // The editor's program for Specialize: compiled like Run does, diagnostics shown the same way.
  const compileForModel = useCallback(async () => {
    if (!compiler.current) return null;
    const res = await compiler.current.compile(source, 'program.c').catch(() => null);
    if (!res) return null;
    setDiagnostics(res.diagnostics);
    if (!res.ok) {
      setStatus((s) => ({ ...s, tone: 'error', text: `Cannot specialize: ${res.message}` }));
      return null;
    }
    return { program: res.program, name: EXAMPLES.find((e) => e.source === source)?.name ?? 'program' };
  }, [source]);
  const models = useModels(compileForModel, runner);
  const stepping = useStepping(store.current, stream.version, busy === 'running', stream.prefixTokens);
  const tokenText = useCallback((i: number) => DISPLAY_TOKENS[store.current.tokenId(i)] ?? '', []);

  useEffect(() => {
    dropHash();
    compiler.current ??= new CompileBridge();
    let alive = true;
    let assetBytes = 0;
    compiler.current.load((p) => {
      if (!alive) return;
      if (p.phase === 'download') {
        assetBytes = p.total;
        setStatus((s) => ({ ...s, tone: 'busy', text: 'Loading clang (downloaded once; later visits read it from the browser cache)…', progress: { loaded: p.loaded, total: p.total } }));
      } else {
        setStatus((s) => ({ ...s, tone: 'busy', text: 'Building the C runtime (once per visit)…', progress: null, clangVersion: p.clangVersion }));
      }
    }).then(
      (loaded) => {
        if (!alive) return;
        setMetrics((m) => ({ ...m, loadMs: loaded.ms, runtimeMs: loaded.runtimeMs }));
        const from = loaded.networkFetches === 0 && loaded.cacheHits > 0 ? 'from the browser cache' : `downloaded ${(Math.max(assetBytes, loaded.networkBytes) / 1e6).toFixed(1)} MB`;
        const text = `Ready: clang loaded in ${ms(loaded.ms)} (${from}), C runtime built in ${ms(loaded.runtimeMs)}. Press Run or Ctrl+Enter.`;
        setStatus((s) => busyRef.current === 'idle'
          ? { tone: 'ok', text, progress: null, clangVersion: loaded.clangVersion }
          : { ...s, progress: null, clangVersion: loaded.clangVersion });
      },
      (err: unknown) => {
        if (alive) setStatus({ tone: 'error', text: `The compiler could not be loaded: ${err instanceof Error ? err.message : String(err)}`, progress: null, clangVersion: null });
      },
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    const t = setTimeout(() => saveDraft({ source, args, settings: { maxTokens } }), 250);
    return () => clearTimeout(t);
  }, [source, args, maxTokens]);

  const flushStream = useCallback(() => {
    frame.current = 0;
    if (pendingStream.current) setStream(pendingStream.current);
  }, []);

  const onRunEvent = useCallback((e: RunEvent) => {
    const prev = pendingStream.current!;
    switch (e.kind) {
      case 'started':
        pendingStream.current = { ...prev, prefixTokens: e.prefixTokens, engine: e.engine };
        break;
      case 'output':
        output.current?.writeProgramBytes(e.bytes);
        return;
      case 'tokens':
        store.current.append(e.batch);
        pendingStream.current = {
          ...prev,
          version: prev.version + 1,
          generated: e.generated,
          tokPerS: e.elapsedMs > 0 ? e.generated / (e.elapsedMs / 1000) : prev.tokPerS,
        };
        break;
      case 'finished':
        pendingStream.current = {
          ...prev,
          generated: e.summary.generatedTokens,
          tokPerS: e.summary.engineMs > 0 ? e.summary.generatedTokens / (e.summary.engineMs / 1000) : null,
        };
        break;
    }
    if (!frame.current) frame.current = requestAnimationFrame(flushStream);
  }, [flushStream]);

  const run = useCallback(async () => {
    if (busyRef.current !== 'idle' || !compiler.current) return;
    setBusy('compiling');
    setHasTrace(false);
    setStatus((s) => ({ ...s, tone: 'busy', text: s.clangVersion ? 'Compiling…' : 'Compiling (waiting for clang to load)…' }));
    output.current?.clear();
    store.current.clear();
    pendingStream.current = { version: 0, prefixTokens: 0, generated: 0, tokPerS: null, engine: null };
    setStream(pendingStream.current);

    const t0 = performance.now();
    let res: CompileResult;
    try {
      res = await compiler.current.compile(source, 'program.c');
    } catch (err) {
      // The compiler itself failed (e.g. its download broke off); the next Run tries again.
      setBusy('idle');
      const message = err instanceof Error ? err.message : String(err);
      setStatus((s) => ({ ...s, tone: 'error', text: `The compiler is not available: ${message}` }));
      output.current?.writeNote(`[the compiler is not available: ${message}]`, 'error');
      return;
    }
    const compileMs = performance.now() - t0;
    setDiagnostics(res.diagnostics);
    if (!res.ok) {
      setBusy('idle');
      const where = res.stage === 'compile' ? 'Compile error' : res.stage === 'internal' ? 'Internal error' : `Refused at the ${res.stage} stage`;
      setStatus((s) => ({ ...s, tone: 'error', text: `${where}: ${res.message}` }));
      output.current?.writeNote(`${where}:\n${res.message}`, 'error');
      return;
    }
    setMetrics((m) => ({ ...m, compileMs: res.totalMs, clangMs: res.clangMs, pageCompileMs: compileMs }));
    setBusy('running');
    const where = engine === 'transformer' ? 'on the transformer' : 'in the reference interpreter';
    setStatus((s) => ({ ...s, tone: 'busy', text: `Running ${where} (compiled in ${ms(res.totalMs)})…`, clangVersion: res.clangVersion }));

    const input = new TextEncoder().encode(args);
    const universal = engine === 'transformer' && models.current?.meta.kind === 'universal' ? models.current : null;
    stepping.startRun({ program: res.program, input, maxTokens, source, model: universal && { key: universal.key, bytes: universal.bytes, headLabels: universal.meta.headLabels } });
    const model = engine === 'transformer' ? await models.modelFor(res.program) : null;
    const outcome = typeof model === 'string'
      ? { kind: 'refused', message: model } as const
      : await runner.run({ engine, program: res.program, input, maxTokens, check: true }, model, (e) => {
        if (e.kind === 'checking') setStatus((s) => ({ ...s, text: `Checking ${fmt.format(e.tokens)} tokens against the reference interpreter…` }));
        else onRunEvent(e);
      });
    setBusy('idle');
    if (outcome.kind === 'finished') {
      const s = outcome.summary;
      setHasTrace(true);
      const t = isInferSummary(s) ? s : null;
      if (t) models.noteRun(t, args);
      const ok = s.stop === 'halt' && (!t || t.check.result === 'match');
      setStatus((st) => ({ ...st, tone: ok ? 'ok' : 'error', text: t ? transformerSummaryText(t, res.totalMs) : summaryText(s, res.totalMs) }));
      if (s.stop === 'halt') output.current?.writeNote(`[${describeExit(s)}]`, s.exitStatus === 0 ? 'info' : 'error');
      else output.current?.writeNote(s.stop === 'budget' ? `[token limit of ${fmt.format(maxTokens)} reached]` : `[machine fault: ${s.error}]`, 'error');
    } else if (outcome.kind === 'refused') {
      setStatus((st) => ({ ...st, tone: 'error', text: outcome.message }));
      output.current?.writeNote(`[not run: ${outcome.message}]`, 'error');
    } else if (outcome.kind === 'stopped') {
      const received = pendingStream.current?.generated ?? 0;
      setStatus((st) => ({ ...st, tone: 'info', text: `Stopped by you (${fmt.format(received)} generated tokens had reached the page).` }));
      output.current?.writeNote('[stopped]', 'info');
    } else {
      setStatus((st) => ({ ...st, tone: 'error', text: `The run failed: ${outcome.message}` }));
      output.current?.writeNote(`[run failed: ${outcome.message}]`, 'error');
    }
  }, [source, args, maxTokens, onRunEvent, engine, models]);

  const stop = useCallback(() => {
    if (busyRef.current !== 'running') return;
    runner.stop();
  }, []);

  // Ctrl/Cmd+Enter anywhere on the page (the editor handles it itself when focused).
  const runRef = useRef(run);
  runRef.current = run;
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
        setSource(link.state.source);
        setArgs(link.state.args);
        setMaxTokens(link.state.settings.maxTokens);
        setLinkNotice({ tone: 'ok', text: 'Opened a shared program: it is in the editor. Nothing has run; press Run to run it.' });
      } else if (link.kind === 'error') {
        setLinkNotice({ tone: 'error', text: link.message });
      }
      dropHash();
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const share = useCallback(() => {
    let url: string;
    try {
      url = shareUrl(window.location.href, { source, args, settings: { maxTokens } });
    } catch (e) {
      setStatus((s) => ({ ...s, tone: 'error', text: `Cannot share: ${e instanceof Error ? e.message : String(e)}` }));
      return;
    }
    setShareLink(url);
    const copied = navigator.clipboard?.writeText(url);
    if (!copied) {
      setStatus((s) => ({ ...s, tone: 'info', text: 'Link ready: copy it from the field next to the button.' }));
      return;
    }
    copied.then(
      () => setStatus((s) => ({ ...s, tone: 'ok', text: `Link copied (${url.length} characters).` })),
      () => setStatus((s) => ({ ...s, tone: 'info', text: 'Link ready: copy it from the field next to the button.' })),
    );
  }, [source, args, maxTokens]);

  const loadExample = useCallback((e: Example) => {
    setSource(e.source);
    setArgs(e.args);
    setDiagnostics([]);
    setShareLink(null);
  }, []);

  const downloadTrace = useCallback(async () => {
    const text = await runner.lastRefFile();
    if (!text) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    a.download = 'program_ref.txt';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <h1>Transformer VM Playground</h1>
        <Toolbar
          args={args}
          maxTokens={maxTokens}
          busy={busy}
          shareUrl={shareLink}
          examples={EXAMPLES}
          onExample={loadExample}
          onArgs={setArgs}
          onMaxTokens={setMaxTokens}
          onRun={() => void run()}
          onStop={stop}
          onShare={share}
          canStep={stepping.length > 0}
          onStep={() => stepping.step('instruction', 1)}
        />
        <EngineSwitch mode={engine} disabled={busy !== 'idle'} onMode={setEngine} />
      </header>
      {linkNotice ? (
        <div className={`notice notice-${linkNotice.tone}`} role={linkNotice.tone === 'error' ? 'alert' : 'status'} data-testid="link-notice">
          <span>{linkNotice.text}</span>
          <button type="button" className="link-button" onClick={() => setLinkNotice(null)} aria-label="Dismiss">dismiss</button>
        </div>
      ) : null}
      <main className="panes see-layout">
        <EditorPane source={source} diagnostics={diagnostics} onChange={setSource} onRun={() => void run()} />
        <TokenStreamPane store={store.current} {...stream} selected={stepping.selection.token} pinned={!stepping.selection.follow} onSelectToken={stepping.select} />
        <OutputPane ref={output} />
        <div className="side-panes with-stepper">
          <SteppingBar stepping={stepping} running={busy === 'running'} tokenText={tokenText} />
          <MachineStatePane stepping={stepping} />
          <AttentionPane stepping={stepping} tokenText={tokenText} lookupLayers={models.current?.meta.lookupLayers} modelLayers={models.current?.meta.shape.L} />
          <ModelPane models={models} running={busy !== 'idle'} canDownloadTrace={hasTrace} onDownloadTrace={() => void downloadTrace()} />
        </div>
      </main>
      <StatusLine {...status} />
      <div hidden data-testid="metrics" data-load-ms={metrics.loadMs?.toFixed(0)} data-runtime-ms={metrics.runtimeMs?.toFixed(0)} data-compile-ms={metrics.compileMs?.toFixed(0)}
        data-clang-ms={metrics.clangMs?.toFixed(0)} data-page-compile-ms={metrics.pageCompileMs?.toFixed(0)} data-tok-per-s={stream.tokPerS?.toFixed(0)} data-rate={formatRate(stream.tokPerS)} />
    </div>
  );
}
