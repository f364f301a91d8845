/**
 * The page's models: the universal model (the static asset, or one rebuilt in the page), the last
 * specialized model, which one Run uses, builds in the build worker (log, progress, cancel),
 * preloading into the run worker, downloads.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Program } from '../../core/program/program.ts';
import { specializedProgramMatch } from '../../core/run/specializedModel.ts';
import type { BuildEvent, BuildSettings } from '../../protocol/build.ts';
import type { InferSummary, ModelPayload } from '../../protocol/run.ts';
import { BuildBridge } from '../bridge/buildBridge.ts';
import type { RunBridge } from '../bridge/runBridge.ts';
import { binFile, metadataFile, metaWith, modelFileStem, modelFromFile, safetensorsFile } from '../downloads/modelFiles.ts';
import { saveFile } from '../downloads/saveFile.ts';
import { scheduleNote } from '../../core/weights/modelMeta.ts';
import { fetchUniversalModel } from './universalAsset.ts';

export type ModelChoice = 'universal' | 'specialized';

export interface BuildView {
  kind: 'universal' | 'specialized';
  name: string;
  state: 'running' | 'built' | 'cancelled' | 'failed';
  phase: string;
  log: string[];
  progress: { seconds: number; best?: number; bound?: number; gap?: number } | null;
  startedAt: number;
  /** Wall time of the finished build, as the page saw it. */
  ms?: number;
  /** One line: the shape and how far from optimal, or why it failed. */
  result?: string;
}

export interface LoadFigures {
  /** Fetching models/universal.{json,bin}. */
  fetchMs?: number;
  /** Instantiating the Emscripten core in the inference worker. */
  coreMs?: number;
  /** Parsing the model and handing it to the core. */
  modelMs?: number;
  /** The core's warm-up run in the worker (so the first Run is not in the baseline tier). */
  warmUpMs?: number;
  error?: string;
}

/** Tokens over which a model's run equalled the reference interpreter (the precision envelope). */
export interface Verified {
  tokens: number;
  args: string;
  halted: boolean;
}

export interface CompiledForModel {
  program: Program;
  name: string;
}

const MAX_LOG_LINES = 2000;
export const DEFAULT_BUILD_SETTINGS: BuildSettings = { timeLimit: 10, greedy: false };

export function useModels(compileCurrent: () => Promise<CompiledForModel | null>, runner: RunBridge) {
  const builder = useRef<BuildBridge | null>(null);
  const universalLoad = useRef<Promise<ModelPayload> | null>(null);
  const compileRef = useRef(compileCurrent);
  compileRef.current = compileCurrent;

  const [universal, setUniversal] = useState<ModelPayload | null>(null);
  const [specialized, setSpecialized] = useState<ModelPayload | null>(null);
  const [choice, setChoice] = useState<ModelChoice>('universal');
  const [load, setLoad] = useState<LoadFigures>({});
  const [build, setBuild] = useState<BuildView | null>(null);
  const [settings, setSettings] = useState<BuildSettings>(DEFAULT_BUILD_SETTINGS);
  const [verified, setVerified] = useState<Record<string, Verified>>({});
  /** What became of the last model file the person chose (loaded, or why it was refused). */
  const [fileNote, setFileNote] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    builder.current ??= new BuildBridge();
    if (universalLoad.current) return;
    const p = fetchUniversalModel().then(({ payload, fetchMs }) => {
      setUniversal(payload);
      setLoad((l) => ({ ...l, fetchMs }));
      return payload;
    });
    universalLoad.current = p;
    p.then(
      // Warm the run worker: the core and the model are ready before the first Run.
      (payload) => runner.preload(payload).then(
        (x) => setLoad((l) => ({ ...l, coreMs: x.coreMs, modelMs: x.modelMs, warmUpMs: x.warmUpMs })),
        () => {},
      ),
      (e: unknown) => {
        universalLoad.current = null;
        setLoad((l) => ({ ...l, error: `the universal model could not be loaded: ${e instanceof Error ? e.message : String(e)}` }));
      },
    );
  }, [runner]);

  const current: ModelPayload | null = choice === 'specialized' ? specialized : universal;

  /** The model Run uses for `program`, or why it cannot. */
  const modelFor = useCallback(async (program: Program): Promise<ModelPayload | string> => {
    if (choice === 'specialized') {
      if (!specialized) return 'No specialized model yet: press Specialize first, or choose the universal model.';
      const match = specializedProgramMatch(specialized.meta.provenance, program, "the editor's program");
      if (match.kind === 'different') return `${match.message[0].toUpperCase()}${match.message.slice(1)}. Specialize it again or choose the universal model.`;
      if (match.kind === 'unrecorded') return 'The specialized model does not record which program it holds: specialize the program again.';
      return specialized;
    }
    if (universal) return universal;
    try {
      return await (universalLoad.current ?? fetchUniversalModel().then((a) => a.payload));
    } catch (e) {
      return `The universal model could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  }, [choice, specialized, universal]);

  /** Records a run that equalled the reference: downloads carry the length it was verified over. */
  const noteRun = useCallback((s: InferSummary, args: string) => {
    if (s.check.result !== 'match') return;
    const tokens = s.check.tokens;
    setVerified((v) => (v[s.modelKey] && v[s.modelKey].tokens >= tokens ? v : { ...v, [s.modelKey]: { tokens, args, halted: s.stop === 'halt' } }));
  }, []);

  const startBuild = useCallback(async (kind: 'universal' | 'specialized') => {
    const b = builder.current;
    if (!b || b.running) return;
    let target: CompiledForModel | null = null;
    if (kind === 'specialized') {
      setBuild({ kind, name: '…', state: 'running', phase: 'Compiling the program…', log: [], progress: null, startedAt: performance.now() });
      target = await compileRef.current();
      if (!target) {
        setBuild((v) => v && { ...v, state: 'failed', phase: 'The program did not compile (see the editor and the status line).', result: 'not built' });
        return;
      }
    }
    const t0 = performance.now();
    const name = target?.name ?? 'universal';
    setBuild({ kind, name, state: 'running', phase: 'Starting the build worker…', log: [], progress: null, startedAt: t0 });
    const onEvent = (e: BuildEvent) => setBuild((v) => {
      if (!v || v.state !== 'running') return v;
      if (e.kind === 'phase') return { ...v, phase: e.text };
      if (e.kind === 'progress') return { ...v, progress: e };
      const log = v.log.concat(e.lines);
      return { ...v, log: log.length > MAX_LOG_LINES ? log.slice(log.length - MAX_LOG_LINES) : log };
    });
    const req = kind === 'universal' ? { kind, ...settings } as const : { kind, program: target!.program, name, ...settings } as const;
    const outcome = await b.build(req, onEvent);
    const ms = performance.now() - t0;
    if (outcome.kind === 'built') {
      const { key, bytes, meta } = outcome.result;
      const payload: ModelPayload = { key, bytes, meta };
      const { V, D, L, H, F } = meta.shape;
      const result = `V ${V}, D ${D}, L ${L}, H ${H}, F ${F}, ${(bytes.length / 1e6).toFixed(1)} MB · ${scheduleNote(meta.schedule, D)}`;
      setBuild((v) => v && { ...v, state: 'built', phase: `Built in ${(ms / 1000).toFixed(1)} s`, ms, result });
      if (kind === 'universal') {
        setUniversal(payload);
        universalLoad.current = Promise.resolve(payload);
      } else setSpecialized(payload);
      setChoice(kind);
    } else if (outcome.kind === 'stopped') {
      setBuild((v) => v && { ...v, state: 'cancelled', phase: `Cancelled after ${(ms / 1000).toFixed(1)} s`, ms });
    } else {
      setBuild((v) => v && { ...v, state: 'failed', phase: `Failed: ${outcome.message}`, ms });
    }
  }, [settings]);

  /** A model file from disk: checked, then used by Run; a malformed file changes nothing. */
  const loadFile = useCallback(async (file: File) => {
    let loaded: { bytes: Uint8Array; meta: ModelPayload['meta'] };
    try {
      loaded = modelFromFile(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (e) {
      setFileNote({ tone: 'error', text: `${file.name} was not loaded: ${e instanceof Error ? e.message : String(e)}. The models you had are unchanged.` });
      return;
    }
    const { meta } = loaded;
    const payload: ModelPayload = { key: `file-${meta.kind}-${Date.now().toString(36)}`, bytes: loaded.bytes, meta };
    const { D, L, H, F } = meta.shape;
    const what = meta.kind === 'specialized' ? `specialized for ${meta.provenance.program}` : 'universal';
    setFileNote({ tone: 'ok', text: `Loaded ${file.name} (${(file.size / 1e6).toFixed(2)} MB): ${what}, D ${D}, L ${L}, H ${H}, F ${F}. Run uses it.` });
    if (meta.kind === 'universal') {
      setUniversal(payload);
      universalLoad.current = Promise.resolve(payload);
    } else setSpecialized(payload);
    setChoice(meta.kind);
  }, []);

  const cancelBuild = useCallback(() => builder.current?.stop(), []);

  const download = useCallback((what: 'bin' | 'safetensors' | 'compact' | 'json') => {
    if (!current) return;
    const v = verified[current.key];
    const meta = v
      ? metaWith(current.meta, { verifiedTokens: String(v.tokens), verifiedArgs: v.args, verifiedTo: v.halted ? 'halt' : 'token limit' })
      : current.meta;
    const stem = modelFileStem(meta);
    if (what === 'bin') saveFile(`${stem}.bin`, v ? binFile(current.bytes, meta) : current.bytes, 'application/octet-stream');
    else if (what === 'safetensors') saveFile(`${stem}.safetensors`, safetensorsFile(current.bytes, meta), 'application/octet-stream');
    else if (what === 'compact') saveFile(`${stem}.compact.safetensors`, safetensorsFile(current.bytes, meta, { compact: true }), 'application/octet-stream');
    else saveFile(`${stem}.json`, metadataFile(current.bytes, meta), 'application/json');
  }, [current, verified]);

  return {
    universal, specialized, current, choice, setChoice, load, build, settings, setSettings, verified,
    fileNote, modelFor, noteRun, startBuild, cancelBuild, download, loadFile,
  };
}

export type Models = ReturnType<typeof useModels>;
