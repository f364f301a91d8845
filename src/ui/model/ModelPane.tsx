import { useEffect, useRef, useState } from 'react';
import type { Models } from './useModels.ts';
import { scheduleNote } from '../../core/weights/modelMeta.ts';
import './model.css';

interface Props {
  models: Models;
  /** A run is in progress: the model choice is frozen until it ends. */
  running: boolean;
  canDownloadTrace: boolean;
  onDownloadTrace: () => void;
}

const fmt = new Intl.NumberFormat('en-US');

/** The model Run uses, builds (specialize, rebuild), and downloads. */
export function ModelPane({ models, running, canDownloadTrace, onDownloadTrace }: Props) {
  const { universal, specialized, current, choice, load, build, settings } = models;
  const [showLog, setShowLog] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const building = build?.state === 'running';
  const m = current?.meta;
  const verified = current ? models.verified[current.key] : undefined;

  useEffect(() => {
    if (building) setShowLog(true);
  }, [building]);
  // A run shows its output where the log panel sits: make way.
  useEffect(() => {
    if (running && !building) setShowLog(false);
  }, [running, building]);

  return (
    <section className="model-pane" aria-label="Model" data-testid="model-pane">
      <div className="model-row">
        <label className="model-field" title="The model Run executes: universal (the program is in the prompt) or specialized (the program is in the weights)">
          <span>Model</span>
          <select data-testid="model-select" value={choice} disabled={running}
            onChange={(ev) => models.setChoice(ev.target.value as 'universal' | 'specialized')}>
            <option value="universal" title="The program goes into the prompt">universal</option>
            <option value="specialized" disabled={!specialized}>
              {specialized ? `specialized: ${specialized.meta.provenance.program}` : 'specialized (press Specialize)'}
            </option>
          </select>
        </label>
        <button type="button" data-testid="specialize" disabled={building} onClick={() => void models.startBuild('specialized')}
          title="Compile the editor's program and bake it into the weights (first Futamura projection): the model then needs only `start` and the input">
          Specialize
        </button>
        <button type="button" data-testid="rebuild-universal" disabled={building} onClick={() => void models.startBuild('universal')}
          title="Build the universal model again in this page (graph → MILP on HiGHS → weights)">
          Rebuild universal
        </button>
        <button type="button" data-testid="load-model" disabled={building || running} onClick={() => fileInput.current?.click()}
          title="Load a model file from disk (.bin, .safetensors or compact .safetensors, as downloaded here or written by the CLI); a malformed file is refused and nothing changes">
          Load…
        </button>
        <input ref={fileInput} type="file" hidden data-testid="model-file" accept=".bin,.safetensors"
          onChange={(ev) => {
            const f = ev.target.files?.[0];
            ev.target.value = '';
            if (f) void models.loadFile(f);
          }} />
        <span className="spacer" />
        <button type="button" data-testid="download-trace" disabled={!canDownloadTrace} onClick={onDownloadTrace}
          title="The last run's token trace in the _ref.txt format">↓ trace</button>
      </div>
      <div className="model-row">
        <label className="model-field inline" title="Seconds HiGHS may search; the best schedule found by then is used (greedy is its starting point)">
          <span>MILP s</span>
          <input type="number" data-testid="time-limit" min={1} max={600} value={settings.timeLimit} disabled={building || settings.greedy}
            onChange={(ev) => {
              const n = Math.round(Number(ev.target.value));
              if (Number.isFinite(n)) models.setSettings({ ...settings, timeLimit: Math.min(600, Math.max(1, n)) });
            }} />
        </label>
        <label className="model-check" title="Skip the MILP: the greedy schedule is instant and correct, only possibly wider">
          <input type="checkbox" data-testid="greedy" checked={settings.greedy} disabled={building}
            onChange={(ev) => models.setSettings({ ...settings, greedy: ev.target.checked })} />
          greedy
        </label>
        <span className="spacer" />
        <span className="downloads-label">download</span>
        <button type="button" data-testid="download-weights" disabled={!current} onClick={() => models.download('bin')}
          title="The current model's weights in the original .bin format">.bin</button>
        <button type="button" data-testid="download-safetensors" disabled={!current} onClick={() => models.download('safetensors')}
          title="The weights as .safetensors (F64 tensors; vocabulary, tie-breaks, head labels and provenance in its metadata)">.safetensors</button>
        <button type="button" data-testid="download-compact" disabled={!current} onClick={() => models.download('compact')}
          title="The weights as compact .safetensors: mostly-zero matrices stored as indices + values (a specialized model's instruction table), read back bit for bit">compact</button>
        <button type="button" data-testid="download-metadata" disabled={!current} onClick={() => models.download('json')}
          title="Vocabulary, tie-breaks, head labels, shape, schedule and provenance as JSON">metadata</button>
      </div>
      <div className="model-row">
        {build ? (
          <button type="button" className="link-button" data-testid="toggle-build-log" onClick={() => setShowLog((s) => !s)}
            title={showLog ? 'Close the panel with the last build\'s log' : 'Open the last build\'s log and figures (solver, schedule, time)'}>
            {showLog ? 'hide build log' : 'build log'}
          </button>
        ) : null}
        <span className="model-info" data-testid="model-info" title={m ? scheduleNote(m.schedule, m.shape.D) : undefined}>
          {m ? (
            <>
              V <b>{m.shape.V}</b> · D <b>{m.shape.D}</b> · L <b>{m.shape.L}</b> · H <b>{m.shape.H}</b> · F <b>{fmt.format(m.shape.F)}</b>
              {' · '}{(m.bytes / 1e6).toFixed(1)} MB · {m.schedule.method} {m.schedule.status}
              {verified ? <> · verified over <b>{fmt.format(verified.tokens)}</b> tokens</> : null}
            </>
          ) : load.error ? <span className="model-error">{load.error}</span> : choice === 'universal' && !universal ? 'loading the universal model…' : '—'}
        </span>
      </div>
      {models.fileNote ? (
        <div className={`model-row model-note ${models.fileNote.tone === 'error' ? 'model-error' : ''}`} data-testid="model-file-note" role={models.fileNote.tone === 'error' ? 'alert' : 'status'}
          title={models.fileNote.text}>{models.fileNote.text}</div>
      ) : null}
      <div hidden data-testid="model-metrics" data-fetch-ms={load.fetchMs?.toFixed(0)} data-core-ms={load.coreMs?.toFixed(0)}
        data-model-ms={load.modelMs?.toFixed(0)} data-warm-up-ms={load.warmUpMs?.toFixed(0)} data-build-ms={build?.ms?.toFixed(0)} />
      {build && showLog ? <BuildPanel models={models} onClose={() => setShowLog(false)} /> : null}
    </section>
  );
}

function BuildPanel({ models, onClose }: { models: Models; onClose: () => void }) {
  const b = models.build!;
  const [, tick] = useState(0);
  const logRef = useRef<HTMLPreElement>(null);
  const running = b.state === 'running';

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => tick((x) => x + 1), 250);
    return () => clearInterval(t);
  }, [running]);
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [b.log.length]);

  const elapsed = ((b.ms ?? performance.now() - b.startedAt) / 1000).toFixed(1);
  const p = b.progress;
  return (
    <div className="build-panel" role="dialog" aria-label="Model build" data-testid="build-panel">
      <header>
        <b>{b.kind === 'universal' ? 'Universal model' : `Specializing ${b.name}`}</b>
        <span className={`build-state build-${b.state}`} data-testid="build-status" title={b.phase}>{b.phase}</span>
        <span className="build-elapsed">{elapsed} s</span>
        {running ? <button type="button" data-testid="build-cancel" onClick={models.cancelBuild}>Cancel</button> : null}
        <button type="button" className="link-button" onClick={onClose} aria-label="Close the build log">close</button>
      </header>
      {p ? (
        <div className="build-progress" data-testid="build-progress">
          MILP {p.seconds.toFixed(1)} s · best d_model {p.best !== undefined && Number.isFinite(p.best) ? 2 * Math.round(p.best) : '—'}
          {' · '}lower bound {p.bound !== undefined && Number.isFinite(p.bound) ? 2 * Math.ceil(p.bound - 1e-6) : '—'}
          {' · '}gap {p.gap !== undefined && Number.isFinite(p.gap) ? `${(p.gap * 100).toFixed(1)}%` : '—'}
        </div>
      ) : null}
      {b.result ? <div className="build-result" data-testid="build-result">{b.result}</div> : null}
      {b.state === 'built' && b.kind === 'specialized' ? (
        <div className="build-result hint" data-testid="build-next">
          Run now uses it: the prompt is only <code>start</code> and the input, so change Args and press Run to run {b.name} with other arguments.
        </div>
      ) : null}
      <pre ref={logRef} className="build-log" data-testid="build-log">{b.log.join('\n') || (running ? 'waiting for the solver…' : '')}</pre>
    </div>
  );
}
