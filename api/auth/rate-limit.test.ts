/**
 * S6: rate limits per account and per IP on sign-in, sign-up and reset, answered with 429 and
 * Retry-After; per-IP limits generous; counters keyed by hashes, not addresses.
 */
import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress } from '../lib/client-ip.ts';
import { hitRateLimit, peekRateLimit, RATE_LIMITS } from '../middleware/rate-limit.ts';
import { createTestApp, createTestDb, createTestUser, postJson } from '../test/helpers.ts';

const T0 = 1_900_000_000;

describe('rate-limit counters', () => {
  it('count within a fixed window and start again after it', () => {
    const db = createTestDb();
    const rule = { name: 'test', limit: 3, windowSeconds: 60 };
    expect([1, 2, 3].map(() => hitRateLimit(db, rule, 'a', T0).allowed)).toEqual([true, true, true]);
    const refused = hitRateLimit(db, rule, 'a', T0 + 10);
    expect(refused).toMatchObject({ allowed: false, retryAfter: 50 });
    expect(hitRateLimit(db, rule, 'b', T0 + 10).allowed).toBe(true);
    expect(hitRateLimit(db, rule, 'a', T0 + 60).allowed).toBe(true);
    expect(peekRateLimit(db, rule, 'a', T0 + 61).count).toBe(1);
  });

  it('store hashed keys only', () => {
    const db = createTestDb();
    hitRateLimit(db, RATE_LIMITS.signInAccount, 'someone@example.jp', T0);
    hitRateLimit(db, RATE_LIMITS.signInIp, '203.0.113.9', T0);
    const dump = JSON.stringify(db.all('SELECT * FROM rate_limits'));
    expect(dump).not.toContain('someone');
    expect(dump).not.toContain('203.0.113');
  });

  it('are generous per IP (a facility shares one address) and strict per account', () => {
    expect(RATE_LIMITS.signInIp.limit).toBeGreaterThanOrEqual(20 * RATE_LIMITS.signInAccount.limit);
    expect(RATE_LIMITS.signUpIp.limit).toBeGreaterThanOrEqual(100);
  });

  it('group IPv6 clients by /64 and read X-Forwarded-For only behind a trusted proxy', () => {
    expect(normaliseAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(normaliseAddress('::ffff:192.0.2.4')).toBe('192.0.2.4');
    expect(clientAddress('198.51.100.1, 192.0.2.7', '10.0.0.1', true)).toBe('192.0.2.7');
    expect(clientAddress('198.51.100.1', '10.0.0.1', false)).toBe('10.0.0.1');
    expect(clientAddress(undefined, undefined, false)).toBe('unknown');
  });
});

describe('rate limits on the endpoints (S6)', () => {
  it('lock an account after 10 failed sign-ins with 429 + Retry-After, for known and unknown addresses alike', async () => {
    const { app, db } = createTestApp({ config: { trustProxy: true }, now: () => T0 });
    await createTestUser(db, { email: 'known@example.jp', password: 'right password 1' });
    for (const email of ['known@example.jp', 'unknown@example.jp']) {
      for (let i = 0; i < 10; i++) {
        const response = await postJson(
          app,
          '/api/auth/sign-in',
          { email, password: `wrong ${i}` },
          { 'x-forwarded-for': `192.0.2.${i}` },
        );
        expect(response.status).toBe(401);
      }
      const locked = await postJson(
        app,
        '/api/auth/sign-in',
        { email, password: 'right password 1' },
        { 'x-forwarded-for': '192.0.2.99' },
      );
      expect(locked.status, email).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await locked.json()).toMatchObject({ error: { code: 'rate_limited' } });
    }
  });

  it('allow the account again after the window, and a success clears the failures', async () => {
    let now = T0;
    const { app, db } = createTestApp({ now: () => now });
    await createTestUser(db, { email: 'a@example.jp', password: 'right password 1' });
    for (let i = 0; i < 9; i++)
      await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'nope nope' });
    expect(
      (await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'right password 1' })).status,
    ).toBe(200);
    for (let i = 0; i < 9; i++) {
      expect((await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'nope nope' })).status).toBe(
        401,
      );
    }
    for (let i = 0; i < 2; i++)
      await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'nope nope' });
    expect(
      (await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'right password 1' })).status,
    ).toBe(429);
    now += RATE_LIMITS.signInAccount.windowSeconds;
    expect(
      (await postJson(app, '/api/auth/sign-in', { email: 'a@example.jp', password: 'right password 1' })).status,
    ).toBe(200);
  });

  it('limit sign-ins per IP, without touching other addresses', async () => {
    const { app } = createTestApp({ config: { trustProxy: true }, now: () => T0 });
    const ip = { 'x-forwarded-for': '198.51.100.20' };
    let last = 0;
    for (let i = 0; i <= RATE_LIMITS.signInIp.limit; i++) {
      last = (await postJson(app, '/api/auth/sign-in', { email: `p${i}@example.jp`, password: 'x x x x x x' }, ip))
        .status;
    }
    expect(last).toBe(429);
    const other = await postJson(
      app,
      '/api/auth/sign-in',
      { email: 'z@example.jp', password: 'x x x x x x' },
      { 'x-forwarded-for': '198.51.100.21' },
    );
    expect(other.status).toBe(401);
  }, 60_000);

  it('limit sign-ups and reset requests per address', async () => {
    const { app } = createTestApp({ config: { trustProxy: true }, now: () => T0 });
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.signUpAccount.limit; i++) {
      const response = await postJson(
        app,
        '/api/auth/sign-up',
        { email: 'again@example.jp', password: 'kawa no oto 2026', displayName: 'A', acceptPolicy: true },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, -1).every((s) => s === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const resets: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.resetAccount.limit; i++) {
      resets.push(
        (
          await postJson(
            app,
            '/api/auth/password-reset',
            { email: 'again@example.jp' },
            { 'x-forwarded-for': `203.0.113.${i}` },
          )
        ).status,
      );
    }
    expect(resets.at(-1)).toBe(429);
    expect(resets.slice(0, -1).every((s) => s === 202)).toBe(true);
  });
});
