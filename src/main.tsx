import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/editor/monacoSetup.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';
import { registerServiceWorker } from './registerServiceWorker.ts';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker();
