/**
 * Time helpers for matching, in Japan time (UTC+9, no daylight saving), with plain arithmetic:
 * `Intl` is far too slow to call tens of thousands of times per ranking.
 */

/** Parts of the day a person can say they are free. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
/** A part of the day. */
export type DayPart = (typeof DAY_PARTS)[number];
/** Day of the week, 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const JST_OFFSET_SECONDS = 9 * 3600;

/** Weekday and hour (0–23) in Japan time of a unix time in seconds. */
export function jstWeekdayHour(unixSeconds: number): { weekday: Weekday; hour: number } {
  const local = unixSeconds + JST_OFFSET_SECONDS;
  const days = Math.floor(local / 86400);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((days + 4) % 7) + 7) % 7;
  const hour = Math.floor((local - days * 86400) / 3600);
  return { weekday: weekday as Weekday, hour };
}

/** The part of the day an hour belongs to: morning 5–12, afternoon 12–17, evening 17–22; night → null. */
export function dayPartOf(hour: number): DayPart | null {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return null;
}
