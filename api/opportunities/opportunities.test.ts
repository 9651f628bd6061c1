/**
 * Opportunities end to end through the API: posting with shifts (one-off and recurring), the
 * public list and feeds, sign-ups with exact capacity (R2), the waitlist and its promotion with a
 * message in the recipient's language, reminders with an injected clock, attendance and hours,
 * the volunteer profile and explained matches, proxy sign-ups, export and deletion.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymiseUser, collectPersonalData } from '../accounts/service.ts';
import { createTestUser, postJson, sessionCookie, TEST_ORIGIN } from '../test/helpers.ts';
import { createWorld, loginAs, type World } from '../test/world.ts';
import { recordConsent } from '../privacy/consents.ts';
import { ListResponse } from './schema.ts';
import { runOpportunityJobs, sendDueReminders } from './service.ts';
import { expandRecurrence, jstToUnix } from './time.ts';

const HOUR = 3600;
const DAY = 86400;

async function postOpportunity(world: World, as: 'businessA' | 'businessB' | 'coordinator', body: object) {
  return postJson(world.app, '/api/opportunities', body, loginAs(world, as));
}

function baseBody(world: World, starts: number, capacity = 3, extra: object = {}) {
  return {
    orgId: world.orgA,
    title: '川沿いの清掃',
    description: '三隈川の河川敷をみんなで清掃します。',
    category: 'kankyo',
    skills: ['gardening'],
    placeId: 'chuo-kominkan',
    whatToBring: '軍手、飲み物',
    status: 'published',
    shifts: [{ startsAt: starts, endsAt: starts + 2 * HOUR, capacity }],
    ...extra,
  };
}

describe('posting and the public list', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it('lets a member of a verified organization post, and anyone read it without an account', async () => {
    const starts = Math.floor(Date.now() / 1000) + 3 * DAY;
    const response = await postOpportunity(world, 'businessA', baseBody(world, starts));
    expect(response.status).toBe(201);
    const posted = (await response.json()) as { id: number; organizer: string; districtId: string; point: unknown };
    expect(posted.organizer).toBe('A 商店');
    expect(posted.districtId).toBe('kangi'); // from the place
    expect(posted.point).toEqual([130.938333, 33.322232]);

    const list = (await (await world.app.request('/api/opportunities')).json()) as {
      items: { id: number; nextShift: { seatsLeft: number } }[];
    };
    expect(list.items.map((i) => i.id)).toContain(posted.id);
    expect(list.items.find((i) => i.id === posted.id)?.nextShift.seatsLeft).toBe(3);
    const detail = await world.app.request(`/api/opportunities/${posted.id}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(await detail.json())).not.toMatch(/@|createdBy/);
  });

  it('refuses business B posting for organization A, and people without an organization', async () => {
    const starts = Math.floor(Date.now() / 1000) + 3 * DAY;
    expect((await postOpportunity(world, 'businessB', baseBody(world, starts))).status).toBe(403);
    const volunteer = await postJson(
      world.app,
      '/api/opportunities',
      baseBody(world, starts),
      loginAs(world, 'volunteer'),
    );
    expect(volunteer.status).toBe(403);
  });

  it('reports field problems with 400 and details', async () => {
    const response = await postOpportunity(world, 'businessA', {
      ...baseBody(world, Math.floor(Date.now() / 1000) - DAY),
      title: '',
      placeId: 'no-such-place',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { field: string }[] } };
    expect(body.error.details.map((d) => d.field).sort()).toEqual(['placeId', 'shifts.0.startsAt', 'title']);
  });

  it('keeps drafts out of the list and detail until published, then filters by category, 地区 and date', async () => {
    const starts = jstToUnix(nextDate(10), '09:00')!;
    const created = (await (
      await postOpportunity(world, 'coordinator', {
        ...baseBody(world, starts),
        orgId: null,
        title: '見守り訪問',
        category: 'mimamori',
        placeId: null,
        districtId: 'amagase',
        address: '天瀬町の集会所',
        status: 'draft',
      })
    ).json()) as { id: number; organizer: string | null };
    expect(created.organizer).toBeNull();
    expect((await world.app.request(`/api/opportunities/${created.id}`)).status).toBe(404);
    const patched = await postJson(
      world.app,
      `/api/opportunities/${created.id}`,
      { status: 'published' },
      loginAs(world, 'coordinator'),
      'PATCH',
    );
    expect(patched.status).toBe(200);
    const ids = async (query: string) =>
      (
        (await (await world.app.request(`/api/opportunities?${query}`)).json()) as { items: { id: number }[] }
      ).items.map((i) => i.id);
    expect(await ids('category=mimamori')).toEqual([created.id]);
    expect(await ids('district=amagase')).toEqual([created.id]);
    expect(await ids(`from=${nextDate(10)}&to=${nextDate(10)}`)).toEqual([created.id]);
    expect(await ids(`from=${nextDate(11)}&category=mimamori`)).toEqual([]);
    expect((await world.app.request('/api/opportunities?from=2026-13-45')).status).toBe(400);
  });

  it('pages the list', async () => {
    const base = Math.floor(Date.now() / 1000) + 20 * DAY;
    for (let i = 0; i < 5; i++) {
      await postOpportunity(world, 'businessA', { ...baseBody(world, base + i * HOUR), title: `ページ ${i}` });
    }
    const first = (await (await world.app.request('/api/opportunities?perPage=3')).json()) as {
      items: { id: number }[];
      nextPage: number | null;
    };
    expect(first.items).toHaveLength(3);
    expect(first.nextPage).toBe(2);
    const second = (await (await world.app.request('/api/opportunities?perPage=3&page=2')).json()) as {
      items: { id: number }[];
    };
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]?.id);
  });

  it('answers the documented shape (built by SQLite), soonest first, with no next page at the end', async () => {
    const response = await world.app.request('/api/opportunities?perPage=100');
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const list = ListResponse.strict().parse(await response.json());
    expect(list.items.length).toBeGreaterThan(0);
    expect(list).toMatchObject({ page: 1, perPage: 100, nextPage: null });
    const starts = list.items.map((item) => item.nextShift?.startsAt ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (const item of list.items) {
      expect(typeof item.sample).toBe('boolean');
      expect(item.nextShift?.seatsLeft).toBeGreaterThanOrEqual(0);
    }
    const empty = ListResponse.parse(await (await world.app.request('/api/opportunities?page=9999')).json());
    expect(empty).toEqual({ items: [], page: 9999, perPage: 20, nextPage: null });
  });

  it('serves an iCal feed with the public fields', async () => {
    const response = await world.app.request('/api/opportunities/feed.ics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/calendar/);
    const text = await response.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('SUMMARY:川沿いの清掃');
    expect(text).not.toMatch(/@world\.example\.jp/);
  });

  it('expands a recurrence with rrule, skipping national holidays', async () => {
    const occurrences = expandRecurrence({
      rule: 'FREQ=MONTHLY;BYDAY=+2MO',
      firstDate: '2027-01-01',
      lastDate: '2027-03-31',
      start: '10:00',
      end: '12:00',
      skipHolidays: true,
    });
    // 2027-01-11 is 成人の日 (a holiday): skipped.
    expect(occurrences.map((o) => new Date((o.startsAt + 9 * HOUR) * 1000).toISOString().slice(0, 16))).toEqual([
      '2027-02-08T10:00',
      '2027-03-08T10:00',
    ]);
    const starts = Math.floor(Date.now() / 1000) + DAY;
    const response = await postOpportunity(world, 'businessA', {
      ...baseBody(world, starts),
      shifts: [],
      recurrence: {
        rule: 'FREQ=WEEKLY;BYDAY=SA',
        firstDate: nextDate(1),
        lastDate: nextDate(29),
        start: '09:00',
        end: '11:00',
        skipHolidays: false,
        capacity: 4,
      },
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { allShifts: unknown[]; recurrence: string };
    expect(body.allShifts.length).toBeGreaterThanOrEqual(4);
    expect(body.recurrence).toBe('FREQ=WEEKLY;BYDAY=SA');
  });
});

/** The Japan date `days` from today. */
function nextDate(days: number): string {
  return new Date(Date.now() + 9 * HOUR * 1000 + days * DAY * 1000).toISOString().slice(0, 10);
}

async function publishedShift(world: World, capacity: number, startsIn = 3 * DAY, extra: object = {}) {
  const starts = Math.floor(Date.now() / 1000) + startsIn;
  const response = await postOpportunity(world, 'businessA', baseBody(world, starts, capacity, extra));
  const body = (await response.json()) as { id: number; allShifts: { id: number }[] };
  return { opportunityId: body.id, shiftId: body.allShifts[0]!.id, starts };
}

describe('R2: capacity is exact under concurrency', () => {
  it('confirms exactly 50 of 500 concurrent sign-ups (app.request), waitlists the rest, no duplicates', async () => {
    const world = await createWorld();
    const { shiftId } = await publishedShift(world, 50);
    const cookies: string[] = [];
    for (let i = 0; i < 500; i++) {
      const user = await createTestUser(world.db, { email: `r2-${i}@example.jp`, roles: ['volunteer'] });
      cookies.push(sessionCookie(world.db, user.id, world.config));
    }
    // Every person twice: a duplicate must not take a second seat or a second row.
    const requests = [...cookies, ...cookies.slice(0, 100)].map((cookie) =>
      postJson(world.app, `/api/opportunities/shifts/${shiftId}/signups`, {}, { cookie }),
    );
    const responses = await Promise.all(requests);
    const results = (await Promise.all(responses.map((r) => r.json()))) as { status: string; created: boolean }[];
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const counts = world.db.all<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM signups WHERE shift_id = ? GROUP BY status ORDER BY status',
      [shiftId],
    );
    expect(counts).toEqual([
      { status: 'confirmed', n: 50 },
      { status: 'waitlisted', n: 450 },
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(500);
    expect(world.db.get('SELECT confirmed_count AS n FROM shifts WHERE id = ?', [shiftId])).toEqual({ n: 50 });
  }, 120_000);

  it('does the same through a real HTTP server', async () => {
    const world = await createWorld();
    const { shiftId } = await publishedShift(world, 50);
    const cookies: string[] = [];
    for (let i = 0; i < 500; i++) {
      const user = await createTestUser(world.db, { email: `http-${i}@example.jp` });
      cookies.push(sessionCookie(world.db, user.id, world.config));
    }
    const server = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    try {
      const statuses = await Promise.all(
        cookies.map(async (cookie) => {
          const response = await fetch(`http://127.0.0.1:${port}/api/opportunities/shifts/${shiftId}/signups`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie },
            body: '{}',
          });
          return ((await response.json()) as { status: string }).status;
        }),
      );
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(50);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(450);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const rows = world.db.get<{ n: number; people: number }>(
      "SELECT count(*) AS n, count(DISTINCT user_id) AS people FROM signups WHERE shift_id = ? AND status = 'confirmed'",
      [shiftId],
    );
    expect(rows).toEqual({ n: 50, people: 50 });
  }, 120_000);
});

describe('waitlist, cancellation, reminders, attendance and hours', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });

  it('promotes the first waitlisted person on cancellation and tells them in their language', async () => {
    const { shiftId } = await publishedShift(world, 1);
    const first = await createTestUser(world.db, { email: 'first@example.jp', locale: 'ja' });
    const second = await createTestUser(world.db, { email: 'second@example.jp', locale: 'en', displayName: 'Ann' });
    const third = await createTestUser(world.db, { email: 'third@example.jp', locale: 'easy' });
    const signUp = (user: { id: string }) =>
      postJson(
        world.app,
        `/api/opportunities/shifts/${shiftId}/signups`,
        {},
        {
          cookie: sessionCookie(world.db, user.id, world.config),
        },
      ).then((r) => r.json() as Promise<{ signupId: number; status: string; position: number | null }>);
    const a = await signUp(first);
    const b = await signUp(second);
    const c = await signUp(third);
    expect([a.status, b.status, c.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
    expect([b.position, c.position]).toEqual([1, 2]);

    // Someone else cannot cancel it.
    const other = await world.app.request(`/api/opportunities/signups/${a.signupId}`, {
      method: 'DELETE',
      headers: loginAs(world, 'volunteer'),
    });
    expect(other.status).toBe(404);
    const cancel = await world.app.request(`/api/opportunities/signups/${a.signupId}`, {
      method: 'DELETE',
      headers: { origin: TEST_ORIGIN, cookie: sessionCookie(world.db, first.id, world.config) },
    });
    expect(await cancel.json()).toEqual({ signupId: a.signupId, status: 'cancelled', promotedSignupId: b.signupId });
    const message = world.db.get<{ subject: string; body: string; locale: string }>(
      "SELECT subject, body, locale FROM outbox WHERE recipient = 'second@example.jp' AND kind = 'opportunity_promoted'",
    );
    expect(message?.locale).toBe('en');
    expect(message?.subject).toBe('A place is free for you: "川沿いの清掃"');
    expect(message?.body).toContain('Dear Ann');
    expect(message?.body).toContain('What to bring: 軍手、飲み物');
    expect(message?.body).toMatch(/http:\/\/localhost:4321\/en\/opportunities\/\d+/);
    const mine = (await (
      await world.app.request('/api/opportunities/signups/mine', {
        headers: { cookie: sessionCookie(world.db, third.id, world.config) },
      })
    ).json()) as { upcoming: { status: string; position: number }[] };
    expect(mine.upcoming[0]).toMatchObject({ status: 'waitlisted', position: 1 });
  });

  it('sends each reminder once, from 24 hours before the shift (injected clock)', async () => {
    const { shiftId, starts } = await publishedShift(world, 5, 3 * DAY);
    const volunteer = await createTestUser(world.db, { email: 'remind@example.jp' });
    await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/signups`,
      {},
      {
        cookie: sessionCookie(world.db, volunteer.id, world.config),
      },
    );
    const reminders = () =>
      world.db.all("SELECT body FROM outbox WHERE recipient = 'remind@example.jp' AND kind = 'opportunity_reminder'");
    expect(sendDueReminders(world.db, world.config, starts - 2 * DAY)).toBe(0);
    expect(reminders()).toHaveLength(0);
    expect(runOpportunityJobs(world.db, world.config, starts - 23 * HOUR).reminders).toBeGreaterThanOrEqual(1);
    expect(reminders()).toHaveLength(1);
    expect(sendDueReminders(world.db, world.config, starts - 22 * HOUR)).toBe(0);
    expect(reminders()).toHaveLength(1);
  });

  it('lets the organizer record attendance once the shift started; the volunteer sees the hours', async () => {
    const clock = { now: Math.floor(Date.now() / 1000) };
    const { app, db, config } = world;
    void app;
    const { shiftId, starts } = await publishedShift(world, 5, 2 * DAY);
    const volunteer = await createTestUser(db, { email: 'hours@example.jp' });
    const cookie = sessionCookie(db, volunteer.id, config);
    const signup = (await (
      await postJson(world.app, `/api/opportunities/shifts/${shiftId}/signups`, {}, { cookie })
    ).json()) as { signupId: number };
    const attendance = { entries: [{ signupId: signup.signupId, attendance: 'attended' }] };
    const early = await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/attendance`,
      attendance,
      loginAs(world, 'businessA'),
    );
    expect(early.status).toBe(409);
    // A later clock: an app over the same database at the end of the shift.
    const { createApp } = await import('../app.ts');
    const later = createApp({ db, config, now: () => starts + 2 * HOUR });
    const byB = await postJson(
      later,
      `/api/opportunities/shifts/${shiftId}/attendance`,
      attendance,
      loginAs(world, 'businessB'),
    );
    expect(byB.status).toBe(404);
    const byA = await postJson(
      later,
      `/api/opportunities/shifts/${shiftId}/attendance`,
      attendance,
      loginAs(world, 'businessA'),
    );
    expect(await byA.json()).toEqual({ recorded: 1 });
    const mine = (await (await later.request('/api/opportunities/signups/mine', { headers: { cookie } })).json()) as {
      past: { attendance: string; minutes: number }[];
      hours: { totalMinutes: number; activities: number };
    };
    expect(mine.past[0]).toMatchObject({ attendance: 'attended', minutes: 120 });
    expect(mine.hours).toMatchObject({ totalMinutes: 120, activities: 1 });
    void clock;
  });

  it('shows the roster to the organizer and coordinators only, contacts to coordinators only, and audits', async () => {
    const { opportunityId, shiftId } = await publishedShift(world, 2);
    const volunteer = await createTestUser(world.db, { email: 'roster@example.jp', displayName: '名簿 太郎' });
    await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/signups`,
      {},
      {
        cookie: sessionCookie(world.db, volunteer.id, world.config),
      },
    );
    const asB = await world.app.request(`/api/opportunities/${opportunityId}/roster`, {
      headers: loginAs(world, 'businessB'),
    });
    expect(asB.status).toBe(404);
    const asA = await world.app.request(`/api/opportunities/${opportunityId}/roster`, {
      headers: loginAs(world, 'businessA'),
    });
    expect(asA.status).toBe(200);
    expect(asA.headers.get('cache-control')).toBe('no-store');
    const roster = (await asA.json()) as { shifts: { roster: { name: string; email: string | null }[] }[] };
    expect(roster.shifts[0]?.roster[0]).toMatchObject({ name: '名簿 太郎', email: null, phone: null });
    const asCoordinator = await world.app.request(`/api/opportunities/${opportunityId}/roster`, {
      headers: loginAs(world, 'coordinator'),
    });
    const forCoordinator = (await asCoordinator.json()) as typeof roster;
    expect(forCoordinator.shifts[0]?.roster[0]).toMatchObject({ name: '名簿 太郎', email: 'roster@example.jp' });
    expect(
      world.db.get("SELECT actor_id AS actor FROM audit_log WHERE action = 'volunteer.read' AND subject_id = ?", [
        volunteer.id,
      ]),
    ).toEqual({ actor: world.people.businessA.id });
  });
});

describe('profile, matches, proxy sign-ups and personal data', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(() => world.db.close());

  it('uses the profile only with the consent for matching: asked when saving, stopped by withdrawal', async () => {
    const person = await createTestUser(world.db, { email: 'consent-matching@example.jp' });
    const headers = { cookie: sessionCookie(world.db, person.id, world.config) };
    const refused = await postJson(world.app, '/api/opportunities/profile', { districtId: 'kangi' }, headers, 'PUT');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'consent_required', details: [{ field: 'consentToMatching' }] },
    });
    expect(world.db.get('SELECT 1 AS one FROM volunteer_profiles WHERE user_id = ?', [person.id])).toBeUndefined();
    const matches = async () =>
      (await (await world.app.request('/api/matches/opportunities', { headers })).json()) as {
        consentNeeded: boolean;
        items: unknown[];
      };
    expect(await matches()).toMatchObject({ consentNeeded: true, items: [] });

    const saved = await postJson(
      world.app,
      '/api/opportunities/profile',
      { districtId: 'kangi', consentToMatching: true },
      headers,
      'PUT',
    );
    expect(saved.status).toBe(200);
    expect(
      world.db.all("SELECT action, channel FROM consents WHERE subject_id = ? AND purpose = 'matching'", [person.id]),
    ).toEqual([{ action: 'granted', channel: 'web' }]);
    expect((await matches()).consentNeeded).toBe(false);
    // Later saves need no new tick, and record no second grant.
    expect((await postJson(world.app, '/api/opportunities/profile', { maxTravelKm: 5 }, headers, 'PUT')).status).toBe(
      200,
    );
    expect(
      world.db.get("SELECT count(*) AS n FROM consents WHERE subject_id = ? AND purpose = 'matching'", [person.id]),
    ).toEqual({ n: 1 });

    recordConsent(
      world.db,
      {
        subjectId: person.id,
        actorId: person.id,
        capacity: 'self',
        decidedBy: 'person',
        purpose: 'matching',
        channel: 'web',
        action: 'withdrawn',
      },
      Math.floor(Date.now() / 1000),
    );
    expect(await matches()).toMatchObject({ consentNeeded: true, items: [] });
  });

  it('matches with reasons in the person’s language', async () => {
    const saturday = jstToUnix(nextSaturday(), '09:30')!;
    await publishedShift(world, 5, saturday - Math.floor(Date.now() / 1000), {
      category: 'mimamori',
      skills: ['driving'],
    });
    const headers = loginAs(world, 'volunteer');
    const saved = await postJson(
      world.app,
      '/api/opportunities/profile',
      {
        districtId: 'kangi',
        interests: ['mimamori'],
        skills: ['driving'],
        availability: ['6:morning'],
        maxTravelKm: 10,
        consentToMatching: true,
      },
      headers,
      'PUT',
    );
    expect(saved.status).toBe(200);
    const bad = await postJson(world.app, '/api/opportunities/profile', { districtId: 'atlantis' }, headers, 'PUT');
    expect(bad.status).toBe(400);
    const ja = (await (await world.app.request('/api/matches/opportunities', { headers })).json()) as {
      items: { reasons: string[] }[];
    };
    expect(ja.items[0]?.reasons).toEqual(
      expect.arrayContaining([
        'あなたの地区のすぐ近くです',
        '土曜の午前に参加できます',
        '関心のある「見守り・声かけ」の活動です',
        'あなたの「車の運転」が生かせます',
      ]),
    );
    const en = (await (await world.app.request('/api/matches/opportunities?locale=en', { headers })).json()) as {
      items: { reasons: string[] }[];
    };
    expect(en.items[0]?.reasons.join(' ')).toMatch(/Saturday|Sat/);
  });

  it('lets a coordinator sign up a resident they support (audited), not one they do not', async () => {
    const { shiftId } = await publishedShift(world, 3);
    const headers = loginAs(world, 'coordinator');
    const ok = await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/signups`,
      { forUserId: world.servedResident },
      headers,
    );
    expect(ok.status).toBe(201);
    expect(
      world.db.get("SELECT detail FROM audit_log WHERE action = 'resident.acted_for' AND subject_id = ?", [
        world.servedResident,
      ]),
    ).toEqual({ detail: `opportunity.signup:${shiftId}` });
    const no = await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/signups`,
      { forUserId: world.unservedResident },
      headers,
    );
    expect(no.status).toBe(404);
    const notCoordinator = await postJson(
      world.app,
      `/api/opportunities/shifts/${shiftId}/signups`,
      { forUserId: world.servedResident },
      loginAs(world, 'volunteer'),
    );
    expect(notCoordinator.status).toBe(404);
    // The resident has no e-mail: the coordinator gets the confirmation on their behalf.
    expect(
      world.db.get("SELECT recipient FROM outbox WHERE kind = 'opportunity_confirmed' AND user_id = ?", [
        world.people.coordinator.id,
      ]),
    ).toEqual({ recipient: world.people.coordinator.email });
  });

  it('requires confirming the requirements when an opportunity has them', async () => {
    const { shiftId } = await publishedShift(world, 3, 3 * DAY, { minAge: 18, qualifications: ['driving-licence'] });
    const headers = loginAs(world, 'driver');
    expect((await postJson(world.app, `/api/opportunities/shifts/${shiftId}/signups`, {}, headers)).status).toBe(400);
    expect(
      (
        await postJson(
          world.app,
          `/api/opportunities/shifts/${shiftId}/signups`,
          { confirmRequirements: true },
          headers,
        )
      ).status,
    ).toBe(201);
  });

  it('includes the opportunities data in the export and anonymises it on deletion, freeing the seat', async () => {
    const { shiftId } = await publishedShift(world, 1);
    const leaving = await createTestUser(world.db, { email: 'leaving@example.jp' });
    const waiting = await createTestUser(world.db, { email: 'waiting@example.jp' });
    for (const user of [leaving, waiting]) {
      await postJson(
        world.app,
        `/api/opportunities/shifts/${shiftId}/signups`,
        {},
        {
          cookie: sessionCookie(world.db, user.id, world.config),
        },
      );
    }
    await postJson(
      world.app,
      '/api/opportunities/profile',
      { districtId: 'kangi', consentToMatching: true },
      {
        cookie: sessionCookie(world.db, leaving.id, world.config),
      },
      'PUT',
    );
    const exported = collectPersonalData(world.db, leaving.id, Math.floor(Date.now() / 1000)) as unknown as {
      opportunities: { volunteerProfile: { districtId: string }; signups: { status: string }[] };
    };
    expect(exported.opportunities.volunteerProfile.districtId).toBe('kangi');
    expect(exported.opportunities.signups).toHaveLength(1);
    anonymiseUser(world.db, leaving.id, leaving.id, Math.floor(Date.now() / 1000));
    expect(world.db.get('SELECT 1 AS one FROM volunteer_profiles WHERE user_id = ?', [leaving.id])).toBeUndefined();
    expect(
      world.db.all('SELECT user_id AS userId, status FROM signups WHERE shift_id = ? ORDER BY id', [shiftId]),
    ).toEqual([
      { userId: leaving.id, status: 'cancelled' },
      { userId: waiting.id, status: 'confirmed' },
    ]);
  });
});

function nextSaturday(): string {
  const now = new Date(Date.now() + 9 * HOUR * 1000);
  const days = ((6 - now.getUTCDay() + 7) % 7) + 7; // at least a week ahead
  return new Date(now.getTime() + days * DAY * 1000).toISOString().slice(0, 10);
}
