/**
 * The request context of every on-demand page under src/pages/[...locale]/ (account, organization,
 * coordinator and opportunity pages): the locale, caching, the cross-site check, the runtime (from
 * `ensureRuntime()`), the service context of this request, and the signed-in person — the same
 * session check as the API, with the cookie refreshed when due. src/lib/account/page.ts and
 * src/lib/opportunities/page.ts build their pages on it.
 */
import type { AstroGlobal } from 'astro';
import { readSessionToken, sessionCookieAttributes, sessionCookieName } from '../../api/auth/cookies.ts';
import type { AuthState } from '../../api/auth/service.ts';
import { sessionExpiresAt, validateSessionToken } from '../../api/auth/session.ts';
import { clientAddress } from '../../api/lib/client-ip.ts';
import type { ServiceContext } from '../../api/lib/service-context.ts';
import { isSameOriginRequest } from '../../api/middleware/csrf.ts';
import { ensureRuntime, type Runtime } from '../../api/runtime.ts';
import { type Locale, localizePath, translator } from './i18n.ts';
import { safeNextPath } from './next-path.ts';
import { onDemandLocale } from './page-locale.ts';

/** Everything an on-demand page works with. */
export interface PageContext {
  runtime: Runtime;
  ctx: ServiceContext;
  auth: AuthState | null;
  locale: Locale;
  t: ReturnType<typeof translator>;
  /** A locale-aware path, e.g. `link('/account')` → `/en/account`. */
  link: (path: string) => string;
}

/** How a page is cached and how it treats a session cookie that is no longer valid. */
export interface PageContextOptions {
  /**
   * `personal` (the default): `Cache-Control: no-store`. `public`: revalidated on every visit
   * (`public, max-age=0, must-revalidate`) while signed out, `no-store` once someone is signed in.
   */
  cache?: 'personal' | 'public';
  /** Delete a session cookie that no longer names a valid session (default: true). */
  forgetStaleSession?: boolean;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * Set up an on-demand page. Returns a Response to send instead of the page: 404 when the locale
 * segment is not a locale, 403 for a cross-site POST (the front server and Astro refuse those too;
 * this also covers `npm run dev`, where no front server runs).
 */
export function pageContext(astro: AstroGlobal, options: PageContextOptions = {}): PageContext | Response {
  // An empty rest parameter is the Japanese page, as no parameter is.
  const locale = onDemandLocale(astro.params.locale || undefined);
  const personal = options.cache !== 'public';
  astro.response.headers.set('Cache-Control', personal ? 'no-store' : 'public, max-age=0, must-revalidate');
  if (!locale) return new Response(null, { status: 404, headers: NO_STORE });
  const runtime = ensureRuntime();
  const { config, db } = runtime;
  if (!isSameOriginRequest(astro.request.method, astro.request.headers, config)) {
    return new Response('This form did not come from this site, so it was refused.', {
      status: 403,
      headers: { ...NO_STORE, 'Content-Type': 'text/plain; charset=utf-8' },
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
      // A signed-in view is personal even on public pages.
      astro.response.headers.set('Cache-Control', 'no-store');
    } else if (options.forgetStaleSession !== false) {
      clearSessionCookie(astro, ctx);
    }
  }
  // The shared header then shows "My page" and a sign-out button on every signed-in page (ASVS 7.4.4).
  astro.locals.signedIn = auth !== null;
  return { runtime, ctx, auth, locale, t: translator(locale), link: (path: string) => localizePath(path, locale) };
}

/** Set the session cookie (same attributes as the API's). */
export function setSessionCookie(astro: AstroGlobal, ctx: ServiceContext, token: string, maxAge: number): void {
  astro.cookies.set(sessionCookieName(ctx.config), token, sessionCookieAttributes(ctx.config, maxAge));
}

/** Delete the session cookie. */
export function clearSessionCookie(astro: AstroGlobal, ctx: ServiceContext): void {
  astro.cookies.set(sessionCookieName(ctx.config), '', sessionCookieAttributes(ctx.config, 0));
}

/** Where sign-in leads when there is no (safe) `next`: My page. */
export const AFTER_SIGN_IN = '/account';

/**
 * The sign-in page, coming back to `back` (a path of this site without its locale prefix, e.g.
 * `/opportunities/12`) once signed in. A `back` that is not a safe local path is left out.
 */
export function signInPath(page: Pick<PageContext, 'link'>, back: string): string {
  const next = safeNextPath(back);
  const carry = next !== null && next !== AFTER_SIGN_IN;
  return `${page.link('/account/sign-in')}${carry ? `?next=${encodeURIComponent(next)}` : ''}`;
}
