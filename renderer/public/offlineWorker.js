// Service worker of the web build: keeps the app shell so Firebreak opens and reloads with no
// network at all. Network first (so an update is picked up whenever the server is reachable),
// the cache when the network fails. Data never passes through here: it lives in IndexedDB.
const cacheName = 'firebreak-shell-v2';

async function cacheShell() {
  const cache = await caches.open(cacheName);
  const response = await fetch('./index.html', { cache: 'no-store' });
  const html = await response.clone().text();
  await cache.put('./index.html', response);
  await cache.put('./', new Response(html, { headers: { 'Content-Type': 'text/html' } }));
  // The built page names its hashed script and stylesheet; cache those with it.
  const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== cacheName).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** Only the app shell is cached: pages and static files, never API calls (sync data, event streams). */
function isAppShellRequest(request) {
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return false;
  if (request.headers.has('authorization')) return false;
  if (request.mode === 'navigate') return true;
  return ['script', 'style', 'font', 'image', 'manifest', 'worker'].includes(request.destination);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (!isAppShellRequest(request)) return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const cache = await caches.open(cacheName);
          await cache.put(request, response.clone());
        }
        return response;
      } catch {
        // ignoreVary: a module script is requested with an Origin header the cached copy was not.
        const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
        if (cached) return cached;
        if (request.mode === 'navigate') {
          const shell = await caches.match('./index.html');
          if (shell) return shell;
        }
        return Response.error();
      }
    })(),
  );
});
