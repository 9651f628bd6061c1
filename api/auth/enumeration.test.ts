/**
 * S5: no account enumeration. Sign-in, sign-up and password reset give the same status and body for
 * known and unknown addresses, and take the same time. Timing is compared statistically: samples are
 * interleaved in back-to-back pairs so machine noise hits both alike, and the median of the paired
 * ratios must be within a generous bound (up to three rounds on a loaded machine). A control shows the test can see a difference: a request refused before
 * any hashing is much faster than a sign-in, so a missing dummy hash would fail the bound.
 */
import { describe, expect, it } from 'vitest';
import { settleDeferred } from '../lib/deferred.ts';
import { createTestApp, postJson } from '../test/helpers.ts';

/** Enough work per hash that hashing dominates the request, yet fast enough for the suite. */
const TIMING_ARGON2 = { memoryCost: 8192, timeCost: 2, parallelism: 1 };
const SAMPLES = 21;
const RATIO_BOUND = 1.6;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Time until the answer is ready (the Response exists: in-process, its body is complete). Work
 * deferred until after the answer (see api/lib/deferred.ts) then drains outside the measurement,
 * as it does on a real server after the response has been written to the socket.
 */
async function timed(run: () => Promise<Response>): Promise<{ ms: number; response: Response }> {
  const started = performance.now();
  const response = await run();
  const ms = performance.now() - started;
  await response.arrayBuffer();
  await settleDeferred();
  return { ms, response };
}

/**
 * Interleaved samples of two request kinds (a, b, b, a, a, b …), each pair measured back to back so
 * that machine load drifting over time hits both alike. Returns the median of the paired ratios
 * a/b, and both medians for the message.
 */
async function compare(a: () => Promise<Response>, b: () => Promise<Response>, before?: () => void) {
  const times = { a: [] as number[], b: [] as number[] };
  const ratios: number[] = [];
  // Warm-up: the first hashes and statements are slower.
  for (let i = 0; i < 3; i++) {
    before?.();
    await timed(a);
    before?.();
    await timed(b);
  }
  for (let i = 0; i < SAMPLES; i++) {
    const pair = { a: 0, b: 0 };
    for (const which of i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      before?.();
      pair[which] = (await timed(which === 'a' ? a : b)).ms;
      times[which].push(pair[which]);
    }
    ratios.push(pair.a / pair.b);
  }
  return { a: median(times.a), b: median(times.b), ratio: median(ratios) };
}

/**
 * The paired-median ratio must be within `bound` (either way). On a loaded machine one round can
 * be skewed by a burst of load, so up to three rounds are tried; a real leak (a missing dummy hash
 * makes one side 10–50× faster) fails every round.
 */
async function expectSimilar(
  measure: () => Promise<{ a: number; b: number; ratio: number }>,
  label: string,
  bound = RATIO_BOUND,
) {
  const rounds: string[] = [];
  for (let round = 0; round < 3; round++) {
    const result = await measure();
    const spread = Math.max(result.ratio, 1 / result.ratio);
    rounds.push(`${result.a.toFixed(2)} vs ${result.b.toFixed(2)} ms (paired ratio ${result.ratio.toFixed(2)})`);
    if (spread < bound) return;
  }
  expect.fail(`${label}: timing differs in every round: ${rounds.join('; ')}`);
}

async function appWithKnownAccount() {
  let clock = 1_900_000_000;
  const { app, db } = createTestApp({ config: { argon2: TIMING_ARGON2, trustProxy: true }, now: () => clock });
  const signUp = (email: string, ip: string) =>
    postJson(
      app,
      '/api/auth/sign-up',
      { email, password: 'known account pass 1', displayName: 'Known', acceptPolicy: true },
      { 'x-forwarded-for': ip },
    );
  expect((await signUp('known@example.jp', '192.0.2.1')).status).toBe(202);
  // Advance the clock past every window before each request, so no rate limit interferes.
  const tick = () => {
    clock += 3601;
  };
  return { app, db, signUp, tick };
}

async function snapshot(response: Response) {
  return {
    status: response.status,
    body: await response.text(),
    setCookie: response.headers.getSetCookie(),
    cacheControl: response.headers.get('cache-control'),
  };
}

describe('no account enumeration (S5)', () => {
  it('sign-in: same status and body for a wrong password and an unknown address', async () => {
    const { app, tick } = await appWithKnownAccount();
    tick();
    const known = await snapshot(
      await postJson(app, '/api/auth/sign-in', { email: 'known@example.jp', password: 'wrong guess 123' }),
    );
    tick();
    const unknown = await snapshot(
      await postJson(app, '/api/auth/sign-in', { email: 'nobody@example.jp', password: 'wrong guess 123' }),
    );
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
  });

  it('sign-up: same status and body for a new and an existing address; the owner is told by e-mail', async () => {
    const { db, signUp, tick } = await appWithKnownAccount();
    tick();
    const existing = await snapshot(await signUp('known@example.jp', '192.0.2.2'));
    tick();
    const fresh = await snapshot(await signUp('fresh@example.jp', '192.0.2.3'));
    expect(existing.status).toBe(202);
    expect(fresh).toEqual(existing);
    const kinds = db.all<{ recipient: string; kind: string }>('SELECT recipient, kind FROM outbox ORDER BY id');
    expect(kinds).toEqual([
      { recipient: 'known@example.jp', kind: 'verify_email' },
      { recipient: 'known@example.jp', kind: 'already_registered' },
      { recipient: 'fresh@example.jp', kind: 'verify_email' },
    ]);
  });

  it('password reset: same status and body for a known and an unknown address', async () => {
    const { app, db, tick } = await appWithKnownAccount();
    tick();
    const known = await snapshot(await postJson(app, '/api/auth/password-reset', { email: 'known@example.jp' }));
    tick();
    const unknown = await snapshot(await postJson(app, '/api/auth/password-reset', { email: 'nobody@example.jp' }));
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
    await settleDeferred();
    expect(db.all<{ kind: string }>("SELECT kind FROM outbox WHERE kind = 'password_reset'")).toHaveLength(1);
  });

  it('sign-in takes the same time for a wrong password and an unknown address', async () => {
    const { app, tick } = await appWithKnownAccount();
    await expectSimilar(
      () =>
        compare(
          () => postJson(app, '/api/auth/sign-in', { email: 'known@example.jp', password: 'wrong guess 123' }),
          () => postJson(app, '/api/auth/sign-in', { email: 'nobody@example.jp', password: 'wrong guess 123' }),
          tick,
        ),
      'sign-in',
    );
    // Control: a request refused before hashing is far faster, so the comparison above can see a
    // missing dummy hash.
    const control = await compare(
      () => postJson(app, '/api/auth/sign-in', { email: 'known@example.jp', password: 'wrong guess 123' }),
      () => postJson(app, '/api/auth/sign-in', { email: 'not-an-address', password: 'wrong guess 123' }),
      tick,
    );
    expect(control.ratio, `control: ${control.a.toFixed(2)} vs ${control.b.toFixed(2)} ms`).toBeGreaterThan(3);
  }, 120_000);

  it('sign-up takes the same time for a new and an existing address', async () => {
    const { signUp, tick } = await appWithKnownAccount();
    let n = 0;
    await expectSimilar(
      () =>
        compare(
          () => signUp('known@example.jp', '192.0.2.10'),
          () => signUp(`new-${n++}@example.jp`, '192.0.2.11'),
          tick,
        ),
      'sign-up',
    );
  }, 120_000);

  it('password reset takes the same time for a known and an unknown address', async () => {
    const { app, tick } = await appWithKnownAccount();
    // Both answers come before any lookup (the lookup is deferred); at sub-millisecond scale allow 2×.
    await expectSimilar(
      () =>
        compare(
          () => postJson(app, '/api/auth/password-reset', { email: 'known@example.jp' }),
          () => postJson(app, '/api/auth/password-reset', { email: 'nobody@example.jp' }),
          tick,
        ),
      'password reset',
      2,
    );
  }, 120_000);
});
