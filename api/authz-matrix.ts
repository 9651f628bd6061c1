/**
 * The authorization matrix (quality.md S7): every endpoint of the API × every persona → the expected
 * status. Checked by api/authz-matrix.test.ts, which also fails when an endpoint of the OpenAPI
 * document has no row here. The on-demand pages' form POSTs have their own matrix in
 * tests/e2e/page-authz-matrix.ts.
 *
 * How to extend (later features): add one row per new endpoint to ROWS. `template` is the path as
 * the OpenAPI document lists it; `path` fills in the parameters from the world (api/test/world.ts);
 * `body` gives a VALID body, so the status reflects authorization, not validation. Rows that change
 * state get a fresh world per cell (`fresh: true`).
 */
import { createSession } from './auth/session.ts';
import { guardianFixtures as gx } from './test/guardian-world.ts';
import { opportunityFixtures as fx } from './test/opportunities-world.ts';
import { PERSONAS, type Persona, type SignedInPersona, type World } from './test/world.ts';

/** One endpoint and its expected status per persona. */
export interface MatrixRow {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The path as in /api/openapi.json, e.g. /api/organizations/{id}. */
  template: string;
  /** The concrete path for this world and persona (default: the template). */
  path?: (world: World, persona: Persona) => string;
  body?: (world: World, persona: Persona) => unknown;
  expect: Record<Persona, number>;
  /** The request changes state: run each cell in a fresh world. */
  fresh?: boolean;
  /** What the row shows, for the report. */
  note?: string;
}

/** Same status for everyone. */
export const all = (status: number): Record<Persona, number> =>
  Object.fromEntries(PERSONAS.map((p) => [p, status])) as Record<Persona, number>;
/** 401 for anonymous, `status` for everyone signed in. */
export const signedIn = (status: number) => ({ ...all(status), anonymous: 401 });
/** 401 anonymous, 403 signed in, `status` for the listed personas. */
export const only = (status: number, ...personas: SignedInPersona[]) => ({
  ...all(403),
  anonymous: 401,
  ...Object.fromEntries(personas.map((p) => [p, status])),
});
const passwordOf = (world: World, persona: Persona) =>
  persona === 'anonymous' ? 'not signed in 1' : world.people[persona].password;

/** The matrix. Extend it with your feature's endpoints. */
export const ROWS: MatrixRow[] = [
  { method: 'GET', template: '/api/health', expect: all(200) },
  { method: 'GET', template: '/api/districts', expect: all(200) },

  // /api/places: public open data, the same for everyone
  { method: 'GET', template: '/api/places', expect: all(200) },
  { method: 'GET', template: '/api/places/map-config', expect: all(200) },
  {
    method: 'GET',
    template: '/api/places/{id}',
    path: () => '/api/places/miyoshi-kominkan',
    expect: all(200),
    note: 'public place record',
  },

  // /api/auth
  {
    method: 'POST',
    template: '/api/auth/sign-up',
    body: (_w, p) => ({
      email: `new-${p}@example.jp`,
      password: 'brand new pass 1',
      displayName: '新',
      acceptPolicy: true,
    }),
    expect: all(202),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/auth/sign-in',
    body: (w) => ({ email: w.people.volunteer.email, password: w.people.volunteer.password }),
    expect: all(200),
    fresh: true,
  },
  { method: 'POST', template: '/api/auth/sign-out', expect: all(204), fresh: true },
  { method: 'GET', template: '/api/auth/session', expect: signedIn(200) },
  { method: 'POST', template: '/api/auth/verify-email', body: () => ({ token: 'x'.repeat(77) }), expect: all(400) },
  { method: 'POST', template: '/api/auth/verify-email/resend', expect: signedIn(202), fresh: true },
  {
    method: 'POST',
    template: '/api/auth/password-reset',
    body: (_w, p) => ({ email: `someone-${p}@example.jp` }),
    expect: all(202),
  },
  {
    method: 'POST',
    template: '/api/auth/password-reset/confirm',
    body: () => ({ token: 'x'.repeat(77), password: 'brand new pass 1' }),
    expect: all(400),
  },
  {
    method: 'POST',
    template: '/api/auth/password',
    body: (w, p) => ({ currentPassword: passwordOf(w, p), newPassword: 'brand new pass 1' }),
    expect: signedIn(200),
    fresh: true,
  },
  { method: 'GET', template: '/api/auth/sessions', expect: signedIn(200) },
  {
    method: 'DELETE',
    template: '/api/auth/sessions/{id}',
    note: 'one of my own other sessions',
    path: (w, p) =>
      `/api/auth/sessions/${p === 'anonymous' ? 'x' : createSession(w.db, w.people[p].id, Math.floor(Date.now() / 1000), 'other').session.id}`,
    expect: signedIn(204),
    fresh: true,
  },
  {
    method: 'DELETE',
    template: '/api/auth/sessions/{id}',
    note: 'someone else’s session',
    path: (w) =>
      `/api/auth/sessions/${createSession(w.db, w.orgAExtraMember.id, Math.floor(Date.now() / 1000), 'victim').session.id}`,
    expect: signedIn(404),
  },
  { method: 'POST', template: '/api/auth/sessions/end-others', expect: signedIn(200), fresh: true },

  // /api/account
  { method: 'GET', template: '/api/account/me', expect: signedIn(200) },
  {
    method: 'PATCH',
    template: '/api/account/me',
    body: () => ({ displayName: '新しい 名前' }),
    expect: signedIn(200),
    fresh: true,
  },
  { method: 'GET', template: '/api/account/me/consents', expect: signedIn(200) },
  {
    method: 'POST',
    template: '/api/account/me/consents',
    body: () => ({ purpose: 'matching', action: 'granted' }),
    expect: signedIn(200),
    fresh: true,
  },
  { method: 'GET', template: '/api/account/me/export', expect: signedIn(200) },
  {
    method: 'DELETE',
    template: '/api/account/me',
    body: (w, p) => ({ password: passwordOf(w, p) }),
    expect: signedIn(204),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/account/admin/roles',
    body: (w) => ({ email: w.people.volunteer.email, role: 'driver', action: 'grant' }),
    expect: only(200, 'admin'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/account/admin/sessions/end',
    body: (w) => ({ email: w.people.volunteer.email }),
    expect: only(200, 'admin'),
    fresh: true,
  },
  { method: 'GET', template: '/api/account/admin/audit', expect: only(200, 'admin') },
  { method: 'GET', template: '/api/account/admin/security-events', expect: only(200, 'admin') },

  // /api/organizations
  {
    method: 'POST',
    template: '/api/organizations',
    body: () => ({ name: '新しい 団体', kind: 'npo', corporateNumber: '7000012050002' }),
    expect: signedIn(201),
    fresh: true,
  },
  { method: 'GET', template: '/api/organizations/mine', expect: signedIn(200) },
  { method: 'GET', template: '/api/organizations/pending', expect: only(200, 'coordinator') },
  {
    method: 'GET',
    template: '/api/organizations/{id}',
    note: 'organization A: its members and coordinators only',
    path: (w) => `/api/organizations/${w.orgA}`,
    expect: { ...signedIn(404), businessA: 200, coordinator: 200 },
  },
  {
    method: 'POST',
    template: '/api/organizations/{id}/members',
    note: 'add a member to A: A’s owner only',
    path: (w) => `/api/organizations/${w.orgA}/members`,
    body: () => ({ email: 'helper@example.jp' }),
    expect: { ...signedIn(404), businessA: 202 },
    fresh: true,
  },
  {
    method: 'DELETE',
    template: '/api/organizations/{id}/members/{userId}',
    note: 'remove a member of A: A’s owner only',
    path: (w) => `/api/organizations/${w.orgA}/members/${w.orgAExtraMember.id}`,
    expect: { ...signedIn(404), businessA: 204 },
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/organizations/{id}/review',
    path: (w) => `/api/organizations/${w.pendingOrg}/review`,
    body: () => ({ decision: 'verify' }),
    expect: only(200, 'coordinator'),
    fresh: true,
  },

  // /api/coordinator
  {
    method: 'POST',
    template: '/api/coordinator/residents',
    body: () => ({ displayName: '代理 登録', purposes: ['coordination'], channel: 'phone', decidedBy: 'person' }),
    expect: only(201, 'coordinator'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/search',
    body: () => ({ query: '' }),
    expect: only(200, 'coordinator'),
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}',
    note: 'a resident the coordinator serves',
    path: (w) => `/api/coordinator/residents/${w.servedResident}`,
    expect: only(200, 'coordinator'),
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}',
    note: 'a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}`,
    expect: only(404, 'coordinator'),
  },
  {
    method: 'PATCH',
    template: '/api/coordinator/residents/{id}',
    path: (w) => `/api/coordinator/residents/${w.servedResident}`,
    body: () => ({ phone: '0973-00-0000' }),
    expect: only(200, 'coordinator'),
    fresh: true,
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}/export',
    note: 'a resident the coordinator serves',
    path: (w) => `/api/coordinator/residents/${w.servedResident}/export`,
    expect: only(200, 'coordinator'),
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}/export',
    note: 'a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}/export`,
    expect: only(404, 'coordinator'),
  },
  {
    method: 'DELETE',
    template: '/api/coordinator/residents/{id}',
    note: 'a resident the coordinator serves (no sign-in of their own)',
    path: (w) => `/api/coordinator/residents/${w.servedResident}`,
    expect: only(200, 'coordinator'),
    fresh: true,
  },
  {
    method: 'DELETE',
    template: '/api/coordinator/residents/{id}',
    note: 'a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}`,
    expect: only(404, 'coordinator'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/{id}/consents',
    path: (w) => `/api/coordinator/residents/${w.servedResident}/consents`,
    body: () => ({ purpose: 'matching', action: 'granted', channel: 'paper', decidedBy: 'guardian' }),
    expect: only(200, 'coordinator'),
    fresh: true,
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}/guardians',
    note: 'a resident the coordinator serves',
    path: (w) => `/api/coordinator/residents/${w.servedResident}/guardians`,
    expect: only(200, 'coordinator'),
  },
  {
    method: 'GET',
    template: '/api/coordinator/residents/{id}/guardians',
    note: 'a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}/guardians`,
    expect: only(404, 'coordinator'),
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/{id}/guardians',
    note: 'record business B’s owner as a guardian of a resident the coordinator serves',
    path: (w) => `/api/coordinator/residents/${w.servedResident}/guardians`,
    body: (w) => ({
      guardianEmail: w.people.businessB.email,
      kind: 'supporter',
      basis: 'phone',
      startsOn: '2026-01-05',
    }),
    expect: only(201, 'coordinator'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/{id}/guardians',
    note: 'a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}/guardians`,
    body: (w) => ({
      guardianEmail: w.people.businessB.email,
      kind: 'family',
      basis: 'document',
      startsOn: '2026-01-05',
    }),
    expect: only(404, 'coordinator'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/{id}/guardians/{guardianshipId}/end',
    note: 'an active guardianship of a resident the coordinator serves',
    path: (w) => `/api/coordinator/residents/${w.servedResident}/guardians/${gx(w).activeId}/end`,
    expect: only(200, 'coordinator'),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/coordinator/residents/{id}/guardians/{guardianshipId}/end',
    note: 'through a resident the coordinator does not serve',
    path: (w) => `/api/coordinator/residents/${w.unservedResident}/guardians/${gx(w).activeId}/end`,
    expect: only(404, 'coordinator'),
    fresh: true,
  },

  // /api/guardian: only the active guardian (the resident persona) reaches the person; an ended or
  // not yet started guardianship (driver, volunteer) grants nothing, nor does any role.
  { method: 'GET', template: '/api/guardian/people', expect: signedIn(200) },
  {
    method: 'GET',
    template: '/api/guardian/people/{id}',
    note: 'the person the resident persona is guardian of',
    path: (w) => (gx(w), `/api/guardian/people/${w.servedResident}`),
    expect: { ...signedIn(404), resident: 200 },
  },
  {
    method: 'GET',
    template: '/api/guardian/people/{id}',
    note: 'someone nobody here is guardian of',
    path: (w) => (gx(w), `/api/guardian/people/${w.unservedResident}`),
    expect: signedIn(404),
  },
  {
    method: 'POST',
    template: '/api/guardian/people/{id}/consents',
    path: (w) => (gx(w), `/api/guardian/people/${w.servedResident}/consents`),
    body: () => ({ purpose: 'matching', action: 'granted' }),
    expect: { ...signedIn(404), resident: 200 },
    fresh: true,
  },
  {
    method: 'GET',
    template: '/api/guardian/people/{id}/export',
    path: (w) => (gx(w), `/api/guardian/people/${w.servedResident}/export`),
    expect: { ...signedIn(404), resident: 200 },
  },

  // /api/notifications
  { method: 'GET', template: '/api/notifications/outbox', expect: only(200, 'admin', 'coordinator') },
  // /api/opportunities (issue 6): business B never reaches A's opportunities or volunteers.
  { method: 'GET', template: '/api/opportunities', expect: all(200) },
  { method: 'GET', template: '/api/opportunities/feed.ics', expect: all(200) },
  {
    method: 'POST',
    template: '/api/opportunities',
    note: 'post for organization A',
    body: (w) => ({
      orgId: w.orgA,
      title: '新しい活動',
      description: '説明',
      category: 'salon',
      districtId: 'kangi',
      status: 'published',
      shifts: [
        { startsAt: Math.floor(Date.now() / 1000) + 86400, endsAt: Math.floor(Date.now() / 1000) + 90000, capacity: 3 },
      ],
    }),
    expect: { ...only(403), businessA: 201, coordinator: 201 },
    fresh: true,
  },
  { method: 'GET', template: '/api/opportunities/manage', expect: signedIn(200) },
  { method: 'GET', template: '/api/opportunities/overview', expect: only(200, 'coordinator') },
  { method: 'GET', template: '/api/opportunities/profile', expect: signedIn(200) },
  {
    method: 'PUT',
    template: '/api/opportunities/profile',
    body: () => ({ districtId: 'kangi', availability: ['6:morning'], consentToMatching: true }),
    expect: signedIn(200),
    fresh: true,
  },
  { method: 'GET', template: '/api/opportunities/signups/mine', expect: signedIn(200) },
  {
    method: 'DELETE',
    template: '/api/opportunities/signups/{signupId}',
    note: 'the volunteer’s sign-up: theirs alone',
    path: (w) => `/api/opportunities/signups/${fx(w).signupId}`,
    expect: { ...signedIn(404), volunteer: 200 },
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/opportunities/shifts/{shiftId}/signups',
    path: (w) => `/api/opportunities/shifts/${fx(w).freeShiftA}/signups`,
    body: () => ({}),
    expect: signedIn(201),
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/opportunities/shifts/{shiftId}/attendance',
    note: 'a started shift of A',
    path: (w) => `/api/opportunities/shifts/${fx(w).startedShiftA}/attendance`,
    body: (w) => ({ entries: [{ signupId: fx(w).startedSignupId, attendance: 'attended', minutes: 90 }] }),
    expect: { ...signedIn(404), businessA: 200, coordinator: 200 },
  },
  {
    method: 'GET',
    template: '/api/opportunities/{id}',
    note: 'published',
    path: (w) => `/api/opportunities/${fx(w).opportunityA}`,
    expect: all(200),
  },
  {
    method: 'GET',
    template: '/api/opportunities/{id}',
    note: 'a draft is not public',
    path: (w) => `/api/opportunities/${fx(w).draftA}`,
    expect: all(404),
  },
  {
    method: 'PATCH',
    template: '/api/opportunities/{id}',
    path: (w) => `/api/opportunities/${fx(w).opportunityA}`,
    body: () => ({ status: 'closed' }),
    expect: { ...signedIn(404), businessA: 200, coordinator: 200 },
    fresh: true,
  },
  {
    method: 'POST',
    template: '/api/opportunities/{id}/shifts',
    path: (w) => `/api/opportunities/${fx(w).opportunityA}/shifts`,
    body: () => ({
      shifts: [
        { startsAt: Math.floor(Date.now() / 1000) + 86400, endsAt: Math.floor(Date.now() / 1000) + 90000, capacity: 3 },
      ],
    }),
    expect: { ...signedIn(404), businessA: 200, coordinator: 200 },
    fresh: true,
  },
  {
    method: 'GET',
    template: '/api/opportunities/{id}/roster',
    note: 'volunteers’ details: A’s members and coordinators only',
    path: (w) => `/api/opportunities/${fx(w).opportunityA}/roster`,
    expect: { ...signedIn(404), businessA: 200, coordinator: 200 },
  },
  { method: 'GET', template: '/api/matches/opportunities', expect: signedIn(200) },
];
