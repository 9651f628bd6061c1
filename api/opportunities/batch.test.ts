import { describe, expect, it } from 'vitest';
import { createTestUser, postJson, sessionCookie } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';

describe('group commit of sign-ups (batch.ts)', () => {
  it('answers each request of a shared commit on its own: a refused one does not undo the others', async () => {
    const world = await createWorld();
    const starts = Math.floor(Date.now() / 1000) + 3 * 86400;
    const post = async (status: 'published' | 'draft') =>
      (await (
        await postJson(
          world.app,
          '/api/opportunities',
          {
            orgId: world.orgA,
            title: `バッチ ${status}`,
            description: '説明',
            category: 'event',
            districtId: 'kangi',
            status,
            minAge: status === 'published' ? 18 : null,
            shifts: [{ startsAt: starts, endsAt: starts + 3600, capacity: 2 }],
          },
          loginAs(world, 'businessA'),
        )
      ).json()) as { allShifts: { id: number }[] };
    const open = (await post('published')).allShifts[0]!.id;
    const draft = (await post('draft')).allShifts[0]!.id;
    const people = await Promise.all(
      [0, 1, 2, 3].map((i) => createTestUser(world.db, { email: `batch-${i}@example.jp` })),
    );
    const cookie = (i: number) => ({ cookie: sessionCookie(world.db, people[i]!.id, world.config) });
    // Sent together, so they share one transaction.
    const responses = await Promise.all([
      postJson(world.app, `/api/opportunities/shifts/${open}/signups`, { confirmRequirements: true }, cookie(0)),
      postJson(world.app, `/api/opportunities/shifts/${open}/signups`, {}, cookie(1)), // requirements not confirmed → 400
      postJson(world.app, `/api/opportunities/shifts/${draft}/signups`, {}, cookie(2)), // a draft → 404
      postJson(world.app, `/api/opportunities/shifts/${open}/signups`, { confirmRequirements: true }, cookie(3)),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 400, 404, 201]);
    expect(
      world.db
        .all('SELECT user_id AS userId FROM signups WHERE shift_id = ? ORDER BY id', [open])
        .map((row) => (row as { userId: string }).userId),
    ).toEqual([people[0]!.id, people[3]!.id]);
    expect(world.db.get('SELECT confirmed_count AS n FROM shifts WHERE id = ?', [open])).toEqual({ n: 2 });
  });
});
