/**
 * Organizations: 法人番号 check digit, registration → pending → coordinator verifies → members act
 * for it; member management without account enumeration.
 */
import { describe, expect, it } from 'vitest';
import { settleDeferred } from '../lib/deferred.ts';
import { serviceContextFor } from '../test/context.ts';
import { postJson } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import { corporateNumberCheckDigit, isValidCorporateNumber } from './corporate-number.ts';
import { assertActsFor } from './service.ts';

describe('法人番号 (corporate number)', () => {
  it('accepts numbers with a correct check digit, including full-width and hyphenated input', () => {
    // 国税庁's own corporate number.
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    expect(isValidCorporateNumber('７０００－０１２０－５０００２')).toBe(true);
  });

  it('refuses a wrong check digit, wrong length or letters', () => {
    for (const bad of ['6000012050002', '700001205000', '70000120500021', '700001205000A', '']) {
      expect(isValidCorporateNumber(bad), bad).toBe(false);
    }
  });
});

describe('organization life cycle', () => {
  it('registers as pending; members cannot act until a coordinator verifies; the owner is e-mailed', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const bad = await postJson(
      app,
      '/api/organizations',
      { name: 'X', kind: 'npo', corporateNumber: '1234567890123' },
      loginAs(world, 'volunteer'),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { details: [{ field: 'corporateNumber' }] } });
    const created = await postJson(
      app,
      '/api/organizations',
      { name: ' 三隈川 NPO ', kind: 'npo', corporateNumber: '7000012050002' },
      loginAs(world, 'volunteer'),
    );
    expect(created.status).toBe(201);
    const org = (await created.json()) as { id: string; status: string; name: string };
    expect(org).toMatchObject({ status: 'pending', name: '三隈川 NPO' });
    const roles = db
      .all<{ role: string }>('SELECT role FROM user_roles WHERE user_id = ?', [people.volunteer.id])
      .map((r) => r.role);
    expect(roles).toContain('business');
    expect(() => assertActsFor(db, people.volunteer.id, org.id)).toThrow(/not verified/);
    const invite = await postJson(
      app,
      `/api/organizations/${org.id}/members`,
      { email: 'x@example.jp' },
      loginAs(world, 'volunteer'),
    );
    expect(invite.status).toBe(403);

    const pending = (await (
      await app.request('/api/organizations/pending', { headers: loginAs(world, 'coordinator') })
    ).json()) as {
      items: { id: string }[];
    };
    expect(pending.items.map((o) => o.id)).toContain(org.id);
    const reviewed = await postJson(
      app,
      `/api/organizations/${org.id}/review`,
      { decision: 'verify', note: '確認しました' },
      loginAs(world, 'coordinator'),
    );
    expect(reviewed.status).toBe(200);
    expect(assertActsFor(db, people.volunteer.id, org.id)).toBe('owner');
    const message = db.get<{ kind: string; body: string }>(
      "SELECT kind, body FROM outbox WHERE recipient = ? AND kind = 'org_reviewed'",
      [people.volunteer.email],
    )!;
    expect(message.body).toContain('三隈川 NPO');
    expect(message.body).toContain('確認しました');
    expect(
      db.get('SELECT 1 AS one FROM audit_log WHERE action = ? AND actor_id = ?', [
        'organization.reviewed',
        people.coordinator.id,
      ]),
    ).toBeDefined();
  });

  it('adds members by e-mail with the same answer whether or not the address has an account', async () => {
    const world = await createWorld();
    const { app, db, orgA, people } = world;
    const known = await postJson(
      app,
      `/api/organizations/${orgA}/members`,
      { email: people.driver.email },
      loginAs(world, 'businessA'),
    );
    const unknown = await postJson(
      app,
      `/api/organizations/${orgA}/members`,
      { email: 'nobody@example.jp' },
      loginAs(world, 'businessA'),
    );
    expect(known.status).toBe(202);
    expect(await unknown.text()).toBe(await known.text());
    await settleDeferred();
    expect(
      db.get('SELECT 1 AS one FROM org_members WHERE org_id = ? AND user_id = ?', [orgA, people.driver.id]),
    ).toBeDefined();
    const kinds = db.all<{ recipient: string; kind: string }>(
      "SELECT recipient, kind FROM outbox WHERE kind LIKE 'org_%' ORDER BY id",
    );
    expect(kinds).toEqual([
      { recipient: people.driver.email, kind: 'org_member_added' },
      { recipient: 'nobody@example.jp', kind: 'org_invite' },
    ]);
    const details = (await (
      await app.request(`/api/organizations/${orgA}`, { headers: loginAs(world, 'driver') })
    ).json()) as {
      myRole: string;
      members: { displayName: string }[];
    };
    expect(details.myRole).toBe('member');
    expect(details.members.map((m) => m.displayName)).toContain('businessA さん');
  });

  it('keeps at least one owner', async () => {
    const world = await createWorld();
    const response = await world.app.request(`/api/organizations/${world.orgA}/members/${world.people.businessA.id}`, {
      method: 'DELETE',
      headers: loginAs(world, 'businessA'),
    });
    expect(response.status).toBe(409);
  });

  it('gives business B nothing about organization A', async () => {
    const world = await createWorld();
    const response = await world.app.request(`/api/organizations/${world.orgA}`, {
      headers: loginAs(world, 'businessB'),
    });
    expect(response.status).toBe(404);
    expect(() => assertActsFor(world.db, world.people.businessB.id, world.orgA)).toThrow();
    expect(serviceContextFor(world).db).toBe(world.db);
  });
});
