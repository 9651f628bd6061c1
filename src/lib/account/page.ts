/**
 * What every on-demand account page needs: the page context of src/lib/page-context.ts (runtime,
 * service context, the signed-in person, `Cache-Control: no-store`, the cross-site check), form
 * reading, and service errors turned into translated messages next to each field.
 */
import type { AstroGlobal } from 'astro';
import { ApiError } from '../../../api/lib/errors.ts';
import { ServiceError } from '../../../api/lib/service-error.ts';
import { RateLimitedError } from '../../../api/middleware/rate-limit.ts';
import { splitLocale } from '../i18n.ts';
import { type PageContext, pageContext, signInPath } from '../page-context.ts';

export { clearSessionCookie, setSessionCookie } from '../page-context.ts';

/** Everything a page works with. */
export type AccountPage = PageContext;

/**
 * Set up a page: no-store, runtime, session (refreshing the cookie when due, deleting a stale one).
 * Returns a Response to send instead of the page: 404 when the locale segment is not a locale,
 * 403 for a cross-site POST (the front server and Astro refuse those too; this also covers
 * `npm run dev`, where no front server runs).
 */
export function setupAccountPage(astro: AstroGlobal): AccountPage | Response {
  return pageContext(astro);
}

/**
 * The redirect to the sign-in page for a page that needs a signed-in person; once signed in,
 * the person comes back to this page.
 */
export function signInRedirect(astro: AstroGlobal, page: AccountPage): Response {
  return astro.redirect(signInPath(page, splitLocale(astro.url.pathname).path), 303);
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
