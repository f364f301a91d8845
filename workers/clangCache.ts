/**
 * A Cache API layer under clang's asset downloads (~105 MB), so the second visit downloads nothing.
 * `@yowasp/clang` captures `globalThis.fetch` when its module is evaluated, so this must be
 * installed before the package is first imported (the compile worker does it at start-up).
 * The HTTP cache is not enough: `vite preview` and many hosts send `no-cache`, and a 75 MB entry
 * is not kept reliably.
 */
declare const __CLANG_PKG_VERSION__: string;

const CACHE_PREFIX = 'tvm-clang-assets-';
const CACHE_NAME = `${CACHE_PREFIX}${typeof __CLANG_PKG_VERSION__ === 'string' ? __CLANG_PKG_VERSION__ : 'dev'}`;
const ASSET = /\.(wasm|tar)(\?.*)?$/;

export interface AssetCacheStats {
  cacheHits: number;
  networkFetches: number;
  networkBytes: number;
}

const stats: AssetCacheStats = { cacheHits: 0, networkFetches: 0, networkBytes: 0 };
const requested = new Set<string>();

export function assetCacheStats(): AssetCacheStats {
  return { ...stats };
}

function requestUrl(input: RequestInfo | URL): URL | null {
  try {
    const href = input instanceof Request ? input.url : input.toString();
    return new URL(href, self.location.href);
  } catch {
    return null;
  }
}

export function installClangAssetCache(): void {
  if (typeof caches === 'undefined') return; // e.g. an insecure origin: fall back to plain fetch
  const plainFetch = self.fetch.bind(self);
  self.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = requestUrl(input);
    if (!url || url.origin !== self.location.origin || !ASSET.test(url.pathname) || (init?.method ?? 'GET') !== 'GET') {
      return plainFetch(input, init);
    }
    requested.add(url.href);
    let cache: Cache | null = null;
    try {
      cache = await caches.open(CACHE_NAME);
      const hit = await cache.match(url.href);
      if (hit) {
        stats.cacheHits++;
        return hit;
      }
    } catch {
      cache = null; // storage refused (quota, private mode): the download still works
    }
    const resp = await plainFetch(input, init);
    stats.networkFetches++;
    stats.networkBytes += Number(resp.headers.get('content-length') ?? 0);
    if (cache && resp.ok) cache.put(url.href, resp.clone()).catch(() => {});
    return resp;
  };
}

/** Deletes caches of other clang versions and entries this session did not ask for (old hashed names). */
export async function pruneClangAssetCache(): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
  }
  const cache = await caches.open(CACHE_NAME);
  for (const req of await cache.keys()) if (!requested.has(req.url)) await cache.delete(req);
}
