/**
 * Build freshness: a fingerprint of everything the build reads (sources, content, public files,
 * configuration, the build scripts, the lockfile, and the environment the site is built for:
 * `PUBLIC_ORIGIN` and `PORT` set canonical URLs, the sitemap and robots.txt). `npm start`
 * rebuilds when the fingerprint differs from the one written by the last successful build.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'src',
  'content',
  'public',
  'api',
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
  path.join('scripts', 'build.mjs'),
  path.join('scripts', 'postbuild-site.mjs'),
];
/** Environment variables the build reads (astro.config.mjs). */
const BUILD_ENV = ['PUBLIC_ORIGIN', 'PORT'];
const STAMP = path.join('dist', '.build-fingerprint');

function walk(entry, out) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(entry).sort()) walk(path.join(entry, name), out);
  } else {
    out.push(`${entry}\0${stat.size}\0${Math.floor(stat.mtimeMs)}`);
  }
}

/** The fingerprint of the build inputs under `root` and the build environment `env`. */
export function fingerprint(root = process.cwd(), env = process.env) {
  const files = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  for (const name of BUILD_ENV) files.push(`env:${name}=${env[name] ?? ''}`);
  return createHash('sha256').update(files.join('\n')).digest('hex');
}

/** Whether dist/ was built from the current inputs. */
export function isBuildFresh(root = process.cwd()) {
  const stampFile = path.join(root, STAMP);
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'entry.mjs')) || !fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, 'utf8').trim() === fingerprint(root);
}

/** Record that dist/ matches the current inputs. */
export function writeBuildStamp(root = process.cwd()) {
  fs.writeFileSync(path.join(root, STAMP), `${fingerprint(root)}\n`);
}
