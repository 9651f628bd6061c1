/**
 * Build steps after `astro build` (run by scripts/build.mjs, before pre-compression):
 * 1. Furigana: every prerendered やさしい日本語 page (dist/client/easy/**) gets `<ruby>` readings,
 *    generated from kuromoji and the reviewed dictionary (src/lib/furigana.ts). Kanji the
 *    analyser cannot read are listed, so editors can add them to content/readings/dictionary.json.
 * 2. Search: the static search index (pagefind) over the built pages, plus the place pages
 *    (rendered on demand, so not in dist) from their content (api/content/place-search.ts).
 * 3. Critical CSS: the home page and the help finder (every locale) get their stylesheets inline,
 *    so they render from the first network round trip (quality.md P1). The SHA-256 of each inline
 *    block goes to dist/inline-style-hashes.json, which the server adds to the CSP's style-src.
 * 4. Service worker: stamp dist/client/sw.js with a hash of the built pages and styles, so a new
 *    release installs a new worker and refreshes the saved offline pages.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/esm/api';

const client = path.join('dist', 'client');

function* htmlFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.name.endsWith('.html')) yield full;
  }
}

/** Kanji left without a reading in a page that went through rubyHtml. */
function unreadKanji(html) {
  const text = html
    .replace(/<(script|style|title|textarea|option)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<ruby>[\s\S]*?<\/ruby>/g, '')
    .replace(/<[a-z][^>]*\b(?:lang="(?!ja)[a-z-]+"|data-no-ruby)[^>]*>[\s\S]*?<\//gi, '<')
    .replace(/<[^>]+>/g, '');
  return text.match(/[\p{Script=Han}々]+/gu) ?? [];
}

async function addFurigana() {
  const unregister = register();
  const { loadFurigana, rubyHtml } = await import('../src/lib/furigana.ts');
  const furigana = await loadFurigana();
  let pages = 0;
  const missing = new Map();
  for (const file of htmlFiles(path.join(client, 'easy'))) {
    const result = rubyHtml(fs.readFileSync(file, 'utf8'), furigana);
    fs.writeFileSync(file, result);
    pages++;
    for (const word of unreadKanji(result)) missing.set(word, (missing.get(word) ?? 0) + 1);
  }
  await unregister();
  console.log(`Furigana: ${pages} やさしい日本語 pages.`);
  if (missing.size > 0) {
    console.log(
      `Furigana: no reading for ${[...missing.keys()].join('、')} (add them to content/readings/dictionary.json).`,
    );
  }
}

/**
 * Build the static search index. Only content marked `data-pagefind-body` is indexed; ruby
 * readings (`<rt>`) are left out so 「介護」 is not indexed as 「介護かいご」. Pagefind keeps one
 * index per `<html lang>` and segments Japanese itself; each page carries a `locale` filter so
 * やさしい日本語 results stay apart from Japanese ones.
 */
async function buildSearchIndex() {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: ['rt', 'rp'] });
  if (!index) throw new Error(`pagefind: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: client });
  if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
  // Place pages are rendered on demand, so they are not in dist: index them from their content.
  const unregister = register();
  const { loadPlaces } = await import('../api/content/places.ts');
  const { loadDistricts } = await import('../api/content/districts.ts');
  const { placeSearchRecords } = await import('../api/content/place-search.ts');
  const districts = loadDistricts();
  const records = placeSearchRecords(loadPlaces(undefined, districts), districts);
  await unregister();
  for (const record of records) {
    const result = await index.addCustomRecord(record);
    if (result.errors.length > 0) throw new Error(`pagefind: ${record.url}: ${result.errors.join('; ')}`);
  }
  const written = await index.writeFiles({ outputPath: path.join(client, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  console.log(`Search index: ${added.page_count} pages and ${records.length} place pages.`);
}

/** Pages that must render from the first round trip: the home page and the help finder. */
const CRITICAL_PAGES = ['', 'help/'].flatMap((page) =>
  ['', 'en/', 'easy/'].map((locale) => path.join(locale, page, 'index.html')),
);

/**
 * Replace each `<link rel="stylesheet" href="/_astro/….css">` of the critical pages by a `<style>`
 * with the same CSS, in the same place (the cascade order is kept), and write the CSP hashes.
 */
function inlineCriticalCss() {
  const hashes = new Set();
  for (const page of CRITICAL_PAGES) {
    const file = path.join(client, page);
    if (!fs.existsSync(file)) throw new Error(`Critical CSS: ${file} was not built.`);
    const html = fs
      .readFileSync(file, 'utf8')
      .replace(/<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)">/g, (_link, href) => {
        const css = fs.readFileSync(path.join(client, href), 'utf8').trim();
        if (/url\(|@import/.test(css)) throw new Error(`Critical CSS: ${href} refers to other files.`);
        hashes.add(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
        return `<style>${css}</style>`;
      });
    fs.writeFileSync(file, html);
  }
  fs.writeFileSync(path.join('dist', 'inline-style-hashes.json'), `${JSON.stringify([...hashes].sort())}\n`);
  console.log(`Critical CSS: ${CRITICAL_PAGES.length} pages, ${hashes.size} inline stylesheets.`);
}

/** Replace __BUILD_ID__ in the service worker with a hash of every built page and stylesheet. */
function stampServiceWorker() {
  const file = path.join(client, 'sw.js');
  if (!fs.existsSync(file)) return;
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind') walk(full);
      } else if (/\.(html|css|js|json)$/.test(entry.name) && entry.name !== 'sw.js') {
        hash.update(full).update(fs.readFileSync(full));
      }
    }
  };
  walk(client);
  const id = hash.digest('hex').slice(0, 16);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll('__BUILD_ID__', id));
  console.log(`Service worker: build ${id}.`);
}

await addFurigana();
await buildSearchIndex();
inlineCriticalCss();
stampServiceWorker();
