/**
 * Volunteer ↔ opportunity matching: PURE functions, no I/O.
 *
 * 1. Hard filters: age and qualification requirements, a shift in the date window with a seat
 *    left, and the distance the person said they can travel.
 * 2. A score in [0, 1] from distance, schedule fit with weekly availability, and interest/skill
 *    overlap — each part explained by reasons a person understands (rendered from locale files).
 */
import { distanceKm, type LngLat } from './geo.ts';
import { type DayPart, dayPartOf, jstWeekdayHour, type Weekday } from './time.ts';

/** A weekly time a volunteer is usually free. */
export interface AvailabilitySlot {
  weekday: Weekday;
  part: DayPart;
}

/** What matching knows about a volunteer (never an exact address: a district point at most). */
export interface VolunteerForMatching {
  /** Approximate home point (the 地区 representative point), or null if not given. */
  homePoint: LngLat | null;
  /** How far the person can travel, in km (null = no limit given). */
  maxTravelKm: number | null;
  availability: readonly AvailabilitySlot[];
  /** Category codes of interest (shared taxonomy). */
  interests: readonly string[];
  skills: readonly string[];
  qualifications: readonly string[];
  /** Age in years, or null if not given (then age limits cannot be confirmed). */
  age: number | null;
}

/** One shift of an opportunity. */
export interface ShiftForMatching {
  id: number;
  startsAt: number;
  endsAt: number;
  capacity: number;
  confirmed: number;
}

/** What matching knows about an opportunity. */
export interface OpportunityForMatching {
  id: number;
  category: string;
  skills: readonly string[];
  point: LngLat | null;
  minAge: number | null;
  qualifications: readonly string[];
  shifts: readonly ShiftForMatching[];
}

/** Why an opportunity was suggested. Rendered into words by `explainReason`. */
export type MatchReason =
  | { code: 'distance'; km: number }
  | { code: 'schedule'; weekday: Weekday; part: DayPart }
  | { code: 'interest'; category: string }
  | { code: 'skill'; skill: string }
  | { code: 'seatsLeft'; seats: number };

/** One ranked suggestion. */
export interface Match {
  opportunityId: number;
  /** 0–1, higher is better. */
  score: number;
  /** Upcoming shifts with a free seat, soonest first; the ones that fit the person's week first. */
  shiftIds: number[];
  reasons: MatchReason[];
}

/** Options of a ranking. */
export interface RankOptions {
  /** Now, in unix seconds. */
  now: number;
  /** Only shifts starting within this many days (default 60). */
  horizonDays?: number;
  /** At most this many results (default all). */
  limit?: number;
}

/** Weights of the score parts (sum 1). */
export const SCORE_WEIGHTS = { distance: 0.35, schedule: 0.35, interest: 0.3 } as const;

/** Distance at which the distance part of the score reaches 0 when the person gave no limit. */
const DEFAULT_REACH_KM = 30;

/** Phase-1 result: enough to sort, cheap to compute for every opportunity. */
interface Candidate {
  opportunity: OpportunityForMatching;
  score: number;
  firstStart: number;
  km: number | null;
  fitSlot: AvailabilitySlot | null;
}

/**
 * Rank opportunities for one volunteer.
 * Phase 1 filters and scores every opportunity without allocating much; phase 2 builds the
 * shift lists and reasons only for the results returned (all, or the first `limit`).
 * @returns matches passing the hard filters, best first (ties: soonest shift, then id).
 */
export function rankOpportunities(
  volunteer: VolunteerForMatching,
  opportunities: readonly OpportunityForMatching[],
  options: RankOptions,
): Match[] {
  const { now } = options;
  const until = now + (options.horizonDays ?? 60) * 86400;
  let available = 0; // bit (weekday × 3 + part) set when the person is free then
  for (const slot of volunteer.availability) available |= 1 << slotBit(slot.weekday, slot.part);
  const interests = new Set(volunteer.interests);
  const skills = new Set(volunteer.skills);
  const qualifications = new Set(volunteer.qualifications);
  const reach = volunteer.maxTravelKm ?? DEFAULT_REACH_KM;
  const noAvailabilityGiven = volunteer.availability.length === 0;

  const candidates: Candidate[] = [];
  for (const opportunity of opportunities) {
    if (!meetsRequirements(volunteer.age, qualifications, opportunity)) continue;

    let km: number | null = null;
    if (volunteer.homePoint && opportunity.point) {
      km = distanceKm(volunteer.homePoint, opportunity.point);
      if (volunteer.maxTravelKm !== null && km > volunteer.maxTravelKm) continue;
    }

    let firstStart = Infinity;
    let fitSlot: AvailabilitySlot | null = null;
    for (const shift of opportunity.shifts) {
      if (!isOpen(shift, now, until)) continue;
      if (shift.startsAt < firstStart) firstStart = shift.startsAt;
      if (fitSlot === null) fitSlot = fittingSlot(shift, available);
    }
    if (firstStart === Infinity) continue;

    const distancePart = km === null ? 0.5 : Math.max(0, 1 - km / reach);
    const schedulePart = noAvailabilityGiven ? 0.5 : fitSlot ? 1 : 0;
    let overlap = interests.has(opportunity.category) ? 1 : 0;
    const wanted = opportunity.skills.length;
    if (wanted > 0) {
      let shared = 0;
      for (const skill of opportunity.skills) if (skills.has(skill)) shared++;
      overlap = (overlap + shared / wanted) / 2;
    }
    const score =
      SCORE_WEIGHTS.distance * distancePart + SCORE_WEIGHTS.schedule * schedulePart + SCORE_WEIGHTS.interest * overlap;
    candidates.push({ opportunity, score: Math.round(score * 1000) / 1000, firstStart, km, fitSlot });
  }

  candidates.sort((a, b) => b.score - a.score || a.firstStart - b.firstStart || a.opportunity.id - b.opportunity.id);
  const chosen = options.limit === undefined ? candidates : candidates.slice(0, options.limit);
  return chosen.map((candidate) => describe(candidate, { now, until, available, interests, skills }));
}

/** Phase 2: the ordered shift ids and the reasons of one result. */
function describe(
  { opportunity, score, km, fitSlot }: Candidate,
  context: { now: number; until: number; available: number; interests: Set<string>; skills: Set<string> },
): Match {
  // Open shifts in order — the ones that fit the person's week first, each group by start — by
  // insertion (stable; an opportunity has a few shifts), without a slot object per shift.
  const open: ShiftForMatching[] = [];
  const keys: number[] = [];
  for (const shift of opportunity.shifts) {
    if (!isOpen(shift, context.now, context.until)) continue;
    const key = (fits(shift, context.available) ? 0 : NOT_FITTING) + shift.startsAt;
    let i = open.length;
    while (i > 0 && (keys[i - 1] as number) > key) {
      open[i] = open[i - 1] as ShiftForMatching;
      keys[i] = keys[i - 1] as number;
      i--;
    }
    open[i] = shift;
    keys[i] = key;
  }
  const reasons: MatchReason[] = [];
  if (km !== null) reasons.push({ code: 'distance', km: Math.round(km * 10) / 10 });
  if (fitSlot) reasons.push({ code: 'schedule', weekday: fitSlot.weekday, part: fitSlot.part });
  if (context.interests.has(opportunity.category)) reasons.push({ code: 'interest', category: opportunity.category });
  for (const skill of opportunity.skills) if (context.skills.has(skill)) reasons.push({ code: 'skill', skill });
  const first = open[0];
  if (first && first.capacity - first.confirmed <= 3) {
    reasons.push({ code: 'seatsLeft', seats: first.capacity - first.confirmed });
  }
  return { opportunityId: opportunity.id, score, shiftIds: open.map((shift) => shift.id), reasons };
}

/** Whether the person meets an opportunity's age and qualification requirements. */
export function meetsRequirements(
  age: number | null,
  qualifications: ReadonlySet<string>,
  opportunity: Pick<OpportunityForMatching, 'minAge' | 'qualifications'>,
): boolean {
  if (opportunity.minAge !== null && (age === null || age < opportunity.minAge)) return false;
  return opportunity.qualifications.every((q) => qualifications.has(q));
}

/** Added to the sort key of a shift that does not fit the person's week (above any unix time). */
const NOT_FITTING = 2 ** 33;

/** A shift starts in the window and has a seat left. */
function isOpen(shift: ShiftForMatching, now: number, until: number): boolean {
  return shift.startsAt > now && shift.startsAt <= until && shift.confirmed < shift.capacity;
}

const JST_OFFSET_SECONDS = 9 * 3600;

/** Whether a shift falls in a weekly slot the person is free in (as `fittingSlot`, no object made). */
function fits(shift: ShiftForMatching, available: number): boolean {
  if (available === 0) return false;
  const local = shift.startsAt + JST_OFFSET_SECONDS;
  const days = Math.floor(local / 86400);
  const weekday = (((days + 4) % 7) + 7) % 7;
  const part = dayPartOf(Math.floor((local - days * 86400) / 3600));
  return part !== null && (available & (1 << slotBit(weekday, part))) !== 0 && shiftWithinPart(shift, part);
}

/** The weekly slot a shift falls in, if the person is free then (whole shift inside the part). */
function fittingSlot(shift: ShiftForMatching, available: number): AvailabilitySlot | null {
  if (available === 0) return null;
  // Inline Japan-time arithmetic (see time.ts): this runs for every shift of every opportunity.
  const local = shift.startsAt + JST_OFFSET_SECONDS;
  const days = Math.floor(local / 86400);
  const weekday = ((((days + 4) % 7) + 7) % 7) as Weekday;
  const hour = Math.floor((local - days * 86400) / 3600);
  const part = dayPartOf(hour);
  if (!part || (available & (1 << slotBit(weekday, part))) === 0 || !shiftWithinPart(shift, part)) return null;
  return { weekday, part };
}

/** A shift fits a part of the day when it also ends by the end of that part (or at most 1 h later). */
function shiftWithinPart(shift: ShiftForMatching, part: DayPart): boolean {
  const end = jstWeekdayHour(shift.endsAt - 1).hour;
  const limit = part === 'morning' ? 13 : part === 'afternoon' ? 18 : 23;
  return shift.endsAt - shift.startsAt <= 12 * 3600 && end < limit;
}

/** The bit of a weekly slot in the availability mask. */
function slotBit(weekday: number, part: DayPart): number {
  return weekday * 3 + (part === 'morning' ? 0 : part === 'afternoon' ? 1 : 2);
}
