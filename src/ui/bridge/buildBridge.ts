/**
 * Page side of the build worker (HiGHS): the MILP is one synchronous call inside it, so Cancel
 * terminates the worker; the next build makes a new one (which loads HiGHS again).
 */
import * as Comlink from 'comlink';
import type { BuildApi, BuildEvent, BuildRequest, BuildResult } from '../../protocol/build.ts';
import { TerminableWorker, type Failed, type Stopped } from './terminableWorker.ts';

export type BuildOutcome = { kind: 'built'; result: BuildResult } | Stopped | Failed;

export class BuildBridge extends TerminableWorker<BuildApi> {
  constructor() {
    super(() => new Worker(new URL('../../../workers/build.worker.ts', import.meta.url), { type: 'module', name: 'build' }), 'build');
  }

  build(req: BuildRequest, onEvent: (e: BuildEvent) => void): Promise<BuildOutcome> {
    return this.job<{ kind: 'built'; result: BuildResult }>((job) => {
      this.api.build(req, Comlink.proxy((e: BuildEvent) => {
        if (!job.settled()) onEvent(e);
      })).then((result) => job.done({ kind: 'built', result }), job.fail);
    });
  }
}
