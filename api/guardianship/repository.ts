/**
 * SQL for guardianships (migration guardianships): who is recorded as the guardian of whom, how it
 * was confirmed, from which date, and when it ended. A guardianship is *active* while it is not
 * ended and its start date (a calendar date in Japan) has come; only an active one grants anything.
 */
import type { Db } from '../db/client.ts';

/** Kinds of guardian: family, 成年後見人 (a court-appointed legal guardian), another supporter. */
export const GUARDIAN_KINDS = ['family', 'legal_guardian', 'supporter'] as const;
/** A kind of guardian. */
export type GuardianKind = (typeof GUARDIAN_KINDS)[number];

/** How the coordinator confirmed the relationship: a document (e.g. 登記事項証明書), by phone, in person. */
export const GUARDIAN_BASES = ['document', 'phone', 'in_person'] as const;
/** How a guardianship was confirmed. */
export type GuardianBasis = (typeof GUARDIAN_BASES)[number];

/** One guardianship as stored. */
export interface Guardianship {
  id: string;
  residentId: string;
  guardianId: string;
  kind: GuardianKind;
  basis: GuardianBasis;
  /** `YYYY-MM-DD` (Japan). */
  startsOn: string;
  recordedBy: string;
  recordedAt: number;
  endedAt: number | null;
  endedBy: string | null;
}

const COLUMNS = `g.id, g.resident_id AS residentId, g.guardian_id AS guardianId, g.kind, g.basis,
  g.starts_on AS startsOn, g.recorded_by AS recordedBy, g.recorded_at AS recordedAt, g.ended_at AS endedAt,
  g.ended_by AS endedBy`;

/** Insert a new (open) guardianship. */
export function insertGuardianship(db: Db, row: Omit<Guardianship, 'endedAt' | 'endedBy'>): void {
  db.run(
    `INSERT INTO guardianships (id, resident_id, guardian_id, kind, basis, starts_on, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [row.id, row.residentId, row.guardianId, row.kind, row.basis, row.startsOn, row.recordedBy, row.recordedAt],
  );
}

/** A guardianship by id. */
export function getGuardianship(db: Db, id: string): Guardianship | undefined {
  return db.get<Guardianship>(`SELECT ${COLUMNS} FROM guardianships g WHERE g.id = ?`, [id]);
}

/** Whether this pair already has a guardianship that is not ended (active or starting later). */
export function hasOpenGuardianship(db: Db, residentId: string, guardianId: string): boolean {
  return (
    db.get('SELECT 1 AS one FROM guardianships WHERE resident_id = ? AND guardian_id = ? AND ended_at IS NULL', [
      residentId,
      guardianId,
    ]) !== undefined
  );
}

/** The active guardianship of `guardianId` for `residentId` on `today` (`YYYY-MM-DD`), if any. */
export function activeGuardianship(
  db: Db,
  guardianId: string,
  residentId: string,
  today: string,
): Guardianship | undefined {
  return db.get<Guardianship>(
    `SELECT ${COLUMNS} FROM guardianships g
     WHERE g.guardian_id = ? AND g.resident_id = ? AND g.ended_at IS NULL AND g.starts_on <= ?`,
    [guardianId, residentId, today],
  );
}

/** End an open guardianship; false when it was already ended. */
export function markEnded(db: Db, id: string, endedBy: string, now: number): boolean {
  return (
    db.run('UPDATE guardianships SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL', [now, endedBy, id])
      .changes > 0
  );
}

/** End every open guardianship in which a person is the resident or the guardian (account deletion). */
export function endAllGuardianshipsOf(db: Db, userId: string, endedBy: string, now: number): number {
  return db.run(
    'UPDATE guardianships SET ended_at = ?, ended_by = ? WHERE (resident_id = ? OR guardian_id = ?) AND ended_at IS NULL',
    [now, endedBy, userId, userId],
  ).changes;
}

/** A guardianship with the names a coordinator needs to see. */
export interface GuardianshipListing extends Guardianship {
  guardianName: string;
  guardianEmail: string | null;
  recordedByName: string;
  endedByName: string | null;
}

/** Every guardianship of a resident (open ones first, then newest first). */
export function guardianshipsOfResident(db: Db, residentId: string): GuardianshipListing[] {
  return db.all<GuardianshipListing>(
    `SELECT ${COLUMNS}, gu.display_name AS guardianName, gu.email AS guardianEmail,
       rb.display_name AS recordedByName, eb.display_name AS endedByName
     FROM guardianships g
     JOIN users gu ON gu.id = g.guardian_id
     JOIN users rb ON rb.id = g.recorded_by
     LEFT JOIN users eb ON eb.id = g.ended_by
     WHERE g.resident_id = ?
     ORDER BY g.ended_at IS NOT NULL, coalesce(g.ended_at, g.recorded_at) DESC, g.id`,
    [residentId],
  );
}

/** A person someone is the active guardian of. */
export interface Ward {
  guardianshipId: string;
  residentId: string;
  displayName: string;
  kind: GuardianKind;
  startsOn: string;
}

/** The active residents a person is guardian of on `today` (`YYYY-MM-DD`). */
export function activeWardsOf(db: Db, guardianId: string, today: string): Ward[] {
  return db.all<Ward>(
    `SELECT g.id AS guardianshipId, g.resident_id AS residentId, u.display_name AS displayName, g.kind,
       g.starts_on AS startsOn
     FROM guardianships g JOIN users u ON u.id = g.resident_id
     WHERE g.guardian_id = ? AND g.ended_at IS NULL AND g.starts_on <= ? AND u.status = 'active'
     ORDER BY coalesce(u.name_kana, u.display_name), g.id`,
    [guardianId, today],
  );
}

/** Guardianships about a person, both ways, for "download my data". */
export function guardianshipsPersonalData(db: Db, userId: string) {
  const rows = (column: 'resident_id' | 'guardian_id', other: 'resident_id' | 'guardian_id') =>
    db.all<{
      id: string;
      personId: string;
      personName: string;
      kind: string;
      basis: string;
      startsOn: string;
      recordedBy: string;
      recordedAt: number;
      endedAt: number | null;
    }>(
      `SELECT g.id, g.${other} AS personId, u.display_name AS personName, g.kind, g.basis, g.starts_on AS startsOn,
         g.recorded_by AS recordedBy, g.recorded_at AS recordedAt, g.ended_at AS endedAt
       FROM guardianships g JOIN users u ON u.id = g.${other}
       WHERE g.${column} = ? ORDER BY g.recorded_at, g.id`,
      [userId],
    );
  return {
    /** People recorded as my guardians. */
    guardians: rows('resident_id', 'guardian_id').map(({ personId, personName, ...rest }) => ({
      guardian: { id: personId, name: personName },
      ...rest,
    })),
    /** People I am (or was) recorded as the guardian of. */
    guardianOf: rows('guardian_id', 'resident_id').map(({ personId, personName, ...rest }) => ({
      person: { id: personId, name: personName },
      ...rest,
    })),
  };
}
