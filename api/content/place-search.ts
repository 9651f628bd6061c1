/**
 * Search records and sitemap addresses for the place pages. Place pages are rendered on demand
 * (their next dates stay current), so the built-site crawlers — pagefind and the sitemap — never
 * see them; the build adds them from the same content (scripts/postbuild-site.mjs,
 * astro.config.mjs). One record per place and locale, in the page's language, with the `locale`
 * filter the search page uses; sample places say so in the title.
 */
import { localizePath } from '../lib/locale-path.ts';
import { API_LOCALES as LOCALES, type ApiLocale as Locale, translate as t } from '../lib/i18n.ts';
import type { District } from './districts.ts';
import type { Place } from './places.ts';

/** A pagefind custom record (`index.addCustomRecord`). */
export interface SearchRecord {
  url: string;
  /** The text searched. */
  content: string;
  /** The index it goes to: `ja` for Japanese and やさしい日本語. */
  language: 'ja' | 'en';
  meta: { title: string };
  filters: { locale: [Locale] };
}

const text = (value: { ja: string; en: string } | null | undefined, locale: Locale) =>
  value ? (locale === 'en' ? value.en : value.ja) : '';

/** The path of every place page in every locale (for the sitemap). */
export function placePagePaths(placeIds: readonly string[]): string[] {
  return LOCALES.flatMap((locale) => placeIds.map((id) => localizePath(`/places/${id}`, locale)));
}

/** One search record per place and locale. */
export function placeSearchRecords(places: readonly Place[], districts: readonly District[]): SearchRecord[] {
  const districtById = new Map(districts.map((district) => [district.id, district]));
  return LOCALES.flatMap((locale) =>
    places.map((place): SearchRecord => {
      const name = text(place.name, locale);
      const kinds = place.kinds.map((kind) => t(locale, `places.kind.${kind}`));
      const district = districtById.get(place.district);
      const sentence = locale === 'en' ? '. ' : '。';
      const content = [
        name,
        kinds.join(locale === 'en' ? ', ' : '・'),
        district ? text(district.name, locale) : '',
        text(place.address, locale),
        text(place.description, locale),
        text(place.notes, locale),
      ]
        .filter(Boolean)
        .join(sentence);
      const sample = place.sample ? ` (${t(locale, 'sample.badge')})` : '';
      return {
        url: localizePath(`/places/${place.id}`, locale),
        content,
        language: locale === 'en' ? 'en' : 'ja',
        meta: { title: `${name}${sample}` },
        filters: { locale: [locale] },
      };
    }),
  );
}
