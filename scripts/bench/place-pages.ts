/**
 * P1/P2 for the places pages, measured on the running server: HTML + CSS gzip per page, the
 * JavaScript a first load fetches (script tags and module preloads, with their static imports),
 * and a check that maplibre-gl is not part of it. The map's own chunk is listed separately: it
 * is fetched only when the map is opened.
 */
import zlib from 'node:zlib';

/** Pages to weigh. */
export const PLACE_PAGES = [
  '/places',
  '/en/places',
  '/places/miyoshi-kominkan',
  '/places/districts/mihana',
  '/places/map',
];

/** One page's weight. */
export interface PageWeight {
  page: string;
  htmlCssGzip: number;
  firstLoadJsGzip: number;
  firstLoadJsFiles: number;
  maplibreInFirstLoad: boolean;
}

const gzip = (text: string) => zlib.gzipSync(Buffer.from(text), { level: 9 }).length;

async function text(origin: string, path: string): Promise<string> {
  const response = await fetch(`${origin}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

/** Every JS file a page loads up front: script src, modulepreload, and their static imports. */
async function firstLoadScripts(origin: string, html: string): Promise<Map<string, string>> {
  const queue = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Map<string, string>();
  while (queue.length > 0) {
    const src = queue.shift()!;
    const url = new URL(src, `${origin}/_astro/x.js`);
    const path = url.pathname;
    if (seen.has(path)) continue;
    const code = await text(origin, path);
    seen.set(path, code);
    // Static imports only (`import … from "./x.js"` / `import "./x.js"`); dynamic import() is lazy.
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
      queue.push(new URL(m[1]!, url).pathname);
    }
  }
  return seen;
}

/** Weigh the places pages on a running server. */
export async function measurePlacePages(origin: string): Promise<PageWeight[]> {
  const weights: PageWeight[] = [];
  for (const page of PLACE_PAGES) {
    const html = await text(origin, page);
    const css = await Promise.all(
      [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => text(origin, m[1]!)),
    );
    const scripts = await firstLoadScripts(origin, html);
    weights.push({
      page,
      htmlCssGzip: gzip(html) + css.reduce((sum, file) => sum + gzip(file), 0),
      firstLoadJsGzip: [...scripts.values()].reduce((sum, code) => sum + gzip(code), 0),
      firstLoadJsFiles: scripts.size,
      maplibreInFirstLoad: [...scripts.values()].some(
        (code) => code.includes('maplibregl') || code.includes('MapLibre GL JS'),
      ),
    });
  }
  return weights;
}
