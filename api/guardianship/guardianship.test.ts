/**
 * Guardianships end to end through the API: a coordinator records a guardian (validated, audited),
 * the guardian sees the person, reads their record (audited with capacity guardian), records and
 * withdraws consents for them (consent log capacity guardian) and downloads their data; an ended
 * or not yet started guardianship grants nothing, and a guardian reaches nobody else.
 */
import { describe, expect, it } from 'vitest';
import { getAuthFor } from '../test/auth.ts';
import { serviceContextFor } from '../test/context.ts';
import { guardianFixtures } from '../test/guardian-world.ts';
import { seedDemoData } from '../db/seed.ts';
import { createTestDb, createTestUser, postJson } from '../test/helpers.ts';
import { createWorld, loginAs, type World } from '../test/world.ts';
import { japanDate, myWards, readAsGuardian, startDateProblem } from './service.ts';

const DAY = 86_400;

async function grant(world: World, residentId: string, body: Record<string, unknown>) {
  return postJson(world.app, `/api/coordinator/residents/${residentId}/guardians`, body, loginAs(world, 'coordinator'));
}

async function get(world: World, path: string, persona: Parameters<typeof loginAs>[1]) {
  return world.app.request(path, { headers: loginAs(world, persona) });
}

describe('recording a guardian (coordinator)', () => {
  it('stores kind, basis, start date and who recorded it, audits it, and lists it', async () => {
    const world = await createWorld();
    const guardian = await createTestUser(world.db, { email: 'kouken@example.jp', displayName: '後見 太郎' });
    const response = await grant(world, world.servedResident, {
      guardianEmail: ' Kouken@Example.jp ',
      kind: 'legal_guardian',
      basis: 'document',
      startsOn: '2026-04-01',
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string };
    expect(
      world.db.get(
        `SELECT resident_id AS residentId, guardian_id AS guardianId, kind, basis, starts_on AS startsOn,
           recorded_by AS recordedBy, ended_at AS endedAt FROM guardianships WHERE id = ?`,
        [created.id],
      ),
    ).toEqual({
      residentId: world.servedResident,
      guardianId: guardian.id,
      kind: 'legal_guardian',
      basis: 'document',
      startsOn: '2026-04-01',
      recordedBy: world.people.coordinator.id,
      endedAt: null,
    });
    expect(
      world.db.get('SELECT actor_id AS actor, detail FROM audit_log WHERE action = ? AND subject_id = ?', [
        'guardianship.granted',
        world.servedResident,
      ]),
    ).toEqual({ actor: world.people.coordinator.id, detail: `${created.id}:legal_guardian:document` });

    const list = await get(world, `/api/coordinator/residents/${world.servedResident}/guardians`, 'coordinator');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        id: created.id,
        guardianName: '後見 太郎',
        guardianEmail: 'kouken@example.jp',
        recordedByName: 'coordinator さん',
        state: japanDate(Math.floor(Date.now() / 1000)) >= '2026-04-01' ? 'active' : 'scheduled',
      }),
    ]);
  });

  it('names the field with the problem: unknown account, unconfirmed address, bad date, missing kind', async () => {
    const world = await createWorld();
    await createTestUser(world.db, { email: 'unverified@example.jp', verified: false });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ guardianEmail: 'nobody@example.jp' }, 'guardianEmail', 'There is no account'],
      [{ guardianEmail: 'unverified@example.jp' }, 'guardianEmail', 'not confirmed'],
      [{ guardianEmail: 'not an address' }, 'guardianEmail', 'name@example.jp'],
      [{ startsOn: '2026-02-30' }, 'startsOn', 'Enter a date'],
      [{ startsOn: '' }, 'startsOn', 'required'],
      [{ startsOn: japanDate(Math.floor(Date.now() / 1000) + 400 * DAY) }, 'startsOn', 'Enter a date'],
    ];
    for (const [change, field, message] of cases) {
      const response = await grant(world, world.servedResident, {
        guardianEmail: world.people.businessB.email,
        kind: 'family',
        basis: 'phone',
        startsOn: '2026-01-05',
        ...change,
      });
      expect(response.status, JSON.stringify(change)).toBe(400);
      const body = (await response.json()) as { error: { details: { field: string; message: string }[] } };
      expect(body.error.details).toEqual([{ field, message: expect.stringContaining(message) as string }]);
    }
    expect(world.db.get('SELECT count(*) AS n FROM guardianships')).toEqual({ n: 0 });
  });

  it('refuses a second open guardianship of the same pair (409), and recording without coordination consent (403)', async () => {
    const world = await createWorld();
    const body = {
      guardianEmail: world.people.businessB.email,
      kind: 'family',
      basis: 'phone',
      startsOn: '2026-01-05',
    };
    expect((await grant(world, world.servedResident, body)).status).toBe(201);
    const again = await grant(world, world.servedResident, body);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'already_guardian' } });

    await postJson(
      world.app,
      `/api/coordinator/residents/${world.servedResident}/consents`,
      { purpose: 'coordination', action: 'withdrawn', channel: 'phone', decidedBy: 'person' },
      loginAs(world, 'coordinator'),
    );
    const withdrawn = await grant(world, world.servedResident, { ...body, guardianEmail: world.people.admin.email });
    expect(withdrawn.status).toBe(403);
    expect(await withdrawn.json()).toMatchObject({ error: { code: 'consent_withdrawn' } });
  });

  it('refuses a person as their own guardian', async () => {
    const world = await createWorld();
    const self = await createTestUser(world.db, { email: 'self@example.jp' });
    const now = Math.floor(Date.now() / 1000);
    world.db.run(
      "INSERT INTO support_relations (resident_id, supporter_id, capacity, created_by, created_at) VALUES (?, ?, 'proxy', ?, ?)",
      [self.id, world.people.coordinator.id, world.people.coordinator.id, now],
    );
    world.db.run(
      `INSERT INTO consents (subject_id, actor_id, capacity, decided_by, purpose, policy_version, channel, action, at)
       VALUES (?, ?, 'self', 'person', 'coordination', 'x', 'web', 'granted', ?)`,
      [self.id, self.id, now],
    );
    const response = await grant(world, self.id, {
      guardianEmail: self.email,
      kind: 'family',
      basis: 'phone',
      startsOn: '2026-01-05',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { details: [{ field: 'guardianEmail' }] } });
  });
});

describe('acting as a guardian', () => {
  it('lists, reads (audited with capacity guardian), records consent with capacity guardian, and downloads', async () => {
    const world = await createWorld();
    const { activeId } = guardianFixtures(world);
    const guardianId = world.people.resident.id;

    const list = await get(world, '/api/guardian/people', 'resident');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(await list.json()).toEqual({
      items: [
        {
          guardianshipId: activeId,
          residentId: world.servedResident,
          displayName: '支援 される人',
          kind: 'family',
          startsOn: japanDate(Math.floor(Date.now() / 1000) - DAY),
        },
      ],
    });

    const read = await get(world, `/api/guardian/people/${world.servedResident}`, 'resident');
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      displayName: '支援 される人',
      supportNeeds: '車いすを使用',
      guardianship: { id: activeId, kind: 'family' },
    });
    expect(
      world.db.get('SELECT detail FROM audit_log WHERE actor_id = ? AND action = ? AND subject_id = ?', [
        guardianId,
        'resident.read',
        world.servedResident,
      ]),
    ).toEqual({ detail: 'capacity:guardian,with_sensitive' });

    const withdraw = await postJson(
      world.app,
      `/api/guardian/people/${world.servedResident}/consents`,
      { purpose: 'sensitive_support', action: 'withdrawn' },
      loginAs(world, 'resident'),
    );
    expect(withdraw.status).toBe(200);
    const latest = world.db.get<Record<string, unknown>>(
      `SELECT actor_id AS actor, capacity, decided_by AS decidedBy, channel, action, purpose
       FROM consents WHERE subject_id = ? ORDER BY id DESC LIMIT 1`,
      [world.servedResident],
    );
    expect(latest).toEqual({
      actor: guardianId,
      capacity: 'guardian',
      decidedBy: 'guardian',
      channel: 'web',
      action: 'withdrawn',
      purpose: 'sensitive_support',
    });
    // The withdrawal has its effect at once: the sensitive field is erased.
    expect(world.db.get('SELECT support_needs AS s FROM users WHERE id = ?', [world.servedResident])).toEqual({
      s: null,
    });
    expect(
      world.db.get('SELECT detail FROM audit_log WHERE actor_id = ? AND action = ?', [
        guardianId,
        'resident.consent_by_guardian',
      ]),
    ).toEqual({ detail: 'sensitive_support:withdrawn' });

    const account = await postJson(
      world.app,
      `/api/guardian/people/${world.servedResident}/consents`,
      { purpose: 'account', action: 'withdrawn' },
      loginAs(world, 'resident'),
    );
    expect(account.status).toBe(409);

    const download = await get(world, `/api/guardian/people/${world.servedResident}/export`, 'resident');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    const data = (await download.json()) as {
      profile: { id: string };
      consents: { capacity: string; recordedBy: unknown }[];
      guardianships: { guardians: { guardian: { id: string }; endedAt: number | null }[] };
    };
    expect(data.profile.id).toBe(world.servedResident);
    expect(data.consents.at(-1)).toMatchObject({ capacity: 'guardian', recordedBy: { id: guardianId } });
    expect(data.guardianships.guardians.map((g) => g.guardian.id)).toContain(guardianId);
    expect(
      world.db.get('SELECT detail FROM audit_log WHERE actor_id = ? AND action = ?', [guardianId, 'account.exported']),
    ).toEqual({ detail: 'by_guardian' });

    // The guardian's own download lists whom they are guardian of.
    const mine = (await (await get(world, '/api/account/me/export', 'resident')).json()) as {
      guardianships: { guardianOf: { person: { id: string } }[] };
    };
    expect(mine.guardianships.guardianOf.map((g) => g.person.id)).toContain(world.servedResident);
  });

  it('reaches nobody else: another person, an ended or a not yet started guardianship give 404', async () => {
    const world = await createWorld();
    guardianFixtures(world);
    const expectNotFound = async (persona: 'resident' | 'driver' | 'volunteer', residentId: string) => {
      for (const path of [`/api/guardian/people/${residentId}`, `/api/guardian/people/${residentId}/export`]) {
        expect((await get(world, path, persona)).status, `${persona} ${path}`).toBe(404);
      }
      const consent = await postJson(
        world.app,
        `/api/guardian/people/${residentId}/consents`,
        { purpose: 'matching', action: 'granted' },
        loginAs(world, persona),
      );
      expect(consent.status).toBe(404);
    };
    await expectNotFound('resident', world.unservedResident);
    await expectNotFound('driver', world.servedResident);
    await expectNotFound('volunteer', world.servedResident);
    for (const persona of ['driver', 'volunteer'] as const) {
      expect(await (await get(world, '/api/guardian/people', persona)).json()).toEqual({ items: [] });
    }
    // No consent and no audit entry came from the refused attempts.
    expect(world.db.get("SELECT count(*) AS n FROM consents WHERE capacity = 'guardian'", [])).toEqual({ n: 0 });
  });

  it('a scheduled guardianship starts granting on its start date (Japan time)', async () => {
    const world = await createWorld();
    guardianFixtures(world);
    const now = Math.floor(Date.now() / 1000);
    const volunteer = getAuthFor(world, 'volunteer');
    expect(() => readAsGuardian(serviceContextFor(world, now), volunteer, world.servedResident)).toThrow(
      /no such person/,
    );
    expect(readAsGuardian(serviceContextFor(world, now + 31 * DAY), volunteer, world.servedResident).id).toBe(
      world.servedResident,
    );
  });
});

describe('ending a guardianship', () => {
  it('takes access away at once, keeps the row as history, and cannot be ended twice', async () => {
    const world = await createWorld();
    const { activeId } = guardianFixtures(world);
    const path = `/api/coordinator/residents/${world.servedResident}/guardians/${activeId}/end`;
    const ended = await postJson(world.app, path, {}, loginAs(world, 'coordinator'));
    expect(ended.status).toBe(200);
    expect(await ended.json()).toMatchObject({ id: activeId, endedBy: world.people.coordinator.id });
    expect((await get(world, `/api/guardian/people/${world.servedResident}`, 'resident')).status).toBe(404);
    expect(await (await get(world, '/api/guardian/people', 'resident')).json()).toEqual({ items: [] });
    expect((await postJson(world.app, path, {}, loginAs(world, 'coordinator'))).status).toBe(409);
    expect(
      world.db.get('SELECT count(*) AS n FROM audit_log WHERE action = ? AND subject_id = ?', [
        'guardianship.ended',
        world.servedResident,
      ]),
    ).toEqual({ n: 1 });
    // History stays: the row can be neither deleted nor rewritten.
    expect(() => world.db.run('DELETE FROM guardianships WHERE id = ?', [activeId])).toThrow(/never deleted/);
    expect(() => world.db.run("UPDATE guardianships SET kind = 'supporter' WHERE id = ?", [activeId])).toThrow(
      /only be ended/,
    );
  });

  it('ends with the deletion of the resident’s account', async () => {
    const world = await createWorld();
    const { activeId } = guardianFixtures(world);
    const response = await world.app.request(`/api/coordinator/residents/${world.servedResident}`, {
      method: 'DELETE',
      headers: loginAs(world, 'coordinator'),
    });
    expect(response.status).toBe(200);
    expect(
      world.db.get('SELECT ended_by AS endedBy FROM guardianships WHERE id = ? AND ended_at IS NOT NULL', [activeId]),
    ).toEqual({ endedBy: world.people.coordinator.id });
    expect((await get(world, `/api/guardian/people/${world.servedResident}`, 'resident')).status).toBe(404);
  });
});

describe('demo data', () => {
  it('makes the demo resident the family guardian of the demo proxy resident', () => {
    const db = createTestDb();
    seedDemoData(db);
    const auth = { user: { id: 'demoresident0000000000000' } } as Parameters<typeof myWards>[1];
    expect(myWards(serviceContextFor({ db, config: {} as World['config'] }), auth)).toEqual([
      expect.objectContaining({ residentId: 'demoproxyresident00000000', kind: 'family' }),
    ]);
  });
});

describe('startDateProblem', () => {
  const now = Date.UTC(2026, 5, 1, 3) / 1000;
  it('accepts real dates up to a year ahead and refuses the rest', () => {
    expect(startDateProblem('2026-06-01', now)).toBeNull();
    expect(startDateProblem('1990-01-31', now)).toBeNull();
    expect(startDateProblem('2027-06-01', now)).toBeNull();
    expect(startDateProblem('2027-06-03', now)).toBe('date_invalid');
    expect(startDateProblem('2026-02-29', now)).toBe('date_invalid');
    expect(startDateProblem('2026-13-01', now)).toBe('date_invalid');
    expect(startDateProblem('1899-12-31', now)).toBe('date_invalid');
    expect(startDateProblem('1 June 2026', now)).toBe('date_invalid');
    expect(startDateProblem('  ', now)).toBe('required');
  });
  it('uses the date in Japan', () => {
    expect(japanDate(Date.UTC(2026, 0, 1, 14, 59) / 1000)).toBe('2026-01-01');
    expect(japanDate(Date.UTC(2026, 0, 1, 15, 0) / 1000)).toBe('2026-01-02');
  });
});
