/**
 * What every on-demand account page needs: the runtime (from `ensureRuntime()`), the service
 * context of this request, the signed-in person (the same session check as the API, with the
 * cookie refreshed when due), `Cache-Control: no-store`, form reading, and service errors turned
 * into translated messages next to each field.
 */
import type { AstroGlobal } from 'astro';
import { readSessionToken, sessionCookieAttributes, sessionCookieName } from '../../../api/auth/cookies.ts';
import type { AuthState } from '../../../api/auth/service.ts';
import { sessionExpiresAt, validateSessionToken } from '../../../api/auth/session.ts';
import { clientAddress } from '../../../api/lib/client-ip.ts';
import { ApiError } from '../../../api/lib/errors.ts';
import type { ServiceContext } from '../../../api/lib/service-context.ts';
import { ServiceError } from '../../../api/lib/service-error.ts';
import { isSameOriginRequest } from '../../../api/middleware/csrf.ts';
import { RateLimitedError } from '../../../api/middleware/rate-limit.ts';
import { ensureRuntime, type Runtime } from '../../../api/runtime.ts';
import { isLocale, type Locale, localizePath, translator } from '../i18n.ts';

/** Everything a page works with. */
export interface AccountPage {
  runtime: Runtime;
  ctx: ServiceContext;
  auth: AuthState | null;
  locale: Locale;
  t: ReturnType<typeof translator>;
  /** A locale-aware path, e.g. `link('/account')` → `/en/account`. */
  link: (path: string) => string;
}

/** The locale of an on-demand page under `[...locale]`, or null for a path that is not ours. */
export function pageLocale(param: string | undefined): Locale | null {
  if (param === undefined || param === '') return 'ja';
  return param !== 'ja' && isLocale(param) ? param : null;
}

/**
 * Set up a page: no-store, runtime, session (refreshing the cookie when due).
 * Returns a Response to send instead of the page: 404 when the locale segment is not a locale,
 * 403 for a cross-site POST (the front server and Astro refuse those too; this also covers
 * `npm run dev`, where no front server runs).
 */
export function setupAccountPage(astro: AstroGlobal): AccountPage | Response {
  const locale = pageLocale(astro.params.locale);
  astro.response.headers.set('Cache-Control', 'no-store');
  if (!locale) return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const runtime = ensureRuntime();
  const { config, db } = runtime;
  if (!isSameOriginRequest(astro.request.method, astro.request.headers, config)) {
    return new Response('This form did not come from this site, so it was refused.', {
      status: 403,
      headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
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
      if (result.refreshed) setSessionCookie(astro, ctx, token, sessionExpiresAt(result.session) - ctx.now);
    } else {
      clearSessionCookie(astro, ctx);
    }
  }
  const t = translator(locale);
  return { runtime, ctx, auth, locale, t, link: (path: string) => localizePath(path, locale) };
}

/** Set the session cookie (same attributes as the API's). */
export function setSessionCookie(astro: AstroGlobal, ctx: ServiceContext, token: string, maxAge: number): void {
  const attributes = sessionCookieAttributes(ctx.config, maxAge);
  astro.cookies.set(sessionCookieName(ctx.config), token, attributes);
}

/** Delete the session cookie. */
export function clearSessionCookie(astro: AstroGlobal, ctx: ServiceContext): void {
  astro.cookies.set(sessionCookieName(ctx.config), '', sessionCookieAttributes(ctx.config, 0));
}

/** The redirect to the sign-in page for a page that needs a signed-in person. */
export function signInRedirect(astro: AstroGlobal, page: AccountPage): Response {
  return astro.redirect(page.link('/account/sign-in'), 303);
}

/** Read a POSTed form as strings (files and repeated keys: first string value; `all` for lists). */
export async function readForm(
  astro: AstroGlobal,
): Promise<{ get: (name: string) => string; all: (name: string) => string[] }> {
  let data: FormData;
  try {
    data = await astro.request.formData();
  } catch {
    data = new FormData();
  }
  return {
    get: (name) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    },
    all: (name) => data.getAll(name).filter((value): value is string => typeof value === 'string'),
  };
}

/** A form's problems, translated: a message per field and one for the whole form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
  /** The HTTP status the re-rendered page should carry. */
  status: number;
  /** With a 429: seconds until the person may try again (sent as `Retry-After`). */
  retryAfterSeconds?: number;
}

/** Give the re-rendered page the errors' status, and `Retry-After` when it is a 429. */
export function applyFormStatus(astro: Pick<AstroGlobal, 'response'>, errors: FormErrors): void {
  astro.response.status = errors.status;
  if (errors.retryAfterSeconds !== undefined) {
    astro.response.headers.set('Retry-After', String(errors.retryAfterSeconds));
  }
}

/** No errors. */
export const NO_ERRORS: FormErrors = { fields: {}, form: null, status: 200 };

/**
 * Turn a thrown service error into translated messages; rethrow anything else.
 * Field messages use `accounts.problem.<code>`; the form message `accounts.error.<code>`.
 */
export function formErrors(error: unknown, t: AccountPage['t']): FormErrors {
  if (error instanceof RateLimitedError) {
    return {
      fields: {},
      form: t('accounts.error.rate_limited', { minutes: Math.ceil(error.retryAfterSeconds / 60) }),
      status: 429,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof ServiceError) {
    const fields = Object.fromEntries(
      Object.entries(error.problems).map(([field, code]) => [field, t(`accounts.problem.${code}`)]),
    );
    const known = KNOWN_ERRORS.has(error.code) ? error.code : 'generic';
    return {
      fields,
      form: Object.keys(fields).length > 0 ? t('accounts.error.fields') : t(`accounts.error.${known}`),
      status: error.status,
    };
  }
  if (error instanceof ApiError) return { fields: {}, form: t('accounts.error.generic'), status: error.status };
  throw error;
}

const KNOWN_ERRORS = new Set([
  'self_service',
  'invalid_credentials',
  'invalid_token',
  'not_found',
  'forbidden',
  'consent_withdrawn',
  'consent_required_for_account',
  'organization_not_verified',
  'last_owner',
  'last_admin',
  'already_guardian',
  'guardianship_ended',
]);
