/**
 * S9: personal data — the append-only consent log (with guardians and proxies), the audit log of
 * reads of another person's sensitive data, "download my data", deletion that anonymises at once
 * while keeping aggregate counts, and sensitive fields kept out of URLs and logs. Also S8's
 * `Cache-Control: no-store` on every personal response.
 */
import { describe, expect, it, vi } from 'vitest';
import { createTestApp, createTestUser, postJson, sessionCookie, TEST_ORIGIN } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import { ROWS } from '../authz-matrix.ts';
import { consentHistory, hasConsent, recordConsent } from './consents.ts';
import { POLICY_VERSION } from './purposes.ts';

const headersOf = (cookie: string) => ({ cookie, origin: TEST_ORIGIN });

describe('consent log (S9)', () => {
  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    const { db } = createTestApp();
    const user = await createTestUser(db);
    expect(() => db.run("UPDATE consents SET action = 'withdrawn' WHERE subject_id = ?", [user.id])).toThrow(
      /append-only/,
    );
    expect(() => db.run('DELETE FROM consents WHERE subject_id = ?', [user.id])).toThrow(/append-only/);
    expect(() => db.run('DELETE FROM audit_log')).not.toThrow(); // nothing there yet
    db.run("INSERT INTO audit_log (actor_id, action, at) VALUES (NULL, 'audit.read', 1)");
    expect(() => db.run('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() => db.run("UPDATE audit_log SET action = 'x'")).toThrow(/append-only/);
  });

  it('records who, for whom, in which capacity, whose decision, purpose, policy version, channel and time', async () => {
    const { app, db, config } = createTestApp({ now: () => 1_900_000_000 });
    const user = await createTestUser(db);
    const cookie = sessionCookie(db, user.id, config, 1_900_000_000);
    await postJson(app, '/api/account/me/consents', { purpose: 'matching', action: 'granted' }, { cookie });
    await postJson(app, '/api/account/me/consents', { purpose: 'matching', action: 'withdrawn' }, { cookie });
    const entries = consentHistory(db, user.id).filter((e) => e.purpose === 'matching');
    expect(entries).toEqual([
      expect.objectContaining({
        subjectId: user.id,
        actorId: user.id,
        capacity: 'self',
        decidedBy: 'person',
        policyVersion: POLICY_VERSION,
        channel: 'web',
        action: 'granted',
        at: 1_900_000_000,
      }),
      expect.objectContaining({ action: 'withdrawn' }),
    ]);
    expect(hasConsent(db, user.id, 'matching')).toBe(false);
  });

  it('lets a guardian (with an account) consent for the person', async () => {
    const { db } = createTestApp();
    const person = await createTestUser(db);
    const guardian = await createTestUser(db);
    recordConsent(
      db,
      {
        subjectId: person.id,
        actorId: guardian.id,
        capacity: 'guardian',
        decidedBy: 'guardian',
        purpose: 'coordination',
        channel: 'web',
        action: 'granted',
      },
      1,
    );
    expect(hasConsent(db, person.id, 'coordination')).toBe(true);
    expect(consentHistory(db, person.id).at(-1)).toMatchObject({
      actorId: guardian.id,
      capacity: 'guardian',
      decidedBy: 'guardian',
    });
  });

  it('refuses to withdraw the account consent except by deleting the account', async () => {
    const { app, db } = createTestApp();
    const user = await createTestUser(db);
    const response = await postJson(
      app,
      '/api/account/me/consents',
      { purpose: 'account', action: 'withdrawn' },
      { cookie: sessionCookie(db, user.id) },
    );
    expect(response.status).toBe(409);
    expect(hasConsent(db, user.id, 'account')).toBe(true);
  });

  it('erases the sensitive field at once when its consent is withdrawn', async () => {
    const world = await createWorld();
    const { db, app, servedResident } = world;
    expect(
      db.get<{ s: string | null }>('SELECT support_needs AS s FROM users WHERE id = ?', [servedResident])!.s,
    ).not.toBeNull();
    const response = await postJson(
      app,
      `/api/coordinator/residents/${servedResident}/consents`,
      { purpose: 'sensitive_support', action: 'withdrawn', channel: 'phone', decidedBy: 'person' },
      loginAs(world, 'coordinator'),
    );
    expect(response.status).toBe(200);
    expect(
      db.get<{ s: string | null }>('SELECT support_needs AS s FROM users WHERE id = ?', [servedResident])!.s,
    ).toBeNull();
  });
});

describe('audit log (S9)', () => {
  it('records every read of another person’s record, and every act on their behalf', async () => {
    const world = await createWorld();
    const { app, db, servedResident, people } = world;
    const before = db.get<{ n: number }>('SELECT count(*) AS n FROM audit_log')!.n;
    await app.request(`/api/coordinator/residents/${servedResident}`, { headers: loginAs(world, 'coordinator') });
    await app.request(`/api/coordinator/residents/${servedResident}`, { headers: loginAs(world, 'coordinator') });
    await postJson(
      app,
      `/api/coordinator/residents/${servedResident}`,
      { phone: '0973-00-1111' },
      loginAs(world, 'coordinator'),
      'PATCH',
    );
    const entries = db.all<{ actor: string; action: string; subject: string; detail: string | null }>(
      'SELECT actor_id AS actor, action, subject_id AS subject, detail FROM audit_log WHERE id > ? ORDER BY id',
      [before],
    );
    // The PATCH answers with the updated record, which is a read too.
    expect(entries.map((e) => e.action)).toEqual([
      'resident.read',
      'resident.read',
      'resident.updated_by_proxy',
      'resident.read',
    ]);
    expect(entries.every((e) => e.actor === people.coordinator.id && e.subject === servedResident)).toBe(true);
    expect(entries[2]!.detail).toBe('phone');
    // Details never hold the data itself.
    expect(JSON.stringify(entries)).not.toContain('0973');
  });

  it('shows the person who read their data, in their export', async () => {
    const world = await createWorld();
    // A self-registered resident whom the coordinator also supports (e.g. after a phone call).
    const { app, db, people } = world;
    const person = await createTestUser(db, { email: 'self@example.jp' });
    db.run("INSERT INTO support_relations VALUES (?, ?, 'proxy', ?, 1)", [
      person.id,
      people.coordinator.id,
      people.coordinator.id,
    ]);
    recordConsent(
      db,
      {
        subjectId: person.id,
        actorId: person.id,
        capacity: 'self',
        decidedBy: 'person',
        purpose: 'coordination',
        channel: 'web',
        action: 'granted',
      },
      1,
    );
    await app.request(`/api/coordinator/residents/${person.id}`, { headers: loginAs(world, 'coordinator') });
    const data = (await (
      await app.request('/api/account/me/export', { headers: headersOf(sessionCookie(db, person.id)) })
    ).json()) as {
      accessLog: { action: string; by: { name: string } }[];
    };
    expect(data.accessLog).toEqual([
      expect.objectContaining({
        action: 'resident.read',
        by: expect.objectContaining({ name: 'coordinator さん' }) as object,
      }),
    ]);
  });

  it('stops a coordinator from reading once the person withdraws consent to coordination', async () => {
    const world = await createWorld();
    const { app, servedResident } = world;
    await postJson(
      app,
      `/api/coordinator/residents/${servedResident}/consents`,
      { purpose: 'coordination', action: 'withdrawn', channel: 'phone', decidedBy: 'person' },
      loginAs(world, 'coordinator'),
    );
    const response = await app.request(`/api/coordinator/residents/${servedResident}`, {
      headers: loginAs(world, 'coordinator'),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'consent_withdrawn' } });
  });
});

describe('download my data (S9)', () => {
  it('returns everything held about me as a JSON attachment, never cached', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const me = people.businessA;
    await postJson(app, '/api/auth/password-reset', { email: me.email });
    const response = await app.request('/api/account/me/export', { headers: loginAs(world, 'businessA') });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="sasaeai-hita-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'profile',
        'roles',
        'sessions',
        'consents',
        'accessLog',
        'organizations',
        'supporters',
        'messages',
      ]),
    );
    expect(data.profile).toMatchObject({ id: me.id, email: me.email, displayName: 'businessA さん' });
    expect(data.organizations).toEqual([expect.objectContaining({ name: 'A 商店', role: 'owner' })]);
    expect(data.roles).toEqual([expect.objectContaining({ role: 'business' })]);
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|secret_hash|secretHash|password_hash/);
    expect(db.get('SELECT 1 AS one FROM users WHERE id = ?', [me.id])).toBeDefined();
  });
});

describe('account deletion (S9)', () => {
  it('ends every session and erases personal fields at once, keeping aggregate counts', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const me = people.businessA;
    const other = sessionCookie(db, me.id);
    const countsBefore = {
      users: db.get<{ n: number }>('SELECT count(*) AS n FROM users')!.n,
      business: db.get<{ n: number }>("SELECT count(*) AS n FROM user_roles WHERE role = 'business'")!.n,
      consents: db.get<{ n: number }>('SELECT count(*) AS n FROM consents')!.n,
    };
    const wrong = await postJson(
      app,
      '/api/account/me',
      { password: 'not my password' },
      loginAs(world, 'businessA'),
      'DELETE',
    );
    expect(wrong.status).toBe(400);
    const response = await postJson(
      app,
      '/api/account/me',
      { password: me.password },
      loginAs(world, 'businessA'),
      'DELETE',
    );
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect((await app.request('/api/auth/session', { headers: { cookie: other } })).status).toBe(401);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM auth_sessions WHERE user_id = ?', [me.id])!.n).toBe(0);
    const row = db.get<Record<string, unknown>>('SELECT * FROM users WHERE id = ?', [me.id])!;
    expect(row).toMatchObject({
      email: null,
      password_hash: null,
      display_name: '',
      phone: null,
      name_kana: null,
      support_needs: null,
      status: 'deleted',
    });
    expect(db.get('SELECT 1 AS one FROM org_members WHERE user_id = ?', [me.id])).toBeUndefined();
    expect(db.get('SELECT 1 AS one FROM outbox WHERE user_id = ? OR recipient = ?', [me.id, me.email])).toBeUndefined();
    expect({
      users: db.get<{ n: number }>('SELECT count(*) AS n FROM users')!.n,
      business: db.get<{ n: number }>("SELECT count(*) AS n FROM user_roles WHERE role = 'business'")!.n,
      consents: db.get<{ n: number }>('SELECT count(*) AS n FROM consents')!.n,
    }).toEqual(countsBefore);
    expect((await postJson(app, '/api/auth/sign-in', { email: me.email, password: me.password })).status).toBe(401);
    // The address is free again.
    expect(
      (
        await postJson(app, '/api/auth/sign-up', {
          email: me.email,
          password: 'a fresh start 22',
          displayName: 'x',
          acceptPolicy: true,
        })
      ).status,
    ).toBe(202);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM users WHERE email = ?', [me.email])!.n).toBe(1);
  });
});

describe('sensitive fields stay out of URLs and logs (S9)', () => {
  it('no endpoint takes a name, e-mail, phone or health field in its path or query', async () => {
    const world = await createWorld();
    const doc = (await (await world.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    };
    const parameters = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.values(methods).flatMap((operation) =>
        (operation.parameters ?? []).map((p) => `${path} ${p.in}:${p.name}`),
      ),
    );
    const sensitive = /(email|mail|name|kana|phone|tel|address|support|need|health|password|query|search)/i;
    expect(parameters.filter((p) => sensitive.test(p.split(':')[1]!))).toEqual([]);
  });

  it('request logs hold method, path and status only', async () => {
    const world = await createWorld({ config: { logRequests: true } });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await postJson(world.app, '/api/auth/sign-in', {
        email: world.people.resident.email,
        password: 'secret words here',
      });
      await postJson(world.app, '/api/coordinator/residents/search', { query: '支援' }, loginAs(world, 'coordinator'));
      await world.app.request(
        `/api/coordinator/residents/${world.servedResident}?note=${encodeURIComponent('車いす')}`,
        {
          headers: loginAs(world, 'coordinator'),
        },
      );
    } finally {
      spy.mockRestore();
    }
    const log = lines.join('');
    expect(log).toContain('"path":"/api/auth/sign-in"');
    for (const secret of [world.people.resident.email, 'secret words', '支援', '車いす', 'resident さん', 'note=']) {
      expect(log, secret).not.toContain(secret);
    }
  });
});

describe('no-store on personal responses (S8)', () => {
  it('every signed-in endpoint answers with Cache-Control: no-store', async () => {
    const world = await createWorld();
    const personal = ROWS.filter(
      (row) =>
        row.expect.anonymous === 401 && row.method === 'GET' && !row.fresh && Object.values(row.expect).includes(200),
    );
    expect(personal.length).toBeGreaterThan(5);
    for (const row of personal) {
      const persona = (Object.entries(row.expect).find(([p, s]) => p !== 'anonymous' && s === 200)?.[0] ??
        'admin') as 'admin';
      const response = await world.app.request(row.path?.(world, persona) ?? row.template, {
        headers: loginAs(world, persona),
      });
      expect(response.status, row.template).toBe(200);
      expect(response.headers.get('cache-control'), row.template).toBe('no-store');
    }
  });
});
