/**
 * The several-situations form of the help finder (GET /help/find?s=…&s=…), on demand: none
 * ticked → the form again with a message; one → that situation's questions; several → the window
 * that takes every problem at once. A plain redirect, so it works without JavaScript; the service
 * worker applies the same rule offline.
 */
import type { APIRoute } from 'astro';
import { isLocale, localizePath } from '../../../lib/i18n';
import { getHelpFinder } from '../../../lib/info/collections';
import { findTarget } from '../../../lib/info/helpfinder';

export const prerender = false;

export const GET: APIRoute = async ({ params, url }) => {
  const locale = params.locale === undefined ? 'ja' : params.locale;
  if (!isLocale(locale) || (locale === 'ja' && params.locale !== undefined)) {
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const finder = await getHelpFinder();
  const target = findTarget(
    url.searchParams.getAll('s'),
    finder.situations.map((situation) => situation.id),
  );
  const location = localizePath(target, locale) + (target === '/help/choose' ? '#several' : '');
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
};
