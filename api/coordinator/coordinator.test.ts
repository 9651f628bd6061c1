/**
 * The coordinator console: proxy registration of a resident without e-mail or phone, with their
 * consent on record (channel, who recorded it, whose decision); finding the people one serves;
 * reading and acting for them leaves audit entries; nobody else gets in.
 */
import { describe, expect, it } from 'vitest';
import { getAuthFor } from '../test/auth.ts';
import { serviceContextFor } from '../test/context.ts';
import { postJson } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import { actForResident, findMyResidents, registerResidentByProxy, searchKind } from './service.ts';

describe('proxy registration', () => {
  it('registers a resident without e-mail or password, with each consent recorded as given by phone', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    const response = await postJson(
      app,
      '/api/coordinator/residents',
      {
        displayName: '上津江 ハナ',
        nameKana: 'かみつえ はな',
        districtId: 'kamitsue',
        supportNeeds: '耳が遠い。電話は大きな声で。',
        purposes: ['coordination', 'sensitive_support'],
        channel: 'phone',
        decidedBy: 'person',
      },
      loginAs(world, 'coordinator'),
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const user = db.get<Record<string, unknown>>(
      'SELECT email, password_hash, registered_by, support_needs FROM users WHERE id = ?',
      [id],
    )!;
    expect(user).toEqual({
      email: null,
      password_hash: null,
      registered_by: people.coordinator.id,
      support_needs: '耳が遠い。電話は大きな声で。',
    });
    const consents = db.all<Record<string, unknown>>(
      'SELECT purpose, actor_id AS actor, capacity, decided_by AS decidedBy, channel, action FROM consents WHERE subject_id = ? ORDER BY id',
      [id],
    );
    expect(consents).toEqual([
      {
        purpose: 'coordination',
        actor: people.coordinator.id,
        capacity: 'proxy',
        decidedBy: 'person',
        channel: 'phone',
        action: 'granted',
      },
      {
        purpose: 'sensitive_support',
        actor: people.coordinator.id,
        capacity: 'proxy',
        decidedBy: 'person',
        channel: 'phone',
        action: 'granted',
      },
    ]);
    expect(
      db.get('SELECT 1 AS one FROM audit_log WHERE action = ? AND subject_id = ?', [
        'resident.registered_by_proxy',
        id,
      ]),
    ).toBeDefined();
  });

  it('refuses sensitive notes without the sensitive-data consent, and any registration without consent to coordination', async () => {
    const world = await createWorld();
    const noSensitive = await postJson(
      world.app,
      '/api/coordinator/residents',
      {
        displayName: 'A',
        supportNeeds: '認知症',
        purposes: ['coordination'],
        channel: 'in_person',
        decidedBy: 'person',
      },
      loginAs(world, 'coordinator'),
    );
    expect(noSensitive.status).toBe(400);
    expect(await noSensitive.json()).toMatchObject({ error: { details: [{ field: 'supportNeeds' }] } });
    const noConsent = await postJson(
      world.app,
      '/api/coordinator/residents',
      { displayName: 'A', purposes: [], channel: 'paper', decidedBy: 'guardian' },
      loginAs(world, 'coordinator'),
    );
    expect(noConsent.status).toBe(400);
    expect(world.db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE display_name = 'A'")!.n).toBe(0);
  });
});

describe('finding and serving residents', () => {
  it('finds only the people I serve, by name or kana, through POST (names stay out of URLs)', async () => {
    const world = await createWorld();
    const search = async (query: string) =>
      (
        (await (
          await postJson(world.app, '/api/coordinator/residents/search', { query }, loginAs(world, 'coordinator'))
        ).json()) as {
          items: { id: string }[];
        }
      ).items.map((r) => r.id);
    expect(await search('')).toEqual([world.servedResident]);
    expect(await search('支援')).toEqual([world.servedResident]);
    expect(await search('てすと')).toEqual([world.servedResident]);
    expect(await search('ほかの')).toEqual([]);
    expect(await search('%')).toEqual([]);
  });

  it('records one resident.search entry per person shown, with the kind of search and never the typed text', async () => {
    const world = await createWorld();
    const { db, people, servedResident } = world;
    const auth = getAuthFor(world, 'coordinator');
    const ctx = serviceContextFor(world);
    const second = registerResidentByProxy(ctx, auth, {
      displayName: '支援 次郎',
      nameKana: 'しえん じろう',
      purposes: ['coordination'],
      channel: 'phone',
      decidedBy: 'person',
    }).id;
    const entries = () =>
      db.all<{ actor: string; subject: string; detail: string }>(
        "SELECT actor_id AS actor, subject_id AS subject, detail FROM audit_log WHERE action = 'resident.search' ORDER BY id",
      );
    expect(
      findMyResidents(ctx, auth, { query: '' })
        .map((r) => r.id)
        .sort(),
    ).toEqual([servedResident, second].sort());
    expect(entries().map((e) => [e.actor, e.detail])).toEqual([
      [people.coordinator.id, 'all'],
      [people.coordinator.id, 'all'],
    ]);
    expect(new Set(entries().map((e) => e.subject))).toEqual(new Set([servedResident, second]));
    expect(findMyResidents(ctx, auth, { query: 'じろう' }).map((r) => r.id)).toEqual([second]);
    expect(findMyResidents(ctx, auth, { query: '次郎' }).map((r) => r.id)).toEqual([second]);
    expect(findMyResidents(ctx, auth, { query: 'どなたも' })).toEqual([]);
    expect(entries().slice(2)).toEqual([
      { actor: people.coordinator.id, subject: second, detail: 'kana' },
      { actor: people.coordinator.id, subject: second, detail: 'name' },
    ]);
    expect(JSON.stringify(db.all('SELECT detail FROM audit_log'))).not.toMatch(/じろう|次郎/);
  });

  it('names the kind of a search: all, kana only, or a name', () => {
    expect(searchKind('')).toBe('all');
    expect(searchKind('かみつえ はな')).toBe('kana');
    expect(searchKind('カミツエ・ハナー')).toBe('kana');
    expect(searchKind('上津江')).toBe('name');
    expect(searchKind('hana')).toBe('name');
  });

  it('acting for a resident checks the relation and consent, and leaves an audit entry', async () => {
    const world = await createWorld();
    const ctx = serviceContextFor(world);
    const coordinator = getAuthFor(world, 'coordinator');
    actForResident(ctx, coordinator, world.servedResident, 'ride_request.created');
    expect(
      world.db.get('SELECT detail FROM audit_log WHERE action = ? AND subject_id = ?', [
        'resident.acted_for',
        world.servedResident,
      ]),
    ).toEqual({ detail: 'ride_request.created' });
    expect(() => actForResident(ctx, coordinator, world.unservedResident, 'x')).toThrow(/no such person/);
  });

  it('another coordinator who does not serve the person gets 404', async () => {
    const world = await createWorld();
    world.db.run("INSERT INTO user_roles (user_id, role, granted_at) VALUES (?, 'coordinator', 1)", [
      world.people.volunteer.id,
    ]);
    const response = await world.app.request(`/api/coordinator/residents/${world.servedResident}`, {
      headers: loginAs(world, 'volunteer'),
    });
    expect(response.status).toBe(404);
  });
});

describe('data rights of a resident without a sign-in of their own', () => {
  it('their coordinator exports their data for them (also after a withdrawal) and deletes the account at their request', async () => {
    const world = await createWorld();
    const { app, db, people, servedResident } = world;
    const coordinator = loginAs(world, 'coordinator');
    // Withdrawing coordination does not take away the right to one's data.
    await postJson(
      app,
      `/api/coordinator/residents/${servedResident}/consents`,
      { purpose: 'coordination', action: 'withdrawn', channel: 'phone', decidedBy: 'person' },
      coordinator,
    );
    const exported = await app.request(`/api/coordinator/residents/${servedResident}/export`, {
      headers: coordinator,
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(exported.headers.get('cache-control')).toBe('no-store');
    expect(JSON.stringify(await exported.json())).toContain('支援 される人');
    const audit = (action: string) =>
      db.all('SELECT actor_id AS actor FROM audit_log WHERE action = ? AND subject_id = ?', [action, servedResident]);
    expect(audit('account.exported')).toEqual([{ actor: people.coordinator.id }]);

    const deleted = await postJson(app, `/api/coordinator/residents/${servedResident}`, {}, coordinator, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(db.get('SELECT status, display_name AS name FROM users WHERE id = ?', [servedResident])).toEqual({
      status: 'deleted',
      name: '',
    });
    expect(db.get('SELECT 1 AS one FROM support_relations WHERE resident_id = ?', [servedResident])).toBeUndefined();
    expect(audit('account.deleted')).toEqual([{ actor: people.coordinator.id }]);
    // Gone: nothing more to read, export or delete.
    const again = await app.request(`/api/coordinator/residents/${servedResident}/export`, { headers: coordinator });
    expect(again.status).toBe(404);
  });

  it('does not delete a person who signs in themselves (they delete on My page)', async () => {
    const world = await createWorld();
    const { app, db, people } = world;
    db.run(
      "INSERT INTO support_relations (resident_id, supporter_id, capacity, created_by, created_at) VALUES (?, ?, 'proxy', ?, ?)",
      [people.volunteer.id, people.coordinator.id, people.coordinator.id, Math.floor(Date.now() / 1000)],
    );
    const response = await postJson(
      app,
      `/api/coordinator/residents/${people.volunteer.id}`,
      {},
      loginAs(world, 'coordinator'),
      'DELETE',
    );
    expect(response.status).toBe(409);
    expect(db.get('SELECT status FROM users WHERE id = ?', [people.volunteer.id])).toEqual({ status: 'active' });
  });
});
