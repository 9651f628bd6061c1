/**
 * R1: arbitrary requests never produce a 5xx. The endpoints come from the OpenAPI document, so
 * every new route is fuzzed without editing this file. Requests carry a same-origin header so
 * they reach the handlers (cross-site ones stop at the CSRF check). About half the requests carry a
 * valid session cookie of a person holding every role, so the signed-in handlers are fuzzed too
 * (a fresh session each time: a fuzzed sign-out must not end the run's signed-in coverage).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from './auth/roles.ts';
import { createTestApp, createTestUser, sessionCookie, TEST_ORIGIN } from './test/helpers.ts';

const { app, db } = createTestApp();
const everyRole = await createTestUser(db, { roles: [...ROLES] });
const doc = (await (await app.request('/api/openapi.json')).json()) as {
  paths: Record<string, Record<string, unknown>>;
};
const endpoints = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
);

const pathSegment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('0', '-1', '1e309', '%00', '..', '%E3%81%82', 'null', "1' OR '1'='1"),
);
const queryValue = fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constantFrom('', '%', '[]'));
const query = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), queryValue, { maxKeys: 4 });
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/xml',
  '',
);
const body = fc.oneof(
  fc.json(),
  fc.string({ maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom('{', '[]', 'null', '{"__proto__":{"x":1}}', '\u0000', 'a=1&a=2'),
);

const request = fc.record({
  endpoint: fc.constantFrom(...endpoints),
  method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), { nil: undefined }),
  segment: pathSegment,
  query,
  contentType,
  body,
  signedIn: fc.boolean(),
});

describe('fuzzing every endpoint in the OpenAPI document (R1)', () => {
  it('knows the endpoints it fuzzes', () => {
    expect(endpoints.map((e) => e.path)).toEqual(
      expect.arrayContaining(['/api/health', '/api/districts', '/api/auth/sign-in', '/api/auth/sessions/{id}']),
    );
  });

  it('never answers 5xx, and every error is JSON { error: { code, message } }', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ endpoint, method, segment, query, contentType, body, signedIn }) => {
        const path = endpoint.path.replace(/\{[^}]+\}/g, encodeURIComponent(segment));
        const search = new URLSearchParams(query).toString();
        const verb = method ?? endpoint.method;
        const headers: Record<string, string> = { origin: TEST_ORIGIN };
        if (contentType) headers['content-type'] = contentType;
        if (signedIn) headers.cookie = sessionCookie(db, everyRole.id);
        const response = await app.request(`${path}${search ? `?${search}` : ''}`, {
          method: verb,
          headers,
          ...(verb === 'GET' ? {} : { body }),
        });
        expect(response.status, `${verb} ${path}?${search}`).toBeLessThan(500);
        if (response.status >= 400) {
          const payload = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof payload.error?.code).toBe('string');
          expect(typeof payload.error?.message).toBe('string');
        }
      }),
      { numRuns: 10_000 },
    );
  }, 180_000);
});
