/**
 * Recurring schedules of gathering places: pure functions, no I/O.
 *
 * A schedule is an RFC 5545 RRULE (`FREQ=MONTHLY;BYDAY=+2TU`) with a start and end time in Japan
 * time, a first date, and whether public holidays are skipped. Recurrence comes from the `rrule`
 * library; public holidays from `@holiday-jp/holiday_jp` (a maintained list, updated by the
 * package). Asia/Tokyo has had no daylight saving time since 1951, so Japan time is UTC+9 all year:
 * the rule is expanded on "wall-clock" dates (UTC fields = Japan time) and shifted by 9 hours.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import * as rruleModule from 'rrule';

type RRuleModule = typeof rruleModule;
// `rrule` ships CommonJS for Node and ESM for bundlers: take the classes from whichever we got.
const { RRule } = (rruleModule as unknown as { default?: RRuleModule }).default ?? rruleModule;

/** Japan time offset from UTC in milliseconds (no DST). */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Weekday codes in RFC 5545 order used by `rrule` (0 = Monday … 6 = Sunday). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
/** A weekday code. */
export type Weekday = (typeof WEEKDAYS)[number];

/** One recurring activity of a place. */
export interface Schedule {
  activity: { ja: string; en: string };
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU,FR`. */
  rrule: string;
  /** `HH:MM`, Japan time. */
  start: string;
  /** `HH:MM`, Japan time. */
  end: string;
  /** When true, occurrences on Japanese public holidays do not take place. */
  skipHolidays: boolean;
  /** First date the rule applies (`YYYY-MM-DD`). */
  startDate: string;
  /** Last date the rule applies (`YYYY-MM-DD`), if it ends. */
  endDate?: string | undefined;
}

/** The supported shape of a rule, decoded from the RRULE. */
export type RuleShape =
  | { freq: 'weekly'; interval: 1 | 2; weekdays: Weekday[] }
  | { freq: 'monthly-nth'; days: { weekday: Weekday; nth: number }[] }
  | { freq: 'monthly-day'; monthDays: number[] };

/** One occurrence of a schedule. */
export interface Occurrence {
  /** `YYYY-MM-DD` in Japan time. */
  date: string;
  start: string;
  end: string;
  /** Weekday code of the date. */
  weekday: Weekday;
  /** Start and end instants. */
  startsAt: Date;
  endsAt: Date;
}

/** A rule this module cannot describe or expand. */
export class UnsupportedRuleError extends Error {
  override name = 'UnsupportedRuleError';
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Decode an RRULE into one of the supported shapes: weekly (every or every other week) on
 * weekdays, monthly on nth weekdays (1–5 or -1 = last), or monthly on days of the month.
 * @throws UnsupportedRuleError for anything else (COUNT, BYSETPOS, yearly …).
 */
export function parseRule(rrule: string): RuleShape {
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(rrule);
  } catch (error) {
    throw new UnsupportedRuleError(`Not an RRULE: ${rrule} (${String(error)})`);
  }
  const allowed = new Set(['freq', 'interval', 'byweekday', 'bymonthday']);
  const extra = Object.keys(options).filter((key) => !allowed.has(key));
  if (extra.length > 0) throw new UnsupportedRuleError(`Unsupported parts in ${rrule}: ${extra.join(', ')}`);
  const byweekday = ([] as unknown[]).concat(options.byweekday ?? []) as { weekday: number; n?: number }[];
  const interval = options.interval ?? 1;
  if (options.freq === RRule.WEEKLY) {
    if (interval !== 1 && interval !== 2) throw new UnsupportedRuleError(`Only INTERVAL=1 or 2 in ${rrule}`);
    if (byweekday.length === 0 || byweekday.some((day) => day.n !== undefined && day.n !== 0)) {
      throw new UnsupportedRuleError(`A weekly rule needs plain BYDAY weekdays: ${rrule}`);
    }
    return { freq: 'weekly', interval, weekdays: sortWeekdays(byweekday.map((day) => WEEKDAYS[day.weekday]!)) };
  }
  if (options.freq === RRule.MONTHLY && interval === 1) {
    if (options.bymonthday !== undefined && options.bymonthday !== null) {
      const monthDays = ([] as number[]).concat(options.bymonthday).sort((a, b) => a - b);
      if (byweekday.length > 0 || monthDays.some((day) => day < 1 || day > 28)) {
        throw new UnsupportedRuleError(`BYMONTHDAY must be 1–28 and alone: ${rrule}`);
      }
      return { freq: 'monthly-day', monthDays };
    }
    const days = byweekday.map((day) => ({ weekday: WEEKDAYS[day.weekday]!, nth: day.n ?? 0 }));
    if (days.length === 0 || days.some((day) => !((day.nth >= 1 && day.nth <= 5) || day.nth === -1))) {
      throw new UnsupportedRuleError(`A monthly rule needs BYDAY=+1..+5 or -1 weekdays: ${rrule}`);
    }
    days.sort((a, b) => WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || nthOrder(a.nth) - nthOrder(b.nth));
    return { freq: 'monthly-nth', days };
  }
  throw new UnsupportedRuleError(`Only weekly or monthly rules are supported: ${rrule}`);
}

const nthOrder = (nth: number) => (nth === -1 ? 6 : nth);
const sortWeekdays = (days: Weekday[]) => [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));

/** Whether a rule is supported (for validation). */
export function isSupportedRule(rrule: string): boolean {
  try {
    parseRule(rrule);
    return true;
  } catch {
    return false;
  }
}

/** Whether `HH:MM` is a valid time. */
export function isTime(value: string): boolean {
  return TIME.test(value);
}

/**
 * The weekdays a rule can fall on, as a bit mask (bit 0 = Monday … bit 6 = Sunday). Monthly
 * rules on days of the month can fall on any weekday.
 */
export function weekdayMask(rrule: string): number {
  const shape = parseRule(rrule);
  const days: readonly Weekday[] =
    shape.freq === 'weekly'
      ? shape.weekdays
      : shape.freq === 'monthly-nth'
        ? shape.days.map((d) => d.weekday)
        : WEEKDAYS;
  return days.reduce<number>((mask, day) => mask | (1 << WEEKDAYS.indexOf(day)), 0);
}

/** `YYYY-MM-DD` of an instant in Japan time. */
export function jstDate(instant: Date): string {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a `YYYY-MM-DD` date is a Japanese public holiday (incl. substitute and citizens' holidays). */
export function isPublicHoliday(date: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, date);
}

/** The holiday's Japanese and English names, if the date is a public holiday. */
export function holidayName(date: string): { ja: string; en: string } | undefined {
  const holiday = (holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>)[date];
  return holiday ? { ja: holiday.name, en: holiday.name_en } : undefined;
}

function wallClock(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

function ruleFor(schedule: Schedule) {
  parseRule(schedule.rrule); // validates the shape
  return new RRule({
    ...RRule.parseString(schedule.rrule),
    dtstart: wallClock(schedule.startDate, schedule.start),
    ...(schedule.endDate ? { until: wallClock(schedule.endDate, '23:59') } : {}),
  });
}

function minutes(time: string): number {
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return hh * 60 + mm;
}

function toOccurrence(schedule: Schedule, wall: Date): Occurrence {
  const date = wall.toISOString().slice(0, 10);
  const startsAt = new Date(wall.getTime() - JST_OFFSET_MS);
  const endsAt = new Date(startsAt.getTime() + (minutes(schedule.end) - minutes(schedule.start)) * 60_000);
  const weekday = WEEKDAYS[(wall.getUTCDay() + 6) % 7]!;
  return { date, start: schedule.start, end: schedule.end, weekday, startsAt, endsAt };
}

/**
 * Occurrences of a schedule that start on or after `from` and before `until` (instants), with
 * public holidays removed when the schedule skips them.
 */
export function occurrencesBetween(schedule: Schedule, from: Date, until: Date): Occurrence[] {
  const rule = ruleFor(schedule);
  const walls = rule.between(new Date(from.getTime() + JST_OFFSET_MS), new Date(until.getTime() + JST_OFFSET_MS), true);
  return walls
    .map((wall) => toOccurrence(schedule, wall))
    .filter(
      (occurrence) => occurrence.startsAt < until && !(schedule.skipHolidays && isPublicHoliday(occurrence.date)),
    );
}

/** Dates a schedule would fall on but skips because they are public holidays (for calendars). */
export function skippedHolidays(schedule: Schedule, from: Date, until: Date): Occurrence[] {
  if (!schedule.skipHolidays) return [];
  const rule = ruleFor(schedule);
  return rule
    .between(new Date(from.getTime() + JST_OFFSET_MS), new Date(until.getTime() + JST_OFFSET_MS), true)
    .map((wall) => toOccurrence(schedule, wall))
    .filter((occurrence) => isPublicHoliday(occurrence.date));
}

/**
 * The next `count` occurrences that have not ended at `now`, skipping holidays when asked.
 * Looks up to two years ahead (enough for rare rules such as a 5th weekday).
 */
export function nextOccurrences(schedule: Schedule, now: Date, count = 3): Occurrence[] {
  const horizon = new Date(now.getTime() + 2 * 366 * 24 * 60 * 60 * 1000);
  // Start a day early so an occurrence that is under way now is included.
  const from = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  return occurrencesBetween(schedule, from, horizon)
    .filter((occurrence) => occurrence.endsAt > now)
    .slice(0, count);
}

/** The next occurrences across several schedules, in time order. */
export function nextOccurrencesOfAll(
  schedules: readonly Schedule[],
  now: Date,
  count = 3,
): (Occurrence & { schedule: Schedule })[] {
  return schedules
    .flatMap((schedule) => nextOccurrences(schedule, now, count).map((o) => ({ ...o, schedule })))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .slice(0, count);
}

/** The days of a month (`YYYY-MM`) on which a schedule takes place. */
export function occurrencesInMonth(schedule: Schedule, month: string): Occurrence[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1) - JST_OFFSET_MS);
  const until = new Date(Date.UTC(y, m, 1) - JST_OFFSET_MS);
  return occurrencesBetween(schedule, from, until);
}
