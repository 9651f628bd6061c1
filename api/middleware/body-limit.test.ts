/**
 * The body limit over a real Node socket (the header fast path) and through `app.request` (Hono's
 * counting middleware): the same 413 for a declared or a chunked body over the limit, and JSON
 * bodies within it still reach the handler intact.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { zValidator } from '@hono/zod-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { createTestApp, jsonHeaders, TEST_ORIGIN } from '../test/helpers.ts';
import { declaredBodySize } from './body-limit.ts';

describe('declaredBodySize', () => {
  it.each([
    ['10', undefined, 'within'],
    ['2048', undefined, 'within'],
    ['2049', undefined, 'over'],
    ['0', undefined, 'none'],
    [undefined, undefined, 'unknown'],
    ['10', 'chunked', 'unknown'],
    [undefined, 'chunked', 'unknown'],
    ['-1', undefined, 'unknown'],
    ['1e9', undefined, 'unknown'],
    ['10, 10', undefined, 'unknown'],
  ] as const)('Content-Length %s, Transfer-Encoding %s → %s', (length, encoding, expected) => {
    expect(declaredBodySize(length, encoding, 2048)).toBe(expected);
  });
});

describe('the body limit of the API', () => {
  const { app } = createTestApp({ config: { bodyLimitBytes: 2048 } });
  app.post('/probe', zValidator('json', z.object({ name: z.string() })), (c) =>
    c.json({ length: c.req.valid('json').name.length }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  let port = 0;
  beforeAll(async () => {
    if (!server.listening) await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  /** POST over a socket; `chunked` sends the body without a Content-Length. */
  function post(body: string, chunked: boolean): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/probe',
          headers: {
            'content-type': 'application/json',
            origin: TEST_ORIGIN,
            ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(body) }),
          },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      request.on('error', reject);
      if (chunked) {
        // Two chunks, so the size is only known by counting.
        request.write(body.slice(0, 10));
        request.end(body.slice(10));
      } else request.end(body);
    });
  }

  it.each([false, true])('passes a body within the limit over HTTP (chunked: %s)', async (chunked) => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(1000) }), chunked);
    expect(response).toEqual({ status: 200, body: { length: 1000 } });
  });

  it.each([false, true])('refuses a body over the limit over HTTP with 413 (chunked: %s)', async (chunked) => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(5000) }), chunked);
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('refuses a body over the limit without a Node socket too (app.request)', async () => {
    const response = await app.request('/api/probe', {
      method: 'POST',
      headers: jsonHeaders(),
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(response.status).toBe(413);
  });
});
