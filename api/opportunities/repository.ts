/**
 * SQL for opportunities, shifts, sign-ups and volunteer profiles. Parameterised statements only;
 * list-valued columns are JSON arrays of codes.
 */
import type { Db } from '../db/client.ts';
import type { OpportunityStatus } from './taxonomy.ts';

/** An opportunity row, JSON columns parsed: its editable fields and what the database keeps besides. */
export interface OpportunityRecord extends OpportunityFields {
  id: number;
  orgName: string | null;
  createdBy: string;
  nextShiftAt: number | null;
  sample: boolean;
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

/** A shift with its counts. */
export interface ShiftRecord {
  id: number;
  opportunityId: number;
  startsAt: number;
  endsAt: number;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  status: 'open' | 'cancelled';
}

/** A sign-up row. */
export interface SignupRecord {
  id: number;
  shiftId: number;
  userId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  signedUpBy: string | null;
  queuedAt: number;
  createdAt: number;
  promotedAt: number | null;
  cancelledAt: number | null;
  remindedAt: number | null;
  attendance: 'attended' | 'absent' | null;
  minutes: number | null;
}

const OPPORTUNITY_COLUMNS = `o.id, o.org_id AS orgId, g.name AS orgName, o.created_by AS createdBy, o.title,
  o.description, o.category, o.skills, o.place_id AS placeId, o.address, o.district_id AS districtId, o.lng, o.lat,
  o.min_age AS minAge, o.qualifications, o.what_to_bring AS whatToBring, o.insurance_note AS insuranceNote,
  o.recurrence, o.status, o.next_shift_at AS nextShiftAt, o.sample, o.created_at AS createdAt,
  o.updated_at AS updatedAt, o.published_at AS publishedAt`;

type RawOpportunity = Omit<OpportunityRecord, 'skills' | 'qualifications' | 'sample'> & {
  skills: string;
  qualifications: string;
  sample: number;
};

/** Parse a JSON array column (never throws: a damaged value reads as []). */
export function codes(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toOpportunity(row: RawOpportunity): OpportunityRecord {
  return { ...row, skills: codes(row.skills), qualifications: codes(row.qualifications), sample: row.sample === 1 };
}

/** One opportunity (any status). */
export function findOpportunity(db: Db, id: number): OpportunityRecord | undefined {
  const row = db.get<RawOpportunity>(
    `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o LEFT JOIN organizations g ON g.id = o.org_id WHERE o.id = ?`,
    [id],
  );
  return row ? toOpportunity(row) : undefined;
}

/** Opportunities of some organizations (or all, for coordinators), newest first. */
export function listManagedOpportunities(db: Db, orgIds: string[] | 'all'): OpportunityRecord[] {
  if (orgIds !== 'all' && orgIds.length === 0) return [];
  const where = orgIds === 'all' ? '' : `WHERE o.org_id IN (SELECT value FROM json_each(?))`;
  return db
    .all<RawOpportunity>(
      `SELECT ${OPPORTUNITY_COLUMNS} FROM opportunities o LEFT JOIN organizations g ON g.id = o.org_id ${where}
       ORDER BY o.status = 'closed', o.updated_at DESC, o.id DESC LIMIT 500`,
      orgIds === 'all' ? [] : [JSON.stringify(orgIds)],
    )
    .map(toOpportunity);
}

/** Fields written when an opportunity is created or edited. */
export interface OpportunityFields {
  orgId: string | null;
  title: string;
  description: string;
  category: string;
  skills: string[];
  placeId: string | null;
  address: string | null;
  districtId: string | null;
  lng: number | null;
  lat: number | null;
  minAge: number | null;
  qualifications: string[];
  whatToBring: string | null;
  insuranceNote: string | null;
  recurrence: string | null;
  status: OpportunityStatus;
  sample?: boolean;
}

/** Insert an opportunity; returns its id. */
export function insertOpportunity(db: Db, fields: OpportunityFields, createdBy: string, now: number): number {
  const result = db.run(
    `INSERT INTO opportunities (org_id, created_by, title, description, category, skills, place_id, address,
       district_id, lng, lat, min_age, qualifications, what_to_bring, insurance_note, recurrence, status, sample,
       created_at, updated_at, published_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      fields.orgId,
      createdBy,
      fields.title,
      fields.description,
      fields.category,
      JSON.stringify(fields.skills),
      fields.placeId,
      fields.address,
      fields.districtId,
      fields.lng,
      fields.lat,
      fields.minAge,
      JSON.stringify(fields.qualifications),
      fields.whatToBring,
      fields.insuranceNote,
      fields.recurrence,
      fields.status,
      fields.sample ? 1 : 0,
      now,
      now,
      fields.status === 'published' ? now : null,
    ],
  );
  return Number(result.lastInsertRowid);
}

/** Replace an opportunity's editable fields. */
export function updateOpportunityRow(db: Db, id: number, fields: OpportunityFields, now: number): void {
  db.run(
    `UPDATE opportunities SET title = ?, description = ?, category = ?, skills = ?, place_id = ?, address = ?,
       district_id = ?, lng = ?, lat = ?, min_age = ?, qualifications = ?, what_to_bring = ?, insurance_note = ?,
       status = ?, updated_at = ?, published_at = CASE WHEN ? = 'published' THEN coalesce(published_at, ?) ELSE published_at END
     WHERE id = ?`,
    [
      fields.title,
      fields.description,
      fields.category,
      JSON.stringify(fields.skills),
      fields.placeId,
      fields.address,
      fields.districtId,
      fields.lng,
      fields.lat,
      fields.minAge,
      JSON.stringify(fields.qualifications),
      fields.whatToBring,
      fields.insuranceNote,
      fields.status,
      now,
      fields.status,
      now,
      id,
    ],
  );
}

/** Insert a shift; returns its id. */
export function insertShift(
  db: Db,
  shift: { opportunityId: number; startsAt: number; endsAt: number; capacity: number },
  now: number,
): number {
  return Number(
    db.run('INSERT INTO shifts (opportunity_id, starts_at, ends_at, capacity, created_at) VALUES (?, ?, ?, ?, ?)', [
      shift.opportunityId,
      shift.startsAt,
      shift.endsAt,
      shift.capacity,
      now,
    ]).lastInsertRowid,
  );
}

/** Recompute the start of the next open shift of one opportunity, or of every stale one. */
export function refreshNextShift(db: Db, now: number, opportunityId?: number): number {
  const next = `(SELECT min(s.starts_at) FROM shifts s WHERE s.opportunity_id = opportunities.id
     AND s.status = 'open' AND s.starts_at > ?)`;
  if (opportunityId !== undefined) {
    return db.run(`UPDATE opportunities SET next_shift_at = ${next} WHERE id = ?`, [now, opportunityId]).changes;
  }
  return db.run(`UPDATE opportunities SET next_shift_at = ${next} WHERE next_shift_at <= ?`, [now, now]).changes;
}

const SHIFT_COLUMNS = `s.id, s.opportunity_id AS opportunityId, s.starts_at AS startsAt, s.ends_at AS endsAt,
  s.capacity, s.confirmed_count AS confirmed, s.status,
  (SELECT count(*) FROM signups w WHERE w.shift_id = s.id AND w.status = 'waitlisted') AS waitlisted`;

/** Shifts of an opportunity starting at or after `from` (all when null), soonest first. */
export function listShifts(db: Db, opportunityId: number, from: number | null, limit = 400): ShiftRecord[] {
  return db.all<ShiftRecord>(
    `SELECT ${SHIFT_COLUMNS} FROM shifts s WHERE s.opportunity_id = ?1 AND (?2 IS NULL OR s.starts_at >= ?2)
     ORDER BY s.starts_at, s.id LIMIT ?3`,
    [opportunityId, from, limit],
  );
}

/** What a sign-up needs of an opportunity (and its messages). */
export type SignupOpportunity = Pick<
  OpportunityRecord,
  'id' | 'status' | 'minAge' | 'qualifications' | 'title' | 'placeId' | 'address' | 'orgName' | 'whatToBring'
>;

/** A shift as a sign-up reads it: without its waitlist count (no count over a long waitlist). */
export type SignupShift = Omit<ShiftRecord, 'waitlisted'>;

type SignupTargetRow = Omit<SignupShift, 'id' | 'status'> &
  Omit<SignupOpportunity, 'id' | 'qualifications'> & { shiftStatus: SignupShift['status']; qualifications: string };

/** A shift and its opportunity in one statement (the sign-up path). */
export function findSignupTarget(
  db: Db,
  id: number,
): { shift: SignupShift; opportunity: SignupOpportunity } | undefined {
  const row = db.get<SignupTargetRow>(
    `SELECT s.opportunity_id AS opportunityId, s.starts_at AS startsAt, s.ends_at AS endsAt,
       s.capacity, s.confirmed_count AS confirmed, s.status AS shiftStatus, o.status, o.min_age AS minAge,
       o.qualifications, o.title, o.place_id AS placeId, o.address, g.name AS orgName, o.what_to_bring AS whatToBring
     FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id LEFT JOIN organizations g ON g.id = o.org_id
     WHERE s.id = ?`,
    [id],
  );
  if (!row) return undefined;
  return {
    shift: {
      id,
      opportunityId: row.opportunityId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      capacity: row.capacity,
      confirmed: row.confirmed,
      status: row.shiftStatus,
    },
    opportunity: {
      id: row.opportunityId,
      status: row.status,
      minAge: row.minAge,
      qualifications: codes(row.qualifications),
      title: row.title,
      placeId: row.placeId,
      address: row.address,
      orgName: row.orgName,
      whatToBring: row.whatToBring,
    },
  };
}

/** One shift. */
export function findShift(db: Db, id: number): ShiftRecord | undefined {
  return db.get<ShiftRecord>(`SELECT ${SHIFT_COLUMNS} FROM shifts s WHERE s.id = ?`, [id]);
}

const SIGNUP_COLUMNS = `id, shift_id AS shiftId, user_id AS userId, status, signed_up_by AS signedUpBy,
  queued_at AS queuedAt, created_at AS createdAt, promoted_at AS promotedAt, cancelled_at AS cancelledAt,
  reminded_at AS remindedAt, attendance, minutes`;

/** A person's sign-up to a shift. */
export function findSignup(db: Db, shiftId: number, userId: string): SignupRecord | undefined {
  return db.get<SignupRecord>(`SELECT ${SIGNUP_COLUMNS} FROM signups WHERE shift_id = ? AND user_id = ?`, [
    shiftId,
    userId,
  ]);
}

/** A sign-up by id. */
export function findSignupById(db: Db, id: number): SignupRecord | undefined {
  return db.get<SignupRecord>(`SELECT ${SIGNUP_COLUMNS} FROM signups WHERE id = ?`, [id]);
}

/** Take a seat if one is left (atomic with the capacity check). */
export function takeSeat(db: Db, shiftId: number): boolean {
  return (
    db.run('UPDATE shifts SET confirmed_count = confirmed_count + 1 WHERE id = ? AND confirmed_count < capacity', [
      shiftId,
    ]).changes === 1
  );
}

/** Give a seat back. */
export function releaseSeat(db: Db, shiftId: number): void {
  db.run('UPDATE shifts SET confirmed_count = confirmed_count - 1 WHERE id = ? AND confirmed_count > 0', [shiftId]);
}

/** The first person on a shift's waitlist. */
export function firstWaitlisted(db: Db, shiftId: number): SignupRecord | undefined {
  return db.get<SignupRecord>(
    `SELECT ${SIGNUP_COLUMNS} FROM signups WHERE shift_id = ? AND status = 'waitlisted' ORDER BY queued_at, id LIMIT 1`,
    [shiftId],
  );
}

/**
 * The SQL of the public list for the filters in use (also run by the benchmark's bare baseline
 * route): the whole response `{ items, page, perPage, nextPage }` as one JSON text in `body`,
 * built by SQLite, so the API sends it as it is. One statement per combination of filters, so
 * SQLite can use the index of each. `:limit` is one more than `:perPage`, to know whether a next
 * page exists.
 */
export function listPublicSql(filters: { category: boolean; district: boolean; dated: boolean }): string {
  const where = [
    "o.status = 'published'",
    'o.next_shift_at > :now',
    ...(filters.category ? ['o.category = :category'] : []),
    ...(filters.district ? ['o.district_id = :district'] : []),
    ...(filters.dated
      ? [
          `EXISTS (SELECT 1 FROM shifts x WHERE x.opportunity_id = o.id AND x.status = 'open'
            AND x.starts_at >= max(:from, :now) AND (:to IS NULL OR x.starts_at < :to))`,
        ]
      : []),
  ];
  return `WITH page AS MATERIALIZED (
    SELECT o.id, o.title, o.category, o.district_id AS districtId, o.place_id AS placeId, g.name AS organizer,
      o.sample, o.next_shift_at AS nextShiftAt,
      (SELECT json_object('id', s.id, 'startsAt', s.starts_at, 'endsAt', s.ends_at,
          'seatsLeft', s.capacity - s.confirmed_count)
        FROM shifts s WHERE s.opportunity_id = o.id AND s.status = 'open' AND s.starts_at >= max(:from, :now)
        AND (:to IS NULL OR s.starts_at < :to) ORDER BY s.starts_at LIMIT 1) AS shift
    FROM opportunities o LEFT JOIN organizations g ON g.id = o.org_id
    WHERE ${where.join(' AND ')}
    ORDER BY o.next_shift_at, o.id LIMIT :limit OFFSET :offset)
  SELECT json_object(
    'items', (SELECT json_group_array(json_object('id', id, 'title', title, 'category', category,
        'districtId', districtId, 'placeId', placeId, 'organizer', organizer,
        'sample', json(iif(sample, 'true', 'false')), 'nextShift', json(shift)) ORDER BY nextShiftAt, id)
      FROM (SELECT * FROM page ORDER BY nextShiftAt, id LIMIT :perPage)),
    'page', :page, 'perPage', :perPage,
    'nextPage', iif((SELECT count(*) FROM page) > :perPage, :page + 1, NULL)) AS body`;
}

const LIST_SQL = new Map<string, string>();

/** The statement for these parameters (cached per filter combination). */
export function listPublicSqlFor(
  params: Pick<PublicListParams, 'category' | 'district' | 'from' | 'now' | 'to'>,
): string {
  const filters = {
    category: params.category !== null,
    district: params.district !== null,
    dated: params.from > params.now || params.to !== null,
  };
  const key = `${filters.category}${filters.district}${filters.dated}`;
  let sql = LIST_SQL.get(key);
  if (!sql) {
    sql = listPublicSql(filters);
    LIST_SQL.set(key, sql);
  }
  return sql;
}

/** Parameters of the public list query. */
export interface PublicListParams {
  now: number;
  from: number;
  to: number | null;
  category: string | null;
  district: string | null;
  /** Page number (1-based) and page size; the statement reads one row more to find a next page. */
  page: number;
  perPage: number;
}

const PARAMETER_NAMES = new Map<string, string[]>();

/** The named parameters a statement uses (SQLite refuses unknown named parameters). */
export function listPublicBindings(sql: string, params: PublicListParams): Record<string, number | string | null> {
  let names = PARAMETER_NAMES.get(sql);
  if (!names) {
    names = [...new Set(Array.from(sql.matchAll(/:([a-zA-Z]+)/g), (match) => match[1] ?? ''))];
    PARAMETER_NAMES.set(sql, names);
  }
  const all: Record<string, number | string | null> = {
    ...params,
    limit: params.perPage + 1,
    offset: (params.page - 1) * params.perPage,
  };
  return Object.fromEntries(names.map((name) => [name, all[name] ?? null]));
}

/** Run the public list query; returns the response body as JSON text. */
export function listPublicJson(db: Db, params: PublicListParams): string {
  const sql = listPublicSqlFor(params);
  return (
    db.get<{ body: string }>(sql, listPublicBindings(sql, params))?.body ??
    JSON.stringify({ items: [], page: params.page, perPage: params.perPage, nextPage: null })
  );
}

/** A volunteer profile row. */
export interface ProfileRecord {
  userId: string;
  districtId: string | null;
  interests: string[];
  skills: string[];
  qualifications: string[];
  availability: string[];
  languages: string[];
  maxTravelKm: number | null;
  birthYear: number | null;
  updatedAt: number;
}

/** A person's volunteer profile. */
export function findProfile(db: Db, userId: string): ProfileRecord | undefined {
  const row = db.get<Record<string, string | number | null>>(
    `SELECT user_id AS userId, district_id AS districtId, interests, skills, qualifications, availability, languages,
       max_travel_km AS maxTravelKm, birth_year AS birthYear, updated_at AS updatedAt
     FROM volunteer_profiles WHERE user_id = ?`,
    [userId],
  );
  if (!row) return undefined;
  return {
    userId: String(row.userId),
    districtId: (row.districtId as string | null) ?? null,
    interests: codes(row.interests as string),
    skills: codes(row.skills as string),
    qualifications: codes(row.qualifications as string),
    availability: codes(row.availability as string),
    languages: codes(row.languages as string),
    maxTravelKm: (row.maxTravelKm as number | null) ?? null,
    birthYear: (row.birthYear as number | null) ?? null,
    updatedAt: Number(row.updatedAt),
  };
}

/** Insert or replace a volunteer profile. */
export function saveProfileRow(db: Db, profile: Omit<ProfileRecord, 'updatedAt'>, now: number): void {
  db.run(
    `INSERT INTO volunteer_profiles (user_id, district_id, interests, skills, qualifications, availability, languages,
       max_travel_km, birth_year, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET district_id = excluded.district_id, interests = excluded.interests,
       skills = excluded.skills, qualifications = excluded.qualifications, availability = excluded.availability,
       languages = excluded.languages, max_travel_km = excluded.max_travel_km, birth_year = excluded.birth_year,
       updated_at = excluded.updated_at`,
    [
      profile.userId,
      profile.districtId,
      JSON.stringify(profile.interests),
      JSON.stringify(profile.skills),
      JSON.stringify(profile.qualifications),
      JSON.stringify(profile.availability),
      JSON.stringify(profile.languages),
      profile.maxTravelKm,
      profile.birthYear,
      now,
    ],
  );
}

/** The representative point of a 地区. */
export function districtPoint(db: Db, districtId: string | null): [number, number] | null {
  if (!districtId) return null;
  const row = db.get<{ lng: number; lat: number }>('SELECT lng, lat FROM districts WHERE id = ?', [districtId]);
  return row ? [row.lng, row.lat] : null;
}

/** Whether a 地区 id exists. */
export function districtExists(db: Db, districtId: string): boolean {
  return db.get('SELECT 1 AS one FROM districts WHERE id = ?', [districtId]) !== undefined;
}
