import { z } from '@hono/zod-openapi';
import { zValidator } from '@hono/zod-validator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createTestApp, jsonHeaders, postJson, TEST_ORIGIN } from './test/helpers.ts';

describe('API basics', () => {
  const { app, db } = createTestApp();

  it('reports health with the schema version', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { status: string; database: { schemaVersion: number } };
    expect(body.status).toBe('ok');
    expect(body.database.schemaVersion).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 JSON when the database is gone', async () => {
    const broken = createTestApp();
    broken.db.close();
    const response = await broken.app.request('/api/health');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'database_unavailable' } });
  });

  it('answers 503 with Retry-After, not 500, while another writer holds the database, and works after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sasaeai-busy-'));
    const options = { url: `file:${path.join(dir, 'busy.db')}`, authToken: undefined, syncUrl: undefined };
    const db = openDatabase(options);
    migrate(db);
    db.exec('PRAGMA busy_timeout = 0'); // fail at once instead of after the 5 s wait
    const { app: busyApp } = createTestApp({ db });
    const other = openDatabase(options);
    other.exec('BEGIN IMMEDIATE'); // e.g. a long migration or backup step in another process
    const signUp = (email: string) =>
      postJson(busyApp, '/api/auth/sign-up', {
        email,
        password: 'yamabiko no sato 2026',
        displayName: '日田 花子',
        acceptPolicy: true,
      });
    const response = await signUp('busy@example.jp');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({ error: { code: 'busy' } });
    other.exec('ROLLBACK');
    expect((await signUp('busy@example.jp')).status).toBe(202);
    other.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers unknown paths with 404 JSON', async () => {
    const response = await app.request('/api/no-such-thing?x=1');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'There is no API endpoint at GET /api/no-such-thing.' },
    });
  });

  it('sets a request id, or keeps a valid incoming one', async () => {
    const generated = await app.request('/api/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
  });

  it('sets strict security headers on API responses', async () => {
    const response = await app.request('/api/health');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('validates query strings with a 400 and per-field details', async () => {
    const response = await app.request('/api/districts?area=tokyo');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { field: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details[0]?.field).toBe('area');
  });

  it('lists districts from the content mirror', async () => {
    const response = await app.request('/api/districts?area=amagase');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { id: string; sample: boolean }[] };
    expect(body.items.map((d) => d.id)).toEqual(['amagase']);
    expect(body.items[0]?.sample).toBe(false);
    const all = (await (await app.request('/api/districts')).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(db.get<{ n: number }>('SELECT count(*) AS n FROM districts')?.n ?? -1);
  });

  it('publishes an OpenAPI 3.1 document of its routes', async () => {
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/districts']));
  });
});

describe('request bodies and CSRF', () => {
  // A probe route added to a real app: the body handling (JSON parsing, size limit, CSRF) is
  // shared middleware, so any JSON endpoint behaves like this one.
  function appWithProbe(bodyLimitBytes?: number) {
    const { app } = createTestApp(bodyLimitBytes ? { config: { bodyLimitBytes } } : {});
    app.post('/probe', zValidator('json', z.object({ name: z.string() })), (c) =>
      c.json({ ok: c.req.valid('json').name }),
    );
    return app;
  }

  it('accepts a same-origin JSON POST', async () => {
    const response = await appWithProbe().request('/api/probe', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ name: 'a' }),
    });
    expect(response.status).toBe(200);
  });

  it('accepts Sec-Fetch-Site: same-origin without an Origin header', async () => {
    const response = await appWithProbe().request('/api/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ name: 'a' }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['a cross-site JSON POST', { 'content-type': 'application/json', origin: 'https://evil.example' }],
    ['a cross-site form POST', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }],
    ['a same-site (other subdomain) POST', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }],
    [
      'a cross-site POST with a forged Origin',
      { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: TEST_ORIGIN },
    ],
    ['a POST without Origin or Sec-Fetch-Site', { 'content-type': 'application/json' }],
    ['a "null" Origin', { 'content-type': 'application/json', origin: 'null' }],
  ])('rejects %s with 403 csrf_rejected', async (_label, headers) => {
    const response = await appWithProbe().request('/api/probe', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'a' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'csrf_rejected' } });
  });

  it('answers malformed JSON with 400', async () => {
    const response = await appWithProbe().request('/api/probe', {
      method: 'POST',
      headers: jsonHeaders(),
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { message: 'The request body is not valid JSON.' } });
  });

  it('answers a body over the limit with 413', async () => {
    const response = await appWithProbe(2048).request('/api/probe', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});
