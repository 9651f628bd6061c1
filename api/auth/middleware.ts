/**
 * Session loading and access checks for the API. The session is loaded lazily — only routes that
 * ask for it pay for the lookup — and cached on the context. A session whose inactivity timer was
 * pushed forward gets its cookie re-sent with the new lifetime.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { clientAddress } from '../lib/client-ip.ts';
import { errorResponse } from '../lib/errors.ts';
import type { AppDeps } from '../lib/openapi.ts';
import type { ServiceContext } from '../lib/service-context.ts';
import { readSessionToken, serializeBlankSessionCookie, serializeSessionCookie } from './cookies.ts';
import type { Role } from './roles.ts';
import type { AuthState } from './service.ts';
import { sessionExpiresAt, validateSessionToken } from './session.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in person (undefined until loaded, null when nobody is signed in). */
    auth: AuthState | null | undefined;
  }
}

function depsOf(c: Context): AppDeps {
  return c.get('deps' as never) as AppDeps;
}

/** Set the session cookie on a response. */
export function setSessionCookie(c: Context, token: string, expiresAt: number, now: number): void {
  c.header('Set-Cookie', serializeSessionCookie(depsOf(c).config, token, expiresAt - now), { append: true });
}

/** Delete the session cookie. */
export function clearSessionCookie(c: Context): void {
  c.header('Set-Cookie', serializeBlankSessionCookie(depsOf(c).config), { append: true });
}

/** The session token the request carries, if any. */
export function requestSessionToken(c: Context): string | null {
  return readSessionToken(c.req.header('cookie'), depsOf(c).config);
}

/** The signed-in person, or null. Loads and caches the session on first use. */
export function getAuth(c: Context): AuthState | null {
  const cached = c.get('auth');
  if (cached !== undefined) return cached;
  const { db, now } = depsOf(c);
  const token = requestSessionToken(c);
  let auth: AuthState | null = null;
  if (token) {
    const time = now();
    const result = validateSessionToken(db, token, time);
    if (result) {
      auth = { session: result.session, user: result.user };
      if (result.refreshed) setSessionCookie(c, token, sessionExpiresAt(result.session), time);
    } else {
      clearSessionCookie(c);
    }
  }
  c.set('auth', auth);
  return auth;
}

/** The signed-in person; throws nothing — use after `requireUser()`. */
export function currentAuth(c: Context): AuthState {
  const auth = getAuth(c);
  if (!auth) throw new Error('currentAuth() used on a route without requireUser()');
  return auth;
}

/** The service context of this request. */
export function serviceContext(c: Context): ServiceContext {
  const { db, config, now } = depsOf(c);
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return {
    db,
    config,
    now: now(),
    clientIp: clientAddress(c.req.header('x-forwarded-for'), incoming?.socket?.remoteAddress, config.trustProxy),
    userAgent: c.req.header('user-agent') ?? null,
  };
}

/** Personal responses are never stored by browsers or proxies (quality.md S8). */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}

/** 401 unless someone is signed in. */
export function requireUser(): MiddlewareHandler {
  return async (c, next) => {
    if (!getAuth(c)) {
      return errorResponse(c, 401, 'unauthenticated', 'Please sign in first.');
    }
    await next();
  };
}

/** 401 unless signed in, 403 unless the person holds one of `roles`. */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const auth = getAuth(c);
    if (!auth) return errorResponse(c, 401, 'unauthenticated', 'Please sign in first.');
    if (!auth.user.roles.some((role) => roles.includes(role))) {
      return errorResponse(c, 403, 'forbidden', 'Your account does not have the role needed for this.');
    }
    await next();
  };
}
