/**
 * The account flows through /api/auth: sign-up → verify → sign-in → my sessions → change password
 * → sign-out; password reset; and the session cookie (S2) in development and production settings.
 */
import { describe, expect, it } from 'vitest';
import { testConfig } from '../config.ts';
import { settleDeferred } from '../lib/deferred.ts';
import { createTestApp, createTestUser, postJson, sessionCookie, tokenFromSetCookie } from '../test/helpers.ts';
import { sessionCookieName } from './cookies.ts';

type Json = Record<string, unknown>;

function latestMessage(db: ReturnType<typeof createTestApp>['db'], recipient: string) {
  return db.get<{ kind: string; subject: string; body: string; locale: string }>(
    'SELECT kind, subject, body, locale FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1',
    [recipient],
  );
}

function linkToken(body: string): string {
  const match = /token=([a-z2-7]{24}\.[a-z2-7]{52})/.exec(body);
  if (!match) throw new Error(`no token link in: ${body}`);
  return match[1]!;
}

const cookieOf = (token: string) => `${sessionCookieName(testConfig())}=${token}`;

describe('sign-up, verification and sign-in', () => {
  const { app, db } = createTestApp();
  const email = 'hanako@example.jp';
  const password = 'yamabiko no sato 2026';

  it('creates an unverified account with the chosen roles and the account consent, and e-mails a link', async () => {
    const response = await postJson(app, '/api/auth/sign-up', {
      email: ' Hanako@Example.JP ',
      password,
      displayName: '日田 花子',
      locale: 'en',
      roles: ['volunteer', 'driver'],
      acceptPolicy: true,
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(tokenFromSetCookie(response)).toBeNull();
    const user = db.get<{ id: string; email_verified_at: number | null; password_hash: string }>(
      'SELECT id, email_verified_at, password_hash FROM users WHERE email = ?',
      [email],
    )!;
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(user.password_hash).not.toContain(password);
    const roles = db.all<{ role: string }>('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role', [user.id]);
    expect(roles.map((r) => r.role)).toEqual(['driver', 'volunteer']);
    const consent = db.get<{ purpose: string; action: string; capacity: string; channel: string }>(
      'SELECT purpose, action, capacity, channel FROM consents WHERE subject_id = ?',
      [user.id],
    );
    expect(consent).toEqual({ purpose: 'account', action: 'granted', capacity: 'self', channel: 'web' });
    const message = latestMessage(db, email)!;
    expect(message.kind).toBe('verify_email');
    expect(message.locale).toBe('en');
    expect(message.subject).toBe('[Sasaeai Hita] Confirm your e-mail address');
    expect(message.body).toContain('Dear 日田 花子');
    expect(message.body).toContain('http://localhost:4321/en/account/verify?token=');
  });

  it('refuses a sign-up without the policy agreement or with a common password, naming the fields', async () => {
    const response = await postJson(app, '/api/auth/sign-up', {
      email: 'new@example.jp',
      password: 'password123',
      displayName: '',
      acceptPolicy: false,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field).sort()).toEqual(['acceptPolicy', 'displayName', 'password']);
  });

  it('signs in (unverified is allowed), sets a new session cookie, and knows who is signed in', async () => {
    const response = await postJson(app, '/api/auth/sign-in', { email: 'HANAKO@example.jp', password });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { user: Json };
    expect(body.user).toMatchObject({ email, emailVerified: false, displayName: '日田 花子', locale: 'en' });
    const token = tokenFromSetCookie(response)!;
    const me = await app.request('/api/auth/session', { headers: { cookie: cookieOf(token) } });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('verifies the address with the e-mailed token, once', async () => {
    const token = linkToken(latestMessage(db, email)!.body);
    const first = await postJson(app, '/api/auth/verify-email', { token });
    expect(first.status).toBe(200);
    expect(
      db.get<{ v: number | null }>('SELECT email_verified_at AS v FROM users WHERE email = ?', [email])!.v,
    ).not.toBeNull();
    const again = await postJson(app, '/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('makes a new session on every sign-in and ends the one the browser held (no fixation)', async () => {
    const first = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const second = tokenFromSetCookie(
      await postJson(app, '/api/auth/sign-in', { email, password }, { cookie: cookieOf(first) }),
    )!;
    expect(second).not.toBe(first);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(first) } })).status).toBe(401);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(second) } })).status).toBe(200);
  });

  it('lists my sessions and ends the others', async () => {
    const a = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const b = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const list = (await (await app.request('/api/auth/sessions', { headers: { cookie: cookieOf(a) } })).json()) as {
      items: { id: string; current: boolean }[];
    };
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    expect(list.items.filter((s) => s.current).map((s) => s.id)).toEqual([a.split('.')[0]]);
    expect(JSON.stringify(list)).not.toContain(b.split('.')[1]);
    const ended = await postJson(app, '/api/auth/sessions/end-others', {}, { cookie: cookieOf(a) });
    expect(await ended.json()).toMatchObject({ ended: expect.any(Number) as number });
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(b) } })).status).toBe(401);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(a) } })).status).toBe(200);
  });

  it('ends one chosen session of mine, but not someone else’s', async () => {
    const mine = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const other = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const stranger = await createTestUser(db);
    const strangerCookie = sessionCookie(db, stranger.id);
    const strangerSession = strangerCookie.split('=')[1]!.split('.')[0]!;
    const denied = await app.request(`/api/auth/sessions/${strangerSession}`, {
      method: 'DELETE',
      headers: { cookie: cookieOf(mine), origin: 'http://localhost:4321' },
    });
    expect(denied.status).toBe(404);
    expect((await app.request('/api/auth/session', { headers: { cookie: strangerCookie } })).status).toBe(200);
    const ok = await app.request(`/api/auth/sessions/${other.split('.')[0]}`, {
      method: 'DELETE',
      headers: { cookie: cookieOf(mine), origin: 'http://localhost:4321' },
    });
    expect(ok.status).toBe(204);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(other) } })).status).toBe(401);
  });

  it('changes the password: the current session stays, others end, the old password stops working', async () => {
    const current = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const other = tokenFromSetCookie(await postJson(app, '/api/auth/sign-in', { email, password }))!;
    const wrong = await postJson(
      app,
      '/api/auth/password',
      { currentPassword: 'not it at all', newPassword: 'mikuma river 1955' },
      { cookie: cookieOf(current) },
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { details: [{ field: 'currentPassword' }] } });
    const changed = await postJson(
      app,
      '/api/auth/password',
      { currentPassword: password, newPassword: 'mikuma river 1955' },
      { cookie: cookieOf(current) },
    );
    expect(changed.status).toBe(200);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(current) } })).status).toBe(200);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(other) } })).status).toBe(401);
    expect((await postJson(app, '/api/auth/sign-in', { email, password })).status).toBe(401);
    expect((await postJson(app, '/api/auth/sign-in', { email, password: 'mikuma river 1955' })).status).toBe(200);
    expect(latestMessage(db, email)!.kind).toBe('password_changed');
  });

  it('signs out: the session ends and the cookie is deleted', async () => {
    const token = tokenFromSetCookie(
      await postJson(app, '/api/auth/sign-in', { email, password: 'mikuma river 1955' }),
    )!;
    const response = await postJson(app, '/api/auth/sign-out', {}, { cookie: cookieOf(token) });
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join('\n')).toMatch(/sasaeai_session=; Max-Age=0/);
    expect((await app.request('/api/auth/session', { headers: { cookie: cookieOf(token) } })).status).toBe(401);
  });
});

describe('password reset', () => {
  const { app, db } = createTestApp();

  it('e-mails a 30-minute single-use link; using it sets the password and ends every session', async () => {
    const user = await createTestUser(db, { email: 'taro@example.jp', locale: 'easy' });
    const session = sessionCookie(db, user.id);
    const response = await postJson(app, '/api/auth/password-reset', { email: 'taro@example.jp' });
    expect(response.status).toBe(202);
    await settleDeferred();
    const message = latestMessage(db, 'taro@example.jp')!;
    expect(message.kind).toBe('password_reset');
    expect(message.body).toContain('30分');
    expect(message.body).toContain('/easy/account/reset-password?token=');
    const token = linkToken(message.body);
    const stored = db.get<{ expires: number; created: number }>(
      "SELECT expires_at AS expires, created_at AS created FROM auth_tokens WHERE purpose = 'reset_password'",
    )!;
    expect(stored.expires - stored.created).toBe(30 * 60);
    const weak = await postJson(app, '/api/auth/password-reset/confirm', { token, password: 'qwertyuiop' });
    expect(weak.status).toBe(400);
    const ok = await postJson(app, '/api/auth/password-reset/confirm', { token, password: 'onsen tamago 3 kai' });
    expect(ok.status).toBe(200);
    expect((await app.request('/api/auth/session', { headers: { cookie: session } })).status).toBe(401);
    const reused = await postJson(app, '/api/auth/password-reset/confirm', { token, password: 'another fine phrase' });
    expect(reused.status).toBe(400);
    expect(
      (await postJson(app, '/api/auth/sign-in', { email: 'taro@example.jp', password: 'onsen tamago 3 kai' })).status,
    ).toBe(200);
  });

  it('refuses an expired link', async () => {
    let now = 1_900_000_000;
    const timed = createTestApp({ now: () => now });
    await createTestUser(timed.db, { email: 'late@example.jp' });
    await postJson(timed.app, '/api/auth/password-reset', { email: 'late@example.jp' });
    await settleDeferred();
    const token = linkToken(latestMessage(timed.db, 'late@example.jp')!.body);
    now += 30 * 60;
    const response = await postJson(timed.app, '/api/auth/password-reset/confirm', {
      token,
      password: 'onsen tamago 3 kai',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('stores only the hash of reset and verification tokens', async () => {
    await createTestUser(db, { email: 'hash@example.jp' });
    await postJson(app, '/api/auth/password-reset', { email: 'hash@example.jp' });
    await settleDeferred();
    const token = linkToken(latestMessage(db, 'hash@example.jp')!.body);
    const rows = db.all<{ type: string }>('SELECT typeof(secret_hash) AS type FROM auth_tokens');
    expect(rows.every((row) => row.type === 'blob')).toBe(true);
    const dump = JSON.stringify(db.all('SELECT id, email, purpose FROM auth_tokens'));
    expect(dump).not.toContain(token.split('.')[1]);
  });
});

describe('the session cookie (S2)', () => {
  it('is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ when cookies are secure (production)', async () => {
    const { app, db, config } = createTestApp({ config: { secureCookies: true } });
    await createTestUser(db, { email: 'secure@example.jp', password: 'kirin beer garden' });
    const response = await postJson(app, '/api/auth/sign-in', {
      email: 'secure@example.jp',
      password: 'kirin beer garden',
    });
    const header = response.headers.getSetCookie().find((h) => h.startsWith('__Host-sasaeai_session='))!;
    expect(header).toBeDefined();
    const attributes = header.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    const maxAge = Number(attributes.find((a) => a.startsWith('max-age='))!.split('=')[1]);
    expect(maxAge).toBe(10 * 24 * 60 * 60);
    expect(sessionCookieName(config)).toBe('__Host-sasaeai_session');
    const token = tokenFromSetCookie(response, config)!;
    const me = await app.request('/api/auth/session', { headers: { cookie: `__Host-sasaeai_session=${token}` } });
    expect(me.status).toBe(200);
    // The unprefixed name is not accepted when the prefixed one is configured.
    const plain = await app.request('/api/auth/session', { headers: { cookie: `sasaeai_session=${token}` } });
    expect(plain.status).toBe(401);
  });

  it('is secure in production configuration, and unprefixed only for plain-http development', () => {
    const production = testConfig({ ...testConfig(), secureCookies: true });
    expect(sessionCookieName(production)).toBe('__Host-sasaeai_session');
    expect(sessionCookieName(testConfig())).toBe('sasaeai_session');
  });

  it('is re-sent with a fresh lifetime when the hourly refresh happens', async () => {
    let now = 1_900_000_000;
    const { app, db } = createTestApp({ now: () => now });
    const user = await createTestUser(db);
    const cookie = sessionCookie(db, user.id, testConfig(), now);
    now += 60 * 60;
    const response = await app.request('/api/auth/session', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join()).toMatch(/Max-Age=864000/);
    const quiet = await app.request('/api/auth/session', { headers: { cookie } });
    expect(quiet.headers.getSetCookie()).toEqual([]);
  });
});
