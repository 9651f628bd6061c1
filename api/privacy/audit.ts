/**
 * The audit log (quality.md S9): every read of another person's sensitive data and every act on
 * someone's behalf leaves an entry. Append-only (database triggers). `detail` holds codes and ids
 * only, never personal data.
 */
import type { Db } from '../db/client.ts';

/** Actions recorded in the audit log. */
export type AuditAction =
  | 'resident.read'
  | 'resident.registered_by_proxy'
  | 'resident.updated_by_proxy'
  | 'resident.consent_by_proxy'
  | 'resident.acted_for'
  | 'resident.search'
  | 'outbox.read'
  | 'organization.reviewed'
  | 'role.granted'
  | 'role.revoked'
  | 'sessions.ended_by_admin'
  | 'account.deleted'
  | 'account.exported'
  | 'audit.read'
  | 'volunteer.read'
  | 'guardianship.granted'
  | 'guardianship.ended'
  | 'resident.consent_by_guardian';

/** One audit entry. */
export interface AuditEntry {
  id: number;
  actorId: string | null;
  action: string;
  subjectId: string | null;
  detail: string | null;
  at: number;
}

/** Append an entry. */
export function recordAudit(
  db: Db,
  entry: { actorId: string | null; action: AuditAction; subjectId?: string | null; detail?: string | null },
  now: number,
): void {
  db.run('INSERT INTO audit_log (actor_id, action, subject_id, detail, at) VALUES (?, ?, ?, ?, ?)', [
    entry.actorId,
    entry.action,
    entry.subjectId ?? null,
    entry.detail ?? null,
    now,
  ]);
}

const COLUMNS = 'id, actor_id AS actorId, action, subject_id AS subjectId, detail, at';

/** Entries about a person (who read or acted on their data), oldest first. */
export function auditAboutSubject(db: Db, subjectId: string): AuditEntry[] {
  return db.all<AuditEntry>(`SELECT ${COLUMNS} FROM audit_log WHERE subject_id = ? ORDER BY id`, [subjectId]);
}

/** Entries made by a person, oldest first. */
export function auditByActor(db: Db, actorId: string): AuditEntry[] {
  return db.all<AuditEntry>(`SELECT ${COLUMNS} FROM audit_log WHERE actor_id = ? ORDER BY id`, [actorId]);
}

/** The newest entries (admin view). */
export function recentAudit(db: Db, limit = 200): AuditEntry[] {
  return db.all<AuditEntry>(`SELECT ${COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?`, [limit]);
}
