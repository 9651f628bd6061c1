/**
 * The site's main sections, in menu order. Each feature adds its entry here; the header menu,
 * the footer and the home page list are built from this one list.
 */
import type { Locale } from './i18n.ts';

/** A main section of the site. */
export interface NavItem {
  /** Locale-free path. */
  path: string;
  /** UI string key of the menu label. */
  label: string;
  /** UI string key of a one-line description (home page list). */
  description: string;
  /** Locales the section exists in (default: all). */
  locales?: readonly Locale[];
}

/** Main sections shown in the header menu and on the home page. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/help', label: 'help.nav', description: 'help.navDescription' },
  { path: '/windows', label: 'windows.nav', description: 'windows.navDescription' },
  { path: '/places', label: 'places.nav.label', description: 'places.nav.description' },
  { path: '/opportunities', label: 'opportunities.nav.label', description: 'opportunities.nav.description' },
  { path: '/topics', label: 'topics.nav', description: 'topics.navDescription' },
  { path: '/plan', label: 'plan.nav', description: 'plan.navDescription' },
  { path: '/news', label: 'news.nav', description: 'news.navDescription', locales: ['ja', 'en'] },
  { path: '/search', label: 'search.nav', description: 'search.navDescription' },
  { path: '/account', label: 'accounts.nav.label', description: 'accounts.nav.description' },
];

/** Pages linked from the footer (about the site itself). */
export const FOOTER_ITEMS: readonly NavItem[] = [
  { path: '/about', label: 'topics.aboutNav', description: 'topics.aboutDescription' },
  { path: '/sources', label: 'sources.nav', description: 'sources.navDescription' },
  { path: '/accessibility', label: 'nav.accessibility', description: 'home.now.accessibility' },
  { path: '/privacy', label: 'accounts.privacy.title', description: 'accounts.privacy.navDescription' },
];
