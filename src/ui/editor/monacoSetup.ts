/**
 * Monaco, bundled locally (no CDN): the slim editor API, its features, C highlighting, and the
 * editor web worker as a Vite `?worker` import. `loader.config({ monaco })` stops
 * @monaco-editor/react from fetching Monaco from jsDelivr.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/cpp/register';
import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export { monaco };
