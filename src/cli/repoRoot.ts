import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the built CLI rewrites import.meta.url to this source file's location). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
