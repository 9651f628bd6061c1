/**
 * Security events (ASVS 16.3.1–16.3.3): every sign-in, failure, sign-out, rate-limit refusal,
 * password change and reset, e-mail verification, ended session, deletion, role change and
 * organization review leaves one row with time, type, account and a keyed hash of the client
 * address — never a password, a token, or the e-mail address typed for an unknown account. The log
 * is append-only (kept 400 days) and admins read it through /api/account/admin/security-events.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionCookieName } from '../auth/cookies.ts';
import { testConfig } from '../config.ts';
import { housekeeping } from '../accounts/maintenance.ts';
import { settleDeferred } from '../lib/deferred.ts';
import { RATE_LIMITS } from '../middleware/rate-limit.ts';
import { createTestApp, createTestDb, createTestUser, postJson, tokenFromSetCookie } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import {
  ownActivity,
  purgeOldSecurityEvents,
  recentSecurityEvents,
  recordSecurityEvent,
  securityHash,
  SECURITY_EVENT_RETENTION_SECONDS,
  type SecurityEvent,
  setSecurityEventSink,
} from './security-events.ts';

const IP = '203.0.113.77';
const cookieOf = (token: string) => `${sessionCookieName(testConfig())}=${token}`;
const fromIp = (extra: Record<string, string> = {}) => ({ 'x-forwarded-for': IP, ...extra });

/** Events in the order they happened, without ids. */
function events(db: Parameters<typeof recentSecurityEvents>[0]): Omit<SecurityEvent, 'id'>[] {
  return recentSecurityEvents(db, { limit: 500 })
    .reverse()
    .map(({ id: _id, ...event }) => event);
}

function linkToken(body: string): string {
  const match = /token=([a-z2-7]{24}\.[a-z2-7]{52})/.exec(body);
  if (!match) throw new Error(`no token link in: ${body}`);
  return match[1]!;
}

afterEach(() => setSecurityEventSink(undefined));

describe('recording', () => {
  it('stores the client address and a submitted identifier only as a keyed 64-bit hash, the same each time', () => {
    const db = createTestDb();
    recordSecurityEvent(db, { type: 'sign_in.failure', clientIp: IP, identifier: 'who@example.jp' }, 100);
    recordSecurityEvent(db, { type: 'sign_in.failure', clientIp: IP, identifier: 'who@example.jp' }, 101);
    const [second, first] = recentSecurityEvents(db);
    expect(first).toMatchObject({ at: 100, type: 'sign_in.failure', userId: null });
    expect(first!.ipHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first!.ipHash).toBe(second!.ipHash);
    expect(first!.identifierHash).toBe(securityHash(db, 'identifier', 'who@example.jp'));
    // Keyed: another database (another key) gives another hash, so a hash cannot be looked up offline.
    expect(securityHash(createTestDb(), 'ip', IP)).not.toBe(first!.ipHash);
    const dump = JSON.stringify(db.all('SELECT * FROM security_events'));
    expect(dump).not.toContain('203.0.113');
    expect(dump).not.toContain('who@');
  });

  it('stores no address for an unknown client', () => {
    const db = createTestDb();
    recordSecurityEvent(db, { type: 'sign_out', clientIp: 'unknown' }, 1);
    expect(recentSecurityEvents(db)[0]!.ipHash).toBeNull();
  });

  it('is append-only, and deletes only rows past the 400-day retention', () => {
    const db = createTestDb();
    const now = Math.floor(Date.now() / 1000);
    recordSecurityEvent(db, { type: 'sign_out' }, now - SECURITY_EVENT_RETENTION_SECONDS - 3600);
    recordSecurityEvent(db, { type: 'sign_out' }, now - 3600);
    expect(() => db.run("UPDATE security_events SET type = 'x'")).toThrow(/append-only/);
    expect(() => db.run('DELETE FROM security_events')).toThrow(/400 days/);
    expect(() => db.run('UPDATE security_event_key SET key = randomblob(32)')).not.toThrow();
    expect(purgeOldSecurityEvents(db, now)).toBe(1);
    expect(housekeeping(db, now).securityEvents).toBe(0);
    expect(recentSecurityEvents(db).map((e) => e.at)).toEqual([now - 3600]);
  });

  it('passes each event to the server’s log sink as a structured line', () => {
    const db = createTestDb();
    const sink = vi.fn();
    setSecurityEventSink(sink);
    recordSecurityEvent(db, { type: 'sign_out', userId: null, clientIp: IP }, 5);
    expect(sink).toHaveBeenCalledTimes(1);
    expect(sink.mock.calls[0]![0]).toMatchObject({ type: 'sign_out', at: 5, ipHash: securityHash(db, 'ip', IP) });
    expect(JSON.stringify(sink.mock.calls)).not.toContain(IP);
  });
});

describe('the account flows leave events', () => {
  it('sign-in success and failure (known and unknown account), sign-out, password change, ended sessions', async () => {
    const { app, db } = createTestApp({ config: { trustProxy: true } });
    const lines: unknown[] = [];
    setSecurityEventSink((event) => lines.push(event));
    const user = await createTestUser(db, { email: 'known@example.jp', password: 'right password 1' });
    await postJson(app, '/api/auth/sign-in', { email: 'known@example.jp', password: 'wrong password 9' }, fromIp());
    await postJson(app, '/api/auth/sign-in', { email: 'nobody-here@example.jp', password: 'secret guess 7' }, fromIp());
    const signIn = await postJson(
      app,
      '/api/auth/sign-in',
      { email: 'known@example.jp', password: 'right password 1' },
      fromIp({ 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile' }),
    );
    const token = tokenFromSetCookie(signIn)!;
    const other = tokenFromSetCookie(
      await postJson(app, '/api/auth/sign-in', { email: 'known@example.jp', password: 'right password 1' }, fromIp()),
    )!;
    expect(other).toBeTruthy();
    const changed = await postJson(
      app,
      '/api/auth/password',
      { currentPassword: 'right password 1', newPassword: 'a brand new passphrase' },
      fromIp({ cookie: cookieOf(token) }),
    );
    expect(changed.status).toBe(200);
    const third = tokenFromSetCookie(
      await postJson(
        app,
        '/api/auth/sign-in',
        { email: 'known@example.jp', password: 'a brand new passphrase' },
        fromIp(),
      ),
    )!;
    await postJson(app, '/api/auth/sessions/end-others', {}, fromIp({ cookie: cookieOf(token) }));
    await postJson(app, '/api/auth/sign-out', {}, fromIp({ cookie: cookieOf(token) }));
    expect(third).toBeTruthy();

    const ipHash = securityHash(db, 'ip', IP);
    const all = events(db);
    expect(all.map((e) => [e.type, e.userId, e.detail])).toEqual([
      ['sign_in.failure', user.id, 'wrong_password'],
      ['sign_in.failure', null, 'unknown_account'],
      ['sign_in.success', user.id, 'Chrome / Android'],
      ['sign_in.success', user.id, 'unknown'],
      ['password.changed', user.id, 'sessions_ended:1'],
      ['sign_in.success', user.id, 'unknown'],
      ['sessions.revoked', user.id, 'others:1'],
      ['sign_out', user.id, null],
    ]);
    expect(all.every((e) => e.ipHash === ipHash && e.at > 0)).toBe(true);
    expect(all[1]!.identifierHash).toBe(securityHash(db, 'identifier', 'nobody-here@example.jp'));
    // Nothing typed in the forms is in the table or the log lines: no password, no unknown address.
    for (const text of [JSON.stringify(db.all('SELECT * FROM security_events')), JSON.stringify(lines)]) {
      for (const secret of [
        'nobody-here',
        'known@',
        'right password 1',
        'wrong password 9',
        'secret guess 7',
        'a brand new passphrase',
        IP,
        token.split('.')[1]!,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(lines).toHaveLength(all.length);
  });

  it('ending one session of mine is an event', async () => {
    const { app, db } = createTestApp();
    const user = await createTestUser(db, { email: 'one@example.jp', password: 'right password 1' });
    const a = tokenFromSetCookie(
      await postJson(app, '/api/auth/sign-in', { email: 'one@example.jp', password: 'right password 1' }),
    )!;
    const b = tokenFromSetCookie(
      await postJson(app, '/api/auth/sign-in', { email: 'one@example.jp', password: 'right password 1' }),
    )!;
    const response = await app.request(`/api/auth/sessions/${b.split('.')[0]}`, {
      method: 'DELETE',
      headers: { origin: 'http://localhost:4321', cookie: cookieOf(a) },
    });
    expect(response.status).toBe(204);
    expect(recentSecurityEvents(db, { type: 'sessions.revoked' })).toMatchObject([{ userId: user.id, detail: 'one' }]);
  });

  it('sign-up, e-mail verification, reset request (known and unknown) and reset', async () => {
    const { app, db } = createTestApp();
    await postJson(app, '/api/auth/sign-up', {
      email: 'fresh@example.jp',
      password: 'fresh long pass 1',
      displayName: '新人',
      acceptPolicy: true,
    });
    const id = db.get<{ id: string }>("SELECT id FROM users WHERE email = 'fresh@example.jp'")!.id;
    const verifyMail = db.get<{ body: string }>("SELECT body FROM outbox WHERE kind = 'verify_email'")!;
    expect((await postJson(app, '/api/auth/verify-email', { token: linkToken(verifyMail.body) })).status).toBe(200);
    await postJson(app, '/api/auth/password-reset', { email: 'fresh@example.jp' });
    await postJson(app, '/api/auth/password-reset', { email: 'stranger@example.jp' });
    await settleDeferred();
    const resetMail = db.get<{ body: string }>("SELECT body FROM outbox WHERE kind = 'password_reset'")!;
    const confirmed = await postJson(app, '/api/auth/password-reset/confirm', {
      token: linkToken(resetMail.body),
      password: 'another long pass 2',
    });
    expect(confirmed.status).toBe(200);
    expect(events(db).map((e) => [e.type, e.userId])).toEqual([
      ['account.created', id],
      ['email.verified', id],
      ['password.reset_requested', id],
      ['password.reset_requested', null],
      ['password.reset', id],
    ]);
    const dump = JSON.stringify(db.all('SELECT * FROM security_events'));
    expect(dump).not.toContain('stranger');
    expect(dump).not.toContain('fresh@');
    expect(dump).not.toContain(linkToken(resetMail.body).split('.')[1]);
  });

  it('a rate limit is logged once when reached, not once per refused request', async () => {
    const { app, db } = createTestApp();
    const email = 'target@example.jp';
    for (let i = 0; i < RATE_LIMITS.signInAccount.limit + 3; i++) {
      await postJson(app, '/api/auth/sign-in', { email, password: `wrong ${i} guess` });
    }
    for (let i = 0; i < RATE_LIMITS.resetAccount.limit + 3; i++) {
      await postJson(app, '/api/auth/password-reset', { email });
    }
    await settleDeferred();
    const hits = recentSecurityEvents(db, { type: 'rate_limit' }).reverse();
    expect(hits.map((e) => e.detail)).toEqual(['sign-in:account', 'reset:account']);
    expect(hits.every((e) => e.identifierHash === securityHash(db, 'identifier', email))).toBe(true);
    expect(recentSecurityEvents(db, { type: 'sign_in.failure' })).toHaveLength(RATE_LIMITS.signInAccount.limit);
  });

  it('role grants, ending someone’s sessions, organization review and account deletion name the actor', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const admin = loginAs(world, 'admin');
    const grant = await postJson(
      app,
      '/api/account/admin/roles',
      { email: people.volunteer.email, role: 'coordinator', action: 'grant' },
      admin,
    );
    expect(grant.status).toBe(200);
    await postJson(app, '/api/account/admin/sessions/end', { email: people.driver.email }, admin);
    const review = await postJson(
      app,
      `/api/organizations/${world.pendingOrg}/review`,
      { decision: 'verify' },
      loginAs(world, 'coordinator'),
    );
    expect(review.status).toBe(200);
    const deleted = await postJson(
      app,
      '/api/account/me',
      { password: people.resident.password },
      loginAs(world, 'resident'),
      'DELETE',
    );
    expect(deleted.status).toBe(204);
    expect(events(db).map((e) => [e.type, e.userId, e.actorId, e.detail])).toEqual([
      ['role.granted', people.volunteer.id, people.admin.id, 'coordinator'],
      ['sessions.revoked', people.driver.id, people.admin.id, expect.stringMatching(/^by_admin:\d+$/)],
      ['organization.reviewed', null, people.coordinator.id, `${world.pendingOrg}:verified`],
      ['account.deleted', people.resident.id, null, null],
    ]);
  });
});

describe('my own activity (My page, download my data)', () => {
  it('lists the events about my account only, newest first, with the sign-in device and staff actions marked', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const me = people.volunteer;
    const chrome = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0' };
    await postJson(app, '/api/auth/sign-in', { email: me.email, password: 'not my password' });
    await postJson(app, '/api/auth/sign-in', { email: me.email, password: me.password }, chrome);
    await postJson(app, '/api/auth/sign-in', { email: people.driver.email, password: people.driver.password });
    await postJson(
      app,
      '/api/account/admin/roles',
      { email: me.email, role: 'driver', action: 'grant' },
      loginAs(world, 'admin'),
    );
    expect(ownActivity(db, me.id)).toEqual([
      { type: 'role.granted', at: expect.any(Number) as number, device: null, byStaff: true },
      { type: 'sign_in.success', at: expect.any(Number) as number, device: 'Chrome / Windows', byStaff: false },
      { type: 'sign_in.failure', at: expect.any(Number) as number, device: null, byStaff: false },
    ]);
    // An admin's own reads of the log are not "activity on my account".
    await app.request('/api/account/admin/security-events', { headers: loginAs(world, 'admin') });
    expect(ownActivity(db, people.admin.id)).toEqual([]);

    const exported = await app.request('/api/account/me/export', { headers: loginAs(world, 'volunteer') });
    const data = (await exported.json()) as { securityEvents: { type: string }[] };
    expect(data.securityEvents.map((e) => e.type)).toEqual(['role.granted', 'sign_in.success', 'sign_in.failure']);
    expect(JSON.stringify(data.securityEvents)).not.toMatch(/ipHash|identifierHash/);
  });
});

describe('GET /api/account/admin/security-events', () => {
  it('lists the newest events for admins, filters by type, and records the read', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    await postJson(app, '/api/auth/sign-in', { email: people.driver.email, password: 'not it at all' });
    await postJson(app, '/api/auth/sign-in', { email: people.driver.email, password: people.driver.password });
    const admin = loginAs(world, 'admin');
    const response = await app.request('/api/account/admin/security-events?type=sign_in.failure', { headers: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const { items } = (await response.json()) as { items: SecurityEvent[] };
    expect(items).toMatchObject([
      {
        type: 'sign_in.failure',
        userId: people.driver.id,
        identifierHash: securityHash(db, 'identifier', people.driver.email),
      },
    ]);
    const limited = await app.request('/api/account/admin/security-events?limit=1', { headers: admin });
    expect(((await limited.json()) as { items: SecurityEvent[] }).items.map((e) => e.type)).toEqual([
      'security_events.read',
    ]);
    expect(recentSecurityEvents(db, { type: 'security_events.read' })).toHaveLength(2);
  });

  it('answers 400 for an unknown type or a limit out of range, 403 for a coordinator', async () => {
    const world = await createWorld();
    const admin = loginAs(world, 'admin');
    for (const query of ['type=password', 'limit=0', 'limit=501', 'limit=x']) {
      const response = await world.app.request(`/api/account/admin/security-events?${query}`, { headers: admin });
      expect(response.status, query).toBe(400);
    }
    const coordinator = await world.app.request('/api/account/admin/security-events', {
      headers: loginAs(world, 'coordinator'),
    });
    expect(coordinator.status).toBe(403);
  });
});
