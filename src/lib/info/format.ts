/**
 * Small formatting helpers for the information pages: dates, phone links, localized picks.
 */
import type { Locale } from '../i18n.ts';

/** A `YYYY-MM-DD` date as readers write it: 2026年11月28日 / 28 November 2026. */
export function formatDate(isoDate: string, locale: Locale): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  if (locale === 'en') {
    const months = [
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
    return `${day} ${months[month - 1] ?? ''} ${year}`;
  }
  return `${year}年${month}月${day}日`;
}

/** The `tel:` URL of a phone number as written (`0973-00-1201` → `tel:0973-00-1201`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+-]/g, '')}`;
}

/** The text of a localized record for a locale. */
export function pick<T>(value: { ja: T; en: T; easy: T }, locale: Locale): T {
  return value[locale];
}

/** Whether a source is a web address (shown as a link) rather than a document name. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//.test(source);
}
