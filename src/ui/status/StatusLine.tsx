import { memo, useRef } from 'react';

export interface StatusState {
  tone: 'info' | 'busy' | 'ok' | 'error';
  text: string;
  /** Download progress of clang's assets, while it downloads. */
  progress: { loaded: number; total: number } | null;
  clangVersion: string | null;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

/** `clang version 22.1.0 (https://… 1234abcd)` → `clang 22.1.0` (the whole string on hover). */
export function shortClangVersion(v: string): string {
  const m = /clang version (\S+)/.exec(v);
  return m ? `clang ${m[1]}` : v.split('(')[0].trim();
}

/** Download rate from the first progress report to now, in MB/s (null until measurable). */
function useRate(progress: StatusState['progress']): number | null {
  const first = useRef<{ t: number; loaded: number } | null>(null);
  if (!progress) {
    first.current = null;
    return null;
  }
  const now = performance.now();
  first.current ??= { t: now, loaded: progress.loaded };
  const dt = (now - first.current.t) / 1000;
  return dt > 0.5 ? (progress.loaded - first.current.loaded) / 1e6 / dt : null;
}

/** The page's one status line: the whole text on hover (it is cut at narrow widths), clang's download and version. */
export const StatusLine = memo(function StatusLine({ tone, text, progress, clangVersion }: StatusState) {
  const rate = useRate(progress);
  const left = progress && rate ? Math.max(0, (progress.total - progress.loaded) / 1e6 / rate) : null;
  return (
    <footer className={`status status-${tone}`}>
      <span data-testid="status" role="status" aria-live="polite" title={text}>{text}</span>
      {progress ? (
        <span className="download" data-testid="clang-download" title="The C compiler (clang, compiled to WebAssembly) is downloaded on the first visit only; later visits read it from the browser's cache.">
          <progress max={progress.total || 1} value={progress.loaded} data-testid="clang-progress" />
          <span>{mb(progress.loaded)} / {mb(progress.total)} MB{rate ? ` · ${rate.toFixed(1)} MB/s` : ''}{left !== null ? ` · ${Math.ceil(left)} s left` : ''}</span>
        </span>
      ) : null}
      <span className="clang-version" data-testid="clang-version" title={clangVersion ?? 'The C compiler loads in the background when the page opens'}>
        {clangVersion ? shortClangVersion(clangVersion) : 'clang not loaded yet'}
      </span>
    </footer>
  );
});
