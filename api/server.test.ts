import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, testConfig } from './config.ts';
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
/** A page rendered on demand, large enough to be compressed. */
const bigPage = `<!doctype html><title>ssr</title>${'<p>日田市の集いの場</p>'.repeat(200)}`;
const fakeAstro: AstroHandler = (req, res) => {
  astroCalls.push(`${req.method} ${req.url}`);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(req.url === '/big' ? bigPage : '<!doctype html><title>ssr</title>');
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
    for (const pathname of ['/', '/_astro/app.abc123.css']) {
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

  it('compresses pages rendered on demand for browsers that accept it, and only then', async () => {
    const http = await import('node:http');
    const zlib = await import('node:zlib');
    const { serve } = await import('@hono/node-server');
    const listener = serve({ fetch: server.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => listener.once('listening', resolve));
    const port = (listener.address() as { port: number }).port;
    const get = (encoding: string | undefined) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const request = http.get(
          { host: '127.0.0.1', port, path: '/big', headers: encoding ? { 'accept-encoding': encoding } : {} },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          },
        );
        request.on('error', reject);
      });
    try {
      const brotli = await get('gzip, deflate, br');
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['content-security-policy']).toBeTruthy();
      expect(brotli.body.length).toBeLessThan(Buffer.byteLength(bigPage) / 5);
      expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(bigPage);
      const gzip = await get('gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gzip.body).toString()).toBe(bigPage);
      const plain = await get(undefined);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(bigPage);
    } finally {
      listener.close();
      astroCalls.length = 0;
    }
  });

  it('sends HSTS (ASVS 3.4.1) on pages, assets, on-demand pages and API answers with a production https origin, and none on plain http', async () => {
    const production = loadConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://sasaeai.example.jp' });
    const { app: productionApi, db: productionDb } = createTestApp({ config: production });
    const secure = createServerApp(
      { config: production, db: productionDb, api: productionApi },
      { clientDir, handler: fakeAstro },
    );
    const hsts = async (app: typeof server, pathname: string) => {
      if (pathname !== '/ssr') return (await app.request(pathname)).headers.get('strict-transport-security');
      // On-demand pages are written to the Node response: go through a real socket.
      const { serve } = await import('@hono/node-server');
      const listener = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise((resolve) => listener.once('listening', resolve));
      try {
        const port = (listener.address() as { port: number }).port;
        return (await fetch(`http://127.0.0.1:${port}/ssr`)).headers.get('strict-transport-security');
      } finally {
        listener.close();
      }
    };
    for (const pathname of ['/', '/_astro/app.abc123.css', '/ssr', '/api/health', '/api/no-such-thing']) {
      const value = await hsts(secure, pathname);
      expect(value, pathname).toMatch(/^max-age=(\d+); includeSubDomains$/);
      expect(Number(/max-age=(\d+)/.exec(value!)![1]), pathname).toBeGreaterThanOrEqual(31_536_000);
      expect(await hsts(server, pathname), `${pathname} over http`).toBeNull();
    }
    astroCalls.length = 0;
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
