/**
 * The page context shared by the account and opportunity pages (src/lib/page-context.ts): locale,
 * caching (personal / public), the cross-site check, and the session — refreshed, or a stale
 * cookie deleted or left alone as the page asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName } from '../../api/auth/cookies.ts';
import type { Runtime } from '../../api/runtime.ts';
import { createTestApp, createTestUser, sessionCookie, TEST_ORIGIN } from '../../api/test/helpers.ts';
import { pageContext, type PageContextOptions } from './page-context.ts';

const RUNTIME = Symbol.for('sasaeai.runtime');
const { app, db, config } = createTestApp();
let cookie = '';

beforeAll(async () => {
  (globalThis as Record<symbol, unknown>)[RUNTIME] = { config, db, api: app } satisfies Runtime;
  const user = await createTestUser(db, { email: 'page@example.jp' });
  cookie = sessionCookie(db, user.id, config);
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[RUNTIME];
});

/** Just enough of Astro's global for pageContext. */
function fakeAstro(options: { locale?: string; method?: string; headers?: Record<string, string> } = {}) {
  const cookies: { name: string; value: string; maxAge: number | undefined }[] = [];
  const astro = {
    params: { locale: options.locale },
    request: new Request(`${TEST_ORIGIN}/account`, { method: options.method ?? 'GET', headers: options.headers }),
    response: { status: 200, headers: new Headers() },
    cookies: {
      set: (name: string, value: string, attributes: { maxAge?: number }) =>
        cookies.push({ name, value, maxAge: attributes.maxAge }),
    },
    clientAddress: '127.0.0.1',
    locals: {} as { signedIn?: boolean },
  };
  return { astro, cookies };
}

const open = (astro: ReturnType<typeof fakeAstro>['astro'], options?: PageContextOptions) =>
  pageContext(astro as never, options);

describe('pageContext', () => {
  it('answers 404 for a locale segment that is not a locale, and takes none (or an empty one) as Japanese', () => {
    const bad = open(fakeAstro({ locale: 'fr' }).astro);
    expect(bad).toBeInstanceOf(Response);
    expect((bad as Response).status).toBe(404);
    expect(open(fakeAstro({ locale: 'ja' }).astro)).toBeInstanceOf(Response);
    for (const locale of [undefined, '']) expect(open(fakeAstro({ locale }).astro)).toMatchObject({ locale: 'ja' });
    const en = open(fakeAstro({ locale: 'en' }).astro);
    expect(en).toMatchObject({ locale: 'en' });
    expect((en as { link: (path: string) => string }).link('/account')).toBe('/en/account');
  });

  it('refuses a cross-site POST with 403 and lets a same-site one through', () => {
    const evil = open(fakeAstro({ method: 'POST', headers: { origin: 'https://evil.example' } }).astro);
    expect((evil as Response).status).toBe(403);
    expect(open(fakeAstro({ method: 'POST', headers: { origin: TEST_ORIGIN } }).astro)).not.toBeInstanceOf(Response);
  });

  it('keeps personal pages out of caches; public ones only while nobody is signed in', () => {
    const personal = fakeAstro();
    open(personal.astro);
    expect(personal.astro.response.headers.get('cache-control')).toBe('no-store');
    const anonymous = fakeAstro();
    expect(open(anonymous.astro, { cache: 'public' })).toMatchObject({ auth: null });
    expect(anonymous.astro.response.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const signedIn = fakeAstro({ headers: { cookie } });
    expect(open(signedIn.astro, { cache: 'public' })).toMatchObject({ auth: { user: { email: 'page@example.jp' } } });
    expect(signedIn.astro.response.headers.get('cache-control')).toBe('no-store');
  });

  it('tells the layout whether someone is signed in, so the header shows the sign-out button (ASVS 7.4.4)', () => {
    const signedIn = fakeAstro({ headers: { cookie } });
    open(signedIn.astro, { cache: 'public' });
    expect(signedIn.astro.locals.signedIn).toBe(true);
    const anonymous = fakeAstro();
    open(anonymous.astro);
    expect(anonymous.astro.locals.signedIn).toBe(false);
    const stale = fakeAstro({
      headers: { cookie: `${sessionCookieName(config)}=nosuchsession.secretsecretsecretsecret` },
    });
    open(stale.astro);
    expect(stale.astro.locals.signedIn).toBe(false);
  });

  it('deletes a stale session cookie unless the page asks to leave it alone', () => {
    const stale = `${sessionCookieName(config)}=nosuchsession.secretsecretsecretsecret`;
    const cleared = fakeAstro({ headers: { cookie: stale } });
    expect(open(cleared.astro)).toMatchObject({ auth: null });
    expect(cleared.cookies).toEqual([{ name: sessionCookieName(config), value: '', maxAge: 0 }]);
    const kept = fakeAstro({ headers: { cookie: stale } });
    expect(open(kept.astro, { cache: 'public', forgetStaleSession: false })).toMatchObject({ auth: null });
    expect(kept.cookies).toEqual([]);
  });
});
