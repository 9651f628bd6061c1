/**
 * The locale of an on-demand page under src/pages/[...locale]/ (no `getStaticPaths` there):
 * undefined → Japanese, `en`, `easy`; anything else is not a page of this site.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from './i18n';

/** The locale from the `[...locale]` parameter, or undefined when the URL is not ours. */
export function onDemandLocale(param: string | undefined): Locale | undefined {
  if (param === undefined) return DEFAULT_LOCALE;
  return isLocale(param) && param !== DEFAULT_LOCALE ? param : undefined;
}
