/**
 * My profile, roles granted by admins, and the demo accounts.
 */
import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../db/seed.ts';
import { createTestApp, postJson } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.ts';

describe('my profile', () => {
  it('changes my own fields with per-field problems, and never someone else’s', async () => {
    const world = await createWorld();
    const bad = await postJson(
      world.app,
      '/api/account/me',
      { displayName: '', phone: 'call me', districtId: 'atlantis' },
      loginAs(world, 'resident'),
      'PATCH',
    );
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { details: { field: string }[] } }).error.details
      .map((d) => d.field)
      .sort();
    expect(fields).toEqual(['displayName', 'districtId', 'phone']);
    const ok = await postJson(
      world.app,
      '/api/account/me',
      { displayName: ' 日田 ゆき ', phone: '０９７３－００－１２３４', districtId: 'oyama', locale: 'easy' },
      loginAs(world, 'resident'),
      'PATCH',
    );
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      displayName: '日田 ゆき',
      phone: '0973-00-1234',
      districtId: 'oyama',
      locale: 'easy',
    });
    const other = world.db.get<{ name: string }>('SELECT display_name AS name FROM users WHERE id = ?', [
      world.people.volunteer.id,
    ])!;
    expect(other.name).toBe('volunteer さん');
  });
});

describe('roles', () => {
  it('an admin grants the coordinator role, which opens the console; the change is audited', async () => {
    const world = await createWorld();
    expect(
      (await world.app.request('/api/organizations/pending', { headers: loginAs(world, 'volunteer') })).status,
    ).toBe(403);
    const granted = await postJson(
      world.app,
      '/api/account/admin/roles',
      { email: world.people.volunteer.email, role: 'coordinator', action: 'grant' },
      loginAs(world, 'admin'),
    );
    expect(await granted.json()).toMatchObject({ changed: true, role: 'coordinator' });
    expect(
      (await world.app.request('/api/organizations/pending', { headers: loginAs(world, 'volunteer') })).status,
    ).toBe(200);
    expect(
      world.db.get('SELECT detail FROM audit_log WHERE action = ? AND subject_id = ?', [
        'role.granted',
        world.people.volunteer.id,
      ]),
    ).toEqual({ detail: 'coordinator' });
    const self = await postJson(
      world.app,
      '/api/account/admin/roles',
      { email: world.people.admin.email, role: 'admin', action: 'revoke' },
      loginAs(world, 'admin'),
    );
    expect(self.status).toBe(409);
  });

  it('an admin can end every session of a person (ASVS 7.4.5), and it is audited', async () => {
    const world = await createWorld();
    const cookie = loginAs(world, 'volunteer');
    expect((await world.app.request('/api/auth/session', { headers: cookie })).status).toBe(200);
    const response = await postJson(
      world.app,
      '/api/account/admin/sessions/end',
      { email: world.people.volunteer.email },
      loginAs(world, 'admin'),
    );
    expect(await response.json()).toEqual({ ended: 1 });
    expect((await world.app.request('/api/auth/session', { headers: cookie })).status).toBe(401);
    expect(world.db.get('SELECT detail FROM audit_log WHERE action = ?', ['sessions.ended_by_admin'])).toEqual({
      detail: '1',
    });
  });

  it('sign-up cannot grant staff roles', async () => {
    const { app } = createTestApp();
    const response = await postJson(app, '/api/auth/sign-up', {
      email: 'x@example.jp',
      password: 'kawa no oto 2026',
      displayName: 'X',
      roles: ['admin'],
      acceptPolicy: true,
    });
    expect(response.status).toBe(400);
  });
});

describe('demo accounts (demo data only)', () => {
  it('exist after seeding and sign in with the documented demo password', async () => {
    const { app, db } = createTestApp();
    expect(seedDemoData(db)).toBe(true);
    for (const account of DEMO_ACCOUNTS.slice(0, 2)) {
      const response = await postJson(app, '/api/auth/sign-in', { email: account.email, password: DEMO_PASSWORD });
      expect(response.status, account.email).toBe(200);
    }
    expect(db.get<{ n: number }>("SELECT count(*) AS n FROM organizations WHERE status = 'pending'")!.n).toBe(1);
  });
});
