/**
 * Locales and UI strings. Strings live in content/i18n/<locale>/<area>.json as flat dotted keys;
 * every locale must have the same keys (checked by i18n.test.ts), and an unknown key fails the build.
 */
import { localizePath as sharedLocalizePath } from '../../api/lib/locale-path.ts';
import { type Dictionary, formatMessage, mergeDictionaries } from '../../api/lib/messages.ts';

/** Japanese (default, no URL prefix), English, and やさしい日本語 (plain Japanese with furigana). */
export const LOCALES = ['ja', 'en', 'easy'] as const;
/** A supported locale. */
export type Locale = (typeof LOCALES)[number];
/** The default locale, served without a prefix. */
export const DEFAULT_LOCALE: Locale = 'ja';

/** The `lang` attribute of each locale (やさしい日本語 is Japanese). */
export const HTML_LANG: Record<Locale, string> = { ja: 'ja', en: 'en', easy: 'ja' };

/** The language's own name, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { ja: '日本語', en: 'English', easy: 'やさしい日本語' };

const modules = import.meta.glob<Dictionary>('../../content/i18n/*/*.json', { eager: true, import: 'default' });

/** All strings per locale, merged from the area files. */
export const dictionaries: Record<Locale, Dictionary> = mergeDictionaries(
  Object.entries(modules).map(([name, strings]) => ({
    locale: (/content\/i18n\/([^/]+)\//.exec(name)?.[1] ?? '') as Locale,
    name,
    strings,
  })),
  LOCALES,
);

/** Whether a value is a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The string `key` in `locale`, with `{name}` placeholders replaced.
 * @throws when the key does not exist, so a typo fails the build instead of showing a key.
 */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key];
  if (template === undefined) throw new Error(`Missing UI string "${key}" for locale ${locale}`);
  return formatMessage(template, params);
}

/** A translator bound to one locale. */
export function translator(locale: Locale) {
  return (key: string, params?: Record<string, string | number>) => t(locale, key, params);
}

/** `/path` in `locale`: `/path` for Japanese, `/en/path`, `/easy/path`. */
export const localizePath: (path: string, locale: Locale) => string = sharedLocalizePath;

/** Split a URL path into its locale and the locale-free path. */
export function splitLocale(pathname: string): { locale: Locale; path: string } {
  const match = /^\/(en|easy)(\/.*)?$/.exec(pathname);
  if (match) return { locale: match[1] as Locale, path: match[2] && match[2] !== '' ? match[2] : '/' };
  return { locale: DEFAULT_LOCALE, path: pathname || '/' };
}

/** `getStaticPaths` entries for a page under `src/pages/[...locale]/`. */
export function localeStaticPaths(locales: readonly Locale[] = LOCALES) {
  return locales.map((locale) => ({
    params: { locale: locale === DEFAULT_LOCALE ? undefined : locale },
    props: { locale },
  }));
}
