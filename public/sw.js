/*
 * Service worker of ささえあい日田: the help finder, the consultation windows (with their phone
 * numbers), the welfare topics and the home page open offline after one visit.
 *
 * - Pages: network first; a copy of every page in those sections is kept with the time it was
 *   saved. Offline, the copy is shown with the page's offline notice switched on (the notice is
 *   in every page, hidden; this worker removes `hidden` and fills in the time as a `<time>`).
 * - After the first visit the page asks this worker to save its locale's core pages
 *   (/offline-pages.json lists them), unless the browser asks to save data.
 * - Offline, the help finder's several-situations form (/help/find) is answered here with the
 *   same rule as the server.
 * - Hashed build files (/_astro/) are cached for good; other requests go to the network.
 * The build replaces __BUILD_ID__ (scripts/postbuild-site.mjs), so each release installs anew.
 */
const BUILD_ID = '__BUILD_ID__';
const PAGES = 'sasaeai-pages-v1';
const ASSETS = `sasaeai-assets-${BUILD_ID}`;
const STAMP = '/__sw/precached/';
const SAVED_AT = 'x-sw-saved-at';
const SECTION = /^\/(?:(?:en|easy)\/)?(?:(?:help|windows|topics)(?:\/[a-z0-9-]+)?)?$/;
const FIND = /^\/(?:(en|easy)\/)?help\/find$/;

/** `/help/kaigo/` → `/help/kaigo`; the root stays `/`. */
function normalPath(pathname) {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

function localePrefix(pathname) {
  const match = /^\/(en|easy)(?:\/|$)/.exec(pathname);
  return match ? `/${match[1]}` : '';
}

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('sasaeai-assets-') && name !== ASSETS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

/** Keep a copy of a page response, stamped with the time it was saved. */
async function savePage(path, response) {
  const body = await response.clone().arrayBuffer();
  const headers = new Headers(response.headers);
  // The body is already decoded: drop the transfer headers of the network response.
  headers.delete('content-encoding');
  headers.delete('content-length');
  headers.set(SAVED_AT, new Date().toISOString());
  const cache = await caches.open(PAGES);
  await cache.put(path, new Response(body, { status: 200, headers }));
}

/** Cache the stylesheets a page links to (hashed files under /_astro/). */
async function saveStylesheets(html) {
  const cache = await caches.open(ASSETS);
  for (const match of html.matchAll(/<link rel="stylesheet" href="(\/_astro\/[^"]+)"/g)) {
    if (!(await cache.match(match[1]))) {
      const response = await fetch(match[1]);
      if (response.ok) await cache.put(match[1], response);
    }
  }
}

/** Save the page the reader is on (when it belongs to the offline sections). */
async function saveCurrent(path) {
  const clean = normalPath(path);
  if (!SECTION.test(clean)) return;
  const response = await fetch(clean, { cache: 'no-cache' });
  if (!response.ok) return;
  await savePage(clean, response.clone());
  await saveStylesheets(await response.text());
}

/** Save the core pages of a locale once per build. */
async function precache(locale) {
  const pages = await caches.open(PAGES);
  const stamp = `${STAMP}${locale}`;
  const done = await pages.match(stamp);
  if (done && (await done.text()) === BUILD_ID) return;
  const listResponse = await fetch('/offline-pages.json', { cache: 'no-cache' });
  if (!listResponse.ok) return;
  await pages.put('/offline-pages.json', listResponse.clone());
  const list = await listResponse.json();
  for (const path of list.locales[locale] ?? []) {
    const response = await fetch(path, { cache: 'no-cache' });
    if (!response.ok) continue;
    await savePage(path, response.clone());
    await saveStylesheets(await response.text());
  }
  const assets = await caches.open(ASSETS);
  for (const path of ['/favicon.svg', '/manifest.webmanifest']) {
    const response = await fetch(path);
    if (response.ok) await assets.put(path, response);
  }
  await pages.put(stamp, new Response(BUILD_ID));
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'precache' && ['ja', 'en', 'easy'].includes(data.locale)) {
    const current = typeof data.path === 'string' ? saveCurrent(data.path) : Promise.resolve();
    event.waitUntil(
      current
        .catch(() => undefined)
        .then(() => precache(data.locale))
        .catch(() => undefined),
    );
  }
});

/** A saved page with its offline notice switched on and the time it was saved filled in. */
async function offlineCopy(cached) {
  const html = await cached.text();
  const savedAt = cached.headers.get(SAVED_AT) ?? '';
  const shown = savedAt
    ? new Date(savedAt).toLocaleString('ja-JP', {
        timeZone: 'Asia/Tokyo',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';
  const body = html
    .replace(/(<div\b[^>]*\bdata-offline-notice\b[^>]*?)\s+hidden(?=[\s>])/, '$1')
    .replace(/<span data-saved-at([^>]*)><\/span>/, `<time data-saved-at$1 datetime="${savedAt}">${shown}</time>`);
  const headers = new Headers(cached.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  headers.set('content-type', 'text/html; charset=utf-8');
  return new Response(body, { status: 200, headers });
}

/** Offline answer of the several-situations form, by the same rule as the server. */
async function findOffline(url) {
  const prefix = localePrefix(url.pathname);
  const cachedList = await caches.match('/offline-pages.json');
  const situations = cachedList ? (await cachedList.json()).situations : [];
  const chosen = [...new Set(url.searchParams.getAll('s').filter((id) => situations.includes(id)))];
  const target =
    chosen.length === 0 ? '/help/choose#several' : chosen.length === 1 ? `/help/${chosen[0]}` : '/help/several';
  return Response.redirect(`${url.origin}${prefix}${target}`, 303);
}

async function page(request, url) {
  const path = normalPath(url.pathname);
  try {
    const response = await fetch(request);
    if (response.ok && SECTION.test(path) && response.headers.get('content-type')?.includes('text/html')) {
      await savePage(path, response.clone());
    }
    return response;
  } catch (error) {
    if (FIND.test(path)) return findOffline(url);
    const cached =
      (await caches.match(path, { cacheName: PAGES })) ??
      (await caches.match(`${localePrefix(path)}/windows`, { cacheName: PAGES }));
    if (cached) return offlineCopy(cached);
    throw error;
  }
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/_astro/')) {
    event.respondWith(asset(request));
  } else if (request.mode === 'navigate') {
    event.respondWith(page(request, url));
  } else if (url.pathname === '/favicon.svg' || url.pathname === '/manifest.webmanifest') {
    event.respondWith(fetch(request).catch(async () => (await caches.match(url.pathname)) ?? Response.error()));
  }
});
