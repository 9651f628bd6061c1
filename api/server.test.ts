import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from './config.ts';
import { type AstroHandler, createServerApp, readInlineStyleHashes } from './server.ts';
import { createTestApp } from './test/helpers.ts';

const distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
const clientDir = path.join(distDir, 'client');
fs.mkdirSync(path.join(clientDir, '_astro'), { recursive: true });
const criticalStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
fs.writeFileSync(path.join(distDir, 'inline-style-hashes.json'), JSON.stringify([criticalStyleHash]));
fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>home</title>');
fs.writeFileSync(path.join(clientDir, '_astro', 'app.abc123.css'), 'body{}');
afterAll(() => fs.rmSync(distDir, { recursive: true, force: true }));

const astroCalls: string[] = [];
const fakeAstro: AstroHandler = (req, res) => {
  astroCalls.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'text/html' });
  res.end('<!doctype html><title>ssr</title>');
  return Promise.resolve();
};

const { app: api, db } = createTestApp();
const server = createServerApp({ config: testConfig(), db, api }, { clientDir, handler: fakeAstro });
const S8 = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];

describe('the front server', () => {
  it('routes /api to the API', async () => {
    const response = await server.request('/api/health');
    expect(response.status).toBe(200);
    expect(astroCalls).toEqual([]);
  });

  it('serves built files with security headers and caching by kind', async () => {
    const page = await server.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    for (const header of S8) expect(page.headers.get(header), header).toBeTruthy();
    const asset = await server.request('/_astro/app.abc123.css');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const header of S8) expect(asset.headers.get(header), header).toBeTruthy();
  });

  it("allows the build's inline critical stylesheets by hash and no other inline style", async () => {
    for (const pathname of ['/', '/account/sign-in']) {
      const csp = (await server.request(pathname)).headers.get('content-security-policy') ?? '';
      const styleSrc = csp.split('; ').find((directive) => directive.startsWith('style-src '));
      expect(styleSrc).toBe(`style-src 'self' ${criticalStyleHash}`);
    }
  });

  it('refuses to start on a corrupted hash list instead of serving pages without styles', () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-'));
    fs.writeFileSync(path.join(broken, 'inline-style-hashes.json'), JSON.stringify(["'unsafe-inline'"]));
    expect(() => readInlineStyleHashes(path.join(broken, 'client'))).toThrow(/not a list of 'sha256-/);
    fs.rmSync(broken, { recursive: true, force: true });
  });

  it('refuses cross-site form posts to on-demand pages before they reach Astro', async () => {
    const response = await server.request('/account/sign-in', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a',
    });
    expect(response.status).toBe(403);
    expect(astroCalls).toEqual([]);
  });
});
