import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './repoRoot.ts';

/** What `scripts/buildCli.mjs` writes beside the built CLI (build/cli/build-info.json). */
export interface BuildInfo {
  /** Hash of every source file bundled into the CLI (the core, the C runtime and libc, the CLI). */
  id: string;
  /** Those files, relative to the repository root. */
  inputs: string[];
  /** Date.now() when the build started. */
  builtAt: number;
}

export const CLI_BUILD_DIR = join(REPO_ROOT, 'build', 'cli');

let info: BuildInfo | null | undefined;

/**
 * The running CLI's build, or null when the CLI runs from its TypeScript sources (tsx): the
 * caches keyed by it (compiled programs, the machine's fingerprint) are then not used.
 */
export function runningBuild(): BuildInfo | null {
  if (info === undefined) {
    let built: BuildInfo | null = null;
    if (typeof __TVM_CLI_BUILT__ !== 'undefined' && __TVM_CLI_BUILT__) {
      try {
        built = JSON.parse(readFileSync(join(CLI_BUILD_DIR, 'build-info.json'), 'utf8')) as BuildInfo;
      } catch {
        built = null;
      }
    }
    info = built;
  }
  return info;
}

declare const __TVM_CLI_BUILT__: boolean | undefined;
