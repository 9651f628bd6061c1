/**
 * S3 for the account endpoints: a cross-site form POST and a cross-site JSON POST are refused before
 * they reach the handler, even with a valid session cookie (SameSite=Lax already withholds it on
 * cross-site POSTs; the Origin / Sec-Fetch-Site check is the second line). Same-origin requests pass.
 */
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, sessionCookie, TEST_ORIGIN } from '../test/helpers.ts';

describe('CSRF on the account endpoints (S3)', () => {
  it.each([
    [
      'a cross-site form POST',
      'application/x-www-form-urlencoded',
      'currentPassword=a&newPassword=b',
      { origin: 'https://evil.example' },
    ],
    [
      'a cross-site JSON POST',
      'application/json',
      '{"currentPassword":"a","newPassword":"b"}',
      { origin: 'https://evil.example' },
    ],
    ['a cross-site JSON POST (Sec-Fetch-Site only)', 'application/json', '{}', { 'sec-fetch-site': 'cross-site' }],
    ['a text/plain POST without Origin (old-style form trick)', 'text/plain', '{"x":1}', {}],
  ])('refuses %s with 403 and changes nothing', async (_label, contentType, body, extra) => {
    const { app, db } = createTestApp();
    const user = await createTestUser(db);
    const cookie = sessionCookie(db, user.id);
    for (const path of ['/api/auth/password', '/api/auth/sessions/end-others', '/api/auth/sign-out']) {
      const response = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': contentType, cookie, ...extra },
        body,
      });
      expect(response.status, path).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'csrf_rejected' } });
    }
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM auth_sessions WHERE user_id = ?', [user.id])?.n).toBe(1);
  });

  it('lets the same request through from the site itself', async () => {
    const { app, db } = createTestApp();
    const user = await createTestUser(db);
    const cookie = sessionCookie(db, user.id);
    const response = await app.request('/api/auth/sessions/end-others', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: TEST_ORIGIN },
      body: '{}',
    });
    expect(response.status).toBe(200);
  });
});
