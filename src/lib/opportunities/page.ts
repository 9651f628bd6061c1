/**
 * What every on-demand opportunities page needs: the runtime (`ensureRuntime()`), the service
 * context of this request, the signed-in person (the same session check as the API, cookie
 * refreshed when due), `Cache-Control: no-store` for personal pages, form reading, translated
 * field errors, and Japan-time formatting. Mirrors the accounts pages' conventions.
 */
import type { AstroGlobal } from 'astro';
import { readSessionToken, sessionCookieAttributes, sessionCookieName } from '../../../api/auth/cookies.ts';
import type { AuthState } from '../../../api/auth/service.ts';
import { sessionExpiresAt, validateSessionToken } from '../../../api/auth/session.ts';
import { clientAddress } from '../../../api/lib/client-ip.ts';
import { ApiError } from '../../../api/lib/errors.ts';
import type { ServiceContext } from '../../../api/lib/service-context.ts';
import { ServiceError } from '../../../api/lib/service-error.ts';
import { formatDate, formatHours, formatShift } from '../../../api/opportunities/format.ts';
import { ensureRuntime, type Runtime } from '../../../api/runtime.ts';
import { isLocale, type Locale, localizePath, translator } from '../i18n.ts';
import type { FormErrors } from '../account/page.ts';

/** Everything a page works with. */
export interface OpportunityPage {
  runtime: Runtime;
  ctx: ServiceContext;
  auth: AuthState | null;
  locale: Locale;
  t: ReturnType<typeof translator>;
  /** A locale-aware path, e.g. `link('/opportunities')` → `/en/opportunities`. */
  link: (path: string) => string;
  /** A shift's date and times in words. */
  when: (startsAt: number, endsAt: number) => string;
  date: (unix: number) => string;
  hours: (minutes: number) => string;
}

/**
 * Set up a page. Returns null when the locale segment is not a locale (answer 404).
 * `personal` pages are never stored by browsers or proxies.
 */
export function setupPage(astro: AstroGlobal, options: { personal?: boolean } = {}): OpportunityPage | null {
  const param = astro.params.locale;
  const locale: Locale | null =
    param === undefined || param === '' ? 'ja' : param !== 'ja' && isLocale(param) ? param : null;
  astro.response.headers.set(
    'Cache-Control',
    options.personal === false ? 'public, max-age=0, must-revalidate' : 'no-store',
  );
  if (!locale) return null;
  const runtime = ensureRuntime();
  const { config, db } = runtime;
  let socketAddress: string | undefined;
  try {
    socketAddress = astro.clientAddress;
  } catch {
    socketAddress = undefined;
  }
  const ctx: ServiceContext = {
    db,
    config,
    now: Math.floor(Date.now() / 1000),
    clientIp: clientAddress(astro.request.headers.get('x-forwarded-for'), socketAddress, config.trustProxy),
    userAgent: astro.request.headers.get('user-agent'),
  };
  const token = readSessionToken(astro.request.headers.get('cookie'), config);
  let auth: AuthState | null = null;
  if (token) {
    const result = validateSessionToken(db, token, ctx.now);
    if (result) {
      auth = { session: result.session, user: result.user };
      if (result.refreshed) {
        astro.cookies.set(
          sessionCookieName(config),
          token,
          sessionCookieAttributes(config, sessionExpiresAt(result.session) - ctx.now),
        );
      }
      // A signed-in view is personal even on public pages.
      astro.response.headers.set('Cache-Control', 'no-store');
    }
  }
  return {
    runtime,
    ctx,
    auth,
    locale,
    t: translator(locale),
    link: (path: string) => localizePath(path, locale),
    when: (startsAt, endsAt) => formatShift(locale, startsAt, endsAt),
    date: (unix) => formatDate(locale, unix),
    hours: formatHours,
  };
}

/** The sign-in page, coming back here afterwards. */
export function signInPath(page: OpportunityPage, back: string): string {
  void back;
  return page.link('/account/sign-in');
}

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
