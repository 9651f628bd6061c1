/**
 * RSS 2.0 feed of the news, per locale (/news/rss.xml, /en/news/rss.xml), written by hand with
 * XML escaping (no extra dependency).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { localizePath, t } from '../../../lib/i18n';
import { getNews, newsSlug } from '../../../lib/info/collections';
import { rssFeed } from '../../../lib/info/rss';

export const getStaticPaths = (() => [
  { params: { locale: undefined }, props: { locale: 'ja' } },
  { params: { locale: 'en' }, props: { locale: 'en' } },
]) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const locale = (props as { locale: 'ja' | 'en' }).locale;
  const origin = site ?? new URL('http://localhost:4321');
  const news = await getNews(locale);
  const xml = rssFeed({
    title: `${t(locale, 'news.title')}｜${t(locale, 'site.name')}`,
    description: t(locale, 'news.feedDescription'),
    link: new URL(localizePath('/news', locale), origin).href,
    self: new URL(localizePath('/news/rss.xml', locale), origin).href,
    language: locale,
    items: news.map((entry) => ({
      title: entry.data.title,
      link: new URL(localizePath(`/news/${newsSlug(entry)}`, locale), origin).href,
      description: entry.data.summary,
      date: entry.data.date,
    })),
  });
  return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
};
