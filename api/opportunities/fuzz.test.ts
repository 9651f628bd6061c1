/**
 * R1 for the opportunities endpoints: the global fuzz test (api/fuzz.test.ts) mostly stops at
 * validation because random path segments are not ids. Here requests use REAL ids from fixtures,
 * near-valid bodies (right field names, arbitrary values) and the sessions of an organizer, a
 * coordinator and a volunteer, so they reach the services. 0 responses ≥ 500.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './taxonomy.ts';
import { opportunityFixtures } from '../test/opportunities-world.ts';
import { createWorld, loginAs } from '../test/world.ts';

const world = await createWorld();
const fx = opportunityFixtures(world);
const ids = fc.oneof(
  fc.constantFrom(
    fx.opportunityA,
    fx.draftA,
    fx.shiftA,
    fx.freeShiftA,
    fx.startedShiftA,
    fx.signupId,
    fx.startedSignupId,
  ),
  fc.integer({ min: 0, max: 2 ** 40 }),
);
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.integer({ min: Math.floor(Date.now() / 1000) - 86400, max: Math.floor(Date.now() / 1000) + 400 * 86400 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('driving', '6:morning', 'salon', 'kangi')), {
    maxLength: 4,
  }),
  fc.constantFrom(
    'kangi',
    'salon',
    'published',
    'closed',
    'draft',
    'FREQ=WEEKLY;BYDAY=SA',
    '2027-01-01',
    '10:00',
    'attended',
  ),
);
const fields = [
  'orgId',
  'title',
  'description',
  'category',
  'skills',
  'placeId',
  'address',
  'districtId',
  'minAge',
  'qualifications',
  'whatToBring',
  'insuranceNote',
  'status',
  'forUserId',
  'confirmRequirements',
  'interests',
  'availability',
  'languages',
  'maxTravelKm',
  'birthYear',
];
const shift = fc.record({ startsAt: value, endsAt: value, capacity: value }, { requiredKeys: [] });
const body = fc.record(
  {
    ...Object.fromEntries(fields.map((f) => [f, value])),
    shifts: fc.array(shift, { maxLength: 3 }),
    recurrence: fc.record(
      {
        rule: value,
        firstDate: value,
        lastDate: value,
        start: value,
        end: value,
        skipHolidays: value,
        capacity: value,
      },
      { requiredKeys: [] },
    ),
    entries: fc.array(fc.record({ signupId: ids, attendance: value, minutes: value }, { requiredKeys: [] }), {
      maxLength: 3,
    }),
  },
  { requiredKeys: [] },
);
const endpoint = fc.constantFrom(
  ['GET', '/api/opportunities'],
  ['GET', '/api/opportunities/feed.ics'],
  ['POST', '/api/opportunities'],
  ['GET', '/api/opportunities/manage'],
  ['GET', '/api/opportunities/overview'],
  ['GET', '/api/opportunities/profile'],
  ['PUT', '/api/opportunities/profile'],
  ['GET', '/api/opportunities/signups/mine'],
  ['DELETE', '/api/opportunities/signups/{id}'],
  ['POST', '/api/opportunities/shifts/{id}/signups'],
  ['POST', '/api/opportunities/shifts/{id}/attendance'],
  ['GET', '/api/opportunities/{id}'],
  ['PATCH', '/api/opportunities/{id}'],
  ['POST', '/api/opportunities/{id}/shifts'],
  ['GET', '/api/opportunities/{id}/roster'],
  ['GET', '/api/matches/opportunities'],
);
const query = fc.record(
  {
    category: fc.oneof(fc.constantFrom(...CATEGORIES), fc.string({ maxLength: 8 })),
    district: fc.oneof(fc.constant('kangi'), fc.string({ maxLength: 8 })),
    from: fc.oneof(fc.constant('2027-01-01'), fc.string({ maxLength: 12 })),
    to: fc.oneof(fc.constant('2027-12-31'), fc.string({ maxLength: 12 })),
    page: fc.oneof(fc.integer({ min: -2, max: 20_000 }).map(String), fc.string({ maxLength: 4 })),
    perPage: fc.integer({ min: -1, max: 200 }).map(String),
    locale: fc.constantFrom('ja', 'en', 'easy', 'xx'),
    limit: fc.integer({ min: -1, max: 100 }).map(String),
  },
  { requiredKeys: [] },
);

describe('fuzzing the opportunities endpoints with real ids and sessions (R1)', () => {
  it('never answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        endpoint,
        ids,
        body,
        query,
        fc.constantFrom('businessA', 'businessB', 'coordinator', 'volunteer', 'anonymous'),
        async ([method, template], id, payload, search, persona) => {
          const path = template.replace('{id}', String(id));
          const qs = method === 'GET' ? `?${new URLSearchParams(search).toString()}` : '';
          const response = await world.app.request(`${path}${qs}`, {
            method,
            headers: { ...loginAs(world, persona), 'content-type': 'application/json' },
            ...(method === 'GET' ? {} : { body: JSON.stringify(payload) }),
          });
          expect(response.status, `${method} ${path}${qs} ${JSON.stringify(payload)}`).toBeLessThan(500);
        },
      ),
      { numRuns: 2000 },
    );
  }, 120_000);
});
