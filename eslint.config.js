import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (ARCHITECTURE.md): `src/core` never imports the page, the workers or the wire
 * types; workers and build plugins never import the page; inside `src/core`, each stage imports
 * only the stages listed for it (tests and `testing/` support may use any core module as oracle).
 */
const CORE_STAGES = {
  tokens: [],
  attention: [],
  graph: [],
  testing: [],
  wasm: [],
  compile: ['wasm', 'tokens'],
  lower: ['wasm', 'tokens'],
  program: ['wasm', 'tokens'],
  reference: ['program', 'tokens'],
  machine: ['graph', 'program', 'tokens'],
  evaluate: ['graph', 'machine', 'attention', 'tokens', 'program'],
  schedule: ['graph'],
  weights: ['graph', 'machine', 'schedule', 'program', 'tokens'],
  infer: ['weights', 'attention', 'program', 'reference', 'tokens', 'testing'],
  run: ['tokens', 'attention', 'graph', 'wasm', 'program', 'reference', 'machine', 'evaluate', 'schedule', 'weights', 'infer'],
};
const TOP_LEVEL = ['ui', 'workers', 'protocol', 'cli'];
const TESTS = ['**/*.test.ts', '**/testing/**'];

// `src/wasm/` (the built Emscripten core) shares its name with the `core/wasm` stage.
const refuse = (dirs, why) =>
  dirs.map((d) => ({ regex: `^(\\.\\./)+(src/)?${d}/${d === 'wasm' ? '(?!tvmcore)' : ''}`, message: `${why} (ARCHITECTURE.md)` }));
const boundary = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const outsideCore = refuse(['ui', 'workers', 'cli', 'protocol'], 'src/core runs in Node and workers alike: it never imports the page, the workers, the CLI or the wire types');
const coreBoundaries = Object.entries(CORE_STAGES).map(([stage, allowed]) => {
  const others = [...Object.keys(CORE_STAGES), ...TOP_LEVEL].filter((d) => d !== stage && !allowed.includes(d));
  return boundary([`src/core/${stage}/**/*.ts`], refuse(others, `core/${stage} may import only ${allowed.join(', ') || 'no other stage'}`), TESTS);
});

export default tseslint.config(
  { ignores: ['dist', 'build', 'node_modules', '.cache', 'src/wasm/*.mjs', 'e2e-out', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  boundary(['src/core/**/*.ts'], outsideCore, ['src/core/**/testing/*.node.ts']),
  // Node tools beside the tests (profiling scripts) may read the examples the way the CLI does.
  boundary(['src/core/**/testing/*.node.ts'], refuse(['ui', 'workers'], 'src/core never imports the page or the workers')),
  boundary(['src/core/*.ts'], refuse(['ui', 'workers', 'cli', 'protocol', 'run', 'infer', 'weights', 'schedule', 'evaluate', 'machine', 'graph', 'attention', 'reference'], 'src/core/pipeline.ts compiles only: compile, wasm, lower, program')),
  ...coreBoundaries,
  boundary(['src/protocol/**/*.ts'], refuse(['ui', 'workers', 'cli'], 'wire types depend on core types only')),
  boundary(['workers/**/*.ts'], refuse(['ui', 'cli'], 'workers are adapters over src/core: they never import the page')),
  boundary(['vite/**/*.ts', 'src/cli/**/*.ts'], refuse(['ui', 'workers'], 'build plugins and the CLI use src/core only')),
);
