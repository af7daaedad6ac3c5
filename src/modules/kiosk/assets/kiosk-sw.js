/* global self, caches, Response */
// The village screens' service worker (/kiosk/sw.js, scope /kiosk/): a screen that restarts
// while the network is down still opens. Every same-origin GET of a screen page (the page, its
// stylesheet and script) goes to the network first and is kept when it answers 200; when the
// network fails the kept copy is used. content.json is never answered from the cache: the page's
// own background refresh must see the failure to say "网络中断" (kiosk.js keeps that content).
const CACHE = 'gongkai-kiosk-v1';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('gongkai-kiosk-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.endsWith('/content.json')) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.status === 200) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req).then((kept) => kept || Response.error())),
  );
});
