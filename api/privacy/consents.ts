/**
 * The consent log (quality.md S9): append-only (database triggers refuse UPDATE and DELETE), one row
 * per decision — who it is about, who recorded it and in which capacity, whose decision it was,
 * purpose, policy version, channel, granted or withdrawn, when. The current state of a purpose is
 * its latest row.
 */
import type { Db } from '../db/client.ts';
import { POLICY_VERSION, PURPOSES, type Purpose } from './purposes.ts';

/** In what capacity the recording account acted. */
export type ConsentCapacity = 'self' | 'guardian' | 'proxy';
/** Whose decision the entry records. */
export type ConsentDecidedBy = 'person' | 'guardian';
/** How the decision reached us. */
export type ConsentChannel = 'web' | 'phone' | 'in_person' | 'paper';

/** Channels a coordinator can record (電話 / 対面 / 書面). */
export const PROXY_CHANNELS = ['phone', 'in_person', 'paper'] as const satisfies readonly ConsentChannel[];

/** One entry of the consent log. */
export interface ConsentEntry {
  id: number;
  subjectId: string;
  actorId: string;
  capacity: ConsentCapacity;
  decidedBy: ConsentDecidedBy;
  purpose: string;
  policyVersion: string;
  channel: ConsentChannel;
  action: 'granted' | 'withdrawn';
  at: number;
}

/** A decision to record. */
export interface ConsentDecision {
  subjectId: string;
  actorId: string;
  capacity: ConsentCapacity;
  decidedBy: ConsentDecidedBy;
  purpose: Purpose;
  channel: ConsentChannel;
  action: 'granted' | 'withdrawn';
}

/** Append a decision to the log (under the current policy version). */
export function recordConsent(db: Db, decision: ConsentDecision, now: number): number {
  const result = db.run(
    `INSERT INTO consents (subject_id, actor_id, capacity, decided_by, purpose, policy_version, channel, action, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      decision.subjectId,
      decision.actorId,
      decision.capacity,
      decision.decidedBy,
      decision.purpose,
      POLICY_VERSION,
      decision.channel,
      decision.action,
      now,
    ],
  );
  return Number(result.lastInsertRowid);
}

/** Record a decision a person made themselves on the web (the common case: My page, a form). */
export function recordOwnDecision(
  db: Db,
  userId: string,
  purpose: Purpose,
  action: ConsentDecision['action'],
  now: number,
): number {
  return recordConsent(
    db,
    { subjectId: userId, actorId: userId, capacity: 'self', decidedBy: 'person', purpose, channel: 'web', action },
    now,
  );
}

const COLUMNS = `id, subject_id AS subjectId, actor_id AS actorId, capacity, decided_by AS decidedBy, purpose,
  policy_version AS policyVersion, channel, action, at`;

/** Every entry about a person, oldest first. */
export function consentHistory(db: Db, subjectId: string): ConsentEntry[] {
  return db.all<ConsentEntry>(`SELECT ${COLUMNS} FROM consents WHERE subject_id = ? ORDER BY id`, [subjectId]);
}

/** The current state of each purpose for a person: the latest entry, or null when never asked. */
export function currentConsents(db: Db, subjectId: string): Record<Purpose, ConsentEntry | null> {
  const latest = new Map<string, ConsentEntry>();
  for (const entry of consentHistory(db, subjectId)) latest.set(entry.purpose, entry);
  return Object.fromEntries(PURPOSES.map((purpose) => [purpose, latest.get(purpose) ?? null])) as Record<
    Purpose,
    ConsentEntry | null
  >;
}

/** Whether a person's latest decision for a purpose is a grant. */
export function hasConsent(db: Db, subjectId: string, purpose: Purpose): boolean {
  const row = db.get<{ action: string }>(
    'SELECT action FROM consents WHERE subject_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1',
    [subjectId, purpose],
  );
  return row?.action === 'granted';
}
