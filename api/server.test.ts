import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from './config.ts';
import { type AstroHandler, createServerApp } from './server.ts';
import { createTestApp } from './test/helpers.ts';

const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-'));
fs.mkdirSync(path.join(clientDir, '_astro'));
fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>home</title>');
fs.writeFileSync(path.join(clientDir, '_astro', 'app.abc123.css'), 'body{}');
afterAll(() => fs.rmSync(clientDir, { recursive: true, force: true }));

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
