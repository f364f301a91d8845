/**
 * Registers the offline service worker (`sw.js`, emitted by `vite/offlinePlugin.ts` at build) in
 * production builds only: the dev server has no `sw.js`, and a worker there would serve stale
 * modules. A failure is a warning, not an error: the page works without it, only not offline.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch((e: unknown) => {
      console.warn(`service worker not registered (no offline reload): ${e instanceof Error ? e.message : String(e)}`);
    });
  };
  // After the page's own loads, so the precache download does not compete with them.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
