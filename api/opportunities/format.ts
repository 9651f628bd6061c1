/**
 * Dates and hours in words, in Japan time, for messages and pages (pure functions).
 */
import type { ApiLocale } from '../lib/i18n.ts';

const JST = 9 * 3600;
const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(unix: number) {
  const d = new Date((unix + JST) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    time: d.toISOString().slice(11, 16),
  };
}

/** A date such as 2026年12月5日（土） / Sat 5 Dec 2026. */
export function formatDate(locale: ApiLocale, unix: number): string {
  const p = parts(unix);
  if (locale === 'en') return `${EN_WEEKDAYS[p.weekday]} ${p.day} ${EN_MONTHS[p.month]} ${p.year}`;
  return `${p.year}年${p.month + 1}月${p.day}日（${JA_WEEKDAYS[p.weekday]}）`;
}

/** A shift's date and times, e.g. 2026年12月5日（土）10:00〜12:00 / Sat 5 Dec 2026, 10:00–12:00. */
export function formatShift(locale: ApiLocale, startsAt: number, endsAt: number): string {
  const start = parts(startsAt);
  const end = parts(endsAt);
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  const endText = sameDay ? end.time : `${formatDate(locale, endsAt)} ${end.time}`;
  return locale === 'en'
    ? `${formatDate(locale, startsAt)}, ${start.time}–${endText}`
    : `${formatDate(locale, startsAt)}${start.time}〜${endText}`;
}

/** Minutes as hours, e.g. 90 → "1.5". */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 10) / 10;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}
