/**
 * Astro middleware: furigana for やさしい日本語 pages rendered on demand (places, account pages …).
 * Prerendered easy pages get their `<ruby>` at build time (scripts/postbuild-site.mjs); pages
 * rendered per request get the same treatment here, with the same function and dictionary, so
 * every easy page reads the same. In `npm run dev` every easy page goes through here.
 */
import { defineMiddleware } from 'astro:middleware';
import { loadFurigana, rubyHtml } from './lib/furigana.ts';

const isEasyPath = (pathname: string) => pathname === '/easy' || pathname.startsWith('/easy/');

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  // At build time prerendered pages are left alone: the post-build step adds their ruby.
  const renderedNow = import.meta.env.DEV || !context.isPrerendered;
  if (!renderedNow || !isEasyPath(context.url.pathname)) return response;
  if (!(response.headers.get('content-type') ?? '').includes('text/html')) return response;
  const html = await response.text();
  const body = rubyHtml(html, await loadFurigana());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
});
