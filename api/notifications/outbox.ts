/**
 * The outbox: every message is first written here (in the same transaction as the change that
 * caused it), then delivered by `delivery.ts` when SMTP is configured. Without SMTP the messages
 * stay here and admins/coordinators read them on /account/outbox (development, small pilots).
 */
import type { AccountLocale } from '../auth/roles.ts';
import type { Db } from '../db/client.ts';
import { type MessageKind, type MessageParams, renderMessage } from './templates.ts';

/** A message in the outbox. */
export interface OutboxMessage {
  id: number;
  userId: string | null;
  channel: 'email';
  recipient: string;
  kind: string;
  locale: AccountLocale;
  subject: string;
  body: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  sentAt: number | null;
  lastError: string | null;
}

const COLUMNS = `id, user_id AS userId, channel, recipient, kind, locale, subject, body, created_at AS createdAt,
  attempts, next_attempt_at AS nextAttemptAt, sent_at AS sentAt, last_error AS lastError`;

/** Render a message in the recipient's language and put it in the outbox. */
export function enqueueMessage<K extends MessageKind>(
  db: Db,
  message: { userId: string | null; recipient: string; locale: AccountLocale; kind: K; params: MessageParams[K] },
  now: number,
): number {
  const { subject, body } = renderMessage(message.kind, message.locale, message.params);
  const result = db.run(
    `INSERT INTO outbox (user_id, channel, recipient, kind, locale, subject, body, created_at, next_attempt_at)
     VALUES (?, 'email', ?, ?, ?, ?, ?, ?, ?)`,
    [message.userId, message.recipient, message.kind, message.locale, subject, body, now, now],
  );
  return Number(result.lastInsertRowid);
}

/** The newest messages (for the outbox page). */
export function listOutbox(db: Db, limit = 100): OutboxMessage[] {
  return db.all<OutboxMessage>(`SELECT ${COLUMNS} FROM outbox ORDER BY id DESC LIMIT ?`, [limit]);
}

/** Messages addressed to one person (for their data export). */
export function listOutboxForUser(db: Db, userId: string): OutboxMessage[] {
  return db.all<OutboxMessage>(`SELECT ${COLUMNS} FROM outbox WHERE user_id = ? ORDER BY id`, [userId]);
}

/** Unsent messages due for (another) delivery attempt. */
export function dueMessages(db: Db, now: number, maxAttempts: number, limit = 20): OutboxMessage[] {
  return db.all<OutboxMessage>(
    `SELECT ${COLUMNS} FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? AND attempts < ? ORDER BY id LIMIT ?`,
    [now, maxAttempts, limit],
  );
}

/** Record a successful delivery. */
export function markSent(db: Db, id: number, now: number): void {
  db.run('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?', [now, id]);
}

/** Record a failed attempt and when to try again. */
export function markFailed(db: Db, id: number, error: string, nextAttemptAt: number): void {
  db.run('UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?', [
    error.slice(0, 500),
    nextAttemptAt,
    id,
  ]);
}

/** Delete a person's messages (account deletion: the outbox holds their address). */
export function deleteOutboxForUser(db: Db, userId: string): number {
  return db.run('DELETE FROM outbox WHERE user_id = ?', [userId]).changes;
}

/** Delete delivered messages older than `olderThanSeconds` (they hold addresses and links). */
export function purgeDelivered(db: Db, now: number, olderThanSeconds = 30 * 24 * 60 * 60): number {
  return db.run('DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at <= ?', [now - olderThanSeconds]).changes;
}
