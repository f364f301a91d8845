import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreLayoutHeader } from './coreLayout.ts';

describe('the C++/TypeScript layout', () => {
  it('emscripten/coreLayout.generated.hpp is generated from coreLayout.ts (run `npm run build:layout`)', () => {
    const committed = readFileSync(new URL('../../../emscripten/coreLayout.generated.hpp', import.meta.url), 'utf8');
    expect(committed).toBe(coreLayoutHeader());
  });

  it('no C++ source restates what the generated header defines', () => {
    for (const f of ['model.hpp', 'session.hpp', 'session.cpp', 'model.cpp', 'api.cpp']) {
      const src = readFileSync(new URL(`../../../emscripten/${f}`, import.meta.url), 'utf8');
      expect(src, f).not.toMatch(/enum class (HeadKind|Mode|Stop)\b|kHeadRecord\s*=|\br\[\d+\]\s*=/);
    }
  });
});
