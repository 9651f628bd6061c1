/**
 * Guardianship fixtures for a world (api/test/world.ts), made on first use and remembered per
 * world: the `resident` persona is the active guardian (family) of the served resident; the
 * `driver` persona was their guardian until the relationship was ended; the `volunteer` persona is
 * recorded as a guardian whose start date has not come yet. Only the first may act for them.
 */
import { insertGuardianship, markEnded } from '../guardianship/repository.ts';
import { japanDate } from '../guardianship/service.ts';
import type { World } from './world.ts';

/** Ids of the fixtures. */
export interface GuardianFixtures {
  /** resident persona → served resident, active since yesterday. */
  activeId: string;
  /** driver persona → served resident, ended. */
  endedId: string;
  /** volunteer persona → served resident, starts in 30 days. */
  scheduledId: string;
}

const made = new WeakMap<World, GuardianFixtures>();

/** The fixtures of this world (created on first call). */
export function guardianFixtures(world: World): GuardianFixtures {
  const existing = made.get(world);
  if (existing) return existing;
  const now = Math.floor(Date.now() / 1000);
  const add = (id: string, guardianId: string, startsOn: string) =>
    insertGuardianship(world.db, {
      id,
      residentId: world.servedResident,
      guardianId,
      kind: 'family',
      basis: 'in_person',
      startsOn,
      recordedBy: world.people.coordinator.id,
      recordedAt: now,
    });
  const fixtures = { activeId: 'guardianactive', endedId: 'guardianended', scheduledId: 'guardianscheduled' };
  add(fixtures.activeId, world.people.resident.id, japanDate(now - 86_400));
  add(fixtures.endedId, world.people.driver.id, japanDate(now - 10 * 86_400));
  markEnded(world.db, fixtures.endedId, world.people.coordinator.id, now);
  add(fixtures.scheduledId, world.people.volunteer.id, japanDate(now + 30 * 86_400));
  made.set(world, fixtures);
  return fixtures;
}
