/**
 * The site's one rule for a page's address in a language: Japanese (the default) has no prefix,
 * the others `/en/…` and `/easy/…`. Dependency-free, so the site (src/lib/i18n.ts), the API's
 * e-mail links and the build scripts all share it.
 */

/** `/path` in `locale`: `/path` for Japanese, `/en/path`, `/easy/path` (`/` → `/en/`). */
export function localizePath(path: string, locale: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (locale === 'ja') return clean;
  return clean === '/' ? `/${locale}/` : `/${locale}${clean}`;
}
