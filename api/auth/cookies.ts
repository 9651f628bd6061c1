/**
 * The session cookie (quality.md S2): `HttpOnly`, `SameSite=Lax`, `Path=/`, and — whenever cookies
 * can be secure (production, or an https public origin) — `Secure` with the `__Host-` prefix, which
 * also forbids a `Domain` attribute so no subdomain can set or read it.
 *
 * In development over plain http (http://localhost) browsers refuse `__Host-` cookies, because the
 * prefix requires `Secure`; there the cookie is named without the prefix and sent without `Secure`.
 * `config.secureCookies` decides, so production always gets the prefixed, secure cookie.
 */
import type { Config } from '../config.ts';

const BASE_NAME = 'sasaeai_session';

/** The cookie name for this configuration. */
export function sessionCookieName(config: Pick<Config, 'secureCookies'>): string {
  return config.secureCookies ? `__Host-${BASE_NAME}` : BASE_NAME;
}

/** Attributes of the session cookie, in a neutral shape usable by Hono and by Astro. */
export interface SessionCookieAttributes {
  httpOnly: true;
  secure: boolean;
  sameSite: 'lax';
  path: '/';
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** The attributes for a cookie that should live `maxAge` seconds. */
export function sessionCookieAttributes(
  config: Pick<Config, 'secureCookies'>,
  maxAge: number,
): SessionCookieAttributes {
  return { httpOnly: true, secure: config.secureCookies, sameSite: 'lax', path: '/', maxAge: Math.max(0, maxAge) };
}

/** A complete `Set-Cookie` header value. */
export function serializeSessionCookie(config: Pick<Config, 'secureCookies'>, token: string, maxAge: number): string {
  const attributes = sessionCookieAttributes(config, maxAge);
  const parts = [
    `${sessionCookieName(config)}=${token}`,
    `Max-Age=${attributes.maxAge}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}

/** A `Set-Cookie` value that deletes the session cookie. */
export function serializeBlankSessionCookie(config: Pick<Config, 'secureCookies'>): string {
  return serializeSessionCookie(config, '', 0);
}

/** The session token from a `Cookie` header, or null. Only the configured name counts. */
export function readSessionToken(
  cookieHeader: string | null | undefined,
  config: Pick<Config, 'secureCookies'>,
): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(config);
  for (const part of cookieHeader.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}
