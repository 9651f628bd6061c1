/**
 * Build steps after `astro build` (run by scripts/build.mjs, before pre-compression):
 * 1. Furigana: every prerendered やさしい日本語 page (dist/client/easy/**) gets `<ruby>` readings,
 *    generated from kuromoji and the reviewed dictionary (src/lib/furigana.ts). Kanji the
 *    analyser cannot read are listed, so editors can add them to content/readings/dictionary.json.
 * 2. Search: the static search index (pagefind) over the built pages.
 * 3. Service worker: stamp dist/client/sw.js with a hash of the built pages and styles, so a new
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
  const written = await index.writeFiles({ outputPath: path.join(client, 'pagefind') });
  if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  console.log(`Search index: ${added.page_count} pages.`);
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
stampServiceWorker();
