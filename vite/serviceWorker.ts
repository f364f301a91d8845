/**
 * The playground's service worker (served as `/sw.js` by `vite build`; see `offlinePlugin.ts`,
 * which transpiles this file and defines the two constants below). It makes a reload without
 * network work: the built app's files are precached on install and served cache-first;
 * navigations get the cached index.html. Everything else goes to the network untouched (no
 * `respondWith`), including clang's ~105 MB assets, which the compile worker keeps in its own
 * Cache API store (`workers/clangCache.ts`).
 */
declare const self: ServiceWorkerGlobalScope;
/** Paths of the precached files relative to the worker's scope, e.g. `index.html`, `assets/index-abc.js`. */
declare const __SW_PRECACHE__: readonly string[];
/** `tvm-app-<hash of the list and the contents>`: a new build gets a new cache. */
declare const __SW_CACHE__: string;

const CACHE_PREFIX = 'tvm-app-';
const scope = new URL(self.registration.scope);
const urlOf = (path: string) => new URL(path, scope).href;
const INDEX = urlOf('index.html');
const precached = new Set(__SW_PRECACHE__.map(urlOf));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(__SW_CACHE__);
    // `cache: 'reload'` bypasses the HTTP cache, so the precache holds this build's bytes.
    await cache.addAll([...precached].map((u) => new Request(u, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== __SW_CACHE__) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** The cache key a request is served from, or null when the network handles it. */
function precacheKey(request: Request): string | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return null;
  // Queries are ignored: `models/universal.bin?graph=<fingerprint>` is the same file.
  const key = url.origin + url.pathname;
  if (precached.has(key)) return key;
  if (request.mode === 'navigate' && url.pathname.startsWith(scope.pathname)) return INDEX;
  return null;
}

self.addEventListener('fetch', (event) => {
  const key = precacheKey(event.request);
  if (!key) return;
  event.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: __SW_CACHE__ });
    return hit ?? fetch(event.request);
  })());
});

export {};
