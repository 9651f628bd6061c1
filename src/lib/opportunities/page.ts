/**
 * What every on-demand opportunities page needs: the page context of src/lib/page-context.ts
 * (runtime, service context, the signed-in person, caching, the cross-site check), form reading,
 * translated field errors, and Japan-time formatting. Mirrors the accounts pages' conventions.
 */
import type { AstroGlobal } from 'astro';
import { ApiError } from '../../../api/lib/errors.ts';
import { ServiceError } from '../../../api/lib/service-error.ts';
import { formatDate, formatHours, formatShift } from '../../../api/opportunities/format.ts';
import type { FormErrors } from '../account/page.ts';
import { type PageContext, pageContext } from '../page-context.ts';

/** Everything a page works with. */
export interface OpportunityPage extends PageContext {
  /** A shift's date and times in words. */
  when: (startsAt: number, endsAt: number) => string;
  date: (unix: number) => string;
  hours: (minutes: number) => string;
}

/**
 * Set up a page. Returns a Response to send instead of the page: 404 when the locale segment is
 * not a locale, 403 for a cross-site POST. `personal` pages (the default) are never stored by
 * browsers or proxies; the others are, while nobody is signed in. A session cookie that is no
 * longer valid is left alone (public pages stay cacheable).
 */
export function setupPage(astro: AstroGlobal, options: { personal?: boolean } = {}): OpportunityPage | Response {
  const page = pageContext(astro, {
    cache: options.personal === false ? 'public' : 'personal',
    forgetStaleSession: false,
  });
  if (page instanceof Response) return page;
  const { locale } = page;
  return {
    ...page,
    when: (startsAt, endsAt) => formatShift(locale, startsAt, endsAt),
    date: (unix) => formatDate(locale, unix),
    hours: formatHours,
  };
}

/** The sign-in page, coming back to `back` (a locale-free path of this site) afterwards. */
export { signInPath } from '../page-context.ts';

// Forms read and their errors shaped the same way as on the account pages.
export { type FormErrors, NO_ERRORS, readForm } from '../account/page.ts';

const KNOWN_ERRORS = new Set([
  'not_found',
  'forbidden',
  'signups_closed',
  'shift_not_started',
  'shift_started',
  'consent_withdrawn',
]);

/** Turn a thrown service error into translated messages; rethrow anything else. */
export function formErrors(error: unknown, t: OpportunityPage['t']): FormErrors {
  if (error instanceof ServiceError) {
    const fields = Object.fromEntries(
      Object.entries(error.problems).map(([field, code]) => [
        field,
        t(
          `opportunities.problem.${['required', 'too_long', 'district_unknown', 'consent_required'].includes(code) ? code : 'invalid'}`,
        ),
      ]),
    );
    return {
      fields,
      form:
        Object.keys(fields).length > 0
          ? t('opportunities.error.fields')
          : t(`opportunities.error.${KNOWN_ERRORS.has(error.code) ? error.code : 'generic'}`),
      status: error.status,
    };
  }
  if (error instanceof ApiError) return { fields: {}, form: t('opportunities.error.generic'), status: error.status };
  throw error;
}

/** A positive integer from a string, or null. */
export function positiveInt(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,12}$/.test(value)) return null;
  const number = Number(value);
  return number > 0 ? number : null;
}
