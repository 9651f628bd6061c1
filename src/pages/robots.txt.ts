/**
 * robots.txt, built with the site's public origin: the Sitemap line must be an absolute URL
 * (a relative one is ignored by crawlers). Set PUBLIC_ORIGIN at build time.
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  const origin = site ?? new URL('http://localhost:4321');
  const body = [
    'User-agent: *',
    'Disallow: /api/',
    'Disallow: /account/',
    'Disallow: /help/find',
    'Disallow: /en/help/find',
    'Disallow: /easy/help/find',
    '',
    `Sitemap: ${new URL('/sitemap-index.xml', origin).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
