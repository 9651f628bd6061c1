/**
 * Security events (ASVS 16.3.1–16.3.3): sign-ins and their failures, sign-outs, rate-limit refusals,
 * password changes and resets, e-mail verification, ended sessions, account deletion, role changes
 * and organization reviews. Each is one append-only row of `security_events` (migration 0006) and,
 * in the server, one structured JSON log line.
 *
 * What is never recorded: passwords, tokens, e-mail addresses, IP addresses. The client address and
 * a submitted identifier (the e-mail typed into sign-in or reset) are stored as truncated HMACs
 * keyed with a per-database random key, so repeated attempts correlate, but the log cannot be used
 * to test whether an address has an account. `detail` holds codes only.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/client.ts';

/** The kinds of security event. */
export const SECURITY_EVENT_TYPES = [
  'sign_in.success',
  'sign_in.failure',
  'sign_out',
  'rate_limit',
  'account.created',
  'email.verified',
  'password.changed',
  'password.reset_requested',
  'password.reset',
  'sessions.revoked',
  'account.deleted',
  'role.granted',
  'role.revoked',
  'organization.reviewed',
  'security_events.read',
] as const;
/** One kind of security event. */
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** What a caller knows about an event. */
export interface SecurityEventInput {
  type: SecurityEventType;
  /** The account concerned, when known. */
  userId?: string | null;
  /** Who acted, when someone else than `userId` (an admin, a coordinator). */
  actorId?: string | null;
  /** The normalised client address (hashed before storage); 'unknown' and null store nothing. */
  clientIp?: string | null;
  /** A submitted identifier such as an e-mail address (hashed before storage). */
  identifier?: string | null;
  /** Codes and ids only. */
  detail?: string | null;
}

/** A stored event. */
export interface SecurityEvent {
  id: number;
  at: number;
  type: string;
  userId: string | null;
  actorId: string | null;
  ipHash: string | null;
  identifierHash: string | null;
  detail: string | null;
}

/** How many hexadecimal characters of the HMAC are kept (64 bits: enough to correlate, little to match). */
const HASH_LENGTH = 16;

const keys = new WeakMap<Db, Buffer>();

function keyOf(db: Db): Buffer {
  let key = keys.get(db);
  if (!key) {
    const row = db.get<{ key: Uint8Array }>('SELECT key FROM security_event_key WHERE id = 1');
    if (!row) throw new Error('security_event_key is missing (migration 0006 not applied?)');
    key = Buffer.from(row.key);
    keys.set(db, key);
  }
  return key;
}

/** The keyed, truncated hash of a value of a kind ('ip', 'identifier'), as stored. */
export function securityHash(db: Db, kind: 'ip' | 'identifier', value: string): string {
  return createHmac('sha256', keyOf(db)).update(`${kind}\u0000${value}`).digest('hex').slice(0, HASH_LENGTH);
}

/** Where the server sends each event as a log line (set once by the server; none in tests). */
export type SecurityEventSink = (event: Omit<SecurityEvent, 'id'>) => void;

const SINK = Symbol.for('sasaeai.securityEventSink');
type SinkHolder = { [SINK]?: SecurityEventSink | undefined };

/**
 * Send every recorded event to `sink` as well (the server passes the JSON logger). Kept on
 * `globalThis` because Astro's on-demand pages run their own copy of this module.
 */
export function setSecurityEventSink(sink: SecurityEventSink | undefined): void {
  (globalThis as SinkHolder)[SINK] = sink;
}

/** Record an event. */
export function recordSecurityEvent(db: Db, input: SecurityEventInput, now: number): void {
  const event: Omit<SecurityEvent, 'id'> = {
    at: now,
    type: input.type,
    userId: input.userId ?? null,
    actorId: input.actorId ?? null,
    ipHash: input.clientIp && input.clientIp !== 'unknown' ? securityHash(db, 'ip', input.clientIp) : null,
    identifierHash: input.identifier ? securityHash(db, 'identifier', input.identifier) : null,
    detail: input.detail ?? null,
  };
  db.run(
    `INSERT INTO security_events (at, type, user_id, actor_id, ip_hash, identifier_hash, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [event.at, event.type, event.userId, event.actorId, event.ipHash, event.identifierHash, event.detail],
  );
  (globalThis as SinkHolder)[SINK]?.(event);
}

const COLUMNS = `id, at, type, user_id AS userId, actor_id AS actorId, ip_hash AS ipHash,
  identifier_hash AS identifierHash, detail`;

/** The newest events, optionally of one type and/or about one account, newest first. */
export function recentSecurityEvents(
  db: Db,
  filter: { type?: SecurityEventType | undefined; userId?: string | undefined; limit?: number | undefined } = {},
): SecurityEvent[] {
  return db.all<SecurityEvent>(
    `SELECT ${COLUMNS} FROM security_events
     WHERE (?1 IS NULL OR type = ?1) AND (?2 IS NULL OR user_id = ?2)
     ORDER BY id DESC LIMIT ?3`,
    [filter.type ?? null, filter.userId ?? null, filter.limit ?? 100],
  );
}

/** Events a person sees about their own account (all but their own reads of the admin log). */
export const OWN_ACTIVITY_TYPES = SECURITY_EVENT_TYPES.filter((type) => type !== 'security_events.read');

/** One line of "recent activity on my account". */
export interface OwnActivity {
  type: SecurityEventType;
  at: number;
  /** The coarse device label of a sign-in, else null. */
  device: string | null;
  /** Done by someone else (an admin, a coordinator). */
  byStaff: boolean;
}

/**
 * The newest events about one account, as its owner sees them on My page and in "download my
 * data": sign-ins (with the device), failed sign-ins, password and session changes, role changes.
 */
export function ownActivity(db: Db, userId: string, limit = 10): OwnActivity[] {
  return db
    .all<SecurityEvent>(
      `SELECT ${COLUMNS} FROM security_events WHERE user_id = ? AND type <> ? ORDER BY id DESC LIMIT ?`,
      [userId, 'security_events.read' satisfies SecurityEventType, limit],
    )
    .map((event) => ({
      type: event.type as SecurityEventType,
      at: event.at,
      device: event.type === 'sign_in.success' ? event.detail : null,
      byStaff: event.actorId !== null && event.actorId !== userId,
    }));
}

/** How long events are kept. */
export const SECURITY_EVENT_RETENTION_SECONDS = 400 * 24 * 60 * 60;

/** Delete events older than the retention period (housekeeping); the database refuses younger ones. */
export function purgeOldSecurityEvents(db: Db, now: number): number {
  return db.run('DELETE FROM security_events WHERE at <= ?', [now - SECURITY_EVENT_RETENTION_SECONDS - 60]).changes;
}
