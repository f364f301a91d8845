interface Props {
  /** Enabled once a run has finished: its `_ref.txt` trace can be downloaded. */
  canDownloadTrace: boolean;
  onDownloadTrace: () => void;
}

export function WeightsPane({ canDownloadTrace, onDownloadTrace }: Props) {
  return (
    <div className="downloads">
      <button type="button" data-testid="download-weights" disabled
        title="The weights need the model (issues 4 and 6); there is nothing to download yet">
        Download weights
      </button>
      <button type="button" data-testid="download-trace" disabled={!canDownloadTrace} onClick={onDownloadTrace}
        title="The last run's token trace in the _ref.txt format">
        Download trace
      </button>
    </div>
  );
}
