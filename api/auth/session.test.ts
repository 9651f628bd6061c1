/**
 * S1: sessions — token format and entropy, only SHA-256(secret) stored (as a BLOB), constant-time
 * comparison, 10-day inactivity and 30-day absolute lifetime, hourly refresh, ending sessions.
 */
import crypto, { createHash } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { grantRole } from '../accounts/repository.ts';
import { createTestDb, createTestUser } from '../test/helpers.ts';
import {
  createSession,
  deleteExpiredSessions,
  describeClient,
  invalidateUserSessions,
  listUserSessions,
  loadRoles,
  parseRoles,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_INACTIVITY_SECONDS,
  SESSION_REFRESH_SECONDS,
  sessionExpiresAt,
  validateSessionToken,
} from './session.ts';
import * as tokens from './tokens.ts';

const T0 = 1_800_000_000;
const DAY = 86_400;

async function setup() {
  const db = createTestDb();
  const user = await createTestUser(db, { now: T0 });
  return { db, user };
}

describe('session tokens (S1)', () => {
  it('are id.secret with a 256-bit secret, all different', async () => {
    const { db, user } = await setup();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token } = createSession(db, user.id, T0, 'test');
      expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{52}$/);
      // 52 base32 characters carry 260 bits; the secret is 32 random bytes = 256 bits.
      expect(tokens.SECRET_BYTES * 8).toBeGreaterThanOrEqual(256);
      seen.add(token.split('.')[1]!);
    }
    expect(seen.size).toBe(200);
  });

  it('store only SHA-256(secret), as a BLOB, and never the token', async () => {
    const { db, user } = await setup();
    const { token, session } = createSession(db, user.id, T0, 'test');
    const [id, secret] = token.split('.') as [string, string];
    expect(session.id).toBe(id);
    const row = db.get<{ hash: Uint8Array; type: string }>(
      'SELECT secret_hash AS hash, typeof(secret_hash) AS type FROM auth_sessions WHERE id = ?',
      [id],
    )!;
    expect(row.type).toBe('blob');
    expect(Buffer.from(row.hash).equals(createHash('sha256').update(secret).digest())).toBe(true);
    const everything = JSON.stringify(db.all('SELECT * FROM auth_sessions'), (_k, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
    );
    expect(everything).not.toContain(secret);
  });

  it('compare the secret in constant time (crypto.timingSafeEqual on the hashes)', async () => {
    const { db, user } = await setup();
    const { token } = createSession(db, user.id, T0, 'test');
    const spy = vi.spyOn(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      const [id] = token.split('.');
      expect(validateSessionToken(db, `${id}.${'a'.repeat(52)}`, T0)).toBeNull();
      expect(validateSessionToken(db, token, T0)).not.toBeNull();
      expect(spy).toHaveBeenCalledTimes(2);
      for (const [a, b] of spy.mock.calls) expect((a as Uint8Array).byteLength).toBe((b as Uint8Array).byteLength);
    } finally {
      spy.mockRestore();
      syncBuiltinESMExports();
    }
    expect(tokens.hashesMatch(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(tokens.hashesMatch(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(tokens.hashesMatch(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it('reject malformed, unknown and tampered tokens', async () => {
    const { db, user } = await setup();
    const { token } = createSession(db, user.id, T0, 'test');
    for (const bad of [
      '',
      'x',
      token.toUpperCase(),
      `${token}a`,
      token.replace('.', ''),
      `${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`,
      null,
      42,
    ]) {
      expect(validateSessionToken(db, bad, T0)).toBeNull();
    }
    expect(validateSessionToken(db, token, T0)?.user.id).toBe(user.id);
  });

  it('end after 10 days without use, and are refreshed at most hourly', async () => {
    const { db, user } = await setup();
    const { token } = createSession(db, user.id, T0, 'test');
    expect(validateSessionToken(db, token, T0 + SESSION_REFRESH_SECONDS - 1)?.refreshed).toBe(false);
    const refreshed = validateSessionToken(db, token, T0 + SESSION_REFRESH_SECONDS);
    expect(refreshed?.refreshed).toBe(true);
    expect(refreshed?.session.lastVerifiedAt).toBe(T0 + SESSION_REFRESH_SECONDS);
    const last = T0 + SESSION_REFRESH_SECONDS;
    expect(validateSessionToken(db, token, last + SESSION_INACTIVITY_SECONDS - 1)).not.toBeNull();
    const again = validateSessionToken(db, token, last + SESSION_INACTIVITY_SECONDS - 1)!.session;
    expect(validateSessionToken(db, token, again.lastVerifiedAt + SESSION_INACTIVITY_SECONDS)).toBeNull();
    expect(db.get('SELECT 1 AS one FROM auth_sessions')).toBeUndefined();
  });

  it('carry the current roles of the person, sorted, read in the same statement', async () => {
    const { db, user } = await setup();
    const { token } = createSession(db, user.id, T0, 'test');
    db.run('DELETE FROM user_roles WHERE user_id = ?', [user.id]);
    expect(validateSessionToken(db, token, T0)?.user.roles).toEqual([]);
    for (const role of ['volunteer', 'coordinator', 'resident'] as const) grantRole(db, user.id, role, null, T0);
    // A role granted after sign-in counts at once; the list equals loadRoles().
    expect(validateSessionToken(db, token, T0)?.user.roles).toEqual(['coordinator', 'resident', 'volunteer']);
    expect(validateSessionToken(db, token, T0)?.user.roles).toEqual(loadRoles(db, user.id));
    db.run("DELETE FROM user_roles WHERE user_id = ? AND role = 'coordinator'", [user.id]);
    expect(validateSessionToken(db, token, T0)?.user.roles).toEqual(['resident', 'volunteer']);
    expect(parseRoles('admin unknown driver')).toEqual(['admin', 'driver']);
    expect(parseRoles(null)).toEqual([]);
  });

  it('end 30 days after sign-in even when used every day', async () => {
    const { db, user } = await setup();
    const { token, session } = createSession(db, user.id, T0, 'test');
    for (let day = 1; day < 30; day++)
      expect(validateSessionToken(db, token, T0 + day * DAY), `day ${day}`).not.toBeNull();
    expect(validateSessionToken(db, token, T0 + SESSION_ABSOLUTE_SECONDS)).toBeNull();
    expect(sessionExpiresAt({ ...session, lastVerifiedAt: T0 + 29 * DAY })).toBe(T0 + SESSION_ABSOLUTE_SECONDS);
  });

  it('end when the account is deleted, and can be ended all at once or all but one', async () => {
    const { db, user } = await setup();
    const a = createSession(db, user.id, T0, 'a');
    const b = createSession(db, user.id, T0, 'b');
    const c = createSession(db, user.id, T0, 'c');
    expect(invalidateUserSessions(db, user.id, a.session.id)).toBe(2);
    expect(validateSessionToken(db, b.token, T0)).toBeNull();
    expect(validateSessionToken(db, c.token, T0)).toBeNull();
    expect(listUserSessions(db, user.id, T0).map((s) => s.id)).toEqual([a.session.id]);
    db.run("UPDATE users SET status = 'deleted' WHERE id = ?", [user.id]);
    expect(validateSessionToken(db, a.token, T0)).toBeNull();
  });

  it('housekeeping deletes expired sessions only', async () => {
    const { db, user } = await setup();
    createSession(db, user.id, T0, 'old');
    const fresh = createSession(db, user.id, T0 + 20 * DAY, 'new');
    expect(deleteExpiredSessions(db, T0 + 20 * DAY)).toBe(1);
    expect(listUserSessions(db, user.id, T0 + 20 * DAY).map((s) => s.id)).toEqual([fresh.session.id]);
  });

  it('labels devices coarsely', () => {
    expect(
      describeClient(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome / Android');
    expect(
      describeClient('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari / iOS');
    expect(describeClient(undefined)).toBe('unknown');
  });
});
