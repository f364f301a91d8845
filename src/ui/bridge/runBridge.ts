/** Page side of the run worker (the reference interpreter). */
import * as Comlink from 'comlink';
import type { RunApi, RunEvent, RunRequest, RunSummary } from '../../protocol/run.ts';
import { TerminableWorker, type Failed, type Stopped } from './terminableWorker.ts';

export type RunOutcome = { kind: 'finished'; summary: RunSummary } | Stopped | Failed;

export class RunBridge extends TerminableWorker<RunApi> {
  constructor() {
    super(() => new Worker(new URL('../../../workers/run.worker.ts', import.meta.url), { type: 'module', name: 'run' }), 'run');
  }

  run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunOutcome> {
    return this.job<{ kind: 'finished'; summary: RunSummary }>((job) => {
      // Events travel on the callback's own MessagePort, the return value on the worker's port:
      // the two are not ordered, so the run counts as finished only at its 'finished' event.
      this.api.run(req, Comlink.proxy((e: RunEvent) => {
        if (job.settled()) return;
        onEvent(e);
        if (e.kind === 'finished') job.done({ kind: 'finished', summary: e.summary });
      })).catch(job.fail);
    });
  }

  lastRefFile(): Promise<string | null> {
    return this.api.lastRefFile();
  }
}
