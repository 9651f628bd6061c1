/**
 * Volunteer opportunities: posting (verified organizations and coordinators), shifts (one-off or
 * from a recurrence), sign-ups with exact capacity and a waitlist, cancellation with promotion,
 * reminders, attendance and hours, certificates, the volunteer profile, matches, the public list
 * and the iCal feed. The logic behind /api/opportunities, /api/matches and the /opportunities pages.
 *
 * Capacity is exact under concurrency: every sign-up runs in one `BEGIN IMMEDIATE` transaction
 * (db.transaction) whose seat check and seat count are a single conditional UPDATE.
 */
import { localizePath } from '../lib/locale-path.ts';
import ical from 'ical-generator';
import { getUser } from '../accounts/repository.ts';
import type { AccountLocale } from '../auth/roles.ts';
import type { AuthState } from '../auth/service.ts';
import { textProblem, noteProblem } from '../auth/validation.ts';
import { type Config, loadConfig } from '../config.ts';
import { actForResident } from '../coordinator/service.ts';
import type { Db } from '../db/client.ts';
import { type ApiLocale, translate } from '../lib/i18n.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { assertNoProblems, type ProblemCode, ServiceError } from '../lib/service-error.ts';
import { explainReason } from '../matching/explain.ts';
import { type AvailabilitySlot, type OpportunityForMatching, rankOpportunities } from '../matching/rank.ts';
import { DAY_PARTS, type DayPart, type Weekday } from '../matching/time.ts';
import { recordAudit } from '../privacy/audit.ts';
import { hasConsent, recordOwnDecision } from '../privacy/consents.ts';
import { enqueueSignupMessage, organizerText, placeText } from './notify.ts';
import { placesById } from './places.ts';
import {
  codes,
  districtExists,
  districtPoint,
  findOpportunity,
  findProfile,
  findShift,
  findSignupTarget,
  findSignup,
  findSignupById,
  firstWaitlisted,
  insertOpportunity,
  insertShift,
  listManagedOpportunities,
  listPublicJson,
  listShifts,
  type OpportunityFields,
  type OpportunityRecord,
  type ProfileRecord,
  refreshNextShift,
  releaseSeat,
  saveProfileRow,
  type ShiftRecord,
  type SignupRecord,
  takeSeat,
  updateOpportunityRow,
} from './repository.ts';
import type { SignupBatchState } from './batch-state.ts';
import { type WaitlistEntry, waitlistPosition } from './waitlist.ts';
import {
  allKnown,
  CATEGORIES,
  knownCodes,
  LANGUAGES,
  OPPORTUNITY_STATUSES,
  type OpportunityStatus,
  QUALIFICATIONS,
  SKILLS,
} from './taxonomy.ts';
import { expandRecurrence, type RecurrenceInput, recurrenceProblems } from './time.ts';

/** A reminder goes out from this long before a shift starts. */
export const REMINDER_LEAD_SECONDS = 24 * 3600;
/** At most this many shifts per opportunity are created in one request. */
export const MAX_SHIFTS_PER_REQUEST = 200;

// ───────────────────────────── access ─────────────────────────────

function notFound(what = 'opportunity'): ServiceError {
  return new ServiceError(404, 'not_found', `There is no such ${what}, or it is not yours to see.`);
}

function isCoordinator(auth: AuthState): boolean {
  return auth.user.roles.includes('coordinator');
}

/** The verified organizations a person acts for. */
export function actingOrgIds(db: Db, userId: string): string[] {
  return db
    .all<{ id: string }>(
      `SELECT o.id FROM org_members m JOIN organizations o ON o.id = m.org_id
       WHERE m.user_id = ? AND o.status = 'verified' ORDER BY o.name`,
      [userId],
    )
    .map((row) => row.id);
}

/** Whether the person may manage this opportunity (its organization's members, coordinators). */
export function canManage(db: Db, auth: AuthState, opportunity: Pick<OpportunityRecord, 'orgId'>): boolean {
  if (isCoordinator(auth)) return true;
  return opportunity.orgId !== null && actingOrgIds(db, auth.user.id).includes(opportunity.orgId);
}

function managedOpportunity(db: Db, auth: AuthState, id: number): OpportunityRecord {
  const opportunity = findOpportunity(db, id);
  if (!opportunity || !canManage(db, auth, opportunity)) throw notFound();
  return opportunity;
}

/** Whether the person may post opportunities at all (and for which organizations). */
export function postingOptions(db: Db, auth: AuthState): { orgs: { id: string; name: string }[]; asShakyo: boolean } {
  const orgs = isCoordinator(auth)
    ? db.all<{ id: string; name: string }>("SELECT id, name FROM organizations WHERE status = 'verified' ORDER BY name")
    : db.all<{ id: string; name: string }>(
        `SELECT o.id, o.name FROM org_members m JOIN organizations o ON o.id = m.org_id
         WHERE m.user_id = ? AND o.status = 'verified' ORDER BY o.name`,
        [auth.user.id],
      );
  return { orgs, asShakyo: isCoordinator(auth) };
}

// ───────────────────────────── posting ─────────────────────────────

/** A shift to create. */
export interface ShiftInput {
  startsAt: number;
  endsAt: number;
  capacity: number;
}

/** Shifts from a recurrence rule, all with the same capacity. */
export type RecurringShiftsInput = RecurrenceInput & { capacity: number };

/** What an organizer sends to post or edit an opportunity. */
export interface OpportunityInput {
  orgId?: string | null | undefined;
  title: string;
  description: string;
  category: string;
  skills?: readonly string[] | undefined;
  placeId?: string | null | undefined;
  address?: string | null | undefined;
  districtId?: string | null | undefined;
  minAge?: number | null | undefined;
  qualifications?: readonly string[] | undefined;
  whatToBring?: string | null | undefined;
  insuranceNote?: string | null | undefined;
  status?: OpportunityStatus | undefined;
  shifts?: readonly ShiftInput[] | undefined;
  recurrence?: RecurringShiftsInput | null | undefined;
}

const clean = (value: string | null | undefined): string | null => {
  const text = (value ?? '').normalize('NFC').trim();
  return text === '' ? null : text;
};

function checkFields(
  db: Db,
  input: OpportunityInput,
): { fields: Omit<OpportunityFields, 'orgId'>; problems: Record<string, ProblemCode | null> } {
  const place = input.placeId ? placesById().get(input.placeId) : undefined;
  const districtId = place ? place.district : clean(input.districtId);
  const point = place ? place.location : districtPoint(db, districtId);
  const skills = [...(input.skills ?? [])];
  const qualifications = [...(input.qualifications ?? [])];
  const problems: Record<string, ProblemCode | null> = {
    title: textProblem(input.title, { required: true, max: 100 }),
    description: input.description.trim() === '' ? 'required' : noteProblem(input.description, 4000),
    category: (CATEGORIES as readonly string[]).includes(input.category) ? null : 'invalid',
    skills: allKnown(skills, SKILLS) ? null : 'invalid',
    qualifications: allKnown(qualifications, QUALIFICATIONS) ? null : 'invalid',
    placeId: input.placeId && !place ? 'invalid' : null,
    districtId:
      place || input.placeId
        ? null
        : !districtId
          ? 'required'
          : districtExists(db, districtId)
            ? null
            : 'district_unknown',
    address: textProblem(input.address ?? '', { required: false, max: 200 }),
    minAge:
      input.minAge === null ||
      input.minAge === undefined ||
      (Number.isInteger(input.minAge) && input.minAge >= 0 && input.minAge <= 120)
        ? null
        : 'invalid',
    whatToBring: noteProblem(input.whatToBring ?? '', 500),
    insuranceNote: noteProblem(input.insuranceNote ?? '', 1000),
    status:
      input.status === undefined || (OPPORTUNITY_STATUSES as readonly string[]).includes(input.status)
        ? null
        : 'invalid',
  };
  return {
    problems,
    fields: {
      title: input.title.normalize('NFC').trim(),
      description: input.description.normalize('NFC').trim(),
      category: input.category,
      skills: knownCodes(skills, SKILLS),
      placeId: place ? place.id : null,
      address: place ? null : clean(input.address),
      districtId,
      lng: point ? point[0] : null,
      lat: point ? point[1] : null,
      minAge: input.minAge ?? null,
      qualifications: knownCodes(qualifications, QUALIFICATIONS),
      whatToBring: clean(input.whatToBring),
      insuranceNote: clean(input.insuranceNote),
      recurrence: input.recurrence ? input.recurrence.rule : null,
      status: input.status ?? 'draft',
    },
  };
}

/** Check shifts (one-off and recurring) and return the ones to create. */
function checkShifts(
  input: { shifts?: readonly ShiftInput[] | undefined; recurrence?: RecurringShiftsInput | null | undefined },
  now: number,
): { shifts: ShiftInput[]; problems: Record<string, ProblemCode | null> } {
  const problems: Record<string, ProblemCode | null> = {};
  const shifts: ShiftInput[] = [];
  (input.shifts ?? []).forEach((shift, index) => {
    const bad =
      !Number.isInteger(shift.startsAt) ||
      !Number.isInteger(shift.endsAt) ||
      shift.startsAt <= now ||
      shift.endsAt <= shift.startsAt ||
      shift.endsAt - shift.startsAt > 24 * 3600;
    if (bad) problems[`shifts.${index}.startsAt`] = 'invalid';
    if (!Number.isInteger(shift.capacity) || shift.capacity < 1 || shift.capacity > 1000) {
      problems[`shifts.${index}.capacity`] = 'invalid';
    }
    shifts.push({ startsAt: shift.startsAt, endsAt: shift.endsAt, capacity: shift.capacity });
  });
  if (input.recurrence) {
    const recurrence = input.recurrence;
    for (const [field, problem] of Object.entries(recurrenceProblems(recurrence))) {
      problems[`recurrence.${field}`] = problem;
    }
    if (!Number.isInteger(recurrence.capacity) || recurrence.capacity < 1 || recurrence.capacity > 1000) {
      problems['recurrence.capacity'] = 'invalid';
    }
    for (const occurrence of expandRecurrence(recurrence)) {
      if (occurrence.startsAt > now) shifts.push({ ...occurrence, capacity: recurrence.capacity });
    }
  }
  if (shifts.length > MAX_SHIFTS_PER_REQUEST) problems.shifts = 'too_long';
  return { shifts, problems };
}

/** Post an opportunity (draft or published) with its shifts. */
export function createOpportunity(ctx: ServiceContext, auth: AuthState, input: OpportunityInput): ManagedOpportunity {
  let orgId: string | null = clean(input.orgId);
  if (!isCoordinator(auth) && actingOrgIds(ctx.db, auth.user.id).length === 0) {
    throw new ServiceError(403, 'forbidden', 'Only verified organizations and coordinators post opportunities.');
  }
  if (orgId === null) {
    if (!isCoordinator(auth)) {
      const mine = actingOrgIds(ctx.db, auth.user.id);
      if (mine.length !== 1) {
        throw new ServiceError(400, 'invalid_request', 'Choose the organization that posts this.', {
          orgId: 'required',
        });
      }
      orgId = mine[0] ?? null;
    }
  } else if (!isCoordinator(auth) && !actingOrgIds(ctx.db, auth.user.id).includes(orgId)) {
    // Not a member of this verified organization: the same answer as for one that does not exist.
    throw new ServiceError(403, 'forbidden', 'You can post only for a verified organization you belong to.');
  } else if (
    isCoordinator(auth) &&
    !ctx.db.get("SELECT 1 AS one FROM organizations WHERE id = ? AND status = 'verified'", [orgId])
  ) {
    throw new ServiceError(400, 'invalid_request', 'Choose a verified organization.', { orgId: 'invalid' });
  }
  const { fields, problems } = checkFields(ctx.db, input);
  const shiftCheck = checkShifts(input, ctx.now);
  assertNoProblems({ ...problems, ...shiftCheck.problems });
  const id = ctx.db.transaction(() => {
    const newId = insertOpportunity(ctx.db, { ...fields, orgId }, auth.user.id, ctx.now);
    for (const shift of shiftCheck.shifts) insertShift(ctx.db, { opportunityId: newId, ...shift }, ctx.now);
    refreshNextShift(ctx.db, ctx.now, newId);
    return newId;
  });
  return managedView(ctx.db, findOpportunity(ctx.db, id)!, ctx.now);
}

/** Edit an opportunity (fields and status). */
export function updateOpportunity(
  ctx: ServiceContext,
  auth: AuthState,
  id: number,
  patch: Partial<Omit<OpportunityInput, 'orgId' | 'shifts' | 'recurrence'>>,
): ManagedOpportunity {
  const current = managedOpportunity(ctx.db, auth, id);
  const merged: OpportunityInput = {
    title: patch.title ?? current.title,
    description: patch.description ?? current.description,
    category: patch.category ?? current.category,
    skills: patch.skills ?? current.skills,
    placeId: patch.placeId !== undefined ? patch.placeId : current.placeId,
    address: patch.address !== undefined ? patch.address : current.address,
    districtId: patch.districtId !== undefined ? patch.districtId : current.districtId,
    minAge: patch.minAge !== undefined ? patch.minAge : current.minAge,
    qualifications: patch.qualifications ?? current.qualifications,
    whatToBring: patch.whatToBring !== undefined ? patch.whatToBring : current.whatToBring,
    insuranceNote: patch.insuranceNote !== undefined ? patch.insuranceNote : current.insuranceNote,
    status: patch.status ?? current.status,
  };
  const { fields, problems } = checkFields(ctx.db, merged);
  assertNoProblems(problems);
  ctx.db.transaction(() => {
    updateOpportunityRow(ctx.db, id, { ...fields, orgId: current.orgId, recurrence: current.recurrence }, ctx.now);
  });
  return managedView(ctx.db, findOpportunity(ctx.db, id)!, ctx.now);
}

/** Add shifts (one-off or from a recurrence) to an opportunity. */
export function addShifts(
  ctx: ServiceContext,
  auth: AuthState,
  id: number,
  input: { shifts?: readonly ShiftInput[] | undefined; recurrence?: RecurringShiftsInput | null | undefined },
): ManagedOpportunity {
  managedOpportunity(ctx.db, auth, id);
  const { shifts, problems } = checkShifts(input, ctx.now);
  if (shifts.length === 0 && Object.keys(problems).length === 0) problems.shifts = 'required';
  assertNoProblems(problems);
  ctx.db.transaction(() => {
    for (const shift of shifts) insertShift(ctx.db, { opportunityId: id, ...shift }, ctx.now);
    if (input.recurrence) {
      ctx.db.run('UPDATE opportunities SET recurrence = ?, updated_at = ? WHERE id = ?', [
        input.recurrence.rule,
        ctx.now,
        id,
      ]);
    }
    refreshNextShift(ctx.db, ctx.now, id);
  });
  return managedView(ctx.db, findOpportunity(ctx.db, id)!, ctx.now);
}

// ───────────────────────────── views ─────────────────────────────

/** A shift as everyone may see it. */
export interface PublicShift {
  id: number;
  startsAt: number;
  endsAt: number;
  capacity: number;
  seatsLeft: number;
  waitlisted: number;
}

/** An opportunity's public fields (the open feed: no personal data). */
export interface PublicOpportunity {
  id: number;
  title: string;
  description: string;
  category: string;
  skills: string[];
  organizer: string | null;
  placeId: string | null;
  placeName: { ja: string; en: string } | null;
  address: string | null;
  districtId: string | null;
  /** Approximate point (a place's town point or the 地区 point). */
  point: [number, number] | null;
  minAge: number | null;
  qualifications: string[];
  whatToBring: string | null;
  insuranceNote: string | null;
  recurrence: string | null;
  status: OpportunityStatus;
  sample: boolean;
  shifts: PublicShift[];
}

function publicShift(shift: ShiftRecord): PublicShift {
  return {
    id: shift.id,
    startsAt: shift.startsAt,
    endsAt: shift.endsAt,
    capacity: shift.capacity,
    seatsLeft: Math.max(0, shift.capacity - shift.confirmed),
    waitlisted: shift.waitlisted,
  };
}

function publicView(db: Db, opportunity: OpportunityRecord, now: number): PublicOpportunity {
  const place = opportunity.placeId ? placesById().get(opportunity.placeId) : undefined;
  return {
    id: opportunity.id,
    title: opportunity.title,
    description: opportunity.description,
    category: opportunity.category,
    skills: opportunity.skills,
    organizer: opportunity.orgName,
    placeId: opportunity.placeId,
    placeName: place ? place.name : null,
    address: opportunity.address,
    districtId: opportunity.districtId,
    point: opportunity.lng !== null && opportunity.lat !== null ? [opportunity.lng, opportunity.lat] : null,
    minAge: opportunity.minAge,
    qualifications: opportunity.qualifications,
    whatToBring: opportunity.whatToBring,
    insuranceNote: opportunity.insuranceNote,
    recurrence: opportunity.recurrence,
    status: opportunity.status,
    sample: opportunity.sample,
    shifts: listShifts(db, opportunity.id, now, 60)
      .filter((shift) => shift.status === 'open')
      .map(publicShift),
  };
}

/** A published (or closed) opportunity for everyone; drafts are not found. */
export function getPublicOpportunity(db: Db, id: number, now: number): PublicOpportunity {
  const opportunity = findOpportunity(db, id);
  if (!opportunity || opportunity.status === 'draft') throw notFound();
  return publicView(db, opportunity, now);
}

/** Filters of the public list. */
export interface PublicListQuery {
  category?: string | undefined;
  district?: string | undefined;
  /** Japan dates `YYYY-MM-DD`, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

/** An item of the public list. */
export interface PublicListItem {
  id: number;
  title: string;
  category: string;
  districtId: string | null;
  placeId: string | null;
  organizer: string | null;
  sample: boolean;
  nextShift: { id: number; startsAt: number; endsAt: number; seatsLeft: number } | null;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function jstDayStart(date: string): number | null {
  if (!DATE_PATTERN.test(date)) return null;
  const ms = Date.parse(`${date}T00:00:00+09:00`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

/** The public list response. */
export interface PublicList {
  items: PublicListItem[];
  page: number;
  perPage: number;
  nextPage: number | null;
}

/**
 * Published opportunities with an open shift ahead, soonest first, filtered and paged, as the
 * JSON text of a {@link PublicList} (built by SQLite; the API sends it as it is).
 */
export function listPublicOpportunitiesJson(db: Db, query: PublicListQuery, now: number): string {
  const from = query.from ? jstDayStart(query.from) : null;
  const toStart = query.to ? jstDayStart(query.to) : null;
  return listPublicJson(db, {
    now,
    from: from ?? now,
    to: toStart === null ? null : toStart + 86400,
    category: query.category || null,
    district: query.district || null,
    page: Math.min(10_000, Math.max(1, query.page ?? 1)),
    perPage: Math.min(100, Math.max(1, query.perPage ?? 20)),
  });
}

/** The same list as objects (for the list page). */
export function listPublicOpportunities(db: Db, query: PublicListQuery, now: number): PublicList {
  return JSON.parse(listPublicOpportunitiesJson(db, query, now)) as PublicList;
}

/** The iCal feed of upcoming published shifts (public fields only). */
export function icalFeed(db: Db, config: Config, now: number, locale: ApiLocale = 'ja'): string {
  const calendar = ical({
    name: translate(locale, 'opportunities.feed.calendarName'),
    prodId: { company: 'sasaeai-hita', product: 'opportunities', language: locale === 'en' ? 'EN' : 'JA' },
    timezone: 'Asia/Tokyo',
  });
  const rows = db.all<{
    shiftId: number;
    startsAt: number;
    endsAt: number;
    seatsLeft: number;
    id: number;
  }>(
    `SELECT s.id AS shiftId, s.starts_at AS startsAt, s.ends_at AS endsAt, s.capacity - s.confirmed_count AS seatsLeft,
       o.id FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id
     WHERE o.status = 'published' AND s.status = 'open' AND s.starts_at > ? AND s.starts_at <= ?
     ORDER BY s.starts_at, s.id LIMIT 2000`,
    [now, now + 90 * 86400],
  );
  const cache = new Map<number, OpportunityRecord | undefined>();
  const host = new URL(config.publicOrigin).host;
  for (const row of rows) {
    if (!cache.has(row.id)) cache.set(row.id, findOpportunity(db, row.id));
    const opportunity = cache.get(row.id);
    if (!opportunity) continue;
    const link = new URL(localizePath(`/opportunities/${opportunity.id}`, locale), config.publicOrigin).href;
    calendar.createEvent({
      id: `shift-${row.shiftId}@${host}`,
      start: new Date(row.startsAt * 1000),
      end: new Date(row.endsAt * 1000),
      summary: `${opportunity.sample ? `[${translate(locale, 'opportunities.sample')}] ` : ''}${opportunity.title}`,
      description: `${opportunity.description}\n\n${organizerText(opportunity, locale)}\n${translate(locale, 'opportunities.feed.seatsLeft', { seats: row.seatsLeft })}\n${link}`,
      location: placeText(opportunity, locale) || null,
      url: link,
    });
  }
  return calendar.toString();
}

// ───────────────────────────── organizer's views ─────────────────────────────

/** An opportunity as its organizer sees it: all fields and every shift with counts. */
export interface ManagedOpportunity extends PublicOpportunity {
  orgId: string | null;
  createdAt: number;
  updatedAt: number;
  allShifts: (PublicShift & { confirmed: number; status: 'open' | 'cancelled' })[];
  upcoming: { shifts: number; capacity: number; confirmed: number; fillRate: number };
}

function managedView(db: Db, opportunity: OpportunityRecord, now: number): ManagedOpportunity {
  const shifts = listShifts(db, opportunity.id, null);
  const upcoming = shifts.filter((s) => s.startsAt > now && s.status === 'open');
  const capacity = upcoming.reduce((sum, s) => sum + s.capacity, 0);
  const confirmed = upcoming.reduce((sum, s) => sum + s.confirmed, 0);
  return {
    ...publicView(db, opportunity, now),
    orgId: opportunity.orgId,
    createdAt: opportunity.createdAt,
    updatedAt: opportunity.updatedAt,
    allShifts: shifts.map((s) => ({ ...publicShift(s), confirmed: s.confirmed, status: s.status })),
    upcoming: {
      shifts: upcoming.length,
      capacity,
      confirmed,
      fillRate: capacity === 0 ? 0 : Math.round((confirmed / capacity) * 1000) / 1000,
    },
  };
}

/** The opportunities I manage (my verified organizations'; every one for coordinators). */
export function myManagedOpportunities(ctx: ServiceContext, auth: AuthState): ManagedOpportunity[] {
  const scope = isCoordinator(auth) ? 'all' : actingOrgIds(ctx.db, auth.user.id);
  return listManagedOpportunities(ctx.db, scope).map((o) => managedView(ctx.db, o, ctx.now));
}

/** One opportunity I manage. */
export function getManagedOpportunity(ctx: ServiceContext, auth: AuthState, id: number): ManagedOpportunity {
  return managedView(ctx.db, managedOpportunity(ctx.db, auth, id), ctx.now);
}

/** A volunteer on a shift's roster (only the organizer and coordinators see this). */
export interface RosterEntry {
  signupId: number;
  userId: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: 'confirmed' | 'waitlisted';
  position: number | null;
  byProxy: boolean;
  attendance: 'attended' | 'absent' | null;
  minutes: number | null;
}

/**
 * Shifts of an opportunity with their confirmed volunteers and waitlists (reads are audited).
 * Contact details (e-mail, phone) go to coordinators only: as the privacy policy says, an
 * organizer reaches volunteers through the coordinator (the roster says so), never directly.
 */
export function opportunityRoster(
  ctx: ServiceContext,
  auth: AuthState,
  id: number,
): {
  opportunity: ManagedOpportunity;
  shifts: (ManagedOpportunity['allShifts'][number] & { roster: RosterEntry[] })[];
} {
  const opportunity = managedOpportunity(ctx.db, auth, id);
  const view = managedView(ctx.db, opportunity, ctx.now);
  const rows = ctx.db.all<{
    shiftId: number;
    signupId: number;
    userId: string;
    name: string;
    email: string | null;
    phone: string | null;
    status: 'confirmed' | 'waitlisted';
    byProxy: number;
    attendance: 'attended' | 'absent' | null;
    minutes: number | null;
  }>(
    `SELECT su.shift_id AS shiftId, su.id AS signupId, su.user_id AS userId, u.display_name AS name, u.email, u.phone,
       su.status, su.signed_up_by IS NOT NULL AS byProxy, su.attendance, su.minutes
     FROM signups su JOIN shifts s ON s.id = su.shift_id JOIN users u ON u.id = su.user_id
     WHERE s.opportunity_id = ? AND su.status IN ('confirmed', 'waitlisted')
     ORDER BY su.shift_id, su.status = 'waitlisted', su.queued_at, su.id`,
    [id],
  );
  const byShift = new Map<number, RosterEntry[]>();
  const seen = new Set<string>();
  const showContacts = isCoordinator(auth);
  for (const row of rows) {
    const list = byShift.get(row.shiftId) ?? [];
    const position = row.status === 'waitlisted' ? list.filter((e) => e.status === 'waitlisted').length + 1 : null;
    list.push({
      ...row,
      email: showContacts ? row.email : null,
      phone: showContacts ? row.phone : null,
      byProxy: row.byProxy === 1,
      position,
    });
    byShift.set(row.shiftId, list);
    seen.add(row.userId);
  }
  // Every read of volunteers' details by someone else is logged (quality.md S9).
  for (const userId of seen) {
    if (userId === auth.user.id) continue;
    recordAudit(
      ctx.db,
      { actorId: auth.user.id, action: 'volunteer.read', subjectId: userId, detail: `opportunity:${id}` },
      ctx.now,
    );
  }
  return {
    opportunity: view,
    shifts: view.allShifts.map((shift) => ({ ...shift, roster: byShift.get(shift.id) ?? [] })),
  };
}

/** Attendance of one volunteer on a shift. */
export interface AttendanceInput {
  signupId: number;
  attendance: 'attended' | 'absent';
  /** Minutes of activity (default: the shift's length when attended, 0 when absent). */
  minutes?: number | null | undefined;
}

/** Record attendance and hours for a shift that has started. */
export function recordAttendance(
  ctx: ServiceContext,
  auth: AuthState,
  shiftId: number,
  entries: readonly AttendanceInput[],
): { recorded: number } {
  const shift = findShift(ctx.db, shiftId);
  if (!shift) throw notFound('shift');
  managedOpportunity(ctx.db, auth, shift.opportunityId);
  if (shift.startsAt > ctx.now) {
    throw new ServiceError(409, 'shift_not_started', 'Attendance can be recorded once the shift has started.');
  }
  const problems: Record<string, ProblemCode | null> = {};
  entries.forEach((entry, index) => {
    const minutes = entry.minutes;
    if (minutes !== null && minutes !== undefined && (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440)) {
      problems[`entries.${index}.minutes`] = 'invalid';
    }
  });
  assertNoProblems(problems);
  const defaultMinutes = Math.round((shift.endsAt - shift.startsAt) / 60);
  return ctx.db.transaction(() => {
    let recorded = 0;
    for (const entry of entries) {
      const minutes = entry.attendance === 'absent' ? 0 : (entry.minutes ?? Math.min(defaultMinutes, 1440));
      recorded += ctx.db.run(
        `UPDATE signups SET attendance = ?, minutes = ?, attendance_by = ?, attendance_at = ?, updated_at = ?
         WHERE id = ? AND shift_id = ? AND status = 'confirmed'`,
        [entry.attendance, minutes, auth.user.id, ctx.now, ctx.now, entry.signupId, shiftId],
      ).changes;
    }
    return { recorded };
  });
}

// ───────────────────────────── sign-ups ─────────────────────────────

/** The result of a sign-up. */
export interface SignupResult {
  signupId: number;
  shiftId: number;
  opportunityId: number;
  status: 'confirmed' | 'waitlisted';
  /** Place on the waitlist (1 = next), or null when confirmed. */
  position: number | null;
  /** False when the person was already signed up (nothing changed). */
  created: boolean;
}

/**
 * Sign up for a shift — myself, or (coordinators) a resident I support, by proxy (audited).
 * A seat if one is left, else the waitlist; signing up twice changes nothing.
 */
export function signUpForShift(
  ctx: ServiceContext,
  auth: AuthState,
  shiftId: number,
  input: SignupInput = {},
): SignupResult {
  return ctx.db.transaction(() => signUpInTransaction(ctx, auth, shiftId, input));
}

/** What a sign-up request carries. */
export interface SignupInput {
  forUserId?: string | null | undefined;
  confirmRequirements?: boolean | undefined;
}

/**
 * The work of a sign-up; must run inside a transaction (see signUpForShift and batch.ts).
 * `batch` is what the sign-ups of one transaction share (batch-state.ts): shifts read once,
 * message parts, waitlist places counted incrementally.
 */
export function signUpInTransaction(
  ctx: ServiceContext,
  auth: AuthState,
  shiftId: number,
  input: SignupInput,
  batch?: SignupBatchState,
): SignupResult {
  const userId = input.forUserId && input.forUserId !== auth.user.id ? input.forUserId : auth.user.id;
  {
    const target = batch ? batch.target(shiftId) : findSignupTarget(ctx.db, shiftId);
    if (!target || target.opportunity.status === 'draft') throw notFound('shift');
    const { shift, opportunity } = target;
    if (opportunity.status === 'closed' || shift.status !== 'open' || shift.startsAt <= ctx.now) {
      throw new ServiceError(409, 'signups_closed', 'This shift no longer takes sign-ups.');
    }
    const hasRequirements = opportunity.minAge !== null || opportunity.qualifications.length > 0;
    if (hasRequirements && input.confirmRequirements !== true) {
      throw new ServiceError(400, 'invalid_request', 'Please confirm that the requirements are met.', {
        confirmRequirements: 'required',
      });
    }
    if (userId !== auth.user.id) {
      if (!isCoordinator(auth)) throw notFound('person');
      actForResident(ctx, auth, userId, `opportunity.signup:${shiftId}`);
    }
    const existing = findSignup(ctx.db, shiftId, userId);
    if (existing && existing.status !== 'cancelled') {
      return {
        signupId: existing.id,
        shiftId,
        opportunityId: opportunity.id,
        status: existing.status,
        position: existing.status === 'waitlisted' ? waitlistPosition(ctx.db, existing) : null,
        created: false,
      };
    }
    const status = takeSeat(ctx.db, shiftId) ? 'confirmed' : 'waitlisted';
    const soon = shift.startsAt - ctx.now <= REMINDER_LEAD_SECONDS;
    const proxy = userId === auth.user.id ? null : auth.user.id;
    let signupId: number;
    if (existing) {
      ctx.db.run(
        `UPDATE signups SET status = ?, signed_up_by = ?, queued_at = ?, updated_at = ?, cancelled_at = NULL,
           promoted_at = NULL, reminded_at = ?, attendance = NULL, minutes = NULL WHERE id = ?`,
        [status, proxy, ctx.now, ctx.now, status === 'confirmed' && soon ? ctx.now : null, existing.id],
      );
      signupId = existing.id;
    } else {
      signupId = Number(
        ctx.db.run(
          `INSERT INTO signups (shift_id, user_id, status, signed_up_by, queued_at, created_at, updated_at, reminded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [shiftId, userId, status, proxy, ctx.now, ctx.now, ctx.now, status === 'confirmed' && soon ? ctx.now : null],
        ).lastInsertRowid,
      );
    }
    enqueueSignupMessage(ctx.db, ctx.config, status, userId, opportunity, shift, ctx.now, batch?.messages);
    const joinedPosition = (entry: WaitlistEntry) =>
      batch ? batch.waitlist.positionOfJoined(entry) : waitlistPosition(ctx.db, entry);
    return {
      signupId,
      shiftId,
      opportunityId: opportunity.id,
      status,
      position: status === 'waitlisted' ? joinedPosition({ shiftId, queuedAt: ctx.now, id: signupId }) : null,
      created: true,
    };
  }
}

/** Cancel a confirmed or waitlisted sign-up inside a transaction; promotes the first waitlisted. */
function cancelInTransaction(
  db: Db,
  config: Config,
  signup: SignupRecord,
  now: number,
): { promotedSignupId: number | null } {
  db.run("UPDATE signups SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?", [
    now,
    now,
    signup.id,
  ]);
  if (signup.status !== 'confirmed') return { promotedSignupId: null };
  releaseSeat(db, signup.shiftId);
  const shift = findShift(db, signup.shiftId);
  const next = firstWaitlisted(db, signup.shiftId);
  if (!shift || !next || shift.startsAt <= now || shift.status !== 'open' || !takeSeat(db, signup.shiftId)) {
    return { promotedSignupId: null };
  }
  const soon = shift.startsAt - now <= REMINDER_LEAD_SECONDS;
  db.run("UPDATE signups SET status = 'confirmed', promoted_at = ?, updated_at = ?, reminded_at = ? WHERE id = ?", [
    now,
    now,
    soon ? now : null,
    next.id,
  ]);
  const opportunity = findOpportunity(db, shift.opportunityId);
  if (opportunity) enqueueSignupMessage(db, config, 'promoted', next.userId, opportunity, shift, now);
  return { promotedSignupId: next.id };
}

/** Cancel my sign-up (or, coordinators, one of a resident I support — audited). */
export function cancelSignup(
  ctx: ServiceContext,
  auth: AuthState,
  signupId: number,
): { signupId: number; status: 'cancelled'; promotedSignupId: number | null } {
  return ctx.db.transaction(() => {
    const signup = findSignupById(ctx.db, signupId);
    if (!signup) throw notFound('sign-up');
    if (signup.userId !== auth.user.id) {
      if (!isCoordinator(auth)) throw notFound('sign-up');
      actForResident(ctx, auth, signup.userId, `opportunity.cancel:${signupId}`);
    }
    if (signup.status === 'cancelled') return { signupId, status: 'cancelled' as const, promotedSignupId: null };
    const shift = findShift(ctx.db, signup.shiftId);
    if (shift && shift.startsAt <= ctx.now) {
      throw new ServiceError(409, 'shift_started', 'This shift has already started; tell the organizer instead.');
    }
    const { promotedSignupId } = cancelInTransaction(ctx.db, ctx.config, signup, ctx.now);
    return { signupId, status: 'cancelled' as const, promotedSignupId };
  });
}

/** One of my sign-ups, with what I need to know. */
export interface MySignup {
  signupId: number;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  position: number | null;
  byProxy: boolean;
  attendance: 'attended' | 'absent' | null;
  minutes: number | null;
  shift: { id: number; startsAt: number; endsAt: number };
  opportunity: {
    id: number;
    title: string;
    organizer: string | null;
    placeId: string | null;
    address: string | null;
    whatToBring: string | null;
    sample: boolean;
  };
}

/** An hours summary. */
export interface HoursSummary {
  totalMinutes: number;
  activities: number;
  byYear: { year: number; minutes: number; activities: number }[];
}

/** My sign-ups (upcoming first, then past) and my hours. */
export function mySignups(
  db: Db,
  userId: string,
  now: number,
): { upcoming: MySignup[]; past: MySignup[]; hours: HoursSummary } {
  const rows = db.all<{
    signupId: number;
    status: MySignup['status'];
    queuedAt: number;
    shiftId: number;
    byProxy: number;
    attendance: MySignup['attendance'];
    minutes: number | null;
    startsAt: number;
    endsAt: number;
    opportunityId: number;
  }>(
    `SELECT su.id AS signupId, su.status, su.queued_at AS queuedAt, su.shift_id AS shiftId,
       su.signed_up_by IS NOT NULL AS byProxy, su.attendance, su.minutes, s.starts_at AS startsAt, s.ends_at AS endsAt,
       s.opportunity_id AS opportunityId
     FROM signups su JOIN shifts s ON s.id = su.shift_id WHERE su.user_id = ? ORDER BY s.starts_at, su.id`,
    [userId],
  );
  const cache = new Map<number, OpportunityRecord | undefined>();
  const list = rows.flatMap((row): MySignup[] => {
    if (!cache.has(row.opportunityId)) cache.set(row.opportunityId, findOpportunity(db, row.opportunityId));
    const o = cache.get(row.opportunityId);
    if (!o) return [];
    return [
      {
        signupId: row.signupId,
        status: row.status,
        position:
          row.status === 'waitlisted'
            ? waitlistPosition(db, { shiftId: row.shiftId, queuedAt: row.queuedAt, id: row.signupId })
            : null,
        byProxy: row.byProxy === 1,
        attendance: row.attendance,
        minutes: row.minutes,
        shift: { id: row.shiftId, startsAt: row.startsAt, endsAt: row.endsAt },
        opportunity: {
          id: o.id,
          title: o.title,
          organizer: o.orgName,
          placeId: o.placeId,
          address: o.address,
          whatToBring: o.whatToBring,
          sample: o.sample,
        },
      },
    ];
  });
  const upcoming = list.filter((s) => s.shift.endsAt > now && s.status !== 'cancelled');
  const past = list.filter((s) => s.shift.endsAt <= now && s.status === 'confirmed').reverse();
  return { upcoming, past, hours: hoursOf(past) };
}

function hoursOf(signups: readonly MySignup[]): HoursSummary {
  const attended = signups.filter((s) => s.attendance === 'attended');
  const years = new Map<number, { minutes: number; activities: number }>();
  for (const s of attended) {
    const year = new Date((s.shift.startsAt + 9 * 3600) * 1000).getUTCFullYear();
    const entry = years.get(year) ?? { minutes: 0, activities: 0 };
    entry.minutes += s.minutes ?? 0;
    entry.activities += 1;
    years.set(year, entry);
  }
  return {
    totalMinutes: attended.reduce((sum, s) => sum + (s.minutes ?? 0), 0),
    activities: attended.length,
    byYear: [...years.entries()].sort((a, b) => b[0] - a[0]).map(([year, v]) => ({ year, ...v })),
  };
}

/** The participation certificate (活動証明書): attended activities in a year (or all), with hours. */
export function certificate(
  db: Db,
  userId: string,
  now: number,
  year: number | null,
): { name: string; issuedAt: number; year: number | null; items: MySignup[]; totalMinutes: number } {
  const user = getUser(db, userId);
  if (!user || user.status !== 'active') throw notFound('person');
  const { past } = mySignups(db, userId, now);
  const items = past
    .filter((s) => s.attendance === 'attended')
    .filter((s) => year === null || new Date((s.shift.startsAt + 9 * 3600) * 1000).getUTCFullYear() === year)
    .reverse();
  return {
    name: user.displayName,
    issuedAt: now,
    year,
    items,
    totalMinutes: items.reduce((sum, s) => sum + (s.minutes ?? 0), 0),
  };
}

// ───────────────────────────── reminders and housekeeping ─────────────────────────────

/**
 * Send the reminders that are due (a shift starting within REMINDER_LEAD_SECONDS). Idempotent:
 * each sign-up is marked in the same transaction as its message, so a reminder goes out once.
 */
export function sendDueReminders(db: Db, config: Config, now: number): number {
  const due = db.all<{ id: number; userId: string; shiftId: number; opportunityId: number }>(
    `SELECT su.id, su.user_id AS userId, su.shift_id AS shiftId, s.opportunity_id AS opportunityId
     FROM shifts s JOIN signups su ON su.shift_id = s.id
     WHERE s.starts_at > ? AND s.starts_at <= ? AND s.status = 'open' AND su.status = 'confirmed' AND su.reminded_at IS NULL
     ORDER BY s.starts_at LIMIT 1000`,
    [now, now + REMINDER_LEAD_SECONDS],
  );
  let sent = 0;
  for (const row of due) {
    db.transaction(() => {
      const marked = db.run('UPDATE signups SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL', [now, row.id]);
      if (marked.changes !== 1) return;
      const shift = findShift(db, row.shiftId);
      const opportunity = findOpportunity(db, row.opportunityId);
      if (shift && opportunity && opportunity.status === 'published') {
        enqueueSignupMessage(db, config, 'reminder', row.userId, opportunity, shift, now);
        sent++;
      }
    });
  }
  return sent;
}

/** One run of the opportunities' background work: next-shift times and due reminders. */
export function runOpportunityJobs(db: Db, config: Config, now: number): { refreshed: number; reminders: number } {
  const refreshed = db.transaction(() => refreshNextShift(db, now));
  return { refreshed, reminders: sendDueReminders(db, config, now) };
}

// ───────────────────────────── volunteer profile and matches ─────────────────────────────

/** A volunteer profile as shown and edited. */
export interface VolunteerProfile {
  districtId: string | null;
  interests: string[];
  skills: string[];
  qualifications: string[];
  /** `weekday:part`, e.g. `6:morning` (0 = Sunday). */
  availability: string[];
  languages: string[];
  maxTravelKm: number | null;
  birthYear: number | null;
  updatedAt: number | null;
}

const EMPTY_PROFILE: VolunteerProfile = {
  districtId: null,
  interests: [],
  skills: [],
  qualifications: [],
  availability: [],
  languages: [],
  maxTravelKm: null,
  birthYear: null,
  updatedAt: null,
};

/** Every weekly slot code, `0:morning` … `6:evening`. */
export const AVAILABILITY_SLOTS = [0, 1, 2, 3, 4, 5, 6].flatMap((day) => DAY_PARTS.map((part) => `${day}:${part}`));

function toProfile(record: ProfileRecord | undefined): VolunteerProfile {
  if (!record) return EMPTY_PROFILE;
  const { userId: _userId, ...rest } = record;
  return rest;
}

/** My volunteer profile (empty when I have not filled it in). */
export function getVolunteerProfile(db: Db, userId: string): VolunteerProfile {
  return toProfile(findProfile(db, userId));
}

/** Whether a person allows their volunteer profile to be used for suggestions (purpose `matching`). */
export function allowsMatching(db: Db, userId: string): boolean {
  return hasConsent(db, userId, 'matching');
}

/**
 * Save my volunteer profile. The profile exists only for the purpose `matching`, so it is saved
 * only when the person has given that consent — before, or now with `consentToMatching` (recorded
 * per purpose and policy version). Withdrawing it on My page stops the suggestions.
 */
export function saveVolunteerProfile(
  ctx: ServiceContext,
  auth: AuthState,
  input: Partial<Omit<VolunteerProfile, 'updatedAt'>> & { consentToMatching?: boolean | undefined },
): VolunteerProfile {
  const { consentToMatching, ...fields } = input;
  const consentNeeded = !allowsMatching(ctx.db, auth.user.id);
  if (consentNeeded && consentToMatching !== true) {
    throw new ServiceError(400, 'consent_required', 'Agree to the use of your profile for suggestions first.', {
      consentToMatching: 'consent_required',
    });
  }
  const current = getVolunteerProfile(ctx.db, auth.user.id);
  const next = { ...current, ...fields };
  const year = new Date(ctx.now * 1000).getUTCFullYear();
  assertNoProblems({
    districtId: next.districtId && !districtExists(ctx.db, next.districtId) ? 'district_unknown' : null,
    interests: allKnown(next.interests, CATEGORIES) ? null : 'invalid',
    skills: allKnown(next.skills, SKILLS) ? null : 'invalid',
    qualifications: allKnown(next.qualifications, QUALIFICATIONS) ? null : 'invalid',
    availability: allKnown(next.availability, AVAILABILITY_SLOTS) ? null : 'invalid',
    languages: allKnown(next.languages, LANGUAGES) ? null : 'invalid',
    maxTravelKm:
      next.maxTravelKm === null ||
      (Number.isInteger(next.maxTravelKm) && next.maxTravelKm >= 1 && next.maxTravelKm <= 200)
        ? null
        : 'invalid',
    birthYear:
      next.birthYear === null || (Number.isInteger(next.birthYear) && next.birthYear >= 1900 && next.birthYear <= year)
        ? null
        : 'invalid',
  });
  ctx.db.transaction(() => {
    if (consentNeeded) recordOwnDecision(ctx.db, auth.user.id, 'matching', 'granted', ctx.now);
    saveProfileRow(
      ctx.db,
      {
        userId: auth.user.id,
        districtId: next.districtId || null,
        interests: knownCodes(next.interests, CATEGORIES),
        skills: knownCodes(next.skills, SKILLS),
        qualifications: knownCodes(next.qualifications, QUALIFICATIONS),
        availability: knownCodes(next.availability, AVAILABILITY_SLOTS),
        languages: knownCodes(next.languages, LANGUAGES),
        maxTravelKm: next.maxTravelKm,
        birthYear: next.birthYear,
      },
      ctx.now,
    );
  });
  return getVolunteerProfile(ctx.db, auth.user.id);
}

/** A suggested opportunity with the reasons in words. */
export interface MatchView {
  opportunity: PublicListItem;
  score: number;
  reasons: string[];
  shifts: { id: number; startsAt: number; endsAt: number; seatsLeft: number }[];
}

/** The opportunities that fit me best (api/matching), with reasons in my language. */
export function matchesFor(
  db: Db,
  userId: string,
  now: number,
  locale: AccountLocale,
  limit = 20,
): { profileComplete: boolean; consentNeeded: boolean; items: MatchView[] } {
  // Suggestions use the profile only with the person's consent for `matching`.
  if (!allowsMatching(db, userId)) return { profileComplete: false, consentNeeded: true, items: [] };
  const profile = findProfile(db, userId);
  const availability: AvailabilitySlot[] = (profile?.availability ?? []).flatMap((code) => {
    const [day, part] = code.split(':');
    return DAY_PARTS.includes(part as DayPart) ? [{ weekday: Number(day) as Weekday, part: part as DayPart }] : [];
  });
  const year = new Date((now + 9 * 3600) * 1000).getUTCFullYear();
  const rows = db.all<{
    id: number;
    category: string;
    skills: string;
    lng: number | null;
    lat: number | null;
    minAge: number | null;
    qualifications: string;
    shiftId: number;
    startsAt: number;
    endsAt: number;
    capacity: number;
    confirmed: number;
  }>(
    `SELECT o.id, o.category, o.skills, o.lng, o.lat, o.min_age AS minAge, o.qualifications, s.id AS shiftId,
       s.starts_at AS startsAt, s.ends_at AS endsAt, s.capacity, s.confirmed_count AS confirmed
     FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id
     WHERE o.status = 'published' AND s.status = 'open' AND s.starts_at > ? AND s.starts_at <= ?
       AND NOT EXISTS (SELECT 1 FROM signups su WHERE su.shift_id = s.id AND su.user_id = ? AND su.status != 'cancelled')
     ORDER BY o.id, s.starts_at`,
    [now, now + 60 * 86400, userId],
  );
  const byId = new Map<number, OpportunityForMatching & { shifts: OpportunityForMatching['shifts'][number][] }>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = {
        id: row.id,
        category: row.category,
        skills: codes(row.skills),
        point: row.lng !== null && row.lat !== null ? [row.lng, row.lat] : null,
        minAge: row.minAge,
        qualifications: codes(row.qualifications),
        shifts: [],
      };
      byId.set(row.id, entry);
    }
    entry.shifts.push({
      id: row.shiftId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      capacity: row.capacity,
      confirmed: row.confirmed,
    });
  }
  const matches = rankOpportunities(
    {
      homePoint: districtPoint(db, profile?.districtId ?? null),
      maxTravelKm: profile?.maxTravelKm ?? null,
      availability,
      interests: profile?.interests ?? [],
      skills: profile?.skills ?? [],
      qualifications: profile?.qualifications ?? [],
      age: profile?.birthYear ? year - profile.birthYear : null,
    },
    [...byId.values()],
    { now, limit },
  );
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const label = (code: string) =>
    (CATEGORIES as readonly string[]).includes(code)
      ? t(`opportunities.category.${code}`)
      : t(`opportunities.skill.${code}`);
  const items = matches.flatMap((match): MatchView[] => {
    const o = findOpportunity(db, match.opportunityId);
    const source = byId.get(match.opportunityId);
    if (!o || !source) return [];
    const shifts = match.shiftIds.slice(0, 3).flatMap((id) => {
      const s = source.shifts.find((candidate) => candidate.id === id);
      return s ? [{ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, seatsLeft: s.capacity - s.confirmed }] : [];
    });
    const first = shifts[0];
    return [
      {
        opportunity: {
          id: o.id,
          title: o.title,
          category: o.category,
          districtId: o.districtId,
          placeId: o.placeId,
          organizer: o.orgName,
          sample: o.sample,
          nextShift: first ?? null,
        },
        score: match.score,
        reasons: match.reasons.map((reason) => explainReason(reason, t, label)),
        shifts,
      },
    ];
  });
  return { profileComplete: profile !== undefined, consentNeeded: false, items };
}

// ───────────────────────────── coordinator's overview ─────────────────────────────

/** A shift soon with free seats. */
export interface OpenSeat {
  shiftId: number;
  startsAt: number;
  endsAt: number;
  capacity: number;
  confirmed: number;
  seatsLeft: number;
  opportunityId: number;
  title: string;
  organizer: string | null;
}

/** Fill rates of the next 30 days and the shifts of the next 7 days that still have free seats. */
export function coordinatorOverview(
  db: Db,
  now: number,
): {
  totals: {
    opportunities: number;
    shifts: number;
    capacity: number;
    confirmed: number;
    waitlisted: number;
    fillRate: number;
  };
  opportunities: {
    id: number;
    title: string;
    organizer: string | null;
    status: OpportunityStatus;
    shifts: number;
    capacity: number;
    confirmed: number;
    fillRate: number;
  }[];
  openSeatsNext7Days: OpenSeat[];
} {
  const opportunities = db
    .all<{
      id: number;
      title: string;
      organizer: string | null;
      status: OpportunityStatus;
      shifts: number;
      capacity: number;
      confirmed: number;
    }>(
      `SELECT o.id, o.title, g.name AS organizer, o.status, count(s.id) AS shifts, coalesce(sum(s.capacity), 0) AS capacity,
         coalesce(sum(s.confirmed_count), 0) AS confirmed
       FROM opportunities o LEFT JOIN organizations g ON g.id = o.org_id
       JOIN shifts s ON s.opportunity_id = o.id AND s.status = 'open' AND s.starts_at > ? AND s.starts_at <= ?
       WHERE o.status = 'published' GROUP BY o.id ORDER BY confirmed * 1.0 / capacity, o.id LIMIT 500`,
      [now, now + 30 * 86400],
    )
    .map((row) => ({
      ...row,
      fillRate: row.capacity === 0 ? 0 : Math.round((row.confirmed / row.capacity) * 1000) / 1000,
    }));
  const waitlisted =
    db.get<{ n: number }>(
      `SELECT count(*) AS n FROM signups su JOIN shifts s ON s.id = su.shift_id
       WHERE su.status = 'waitlisted' AND s.starts_at > ? AND s.starts_at <= ?`,
      [now, now + 30 * 86400],
    )?.n ?? 0;
  const capacity = opportunities.reduce((sum, o) => sum + o.capacity, 0);
  const confirmed = opportunities.reduce((sum, o) => sum + o.confirmed, 0);
  const openSeatsNext7Days = db.all<OpenSeat>(
    `SELECT s.id AS shiftId, s.starts_at AS startsAt, s.ends_at AS endsAt, s.capacity, s.confirmed_count AS confirmed,
       s.capacity - s.confirmed_count AS seatsLeft, o.id AS opportunityId, o.title, g.name AS organizer
     FROM shifts s JOIN opportunities o ON o.id = s.opportunity_id LEFT JOIN organizations g ON g.id = o.org_id
     WHERE o.status = 'published' AND s.status = 'open' AND s.starts_at > ? AND s.starts_at <= ?
       AND s.confirmed_count < s.capacity
     ORDER BY s.starts_at, s.id LIMIT 500`,
    [now, now + 7 * 86400],
  );
  return {
    totals: {
      opportunities: opportunities.length,
      shifts: opportunities.reduce((sum, o) => sum + o.shifts, 0),
      capacity,
      confirmed,
      waitlisted,
      fillRate: capacity === 0 ? 0 : Math.round((confirmed / capacity) * 1000) / 1000,
    },
    opportunities,
    openSeatsNext7Days,
  };
}

// ───────────────────────────── personal data ─────────────────────────────

/** Everything about a person in this feature, for "download my data". */
export function opportunitiesPersonalData(db: Db, userId: string) {
  return {
    volunteerProfile: findProfile(db, userId) ? getVolunteerProfile(db, userId) : null,
    signups: db.all<Record<string, unknown>>(
      `SELECT su.id, o.title AS opportunity, s.starts_at AS startsAt, s.ends_at AS endsAt, su.status,
         su.signed_up_by IS NOT NULL AS byProxy, su.created_at AS createdAt, su.cancelled_at AS cancelledAt,
         su.promoted_at AS promotedAt, su.reminded_at AS remindedAt, su.attendance, su.minutes
       FROM signups su JOIN shifts s ON s.id = su.shift_id JOIN opportunities o ON o.id = s.opportunity_id
       WHERE su.user_id = ? ORDER BY s.starts_at`,
      [userId],
    ),
  };
}

/**
 * Account deletion: the volunteer profile goes, upcoming sign-ups are cancelled (freeing seats for
 * the waitlist, who are told). Past attendance rows stay — they now point at an anonymised person —
 * so organizers' totals stay right.
 */
export function anonymiseOpportunityData(db: Db, userId: string, now: number, config?: Config): void {
  db.transaction(() => {
    db.run('DELETE FROM volunteer_profiles WHERE user_id = ?', [userId]);
    const active = db.all<{ id: number }>(
      `SELECT su.id FROM signups su JOIN shifts s ON s.id = su.shift_id
       WHERE su.user_id = ? AND su.status IN ('confirmed', 'waitlisted') AND s.starts_at > ?`,
      [userId, now],
    );
    const settings = config ?? loadConfig();
    for (const { id } of active) {
      const signup = findSignupById(db, id);
      if (signup) cancelInTransaction(db, settings, signup, now);
    }
  });
}
