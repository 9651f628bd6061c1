/**
 * Sessions, after the lucia-auth.com design (the `lucia` package itself is deprecated):
 * the client holds `id.secret`; the database holds only SHA-256(secret) as a BLOB; the secret is
 * compared in constant time. A session ends after 10 days without use (refreshed at most hourly,
 * so reads stay cheap) and 30 days after sign-in at the latest. Every sign-in makes a new session.
 */
import type { Db } from '../db/client.ts';
import { type AccountLocale, isRole, type Role } from './roles.ts';
import { newToken, parseToken, secretMatches } from './tokens.ts';

/** Inactivity timeout. */
export const SESSION_INACTIVITY_SECONDS = 10 * 24 * 60 * 60;
/** Absolute lifetime from sign-in. */
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;
/** `last_verified_at` is written at most this often. */
export const SESSION_REFRESH_SECONDS = 60 * 60;

/** A session row (never its secret hash). */
export interface Session {
  id: string;
  userId: string;
  createdAt: number;
  lastVerifiedAt: number;
  clientLabel: string;
}

/** The signed-in person, as handlers need them. */
export interface SessionUser {
  id: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
  locale: AccountLocale;
  roles: Role[];
}

/** A validated session and its user. */
export interface SessionValidation {
  session: Session;
  user: SessionUser;
  /** True when the inactivity timer was just pushed forward (send the cookie again). */
  refreshed: boolean;
}

/** When the session ends if it is not used again. */
export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastVerifiedAt'>): number {
  return Math.min(session.lastVerifiedAt + SESSION_INACTIVITY_SECONDS, session.createdAt + SESSION_ABSOLUTE_SECONDS);
}

/** Create a new session for a user; returns the token for the cookie (shown once, never stored). */
export function createSession(
  db: Db,
  userId: string,
  now: number,
  clientLabel: string,
): { token: string; session: Session } {
  const { id, token, secretHash } = newToken();
  db.run(
    'INSERT INTO auth_sessions (id, user_id, secret_hash, created_at, last_verified_at, client_label) VALUES (?, ?, ?, ?, ?, ?)',
    [id, userId, secretHash, now, now, clientLabel],
  );
  return { token, session: { id, userId, createdAt: now, lastVerifiedAt: now, clientLabel } };
}

interface SessionRow {
  id: string;
  userId: string;
  secretHash: Uint8Array;
  createdAt: number;
  lastVerifiedAt: number;
  clientLabel: string;
  email: string | null;
  emailVerifiedAt: number | null;
  displayName: string;
  locale: AccountLocale;
  status: string;
  /** The user's roles, space-separated (one statement per request instead of two). */
  roles: string | null;
}

/** Load the roles of a user. */
export function loadRoles(db: Db, userId: string): Role[] {
  return db
    .all<{ role: string }>('SELECT role FROM user_roles WHERE user_id = ? ORDER BY role', [userId])
    .map((row) => row.role)
    .filter(isRole);
}

/** Roles from a space-separated list (as `loadRoles` returns them: known ones, sorted). */
export function parseRoles(list: string | null): Role[] {
  return list ? list.split(' ').filter(isRole).sort() : [];
}

/**
 * Check a token: right format, known id, matching secret (constant time), not expired, user active.
 * Expired sessions are deleted. Returns null for anything else.
 */
export function validateSessionToken(db: Db, token: unknown, now: number): SessionValidation | null {
  const parts = parseToken(token);
  if (!parts) return null;
  const row = db.get<SessionRow>(
    `SELECT s.id, s.user_id AS userId, s.secret_hash AS secretHash, s.created_at AS createdAt,
       s.last_verified_at AS lastVerifiedAt, s.client_label AS clientLabel, u.email, u.email_verified_at AS emailVerifiedAt,
       u.display_name AS displayName, u.locale, u.status,
       (SELECT group_concat(r.role, ' ') FROM user_roles r WHERE r.user_id = s.user_id) AS roles
     FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    [parts.id],
  );
  if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
  if (now >= sessionExpiresAt(row) || row.status !== 'active') {
    invalidateSession(db, row.id);
    return null;
  }
  let refreshed = false;
  let lastVerifiedAt = row.lastVerifiedAt;
  if (now - row.lastVerifiedAt >= SESSION_REFRESH_SECONDS) {
    db.run('UPDATE auth_sessions SET last_verified_at = ? WHERE id = ?', [now, row.id]);
    lastVerifiedAt = now;
    refreshed = true;
  }
  return {
    session: {
      id: row.id,
      userId: row.userId,
      createdAt: row.createdAt,
      lastVerifiedAt,
      clientLabel: row.clientLabel,
    },
    user: {
      id: row.userId,
      email: row.email,
      emailVerified: row.emailVerifiedAt !== null,
      displayName: row.displayName,
      locale: row.locale,
      roles: parseRoles(row.roles),
    },
    refreshed,
  };
}

/** End one session. */
export function invalidateSession(db: Db, sessionId: string): void {
  db.run('DELETE FROM auth_sessions WHERE id = ?', [sessionId]);
}

/** End every session of a user, or every one except `keepSessionId`. Returns how many ended. */
export function invalidateUserSessions(db: Db, userId: string, keepSessionId?: string): number {
  return keepSessionId
    ? db.run('DELETE FROM auth_sessions WHERE user_id = ? AND id <> ?', [userId, keepSessionId]).changes
    : db.run('DELETE FROM auth_sessions WHERE user_id = ?', [userId]).changes;
}

/** The sessions of a user, newest first (never their hashes). */
export function listUserSessions(db: Db, userId: string, now: number): Session[] {
  return db
    .all<Session>(
      `SELECT id, user_id AS userId, created_at AS createdAt, last_verified_at AS lastVerifiedAt, client_label AS clientLabel
       FROM auth_sessions WHERE user_id = ? ORDER BY last_verified_at DESC, created_at DESC`,
      [userId],
    )
    .filter((session) => now < sessionExpiresAt(session));
}

/** Delete sessions past either limit (housekeeping). */
export function deleteExpiredSessions(db: Db, now: number): number {
  return db.run('DELETE FROM auth_sessions WHERE last_verified_at <= ? OR created_at <= ?', [
    now - SESSION_INACTIVITY_SECONDS,
    now - SESSION_ABSOLUTE_SECONDS,
  ]).changes;
}

/** A short, non-identifying label of the browser and system from a User-Agent header. */
export function describeClient(userAgent: string | undefined | null): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /OPR\//.test(ua)
      ? 'Opera'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /(Chrome|Chromium|CriOS)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const system = /Android/.test(ua)
    ? 'Android'
    : /(iPhone|iPad|iPod)/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : null;
  if (browser && system) return `${browser} / ${system}`;
  return browser ?? system ?? 'unknown';
}
