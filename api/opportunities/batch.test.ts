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

  it('writes each message of a shared commit for its own person, and reads the shift again in the next commit', async () => {
    const world = await createWorld();
    const starts = Math.floor(Date.now() / 1000) + 3 * 86400;
    const created = (await (
      await postJson(
        world.app,
        '/api/opportunities',
        {
          orgId: world.orgA,
          title: '川の清掃',
          description: '説明',
          category: 'event',
          districtId: 'kangi',
          status: 'published',
          shifts: [{ startsAt: starts, endsAt: starts + 3600, capacity: 1 }],
        },
        loginAs(world, 'businessA'),
      )
    ).json()) as { id: number; allShifts: { id: number }[] };
    const shift = created.allShifts[0]!.id;
    const people = await Promise.all([
      createTestUser(world.db, { email: 'batch-ja@example.jp', displayName: '日田 花子' }),
      createTestUser(world.db, { email: 'batch-en@example.jp', displayName: 'Alex Smith', locale: 'en' }),
      createTestUser(world.db, { email: 'batch-ja2@example.jp', displayName: '大山 太郎' }),
      createTestUser(world.db, { email: 'batch-late@example.jp', displayName: '天瀬 次郎' }),
    ]);
    const signUp = (i: number) =>
      postJson(
        world.app,
        `/api/opportunities/shifts/${shift}/signups`,
        {},
        {
          cookie: sessionCookie(world.db, people[i]!.id, world.config),
        },
      );
    const together = await Promise.all([0, 1, 2].map(signUp));
    expect(
      await Promise.all(together.map(async (r) => [r.status, ((await r.json()) as { position: unknown }).position])),
    ).toEqual([
      [201, null],
      [201, 1],
      [201, 2],
    ]);
    const message = (email: string) =>
      world.db.get<{ kind: string; body: string }>('SELECT kind, body FROM outbox WHERE recipient = ?', [email]);
    expect(message('batch-ja@example.jp')).toMatchObject({ kind: 'opportunity_confirmed' });
    expect(message('batch-ja@example.jp')?.body).toMatch(/^日田 花子 様[\s\S]*川の清掃/);
    expect(message('batch-en@example.jp')).toMatchObject({ kind: 'opportunity_waitlisted' });
    expect(message('batch-en@example.jp')?.body).toMatch(/^Dear Alex Smith,[\s\S]*川の清掃/);
    expect(message('batch-en@example.jp')?.body).not.toMatch(/日田 花子|大山 太郎|年.*月/);
    expect(message('batch-en@example.jp')?.body).toMatch(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ [A-Z][a-z]{2} \d{4}/);
    expect(message('batch-ja2@example.jp')?.body).toMatch(/^大山 太郎 様/);
    // The next commit reads the opportunity again: a new title shows, a closed one refuses.
    const edit = (body: object) =>
      postJson(world.app, `/api/opportunities/${created.id}`, body, loginAs(world, 'businessA'), 'PATCH');
    expect((await edit({ title: '川の清掃（雨天中止）' })).status).toBe(200);
    expect((await signUp(3)).status).toBe(201);
    expect(message('batch-late@example.jp')?.body).toMatch(/川の清掃（雨天中止）/);
    expect((await edit({ status: 'closed' })).status).toBe(200);
    const late = await postJson(
      world.app,
      `/api/opportunities/shifts/${shift}/signups`,
      {},
      {
        cookie: sessionCookie(world.db, (await createTestUser(world.db)).id, world.config),
      },
    );
    expect(late.status).toBe(409);
  });
});
