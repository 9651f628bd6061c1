/**
 * Schedules and dates in natural language: 「毎月第2火曜 10:00〜12:00」, "2nd Tuesday of every
 * month, 10:00–12:00", and やさしい日本語 「毎月 2回目の 火曜日 10:00から12:00まで」. Pure functions.
 */
import { type Occurrence, parseRule, type RuleShape, type Schedule, WEEKDAYS, type Weekday } from './schedule.ts';

/** The languages schedules are written in (やさしい日本語 = `easy`). */
export type TextLocale = 'ja' | 'en' | 'easy';

const JA_DAY: Record<Weekday, string> = { MO: '月', TU: '火', WE: '水', TH: '木', FR: '金', SA: '土', SU: '日' };
const EN_DAY: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const EN_SHORT: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};
const EN_MONTH = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Weekday name: 「火」 (ja), 「火曜日」 (easy), "Tuesday" (en). */
export function weekdayName(day: Weekday, locale: TextLocale): string {
  if (locale === 'en') return EN_DAY[day];
  return locale === 'easy' ? `${JA_DAY[day]}曜日` : JA_DAY[day];
}

function englishList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function ordinal(n: number): string {
  if (n === -1) return 'last';
  const suffix = n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Group monthly nth rules by weekday: +1WE,+3WE → WE: [1, 3]. */
function byWeekday(days: { weekday: Weekday; nth: number }[]): [Weekday, number[]][] {
  const groups = new Map<Weekday, number[]>();
  for (const day of days) groups.set(day.weekday, [...(groups.get(day.weekday) ?? []), day.nth]);
  return [...groups.entries()];
}

/** The recurrence alone: 「毎月第2火曜」, "2nd Tuesday of every month". */
export function describeRule(shape: RuleShape, locale: TextLocale): string {
  switch (shape.freq) {
    case 'weekly': {
      if (locale === 'en') {
        const days = englishList(shape.weekdays.map((d) => EN_DAY[d]));
        return shape.interval === 2 ? `Every other ${days}` : `Every ${days}`;
      }
      if (locale === 'easy') {
        const days = shape.weekdays.map((d) => `${JA_DAY[d]}曜日`).join('と ');
        return shape.interval === 2 ? `2週間に 1回 ${days}` : `毎週 ${days}`;
      }
      const days = `${shape.weekdays.map((d) => JA_DAY[d]).join('・')}曜`;
      return shape.interval === 2 ? `隔週${days}` : `毎週${days}`;
    }
    case 'monthly-nth': {
      const groups = byWeekday(shape.days);
      if (locale === 'en') {
        return `${capitalise(
          englishList(groups.map(([day, nths]) => `${englishList(nths.map(ordinal))} ${EN_DAY[day]}`)),
        )} of every month`;
      }
      if (locale === 'easy') {
        const parts = groups.map(
          ([day, nths]) => `${nths.map((n) => (n === -1 ? '最後の' : `${n}回目の`)).join('と ')} ${JA_DAY[day]}曜日`,
        );
        return `毎月 ${parts.join('と ')}`;
      }
      const parts = groups.map(
        ([day, nths]) => `${nths.map((n) => (n === -1 ? '最終' : `第${n}`)).join('・')}${JA_DAY[day]}曜`,
      );
      return `毎月${parts.join('・')}`;
    }
    case 'monthly-day': {
      if (locale === 'en') return `${capitalise(englishList(shape.monthDays.map(ordinal)))} of every month`;
      if (locale === 'easy') return `毎月 ${shape.monthDays.map((d) => `${d}日`).join('と ')}`;
      return `毎月${shape.monthDays.map((d) => `${d}日`).join('・')}`;
    }
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `09:30` → `9:30` (times read without a leading zero). */
export function displayTime(time: string): string {
  return time.replace(/^0(\d)/, '$1');
}

/** A time range: 「10:00〜12:00」, "10:00–12:00", 「10:00から 12:00まで」. */
export function timeRange(start: string, end: string, locale: TextLocale): string {
  [start, end] = [displayTime(start), displayTime(end)];
  if (locale === 'en') return `${start}–${end}`;
  if (locale === 'easy') return `${start}から ${end}まで`;
  return `${start}〜${end}`;
}

/**
 * A whole schedule in one line: 「毎月第2火曜 10:00〜12:00（祝日は休み）」,
 * "2nd Tuesday of every month, 10:00–12:00 (not on public holidays)".
 */
export function describeSchedule(schedule: Schedule, locale: TextLocale): string {
  const rule = describeRule(parseRule(schedule.rrule), locale);
  const time = timeRange(schedule.start, schedule.end, locale);
  const holidays = schedule.skipHolidays
    ? locale === 'en'
      ? ' (not on public holidays)'
      : locale === 'easy'
        ? '（祝日は お休み）'
        : '（祝日は休み）'
    : '';
  return locale === 'en' ? `${rule}, ${time}${holidays}` : `${rule} ${time}${holidays}`;
}

/** A date: 「12月8日（火）」, "Tue 8 December", 「12月8日（火曜日）」; the year is added when asked. */
export function formatDate(date: string, locale: TextLocale, options: { year?: boolean } = {}): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
  if (locale === 'en') return `${EN_SHORT[weekday]} ${d} ${EN_MONTH[m - 1]}${options.year ? ` ${y}` : ''}`;
  const prefix = options.year ? `${y}年` : '';
  return `${prefix}${m}月${d}日（${weekdayName(weekday, locale)}）`;
}

/** An occurrence: 「12月8日（火）10:00〜12:00」. */
export function formatOccurrence(occurrence: Occurrence, locale: TextLocale): string {
  const date = formatDate(occurrence.date, locale);
  const time = timeRange(occurrence.start, occurrence.end, locale);
  return locale === 'en' ? `${date}, ${time}` : `${date} ${time}`;
}

/** A month heading: 「2026年12月」, "December 2026". */
export function formatMonth(month: string, locale: TextLocale): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return locale === 'en' ? `${EN_MONTH[m - 1]} ${y}` : `${y}年${m}月`;
}
