import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledExample } from '../testing/compiledExamples.ts';
import { checkAgainstReference, promptFor } from '../core/run/runProgram.ts';
import { formatDivergence } from '../core/tokens/traceDiff.ts';
import type { Model } from '../core/weights/binFile.ts';
import { buildSpecializedModel } from '../core/weights/buildModel.ts';
import { writeSafetensors } from '../core/weights/safetensors.ts';
import { universalModel } from './modelCache.ts';
import { REPO_ROOT } from './programSource.ts';

// scripts/pytorch_run.py (docs/pytorch.md) on hello, universal and specialized, dense and compact:
// its generated tokens must equal the reference trace. PyTorch comes from apt (python3-torch),
// which Debian installs for /usr/bin/python3; without it the test is skipped with a message.
const python = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
if (!python) console.warn('pytorch_run.py tests skipped: no python3 with torch (apt install python3-torch)');

describe.runIf(!!python)('scripts/pytorch_run.py', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tvm-pytorch-'));

  async function check(label: string, model: Model, compact: boolean): Promise<void> {
    const { program, input } = await compiledExample('hello');
    const modelPath = join(dir, `${label}.safetensors`);
    const promptPath = join(dir, `${label}.txt`);
    writeFileSync(modelPath, writeSafetensors(model, { compact }));
    writeFileSync(promptPath, promptFor(model, program, input).join(' '));
    const t0 = performance.now();
    const r = spawnSync(python!, [join(REPO_ROOT, 'scripts', 'pytorch_run.py'), modelPath, promptPath, '--trace'], { encoding: 'utf8' });
    console.log(`pytorch_run.py hello, ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const generated = r.stdout.trim().split(' ');
    expect(formatDivergence(checkAgainstReference(program, input, generated).divergence)).toBe('match');
  }

  it('universal model (dense safetensors)', { timeout: 300_000 }, async () => {
    await check('universal', await universalModel(() => {}), false);
  });

  it('specialized model (compact safetensors)', { timeout: 300_000 }, async () => {
    const { program } = await compiledExample('hello');
    await check('specialized', buildSpecializedModel(program, {}, 'hello').model, true);
  });
});
