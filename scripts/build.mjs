/**
 * `npm run build`: Astro build, then pre-compressed copies of text files (gzip + brotli) for the
 * static server, then the fingerprint that lets `npm start` skip an up-to-date build.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeBuildStamp } from './build-state.mjs';

const COMPRESSIBLE = /\.(html|css|js|mjs|json|geojson|xml|svg|txt|webmanifest|ics|csv)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** Write `.gz` and `.br` next to every compressible file larger than 1 KB. */
export function precompress(dir) {
  let count = 0;
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const data = fs.readFileSync(file);
    if (data.length < 1024) continue;
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
    count++;
  }
  return count;
}

const astroBin = path.join('node_modules', 'astro', 'astro.js');
execFileSync(process.execPath, [astroBin, 'build'], { stdio: 'inherit' });
for (const step of [path.join('scripts', 'postbuild-site.mjs')]) {
  if (fs.existsSync(step)) execFileSync(process.execPath, [step], { stdio: 'inherit' });
}
const compressed = precompress(path.join('dist', 'client'));
console.log(`Pre-compressed ${compressed} files.`);
writeBuildStamp();
