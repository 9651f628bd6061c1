/**
 * The incremental waitlist count of the group commit (waitlist.ts) gives exactly the place a full
 * count gives, for any order in which sign-ups join — in order, out of order (a clock that went
 * back), in the same second, re-joining with an old row id — and after a reset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.ts';
import { createTestDb } from '../test/helpers.ts';
import { insertOpportunity, insertShift } from './repository.ts';
import { WaitlistCounter, type WaitlistEntry, waitlistPosition } from './waitlist.ts';

const NOW = 1_800_000_000;

function shiftWithPeople(db: Db, people: number): { shiftIds: number[]; userIds: string[] } {
  const userIds = Array.from({ length: people }, (_, i) => `waitlist-user-${i}`);
  db.transaction(() => {
    for (const id of ['waitlist-owner', ...userIds]) {
      db.run(
        "INSERT INTO users (id, email, display_name, locale, created_at, updated_at) VALUES (?, NULL, 'w', 'ja', ?, ?)",
        [id, NOW, NOW],
      );
    }
  });
  const opportunityId = insertOpportunity(
    db,
    {
      orgId: null,
      title: 'waitlist',
      description: 'test',
      category: 'event',
      skills: [],
      placeId: null,
      address: null,
      districtId: 'kangi',
      lng: null,
      lat: null,
      minAge: null,
      qualifications: [],
      whatToBring: null,
      insuranceNote: null,
      recurrence: null,
      status: 'published',
      sample: false,
    },
    'waitlist-owner',
    NOW,
  );
  const shiftIds = [0, 1].map((s) =>
    insertShift(
      db,
      { opportunityId, startsAt: NOW + 86400 * (s + 1), endsAt: NOW + 86400 * (s + 1) + 3600, capacity: 1 },
      NOW,
    ),
  );
  return { shiftIds, userIds };
}

/** One step: a person joins a shift's waitlist at `queuedAt` (or confirmed, which never counts). */
const step = fc.record({
  person: fc.nat({ max: 39 }),
  shift: fc.nat({ max: 1 }),
  delta: fc.integer({ min: -3, max: 3 }),
  confirmed: fc.boolean(),
  reset: fc.boolean(),
});

describe('WaitlistCounter', () => {
  it('counts every place exactly as a full count does', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        const db = createTestDb();
        const { shiftIds, userIds } = shiftWithPeople(db, 40);
        db.transaction(() => {
          const counter = new WaitlistCounter(db);
          let clock = NOW;
          for (const s of steps) {
            clock += s.delta;
            const shiftId = shiftIds[s.shift]!;
            const userId = userIds[s.person]!;
            const status = s.confirmed ? 'confirmed' : 'waitlisted';
            // A person already on this shift whose row is off the waitlist (a confirmed row here stands for
            // a cancelled one) re-joins with their old row and a new time, as a re-sign-up does. A
            // waitlisted row never leaves the waitlist during a batch (sign-ups never promote or remove).
            const existing = db.get<{ id: number; status: string }>(
              'SELECT id, status FROM signups WHERE shift_id = ? AND user_id = ?',
              [shiftId, userId],
            );
            if (existing?.status === 'waitlisted') continue;
            let id: number;
            if (existing) {
              db.run('UPDATE signups SET status = ?, queued_at = ? WHERE id = ?', [status, clock, existing.id]);
              id = existing.id;
            } else {
              id = Number(
                db.run(
                  'INSERT INTO signups (shift_id, user_id, status, queued_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
                  [shiftId, userId, status, clock, clock, clock],
                ).lastInsertRowid,
              );
            }
            if (s.confirmed) continue;
            const entry: WaitlistEntry = { shiftId, queuedAt: clock, id };
            expect(counter.positionOfJoined(entry)).toBe(waitlistPosition(db, entry));
            if (s.reset) counter.reset();
          }
        });
        db.close();
      }),
      { numRuns: 80 },
    );
  });

  it('counts the first join in full and the following ones from the previous one', () => {
    const db = createTestDb();
    const { shiftIds, userIds } = shiftWithPeople(db, 5);
    const queries: string[] = [];
    const spy: Db = {
      ...db,
      get: <T>(sql: string, params?: Parameters<Db['get']>[1]) => {
        queries.push(sql.includes('queued_at < ?') ? 'full' : 'between');
        return db.get<T>(sql, params);
      },
    };
    const counter = new WaitlistCounter(spy);
    const positions = userIds.map((userId) => {
      const id = Number(
        db.run(
          "INSERT INTO signups (shift_id, user_id, status, queued_at, created_at, updated_at) VALUES (?, ?, 'waitlisted', ?, ?, ?)",
          [shiftIds[0]!, userId, NOW, NOW, NOW],
        ).lastInsertRowid,
      );
      return counter.positionOfJoined({ shiftId: shiftIds[0]!, queuedAt: NOW, id });
    });
    expect(positions).toEqual([1, 2, 3, 4, 5]);
    expect(queries).toEqual(['full', 'between', 'between', 'between', 'between']);
    db.close();
  });
});
