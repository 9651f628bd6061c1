/**
 * Rate limits (quality.md S6): fixed-window counters in the database, so every instance behind a
 * load balancer shares them (one small write per counted request). Keys are SHA-256 hashes of
 * "rule:subject", so no e-mail address or IP address is stored. Per-IP limits are generous because
 * a care facility or a community hall puts many people behind one address.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { ApiError } from '../lib/errors.ts';
import { recordSecurityEvent } from '../privacy/security-events.ts';

/** A limit: at most `limit` counted events per `windowSeconds`. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
  /**
   * What the subject is: a client address, a submitted e-mail address, or an account id (for the
   * security event of a refusal; unset: stored as a hashed identifier).
   */
  subject?: 'ip' | 'email' | 'user';
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** The limits of the account endpoints. */
export const RATE_LIMITS = {
  /** Failed sign-ins per account (e-mail, known or not — so limits reveal nothing). */
  signInAccount: { name: 'sign-in:account', limit: 10, windowSeconds: 15 * MINUTE, subject: 'email' },
  /** Sign-in attempts per IP address (a facility may have many residents signing in). */
  signInIp: { name: 'sign-in:ip', limit: 300, windowSeconds: 15 * MINUTE, subject: 'ip' },
  signUpAccount: { name: 'sign-up:account', limit: 5, windowSeconds: HOUR, subject: 'email' },
  signUpIp: { name: 'sign-up:ip', limit: 100, windowSeconds: HOUR, subject: 'ip' },
  resetAccount: { name: 'reset:account', limit: 5, windowSeconds: HOUR, subject: 'email' },
  resetIp: { name: 'reset:ip', limit: 100, windowSeconds: HOUR, subject: 'ip' },
  /** Token submissions (verification, reset) per IP: guessing 256-bit secrets is hopeless anyway. */
  tokenIp: { name: 'token:ip', limit: 100, windowSeconds: 15 * MINUTE, subject: 'ip' },
  /** Verification e-mails re-sent per account. */
  verifyResendAccount: { name: 'verify-resend:account', limit: 5, windowSeconds: HOUR, subject: 'user' },
  /** Password checks of signed-in people (change password, delete account) per account. */
  passwordCheckAccount: { name: 'password-check:account', limit: 10, windowSeconds: 15 * MINUTE, subject: 'user' },
  /** Invitations sent by organisation owners. */
  inviteAccount: { name: 'invite:account', limit: 30, windowSeconds: HOUR, subject: 'user' },
} as const satisfies Record<string, RateLimitRule>;

/** The outcome of a check. */
export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window ends (for `Retry-After`). */
  retryAfter: number;
  count: number;
}

function keyOf(rule: RateLimitRule, subject: string): string {
  return createHash('sha256').update(`${rule.name}\u0000${subject}`).digest('base64url');
}

/** Count one event and say whether it is within the limit. */
export function hitRateLimit(db: Db, rule: RateLimitRule, subject: string, now: number): RateLimitResult {
  const row = db.get<{ count: number; windowStart: number }>(
    `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE count + 1 END,
       window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END
     RETURNING count, window_start AS windowStart`,
    [keyOf(rule, subject), now, rule.windowSeconds],
  );
  const count = row?.count ?? 1;
  const windowStart = row?.windowStart ?? now;
  return { allowed: count <= rule.limit, retryAfter: Math.max(1, windowStart + rule.windowSeconds - now), count };
}

/** Say whether another event would be within the limit, without counting one. */
export function peekRateLimit(db: Db, rule: RateLimitRule, subject: string, now: number): RateLimitResult {
  const row = db.get<{ count: number; windowStart: number }>(
    'SELECT count, window_start AS windowStart FROM rate_limits WHERE key = ?',
    [keyOf(rule, subject)],
  );
  if (!row || row.windowStart <= now - rule.windowSeconds) return { allowed: true, retryAfter: 0, count: 0 };
  return {
    allowed: row.count < rule.limit,
    retryAfter: Math.max(1, row.windowStart + rule.windowSeconds - now),
    count: row.count,
  };
}

/** Forget the counter (e.g. failed sign-ins after a successful one). */
export function clearRateLimit(db: Db, rule: RateLimitRule, subject: string): void {
  db.run('DELETE FROM rate_limits WHERE key = ?', [keyOf(rule, subject)]);
}

/** Delete counters whose window is over (housekeeping). */
export function deleteExpiredRateLimits(db: Db, now: number, longestWindowSeconds = 24 * HOUR): number {
  return db.run('DELETE FROM rate_limits WHERE window_start <= ?', [now - longestWindowSeconds]).changes;
}

/** The error for a refused request: 429 with `Retry-After`. */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'rate_limited',
      `Too many attempts. Please wait ${Math.ceil(retryAfterSeconds / 60)} minute(s) and try again.`,
      undefined,
      { 'Retry-After': String(retryAfterSeconds) },
    );
    this.name = 'RateLimitedError';
  }
}

/**
 * Record a security event for a limit that has just been reached (once per window, so a flood of
 * refused requests does not flood the log). The subject is hashed, never stored in clear.
 */
export function recordRateLimitHit(db: Db, rule: RateLimitRule, subject: string, now: number): void {
  recordSecurityEvent(
    db,
    {
      type: 'rate_limit',
      detail: rule.name,
      ...(rule.subject === 'ip' ? { clientIp: subject } : {}),
      ...(rule.subject === 'email' || rule.subject === undefined ? { identifier: subject } : {}),
      ...(rule.subject === 'user' ? { userId: subject } : {}),
    },
    now,
  );
}

/** Count an event and throw `RateLimitedError` when over the limit (the first refusal is logged). */
export function enforceRateLimit(db: Db, rule: RateLimitRule, subject: string, now: number): void {
  const result = hitRateLimit(db, rule, subject, now);
  if (result.allowed) return;
  if (result.count === rule.limit + 1) recordRateLimitHit(db, rule, subject, now);
  throw new RateLimitedError(result.retryAfter);
}

/** Throw `RateLimitedError` when the limit is already reached (without counting). */
export function assertUnderRateLimit(db: Db, rule: RateLimitRule, subject: string, now: number): void {
  const result = peekRateLimit(db, rule, subject, now);
  if (!result.allowed) throw new RateLimitedError(result.retryAfter);
}
