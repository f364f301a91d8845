import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBinModel } from './binFile.ts';
import { universalModelFile } from './universalModelCache.node.ts';

const root = mkdtempSync(join(tmpdir(), 'tvm-cache-'));
writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '9.9.9' }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the universal model cache', () => {
  it('builds once, then reads the pair back; a .bin the JSON does not name is rebuilt', async () => {
    const lines: string[] = [];
    const opts = { root, greedy: true, builtBy: 'test', log: (l: string) => lines.push(l) };
    const first = await universalModelFile(opts);
    expect(lines.some((l) => l.startsWith('building the universal model'))).toBe(true);
    expect(readBinModel(first.bin).info?.provenance?.builtBy).toBe('test');
    expect(first.meta.provenance.toolVersion).toBe('9.9.9');

    lines.length = 0;
    const again = await universalModelFile(opts);
    expect(lines).toEqual([]);
    expect(again.bin).toEqual(first.bin);

    // Another writer's .bin under the same name (different build time): not used as is.
    const jsonPath = join(root, '.cache', 'models', `universal-${first.meta.fingerprint}.json`);
    const meta = JSON.parse(readFileSync(jsonPath, 'utf8'));
    writeFileSync(jsonPath, JSON.stringify({ ...meta, provenance: { ...meta.provenance, built: 'another build' } }));
    await universalModelFile(opts);
    expect(lines.some((l) => l.startsWith('building the universal model'))).toBe(true);
  });
});
