/** `npm run build:layout`: writes emscripten/coreLayout.generated.hpp from coreLayout.ts. */
import { writeFileSync } from 'node:fs';
import { coreLayoutHeader } from './coreLayout.ts';

const target = new URL('../../../emscripten/coreLayout.generated.hpp', import.meta.url);
writeFileSync(target, coreLayoutHeader());
process.stdout.write(`wrote ${target.pathname}\n`);
