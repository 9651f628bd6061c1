/**
 * Structured data (schema.org JSON-LD) for the information pages. Only confirmed facts go in:
 * sample or unconfirmed phone numbers are left out, so search engines never repeat them.
 */
import { HTML_LANG, type Locale, localizePath } from '../i18n.ts';
import type { ConsultationWindow } from './schema.ts';

const CITY = {
  '@type': 'GovernmentOrganization',
  name: { ja: '日田市', en: 'Hita City', easy: '日田市' },
  url: 'https://www.city.hita.oita.jp/',
} as const;

const SHAKYO = {
  '@type': 'Organization',
  name: { ja: '日田市社会福祉協議会', en: 'Hita City Social Welfare Council', easy: '日田市社会福祉協議会' },
  url: 'http://hitashakyo.jp/',
} as const;

/** Who provides each window that the city does not run itself (null: no single provider). */
const PROVIDERS: Record<string, typeof SHAKYO | null> = {
  shakyo: SHAKYO,
  'volunteer-center': SHAKYO,
  hogoshi: null,
  minsei: null,
};

/** `0973-23-3111` → `+81-973-23-3111`. */
export function internationalPhone(phone: string): string {
  return `+81-${phone.replace(/^0/, '')}`;
}

/** The provider of a window as schema.org data, or undefined when there is no single provider. */
function provider(window: ConsultationWindow, locale: Locale): Record<string, unknown> | undefined {
  const org = window.id in PROVIDERS ? PROVIDERS[window.id] : CITY;
  if (!org) return undefined;
  return { '@type': org['@type'], name: org.name[locale], url: org.url };
}

/** A consultation window as a schema.org GovernmentService (or Service when not run by the city). */
export function windowJsonLd(window: ConsultationWindow, locale: Locale, site: URL): Record<string, unknown> {
  const org = provider(window, locale);
  const government = org?.['@type'] === 'GovernmentOrganization';
  const channel: Record<string, unknown> = { '@type': 'ServiceChannel', name: window.name[locale] };
  if (window.url) channel.serviceUrl = window.url;
  if (window.phone && window.phoneStatus === 'verified') {
    channel.servicePhone = { '@type': 'ContactPoint', telephone: internationalPhone(window.phone) };
  }
  return {
    '@context': 'https://schema.org',
    '@type': government ? 'GovernmentService' : 'Service',
    name: window.name[locale],
    description: window.summary[locale],
    url: new URL(localizePath(`/windows/${window.id}`, locale), site).href,
    inLanguage: HTML_LANG[locale],
    areaServed: { '@type': 'City', name: CITY.name[locale] },
    audience: { '@type': 'Audience', audienceType: window.forWhom[locale] },
    ...(org ? { provider: org } : {}),
    availableChannel: channel,
  };
}

/** The site as a schema.org WebSite, published by this project (an Organization). */
export function siteJsonLd(name: string, description: string, locale: Locale, site: URL): Record<string, unknown> {
  const url = new URL(localizePath('/', locale), site).href;
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name,
    description,
    url,
    inLanguage: HTML_LANG[locale],
    publisher: { '@type': 'Organization', name, url: new URL('/', site).href },
    about: { '@type': CITY['@type'], name: CITY.name[locale], url: CITY.url },
  };
}
