import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { universalModelPlugin } from './vite/universalModel.ts';
import { offlinePlugin } from './vite/offlinePlugin.ts';

// Names the Cache API store of clang's assets, so a clang upgrade never reads stale entries.
const clangVersion = (JSON.parse(readFileSync('node_modules/@yowasp/clang/package.json', 'utf8')) as { version: string }).version;

// COOP/COEP only when asked for (COI=1): nothing needs cross-origin isolation today.
const coi = process.env.COI === '1'
  ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
  : undefined;

export default defineConfig({
  plugins: [react(), universalModelPlugin(), offlinePlugin()],
  define: { __CLANG_PKG_VERSION__: JSON.stringify(clangVersion) },
  server: { headers: coi },
  preview: { headers: coi },
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundling moves @yowasp/clang's bundle.js away from its wasm/tar assets (new URL(..., import.meta.url)).
    exclude: ['@yowasp/clang', 'highs'],
    // Listed up front so the dev server does not discover them late and force a reload.
    include: [
      'monaco-editor/editor',
      'monaco-editor/features/register.all',
      'monaco-editor/languages/definitions/cpp/register',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
});
