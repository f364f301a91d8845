export interface StatusState {
  tone: 'info' | 'busy' | 'ok' | 'error';
  text: string;
  /** Download progress of clang's assets, while it downloads. */
  progress: { loaded: number; total: number } | null;
  clangVersion: string | null;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

export function StatusLine({ tone, text, progress, clangVersion }: StatusState) {
  return (
    <footer className={`status status-${tone}`}>
      <span data-testid="status" role="status" aria-live="polite">{text}</span>
      {progress ? (
        <span className="download">
          <progress max={progress.total || 1} value={progress.loaded} data-testid="clang-progress" />
          <span>{mb(progress.loaded)} / {mb(progress.total)} MB</span>
        </span>
      ) : null}
      <span className="clang-version" data-testid="clang-version">{clangVersion ?? 'clang not loaded yet'}</span>
    </footer>
  );
}
