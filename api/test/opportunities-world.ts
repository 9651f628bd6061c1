/**
 * Opportunity fixtures for a world (api/test/world.ts), made on first use and remembered per
 * world: a published opportunity of organization A with an upcoming shift the volunteer signed up
 * for, a second upcoming shift nobody signed up for, a shift that already started (for
 * attendance), and a draft.
 */
import { insertOpportunity, insertShift, refreshNextShift } from '../opportunities/repository.ts';
import type { World } from './world.ts';

/** Ids of the fixtures. */
export interface OpportunityFixtures {
  opportunityA: number;
  draftA: number;
  /** Upcoming; the volunteer is signed up (signupId). */
  shiftA: number;
  signupId: number;
  /** Upcoming; nobody signed up. */
  freeShiftA: number;
  /** Started an hour ago; the volunteer is confirmed on it. */
  startedShiftA: number;
  startedSignupId: number;
}

const made = new WeakMap<World, OpportunityFixtures>();

/** The fixtures of this world (created on first call). */
export function opportunityFixtures(world: World): OpportunityFixtures {
  const existing = made.get(world);
  if (existing) return existing;
  const { db } = world;
  const now = Math.floor(Date.now() / 1000);
  const fields = {
    orgId: world.orgA,
    title: 'A の活動',
    description: '説明',
    category: 'salon',
    skills: [],
    placeId: null,
    address: null,
    districtId: 'kangi',
    lng: 130.937024,
    lat: 33.327597,
    minAge: null,
    qualifications: [],
    whatToBring: null,
    insuranceNote: null,
    recurrence: null,
  };
  const opportunityA = insertOpportunity(db, { ...fields, status: 'published' }, world.people.businessA.id, now);
  const draftA = insertOpportunity(db, { ...fields, status: 'draft' }, world.people.businessA.id, now);
  const shiftA = insertShift(
    db,
    { opportunityId: opportunityA, startsAt: now + 5 * 86400, endsAt: now + 5 * 86400 + 7200, capacity: 5 },
    now,
  );
  const freeShiftA = insertShift(
    db,
    { opportunityId: opportunityA, startsAt: now + 6 * 86400, endsAt: now + 6 * 86400 + 7200, capacity: 5 },
    now,
  );
  const startedShiftA = insertShift(
    db,
    { opportunityId: opportunityA, startsAt: now - 3600, endsAt: now + 3600, capacity: 5 },
    now,
  );
  insertShift(
    db,
    { opportunityId: draftA, startsAt: now + 5 * 86400, endsAt: now + 5 * 86400 + 7200, capacity: 5 },
    now,
  );
  const signup = (shiftId: number) => {
    db.run('UPDATE shifts SET confirmed_count = confirmed_count + 1 WHERE id = ?', [shiftId]);
    return Number(
      db.run(
        `INSERT INTO signups (shift_id, user_id, status, queued_at, created_at, updated_at) VALUES (?, ?, 'confirmed', ?, ?, ?)`,
        [shiftId, world.people.volunteer.id, now, now, now],
      ).lastInsertRowid,
    );
  };
  const fixtures = {
    opportunityA,
    draftA,
    shiftA,
    signupId: signup(shiftA),
    freeShiftA,
    startedShiftA,
    startedSignupId: signup(startedShiftA),
  };
  refreshNextShift(db, now, opportunityA);
  made.set(world, fixtures);
  return fixtures;
}
