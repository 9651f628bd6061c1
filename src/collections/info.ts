/**
 * Content collections of the information feature: welfare topics and news (Markdown), the
 * consultation windows (one JSON file each), and single-entry collections for the help finder,
 * the plan, the multi-layered support programme Schemas live in
 * src/lib/info/schema.ts (shared with the content tests); a missing `source` or `checkedOn`
 * fails the build.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import {
  helpFinderSchema,
  jusouSchema,
  newsSchema,
  planSchema,
  topicSchema,
  windowSchema,
} from '../lib/info/schema.ts';

/** Read a JSON file that holds one object as a one-entry collection with the given id. */
function singleEntry(id: string) {
  return (text: string) => [{ ...(JSON.parse(text) as Record<string, unknown>), id }];
}

export const infoCollections = {
  /** Welfare topics, one Markdown file per topic and locale; entry ids are `<locale>/<topic>`. */
  welfare: defineCollection({
    loader: glob({ pattern: '{ja,en,easy}/*.md', base: './content/welfare' }),
    schema: topicSchema,
  }),
  /** Consultation windows (相談窓口), one JSON file each; the entry id is the file name. */
  windows: defineCollection({
    loader: glob({ pattern: '*.json', base: './content/windows' }),
    schema: windowSchema,
  }),
  /** News, one Markdown file per item and locale (ja, en); entry ids are `<locale>/<date>-<slug>`. */
  news: defineCollection({
    loader: glob({ pattern: '{ja,en}/*.md', base: './content/news' }),
    schema: newsSchema,
  }),
  /** The help finder 「困ったときは」 (one entry: `situations`). */
  helpfinder: defineCollection({
    loader: file('content/helpfinder/situations.json', { parser: singleEntry('situations') }),
    schema: helpFinderSchema,
  }),
  /** The plan's policy system (one entry: `structure`) and the multi-layered support programme (`jusou`). */
  plan: defineCollection({
    loader: file('content/plan/structure.json', { parser: singleEntry('structure') }),
    schema: planSchema,
  }),
  jusou: defineCollection({
    loader: file('content/plan/jusou.json', { parser: singleEntry('jusou') }),
    schema: jusouSchema,
  }),
};
