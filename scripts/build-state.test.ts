/**
 * `npm start` rebuilds only when the build is stale: any input file, a build script or the build
 * environment (PUBLIC_ORIGIN sets canonical URLs and the sitemap) changes the fingerprint.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, isBuildFresh, writeBuildStamp } from './build-state.mjs';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-state-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('build freshness', () => {
  write('src/pages/index.astro', '<h1>a</h1>');
  write('scripts/postbuild-site.mjs', '// step');
  write('dist/server/entry.mjs', '');
  const print = (dir: string, env: Record<string, string | undefined>): string => fingerprint(dir, env);

  it('is fresh right after a build, stale without a build', () => {
    expect(isBuildFresh(root)).toBe(false);
    writeBuildStamp(root);
    expect(isBuildFresh(root)).toBe(true);
  });

  it('changes with a source file, a build script and the build environment', () => {
    const before = print(root, { PUBLIC_ORIGIN: 'https://a.example.jp' });
    expect(print(root, { PUBLIC_ORIGIN: 'https://b.example.jp' })).not.toBe(before);
    write('scripts/postbuild-site.mjs', '// step, changed');
    const afterScript = print(root, { PUBLIC_ORIGIN: 'https://a.example.jp' });
    expect(afterScript).not.toBe(before);
    write('src/pages/index.astro', '<h1>changed page</h1>');
    expect(print(root, { PUBLIC_ORIGIN: 'https://a.example.jp' })).not.toBe(afterScript);
    // Files outside the build (e.g. the benchmark) do not force a rebuild.
    const stable = print(root, {});
    write('scripts/bench.ts', '// bench');
    expect(print(root, {})).toBe(stable);
  });
});
