/**
 * UI strings for the API (e-mails, match reasons): the same files as the site,
 * content/i18n/<locale>/<area>.json, read once from disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { type Dictionary, formatMessage, mergeDictionaries } from './messages.ts';

/** Locales of the site. */
export const API_LOCALES = ['ja', 'en', 'easy'] as const;
/** A locale. */
export type ApiLocale = (typeof API_LOCALES)[number];

let cache: Record<ApiLocale, Dictionary> | undefined;

function load(): Record<ApiLocale, Dictionary> {
  const root = path.join(projectRoot, 'content', 'i18n');
  const files = API_LOCALES.flatMap((locale) =>
    fs
      .readdirSync(path.join(root, locale))
      .filter((file) => file.endsWith('.json'))
      .map((file) => ({
        locale,
        name: `${locale}/${file}`,
        strings: JSON.parse(fs.readFileSync(path.join(root, locale, file), 'utf8')) as Dictionary,
      })),
  );
  return mergeDictionaries(files, API_LOCALES);
}

/**
 * The string `key` in `locale` with placeholders filled.
 * @throws when the key is missing, like the site's `t`.
 */
export function translate(locale: ApiLocale, key: string, params?: Record<string, string | number>): string {
  cache ??= load();
  const template = cache[locale][key];
  if (template === undefined) throw new Error(`Missing UI string "${key}" for locale ${locale}`);
  return formatMessage(template, params);
}
