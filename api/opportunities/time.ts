/**
 * Japan-time (UTC+9, no daylight saving) conversions for shifts, and recurrence expansion with
 * the `rrule` package: a rule such as `FREQ=WEEKLY;BYDAY=SA` or `FREQ=MONTHLY;BYDAY=+2TU` is
 * expanded on Japan wall-clock dates, optionally skipping national holidays (@holiday-jp).
 */
import holidayJp from '@holiday-jp/holiday_jp';
import * as rrule from 'rrule';

// `rrule` ships CommonJS for Node and ESM for bundlers: take the class from whichever loaded.
const RRule = rrule.RRule ?? (rrule as unknown as { default: typeof rrule }).default.RRule;
const JST = 9 * 3600;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Unix seconds of a Japan wall-clock date (`YYYY-MM-DD`) and time (`HH:MM`); null when invalid. */
export function jstToUnix(date: string, time: string): number | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const ms = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / 1000 - JST;
}

/** The Japan date `YYYY-MM-DD` of a unix time. */
export function jstDate(unix: number): string {
  return new Date((unix + JST) * 1000).toISOString().slice(0, 10);
}

/** The Japan time `HH:MM` of a unix time. */
export function jstTime(unix: number): string {
  return new Date((unix + JST) * 1000).toISOString().slice(11, 16);
}

/** Unix seconds of 00:00 Japan time on the day of `unix`. */
export function jstStartOfDay(unix: number): number {
  return Math.floor((unix + JST) / 86400) * 86400 - JST;
}

/** A recurrence to expand into shifts. */
export interface RecurrenceInput {
  /** RFC 5545 rule without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=SA`. */
  rule: string;
  /** First date (Japan), `YYYY-MM-DD`. */
  firstDate: string;
  /** Last date (Japan), inclusive. */
  lastDate: string;
  /** Start and end time (Japan), `HH:MM`. */
  start: string;
  end: string;
  skipHolidays: boolean;
}

/** At most this many shifts come from one recurrence. */
export const MAX_OCCURRENCES = 200;

/** Problems of a recurrence, by field (empty when it can be expanded). */
export function recurrenceProblems(input: RecurrenceInput): Record<string, 'invalid' | 'required'> {
  const problems: Record<string, 'invalid' | 'required'> = {};
  if (!/^[A-Z0-9=;,+-]{1,200}$/.test(input.rule) || !/(^|;)FREQ=(DAILY|WEEKLY|MONTHLY)(;|$)/.test(input.rule)) {
    problems.rule = 'invalid';
  } else if (/(^|;)(DTSTART|UNTIL|COUNT)=/.test(input.rule)) {
    problems.rule = 'invalid';
  } else {
    try {
      RRule.parseString(input.rule);
    } catch {
      problems.rule = 'invalid';
    }
  }
  const first = jstToUnix(input.firstDate, '00:00');
  const last = jstToUnix(input.lastDate, '00:00');
  if (first === null) problems.firstDate = input.firstDate ? 'invalid' : 'required';
  if (last === null || (first !== null && (last < first || last - first > 366 * 86400))) {
    problems.lastDate = input.lastDate ? 'invalid' : 'required';
  }
  if (!TIME.test(input.start)) problems.start = input.start ? 'invalid' : 'required';
  if (!TIME.test(input.end) || input.end <= input.start) problems.end = input.end ? 'invalid' : 'required';
  return problems;
}

/**
 * Expand a recurrence into `{ startsAt, endsAt }` pairs (unix seconds), at most MAX_OCCURRENCES.
 * Call `recurrenceProblems` first; an invalid input gives [].
 */
export function expandRecurrence(input: RecurrenceInput): { startsAt: number; endsAt: number }[] {
  if (Object.keys(recurrenceProblems(input)).length > 0) return [];
  const [sh, sm] = input.start.split(':').map(Number) as [number, number];
  const [eh, em] = input.end.split(':').map(Number) as [number, number];
  const [fy, fm, fd] = input.firstDate.split('-').map(Number) as [number, number, number];
  const [ly, lm, ld] = input.lastDate.split('-').map(Number) as [number, number, number];
  // rrule works on "floating" times: wall-clock Japan times written as UTC dates.
  const options = RRule.parseString(input.rule);
  const rule = new RRule({
    ...options,
    dtstart: new Date(Date.UTC(fy, fm - 1, fd, sh, sm)),
    until: new Date(Date.UTC(ly, lm - 1, ld, 23, 59)),
  });
  const result: { startsAt: number; endsAt: number }[] = [];
  rule.all((date) => {
    const day = date.toISOString().slice(0, 10);
    if (!(input.skipHolidays && holidayJp.isHoliday(day))) {
      const wallStart = date.getTime() / 1000;
      const wallEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), eh, em) / 1000;
      result.push({ startsAt: wallStart - JST, endsAt: wallEnd - JST });
    }
    return result.length < MAX_OCCURRENCES;
  });
  return result;
}
