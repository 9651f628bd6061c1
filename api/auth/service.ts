/**
 * Sign-up, sign-in, sign-out, e-mail verification, password reset and change, and "my sessions":
 * the logic behind both /api/auth and the /account pages.
 *
 * No account enumeration (quality.md S5): sign-up, sign-in and reset answer the same for known and
 * unknown addresses — same status, same body, and the same work (an argon2id hash or verify runs on
 * every path; e-mail goes through the outbox, so delivery time never shows).
 */
import { localizePath } from '../lib/locale-path.ts';
import { findActiveUserByEmail, getPasswordHash, getUser, grantRole, insertUser } from '../accounts/repository.ts';
import type { Db } from '../db/client.ts';
import {
  RATE_LIMITS,
  assertUnderRateLimit,
  clearRateLimit,
  enforceRateLimit,
  hitRateLimit,
  recordRateLimitHit,
} from '../middleware/rate-limit.ts';
import { enqueueMessage } from '../notifications/outbox.ts';
import { recordConsent } from '../privacy/consents.ts';
import { recordSecurityEvent, type SecurityEventInput } from '../privacy/security-events.ts';
import { defer } from '../lib/deferred.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, ServiceError } from '../lib/service-error.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.ts';
import { type AccountLocale, SELF_SERVICE_ROLES, type SelfServiceRole } from './roles.ts';
import {
  createSession,
  describeClient,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  type Session,
  type SessionUser,
} from './session.ts';
import { generateId, newToken, parseToken, secretMatches } from './tokens.ts';
import { emailProblem, NAME_MAX_LENGTH, newPasswordProblem, normaliseEmail, textProblem } from './validation.ts';

/** E-mail verification links work this long. */
export const VERIFY_TOKEN_SECONDS = 24 * 60 * 60;
/** Password reset links work this long (and once). */
export const RESET_TOKEN_SECONDS = 30 * 60;

/** The answer to every sign-up, whatever happened (no enumeration). */
export const SIGN_UP_ACCEPTED = {
  status: 'check_email',
  message: 'Thank you. We sent an e-mail to this address: follow its link to finish, then sign in.',
} as const;

/** The answer to every password-reset request (no enumeration). */
export const RESET_REQUESTED = {
  status: 'check_email',
  message: 'If an account uses this address, we sent it a link to set a new password. The link works for 30 minutes.',
} as const;

/** The single error for a failed sign-in (no hint which part was wrong). */
export function invalidCredentials(): ServiceError {
  return new ServiceError(401, 'invalid_credentials', 'The e-mail address or the password is not correct.');
}

function invalidToken(): ServiceError {
  return new ServiceError(
    400,
    'invalid_token',
    'This link is not valid any more. It may have expired or been used already. Ask for a new one.',
  );
}

/** Record a security event with the request's client address. */
function securityEvent(ctx: ServiceContext, input: Omit<SecurityEventInput, 'clientIp'>): void {
  recordSecurityEvent(ctx.db, { ...input, clientIp: ctx.clientIp }, ctx.now);
}

/** What the person is, for routes and pages. */
export interface AuthState {
  session: Session;
  user: SessionUser;
}

/** Absolute link to a page of the site in a locale. */
export function siteLink(ctx: Pick<ServiceContext, 'config'>, path: string, locale: AccountLocale = 'ja'): string {
  return new URL(localizePath(path, locale), ctx.config.publicOrigin).href;
}

/** A new single-use token of a purpose for a person (replacing their earlier one); the token text to mail. */
export function issueToken(
  db: Db,
  purpose: 'verify_email' | 'reset_password',
  userId: string,
  email: string,
  now: number,
  lifetime: number,
): string {
  db.run('DELETE FROM auth_tokens WHERE user_id = ? AND purpose = ?', [userId, purpose]);
  const { id, token, secretHash } = newToken();
  db.run(
    'INSERT INTO auth_tokens (id, user_id, purpose, secret_hash, email, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [id, userId, purpose, secretHash, email, now, now + lifetime],
  );
  return token;
}

function findToken(
  db: Db,
  purpose: 'verify_email' | 'reset_password',
  token: unknown,
  now: number,
): { id: string; userId: string; email: string } | null {
  const parts = parseToken(token);
  if (!parts) return null;
  const row = db.get<{ id: string; userId: string; email: string; secretHash: Uint8Array; expiresAt: number }>(
    `SELECT id, user_id AS userId, email, secret_hash AS secretHash, expires_at AS expiresAt
     FROM auth_tokens WHERE id = ? AND purpose = ?`,
    [parts.id, purpose],
  );
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
  if (now >= row.expiresAt) {
    db.run('DELETE FROM auth_tokens WHERE id = ?', [row.id]);
    return null;
  }
  return { id: row.id, userId: row.userId, email: row.email };
}

/** Sign-up input (from the form or the JSON body). */
export interface SignUpInput {
  email: string;
  password: string;
  displayName: string;
  locale: AccountLocale;
  roles: readonly string[];
  acceptPolicy: boolean;
}

/**
 * Register a person. New address: the account is created (unverified) and a verification e-mail
 * queued. Known address: nothing is created and the owner gets a "you already have an account"
 * e-mail. Both paths hash the password and answer alike.
 */
export async function signUp(ctx: ServiceContext, input: SignUpInput): Promise<typeof SIGN_UP_ACCEPTED> {
  const email = normaliseEmail(input.email);
  const displayName = input.displayName.normalize('NFC').trim();
  assertNoProblems({
    email: emailProblem(input.email),
    displayName: textProblem(input.displayName, { required: true, max: NAME_MAX_LENGTH }),
    password: newPasswordProblem(input.password, { email, displayName }),
    acceptPolicy: input.acceptPolicy ? null : 'policy_required',
    roles: input.roles.every((role) => (SELF_SERVICE_ROLES as readonly string[]).includes(role)) ? null : 'invalid',
  });
  enforceRateLimit(ctx.db, RATE_LIMITS.signUpIp, ctx.clientIp, ctx.now);
  enforceRateLimit(ctx.db, RATE_LIMITS.signUpAccount, email, ctx.now);
  const passwordHash = await hashPassword(input.password, ctx.config.argon2);
  ctx.db.transaction(() => {
    const existing = findActiveUserByEmail(ctx.db, email);
    if (existing) {
      enqueueMessage(
        ctx.db,
        {
          userId: existing.id,
          recipient: email,
          locale: existing.locale,
          kind: 'already_registered',
          params: {
            name: existing.displayName,
            signInLink: siteLink(ctx, '/account/sign-in', existing.locale),
            resetLink: siteLink(ctx, '/account/forgot-password', existing.locale),
          },
        },
        ctx.now,
      );
      return;
    }
    const id = generateId();
    insertUser(ctx.db, { id, email, passwordHash, displayName, locale: input.locale }, ctx.now);
    const roles = new Set<SelfServiceRole>(input.roles as SelfServiceRole[]);
    if (roles.size === 0) roles.add('resident');
    for (const role of roles) grantRole(ctx.db, id, role, id, ctx.now);
    recordConsent(
      ctx.db,
      {
        subjectId: id,
        actorId: id,
        capacity: 'self',
        decidedBy: 'person',
        purpose: 'account',
        channel: 'web',
        action: 'granted',
      },
      ctx.now,
    );
    securityEvent(ctx, { type: 'account.created', userId: id, detail: [...roles].join(',') });
    const token = issueToken(ctx.db, 'verify_email', id, email, ctx.now, VERIFY_TOKEN_SECONDS);
    enqueueMessage(
      ctx.db,
      {
        userId: id,
        recipient: email,
        locale: input.locale,
        kind: 'verify_email',
        params: { name: displayName, link: `${siteLink(ctx, '/account/verify', input.locale)}?token=${token}` },
      },
      ctx.now,
    );
  });
  return SIGN_UP_ACCEPTED;
}

/**
 * Check e-mail and password and start a new session. Unknown addresses are checked against a dummy
 * hash so they take as long; the answer is the same `invalid_credentials` either way.
 */
export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string },
  previousSessionId?: string | null,
): Promise<{ token: string; session: Session; userId: string }> {
  const email = normaliseEmail(input.email);
  assertNoProblems({
    email: emailProblem(input.email),
    password: input.password === '' ? 'required' : input.password.length > 1024 ? 'too_long' : null,
  });
  enforceRateLimit(ctx.db, RATE_LIMITS.signInIp, ctx.clientIp, ctx.now);
  assertUnderRateLimit(ctx.db, RATE_LIMITS.signInAccount, email, ctx.now);
  const user = findActiveUserByEmail(ctx.db, email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyAgainstDummy(input.password, ctx.config.argon2);
  if (!valid || !user) {
    // The typed address is kept only as a keyed hash (correlation without an enumeration oracle).
    securityEvent(ctx, {
      type: 'sign_in.failure',
      userId: user?.id ?? null,
      identifier: email,
      detail: user ? 'wrong_password' : 'unknown_account',
    });
    const hit = hitRateLimit(ctx.db, RATE_LIMITS.signInAccount, email, ctx.now);
    if (hit.count === RATE_LIMITS.signInAccount.limit) {
      recordRateLimitHit(ctx.db, RATE_LIMITS.signInAccount, email, ctx.now);
    }
    throw invalidCredentials();
  }
  clearRateLimit(ctx.db, RATE_LIMITS.signInAccount, email);
  // A new session on every sign-in (no fixation); a session the browser still held ends.
  if (previousSessionId) invalidateSession(ctx.db, previousSessionId);
  const device = describeClient(ctx.userAgent);
  const { token, session } = createSession(ctx.db, user.id, ctx.now, device);
  securityEvent(ctx, { type: 'sign_in.success', userId: user.id, detail: device });
  return { token, session, userId: user.id };
}

/** End the current session. */
export function signOut(ctx: ServiceContext, auth: AuthState): void {
  invalidateSession(ctx.db, auth.session.id);
  securityEvent(ctx, { type: 'sign_out', userId: auth.user.id });
}

/** Confirm an e-mail address with the token from the verification e-mail (single use). */
export function verifyEmail(ctx: ServiceContext, token: string): { userId: string } {
  enforceRateLimit(ctx.db, RATE_LIMITS.tokenIp, ctx.clientIp, ctx.now);
  return ctx.db.transaction(() => {
    const found = findToken(ctx.db, 'verify_email', token, ctx.now);
    if (!found) throw invalidToken();
    const user = getUser(ctx.db, found.userId);
    ctx.db.run('DELETE FROM auth_tokens WHERE id = ?', [found.id]);
    if (!user || user.status !== 'active' || user.email !== found.email) throw invalidToken();
    ctx.db.run('UPDATE users SET email_verified_at = coalesce(email_verified_at, ?), updated_at = ? WHERE id = ?', [
      ctx.now,
      ctx.now,
      user.id,
    ]);
    securityEvent(ctx, { type: 'email.verified', userId: user.id });
    return { userId: user.id };
  });
}

/** Send the verification e-mail again (signed-in, unverified people). */
export function resendVerification(ctx: ServiceContext, auth: AuthState): { sent: boolean } {
  const user = getUser(ctx.db, auth.user.id);
  if (!user?.email || user.emailVerifiedAt !== null) return { sent: false };
  enforceRateLimit(ctx.db, RATE_LIMITS.verifyResendAccount, user.id, ctx.now);
  ctx.db.transaction(() => {
    const token = issueToken(ctx.db, 'verify_email', user.id, user.email!, ctx.now, VERIFY_TOKEN_SECONDS);
    enqueueMessage(
      ctx.db,
      {
        userId: user.id,
        recipient: user.email!,
        locale: user.locale,
        kind: 'verify_email',
        params: { name: user.displayName, link: `${siteLink(ctx, '/account/verify', user.locale)}?token=${token}` },
      },
      ctx.now,
    );
  });
  return { sent: true };
}

/** Start a password reset: a 30-minute single-use link by e-mail when the address has an account. */
export function requestPasswordReset(ctx: ServiceContext, input: { email: string }): typeof RESET_REQUESTED {
  const email = normaliseEmail(input.email);
  assertNoProblems({ email: emailProblem(input.email) });
  enforceRateLimit(ctx.db, RATE_LIMITS.resetIp, ctx.clientIp, ctx.now);
  enforceRateLimit(ctx.db, RATE_LIMITS.resetAccount, email, ctx.now);
  // The lookup and the e-mail happen after the answer, so its timing says nothing about the address.
  defer('password-reset', () =>
    ctx.db.transaction(() => {
      const user = findActiveUserByEmail(ctx.db, email);
      securityEvent(ctx, { type: 'password.reset_requested', userId: user?.id ?? null, identifier: email });
      if (!user) return;
      const token = issueToken(ctx.db, 'reset_password', user.id, email, ctx.now, RESET_TOKEN_SECONDS);
      enqueueMessage(
        ctx.db,
        {
          userId: user.id,
          recipient: email,
          locale: user.locale,
          kind: 'password_reset',
          params: {
            name: user.displayName,
            link: `${siteLink(ctx, '/account/reset-password', user.locale)}?token=${token}`,
            minutes: RESET_TOKEN_SECONDS / 60,
          },
        },
        ctx.now,
      );
    }),
  );
  return RESET_REQUESTED;
}

/** Whether a reset token is currently valid (the page checks before showing the form). */
export function isResetTokenValid(ctx: ServiceContext, token: string): boolean {
  return findToken(ctx.db, 'reset_password', token, ctx.now) !== null;
}

/**
 * Set a new password with a reset token: the token is used up, every session ends, and the
 * address counts as verified (the person proved they read its mail).
 */
export async function resetPassword(ctx: ServiceContext, input: { token: string; password: string }): Promise<void> {
  enforceRateLimit(ctx.db, RATE_LIMITS.tokenIp, ctx.clientIp, ctx.now);
  const found = findToken(ctx.db, 'reset_password', input.token, ctx.now);
  const user = found ? getUser(ctx.db, found.userId) : undefined;
  if (!found || !user || user.status !== 'active' || user.email !== found.email) throw invalidToken();
  assertNoProblems({ password: newPasswordProblem(input.password, user) });
  const passwordHash = await hashPassword(input.password, ctx.config.argon2);
  ctx.db.transaction(() => {
    // Re-check inside the transaction: the token is single-use even under concurrent requests.
    if (!findToken(ctx.db, 'reset_password', input.token, ctx.now)) throw invalidToken();
    ctx.db.run(
      'UPDATE users SET password_hash = ?, email_verified_at = coalesce(email_verified_at, ?), updated_at = ? WHERE id = ?',
      [passwordHash, ctx.now, ctx.now, user.id],
    );
    ctx.db.run("DELETE FROM auth_tokens WHERE user_id = ? AND purpose = 'reset_password'", [user.id]);
    const ended = invalidateUserSessions(ctx.db, user.id);
    securityEvent(ctx, { type: 'password.reset', userId: user.id, detail: `sessions_ended:${ended}` });
  });
  clearRateLimit(ctx.db, RATE_LIMITS.signInAccount, found.email);
}

/** Check the current password of a signed-in person (change password, delete account). */
export async function confirmCurrentPassword(ctx: ServiceContext, auth: AuthState, password: string): Promise<boolean> {
  enforceRateLimit(ctx.db, RATE_LIMITS.passwordCheckAccount, auth.user.id, ctx.now);
  const stored = getPasswordHash(ctx.db, auth.user.id);
  return stored ? verifyPassword(stored, password) : verifyAgainstDummy(password, ctx.config.argon2);
}

/** Change the password; every other session ends, this one stays. */
export async function changePassword(
  ctx: ServiceContext,
  auth: AuthState,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number }> {
  assertNoProblems({
    currentPassword: input.currentPassword === '' ? 'required' : null,
    newPassword: newPasswordProblem(input.newPassword, auth.user),
  });
  if (!(await confirmCurrentPassword(ctx, auth, input.currentPassword))) {
    throw new ServiceError(400, 'invalid_request', 'The current password is not correct.', {
      currentPassword: 'password_wrong',
    });
  }
  const passwordHash = await hashPassword(input.newPassword, ctx.config.argon2);
  return ctx.db.transaction(() => {
    ctx.db.run('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?', [
      passwordHash,
      ctx.now,
      auth.user.id,
    ]);
    ctx.db.run("DELETE FROM auth_tokens WHERE user_id = ? AND purpose = 'reset_password'", [auth.user.id]);
    const endedSessions = invalidateUserSessions(ctx.db, auth.user.id, auth.session.id);
    securityEvent(ctx, { type: 'password.changed', userId: auth.user.id, detail: `sessions_ended:${endedSessions}` });
    if (auth.user.email) {
      enqueueMessage(
        ctx.db,
        {
          userId: auth.user.id,
          recipient: auth.user.email,
          locale: auth.user.locale,
          kind: 'password_changed',
          params: {
            name: auth.user.displayName,
            resetLink: siteLink(ctx, '/account/forgot-password', auth.user.locale),
          },
        },
        ctx.now,
      );
    }
    return { endedSessions };
  });
}

/** A session as its owner sees it. */
export interface SessionView {
  id: string;
  current: boolean;
  createdAt: number;
  lastUsedAt: number;
  device: string;
}

/** The person's sessions, the current one marked. */
export function mySessions(ctx: ServiceContext, auth: AuthState): SessionView[] {
  return listUserSessions(ctx.db, auth.user.id, ctx.now).map((session) => ({
    id: session.id,
    current: session.id === auth.session.id,
    createdAt: session.createdAt,
    lastUsedAt: session.lastVerifiedAt,
    device: session.clientLabel,
  }));
}

/** End one of the person's own sessions; 404 for anyone else's. */
export function endMySession(ctx: ServiceContext, auth: AuthState, sessionId: string): void {
  const changes = ctx.db.run('DELETE FROM auth_sessions WHERE id = ? AND user_id = ?', [
    sessionId,
    auth.user.id,
  ]).changes;
  if (changes === 0) throw new ServiceError(404, 'not_found', 'There is no such session.');
  securityEvent(ctx, { type: 'sessions.revoked', userId: auth.user.id, detail: 'one' });
}

/** End every session of the person except the current one. */
export function endOtherSessions(ctx: ServiceContext, auth: AuthState): { ended: number } {
  const ended = invalidateUserSessions(ctx.db, auth.user.id, auth.session.id);
  securityEvent(ctx, { type: 'sessions.revoked', userId: auth.user.id, detail: `others:${ended}` });
  return { ended };
}
