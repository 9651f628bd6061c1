/**
 * Where to go after signing in: the `next` of the sign-in page, checked so that it can only lead to
 * a page of this site (no open redirect). Only a plain local path is accepted — one `/` at the
 * start, no scheme, no `//` or `\`, no control characters, no `.`/`..` segments, not even
 * percent-encoded — and the result is the path without its locale prefix, which the sign-in page
 * puts back in the person's own locale (`link(next)`), so it always stays on this site.
 */
import { splitLocale } from './i18n.ts';

/** Longer than any path of this site with its query. */
const MAX_LENGTH = 512;

/** A path, an optional query and an optional fragment, in unreserved characters and %-escapes only. */
const SHAPE = /^\/[A-Za-z0-9\-._~%/]*(\?[A-Za-z0-9\-._~%=&+]*)?(#[A-Za-z0-9\-._~]*)?$/;

/** Areas that are not pages. */
const NOT_PAGES = /^\/(api|_astro)(\/|$)/;

/**
 * The locale-free local path in `value` (e.g. `/en/opportunities/3?shift=5` → `/opportunities/3?shift=5`),
 * or null when `value` is missing or is not a safe path of this site.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_LENGTH || !SHAPE.test(value) || value.startsWith('//')) return null;
  const end = value.search(/[?#]/);
  const pathname = end === -1 ? value : value.slice(0, end);
  const suffix = end === -1 ? '' : value.slice(end);
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  // Checked on the decoded form too, so that %2F%2F, %5C, %00 or %2e%2e cannot slip through.
  if (/^\/[/\\]/.test(decoded) || decoded.includes('\\') || hasControlCharacter(decoded)) return null;
  const decodedPath = decodeURIComponent(pathname);
  if (decodedPath.split('/').some((segment) => segment === '.' || segment === '..')) return null;
  if (NOT_PAGES.test(splitLocale(decodedPath).path)) return null;
  return `${splitLocale(pathname).path}${suffix}`;
}

/** C0 controls and DEL (tab, CR and LF among them). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
