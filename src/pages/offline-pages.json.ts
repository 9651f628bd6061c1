/**
 * The pages the service worker saves for offline use after a first visit, per locale: the home
 * page, the help finder (every situation) and the consultation windows (list, each window, the
 * print list). Also the situation ids, so the worker can answer the several-situations form
 * offline.
 */
import type { APIRoute } from 'astro';
import { LOCALES, localizePath } from '../lib/i18n';
import { getHelpFinder, getWindows } from '../lib/info/collections';

export const GET: APIRoute = async () => {
  const finder = await getHelpFinder();
  const windows = await getWindows();
  const paths = [
    '/',
    '/help',
    ...finder.situations.map((situation) => `/help/${situation.id}`),
    '/help/several',
    '/help/choose',
    '/windows',
    '/windows/print',
    ...windows.map((window) => `/windows/${window.id}`),
  ];
  const body = {
    situations: finder.situations.map((situation) => situation.id),
    locales: Object.fromEntries(LOCALES.map((locale) => [locale, paths.map((path) => localizePath(path, locale))])),
  };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
