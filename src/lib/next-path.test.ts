/**
 * The sign-in page's `next` (src/lib/next-path.ts): local paths of this site pass, without their
 * locale prefix; open-redirect attempts are refused, and so are `signInPath` links to them.
 */
import { describe, expect, it } from 'vitest';
import { localizePath } from './i18n.ts';
import { safeNextPath } from './next-path.ts';
import { signInPath } from './page-context.ts';

describe('safeNextPath', () => {
  it.each([
    ['/', '/'],
    ['/opportunities/12', '/opportunities/12'],
    ['/opportunities/12/sign-up?shift=34', '/opportunities/12/sign-up?shift=34'],
    ['/opportunities/manage/7#shift-3', '/opportunities/manage/7#shift-3'],
    ['/account/coordinator/residents/abc123', '/account/coordinator/residents/abc123'],
    ['/en/opportunities/12', '/opportunities/12'],
    ['/easy/opportunities/mine', '/opportunities/mine'],
    ['/en', '/'],
    ['/en?x=1', '/?x=1'],
    ['/%E3%81%82', '/%E3%81%82'],
  ])('accepts %s as %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    // missing or not a path
    null,
    undefined,
    '',
    'opportunities/12',
    '.',
    // other sites: scheme, protocol-relative, backslash tricks
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    '//evil.example',
    '//evil.example/opportunities',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/opportunities\\..\\..\\evil',
    // the same tricks percent-encoded
    '/%2Fevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%5c%5cevil.example',
    '/x%5C..',
    // control characters, raw and encoded (browsers drop tabs and newlines: "/\t/evil" → "//evil")
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/%09/evil.example',
    '/%0d%0aSet-Cookie:x=1',
    '/opportunities%00',
    '/x\u007f',
    // dot segments, raw and encoded
    '/../evil',
    '/opportunities/../../x',
    '/./x',
    '/%2e%2e/x',
    '/%2E/x',
    '/en/..',
    // characters that have no business in our paths
    '/opportunities 12',
    '/x"onmouseover=alert(1)',
    '/x<script>',
    '/x@evil.example',
    '/x:y',
    '/ｅｖｉｌ',
    // malformed escapes
    '/%E3%81',
    '/%zz',
    // not pages
    '/api/auth/session',
    '/en/api/x',
    '/%61pi/x',
    '/_astro/app.js',
    // too long
    `/${'a'.repeat(600)}`,
  ])('refuses %j', (value) => {
    expect(safeNextPath(value)).toBeNull();
  });
});

describe('signInPath', () => {
  const page = (locale: 'ja' | 'en') => ({ link: (path: string) => localizePath(path, locale) });

  it('carries a local path in the sign-in link, in the page locale', () => {
    expect(signInPath(page('ja'), '/opportunities/12')).toBe('/account/sign-in?next=%2Fopportunities%2F12');
    expect(signInPath(page('en'), '/opportunities/12/sign-up?shift=3')).toBe(
      '/en/account/sign-in?next=%2Fopportunities%2F12%2Fsign-up%3Fshift%3D3',
    );
  });

  it('leaves out a `back` that is not a safe local path', () => {
    expect(signInPath(page('ja'), '//evil.example')).toBe('/account/sign-in');
    expect(signInPath(page('en'), 'https://evil.example/')).toBe('/en/account/sign-in');
  });
});
