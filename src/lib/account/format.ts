/**
 * Small display helpers for the account pages (times in Asia/Tokyo, district names).
 */
import type { Db } from '../../../api/db/client.ts';
import type { Locale } from '../i18n.ts';

/** A unix time as a date and time in Japan, in the page's language. */
export function formatDateTime(unixSeconds: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(unixSeconds * 1000));
}

/** The same instant as an ISO string (for `<time datetime>`). */
export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

/** The 地区 for a select field, in display order, with an empty "not chosen" first. */
export function districtOptions(db: Db, locale: Locale, noneLabel: string): { value: string; label: string }[] {
  const rows = db.all<{ id: string; ja: string; en: string }>(
    'SELECT id, name_ja AS ja, name_en AS en FROM districts ORDER BY sort_order',
  );
  return [
    { value: '', label: noneLabel },
    ...rows.map((row) => ({ value: row.id, label: locale === 'en' ? row.en : row.ja })),
  ];
}

/** The name of a district, or the id when unknown. */
export function districtName(db: Db, id: string | null, locale: Locale): string | null {
  if (!id) return null;
  const row = db.get<{ ja: string; en: string }>('SELECT name_ja AS ja, name_en AS en FROM districts WHERE id = ?', [
    id,
  ]);
  return row ? (locale === 'en' ? row.en : row.ja) : id;
}
