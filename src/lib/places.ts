/**
 * Typed access to the places and districts collections for pages, and small page helpers.
 * The data was validated by api/content/*.ts when the collections were loaded.
 */
import { getCollection } from 'astro:content';
import type { District } from '../../api/content/districts.ts';
import type { Place } from '../../api/content/places.ts';
import { describeSchedule, formatOccurrence } from '../../api/places/schedule-text.ts';
import { jstDate, nextOccurrencesOfAll } from '../../api/places/schedule.ts';
import { type Locale, localizePath } from './i18n';

let placesCache: Promise<Place[]> | undefined;
let districtsCache: Promise<District[]> | undefined;

/** All places in display order (district order, then reading). */
export function getPlaces(): Promise<Place[]> {
  placesCache ??= getCollection('places').then((entries) => {
    const places = entries.map((entry) => entry.data as unknown as Place);
    return getDistricts().then((districts) => {
      const order = new Map(districts.map((d) => [d.id, d.order]));
      return places.sort(
        (a, b) =>
          (order.get(a.district) ?? 0) - (order.get(b.district) ?? 0) || a.reading.localeCompare(b.reading, 'ja'),
      );
    });
  });
  return placesCache;
}

/** All 地区 in display order. */
export function getDistricts(): Promise<District[]> {
  districtsCache ??= getCollection('districts').then((entries) =>
    entries.map((entry) => entry.data as unknown as District).sort((a, b) => a.order - b.order),
  );
  return districtsCache;
}

/** `ja`/`en` field of a bilingual value for a page locale (やさしい日本語 reads the Japanese). */
export function pick(value: { ja: string; en: string }, locale: Locale): string {
  return locale === 'en' ? value.en : value.ja;
}

/** The page of a place. */
export const placePath = (id: string, locale: Locale) => localizePath(`/places/${id}`, locale);
/** The page of a 地区. */
export const districtPath = (id: string, locale: Locale) => localizePath(`/places/districts/${id}`, locale);

/** The schedules of a place in words, one line each: 「ふれあいサロン：毎月第2火曜 10:00〜12:00（祝日は休み）」. */
export function scheduleLines(place: Place, locale: Locale): string[] {
  return place.schedule.map(
    (s) => `${pick(s.activity, locale)}${locale === 'en' ? ': ' : '：'}${describeSchedule(s, locale)}`,
  );
}

/** The next gatherings of a place (all its schedules), soonest first. */
export function upcoming(place: Place, now: Date, count = 3) {
  return nextOccurrencesOfAll(place.schedule, now, count);
}

/** The next gathering as text with its ISO date, or undefined. */
export function nextGathering(place: Place, locale: Locale, now: Date): { date: string; text: string } | undefined {
  const [next] = upcoming(place, now, 1);
  return next ? { date: next.date, text: formatOccurrence(next, locale) } : undefined;
}

/** The current month in Japan time, `YYYY-MM`. */
export function currentMonth(now: Date): string {
  return jstDate(now).slice(0, 7);
}
