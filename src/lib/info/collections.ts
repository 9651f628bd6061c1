/**
 * Typed access to the information collections for pages (build time). Lookups by id throw, so a
 * reference to a missing window or topic fails the build instead of rendering a broken link.
 */
import { type CollectionEntry, getCollection, getEntry } from 'astro:content';
import type { Locale } from '../i18n.ts';
import type { ConsultationWindow, HelpFinder, Jusou, Plan, TopicId } from './schema.ts';
import { TOPIC_IDS } from './schema.ts';

/** Order of windows in lists: the catch-all windows first, then by topic. */
const CATEGORY_ORDER = ['fukugo', 'general', ...TOPIC_IDS.filter((id) => id !== 'fukugo')] as const;

/** Every consultation window, in list order. */
export async function getWindows(): Promise<ConsultationWindow[]> {
  const entries = await getCollection('windows');
  return entries
    .map((entry) => entry.data)
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        Number(a.phone === null) - Number(b.phone === null) ||
        a.id.localeCompare(b.id),
    );
}

/** One window by id. @throws when it does not exist */
export async function getWindow(id: string): Promise<ConsultationWindow> {
  const entry = await getEntry('windows', id);
  if (!entry) throw new Error(`Unknown consultation window: ${id}`);
  return entry.data;
}

/** Several windows by id, in the given order. */
export async function getWindowsById(ids: readonly string[]): Promise<ConsultationWindow[]> {
  return Promise.all(ids.map((id) => getWindow(id)));
}

/** A welfare topic page (Markdown entry). */
export type TopicEntry = CollectionEntry<'welfare'>;

/** The slug of a topic entry (`ja/kaigo` → `kaigo`). */
export function topicSlug(entry: TopicEntry): string {
  return entry.id.split('/').pop() ?? entry.id;
}

/** The welfare topics of a locale in reading order (without the about page). */
export async function getTopics(locale: Locale): Promise<TopicEntry[]> {
  const entries = await getCollection('welfare', (entry) => entry.id.startsWith(`${locale}/`));
  return entries
    .filter((entry) => (TOPIC_IDS as readonly string[]).includes(topicSlug(entry)))
    .sort((a, b) => a.data.order - b.data.order);
}

/** One welfare page of a locale (a topic id or `about`). @throws when it does not exist */
export async function getTopic(locale: Locale, slug: TopicId | 'about'): Promise<TopicEntry> {
  const entry = await getEntry('welfare', `${locale}/${slug}`);
  if (!entry) throw new Error(`Unknown welfare page: ${locale}/${slug}`);
  return entry;
}

/** The help finder content. */
export async function getHelpFinder(): Promise<HelpFinder> {
  const entry = await getEntry('helpfinder', 'situations');
  if (!entry) throw new Error('content/helpfinder/situations.json is missing');
  return entry.data;
}

/** The plan's policy system. */
export async function getPlan(): Promise<Plan> {
  const entry = await getEntry('plan', 'structure');
  if (!entry) throw new Error('content/plan/structure.json is missing');
  return entry.data;
}

/** The multi-layered support programme. */
export async function getJusou(): Promise<Jusou> {
  const entry = await getEntry('jusou', 'jusou');
  if (!entry) throw new Error('content/plan/jusou.json is missing');
  return entry.data;
}

/** A news item. */
export type NewsEntry = CollectionEntry<'news'>;

/** The slug of a news entry (`ja/2025-12-01-minsei-kaisen` → `2025-12-01-minsei-kaisen`). */
export function newsSlug(entry: NewsEntry): string {
  return entry.id.split('/').pop() ?? entry.id;
}

/** News of a locale (ja or en), newest first. */
export async function getNews(locale: 'ja' | 'en'): Promise<NewsEntry[]> {
  const entries = await getCollection('news', (entry) => entry.id.startsWith(`${locale}/`));
  return entries.sort((a, b) => b.data.date.localeCompare(a.data.date) || a.id.localeCompare(b.id));
}
