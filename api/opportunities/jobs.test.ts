import { describe, expect, it } from 'vitest';
import { createTestUser, postJson, sessionCookie } from '../test/helpers.ts';
import { createWorld, loginAs } from '../test/world.ts';
import { startOpportunityJobs } from './jobs.ts';

describe('the reminder scheduler (injected clock and timer)', () => {
  it('sends a reminder once when its time comes, however often it runs', async () => {
    const world = await createWorld();
    const starts = Math.floor(Date.now() / 1000) + 3 * 86400;
    const posted = (await (
      await postJson(
        world.app,
        '/api/opportunities',
        {
          orgId: world.orgA,
          title: '朝市の手伝い',
          description: '説明',
          category: 'event',
          districtId: 'kangi',
          status: 'published',
          shifts: [{ startsAt: starts, endsAt: starts + 3600, capacity: 2 }],
        },
        loginAs(world, 'businessA'),
      )
    ).json()) as { allShifts: { id: number }[] };
    const volunteer = await createTestUser(world.db, { email: 'tick@example.jp' });
    await postJson(
      world.app,
      `/api/opportunities/shifts/${posted.allShifts[0]!.id}/signups`,
      {},
      {
        cookie: sessionCookie(world.db, volunteer.id, world.config),
      },
    );
    let clock = starts - 2 * 86400;
    let tick: () => void = () => undefined;
    const stop = startOpportunityJobs(world.db, world.config, {
      now: () => clock,
      setInterval: (run) => {
        tick = run;
        return {};
      },
      clearInterval: () => undefined,
    });
    const sent = () =>
      world.db.get<{ n: number }>(
        "SELECT count(*) AS n FROM outbox WHERE kind = 'opportunity_reminder' AND recipient = ?",
        ['tick@example.jp'],
      )?.n;
    expect(sent()).toBe(0);
    clock = starts - 23 * 3600;
    tick();
    tick();
    clock += 600;
    tick();
    expect(sent()).toBe(1);
    stop();
  });
});
