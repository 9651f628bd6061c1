/**
 * Schemas of the information content (welfare topics, consultation windows, news, the help
 * finder, the plan and the reading dictionary). They use Astro's zod 3 (`astro/zod`, the same
 * module `astro:content` re-exports) so the content collections in src/collections/info.ts and
 * the content tests share one definition. Every record must say where its facts come from
 * (`source`) and when they were last checked (`checkedOn`): without them the build fails.
 */
import { z } from 'astro/zod';

/** Ids of the welfare topics (content/welfare/<locale>/<id>.md), plus `general` for windows that serve every topic. */
export const TOPIC_IDS = [
  'kaigo',
  'shogai',
  'kosodate',
  'seikatsu',
  'hikikomori',
  'fukugo',
  'kouken',
  'saihan',
  'volunteer',
  'idou',
  'mimamori',
  'saigai',
  'shakyo',
  'minsei',
] as const;

/** A welfare topic id. */
export type TopicId = (typeof TOPIC_IDS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date written as `2026-11-28` (YAML may hand it over as a Date); stored as the
 * `YYYY-MM-DD` string so it prints the same in every time zone.
 */
export const isoDate = z
  .union([z.string().regex(ISO_DATE, 'a date written as YYYY-MM-DD'), z.date()])
  .transform((value) => (typeof value === 'string' ? value : value.toISOString().slice(0, 10)))
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'a real calendar date');

/** Where a fact comes from: a URL (http/https), a site path (`/`), or the name of a document such as the plan. */
export const sourceRef = z
  .string()
  .trim()
  .min(1, 'say where this information comes from')
  .refine(
    (value) => !/^[a-z]+:/i.test(value) || /^https?:\/\/[^\s]+$/i.test(value),
    'a source URL must be http(s) without spaces',
  );

/** A text in all three locales. */
export const localized = z.object({
  /** Japanese. */
  ja: z.string().trim().min(1),
  /** English. */
  en: z.string().trim().min(1),
  /** やさしい日本語 (plain Japanese; furigana are added at build time). */
  easy: z.string().trim().min(1),
});

/** A list of texts in all three locales. */
export const localizedList = z.object({
  /** Japanese items. */
  ja: z.array(z.string().trim().min(1)).min(1),
  /** English items. */
  en: z.array(z.string().trim().min(1)).min(1),
  /** やさしい日本語 items. */
  easy: z.array(z.string().trim().min(1)).min(1),
});

/** A Japanese phone number written with hyphens (`0973-23-3111`, `0120-279-338`). */
export const phoneNumber = z.string().regex(/^0\d{1,4}-\d{1,4}-\d{3,4}$/, 'a phone number such as 0973-23-3111');

/** Sample phone numbers may only use the fictional range 0973-00-0000…0973-00-9999. */
export const SAMPLE_PHONE = /^0973-00-\d{4}$/;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens');

/** Window fields that can be listed as verified against the source. */
export const WINDOW_FIELDS = [
  'name',
  'summary',
  'forWhom',
  'services',
  'whatToSay',
  'phone',
  'hours',
  'address',
  'howToReach',
  'url',
  'fee',
] as const;

/** A consultation window (相談窓口): content/windows/<id>.json. */
export const windowSchema = z
  .object({
    /** Same as the file name; used in URLs (`/windows/<id>`). */
    id,
    /** The window's name. */
    name: localized,
    /** The topic it belongs to first (or `general`). */
    category: z.enum([...TOPIC_IDS, 'general']),
    /** Every topic it helps with. */
    topics: z.array(z.enum([...TOPIC_IDS, 'general'])).min(1),
    /** One or two sentences: what it is. */
    summary: localized,
    /** Who can ask. */
    forWhom: localized,
    /** What it helps with, as a list. */
    services: localizedList,
    /** What to say when calling (lowers the threshold to call). */
    whatToSay: localized,
    /** Phone number, or null when the window has no phone of its own. */
    phone: phoneNumber.nullable(),
    /** Whether the phone number is confirmed on an official source, published elsewhere but unconfirmed, or a sample. */
    phoneStatus: z.enum(['verified', 'unverified', 'sample']).nullable(),
    /** Fax number, if any. */
    fax: phoneNumber.nullable(),
    /** Opening hours, or null. */
    hours: localized.nullable(),
    /** Address, or null when not confirmed. */
    address: localized.nullable(),
    /** How to get in touch (phone, visit, home visits, a family member on your behalf…). */
    howToReach: localized,
    /** Official web page, or null. */
    url: z.string().url().nullable(),
    /** Cost, or null when not stated. */
    fee: localized.nullable(),
    /** Where the facts come from (URL or document name). Required. */
    source: sourceRef,
    /** When the facts were last checked against the source. Required. */
    checkedOn: isoDate,
    /** True when anything on the window is unverified (shown with the 「サンプル」 badge). */
    sample: z.boolean(),
    /** Which fields are confirmed by the source. */
    verified: z.array(z.enum(WINDOW_FIELDS)),
    /** What is confirmed and what is sample, in plain words; required when `sample` is true. */
    sampleNote: localized.nullable(),
  })
  .superRefine((window, ctx) => {
    if (window.phone !== null && window.phoneStatus === null) {
      ctx.addIssue({ code: 'custom', path: ['phoneStatus'], message: 'say whether the phone number is verified' });
    }
    if (window.phoneStatus === 'sample' && window.phone !== null && !SAMPLE_PHONE.test(window.phone)) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'sample phone numbers must be 0973-00-xxxx' });
    }
    if (window.phone !== null && SAMPLE_PHONE.test(window.phone) && window.phoneStatus !== 'sample') {
      ctx.addIssue({ code: 'custom', path: ['phoneStatus'], message: 'a 0973-00 number is fictional: mark it sample' });
    }
    if (window.phoneStatus !== null && window.phoneStatus !== 'verified' && !window.sample) {
      ctx.addIssue({
        code: 'custom',
        path: ['sample'],
        message: 'an unconfirmed phone number makes the window sample',
      });
    }
    if (window.sample && window.sampleNote === null) {
      ctx.addIssue({ code: 'custom', path: ['sampleNote'], message: 'explain what is sample' });
    }
    if (!window.topics.includes(window.category)) {
      ctx.addIssue({ code: 'custom', path: ['topics'], message: 'the category must be one of the topics' });
    }
  });

/** A consultation window. */
export type ConsultationWindow = z.output<typeof windowSchema>;

/** Frontmatter of a welfare topic page: content/welfare/<locale>/<id>.md. */
export const topicSchema = z.object({
  /** Page title. */
  title: z.string().trim().min(1),
  /** One sentence for lists and the meta description. */
  summary: z.string().trim().min(1),
  /** Position in the topic list (99 = not a topic, e.g. the about page). */
  order: z.number().int().positive(),
  /** Consultation windows to show on the page, most relevant first. */
  windows: z.array(id).min(1),
  /** Plan measures (推進施策) this topic belongs to, as `goal-policy-measure` ids. */
  planRefs: z.array(z.string().regex(/^\d-\d-\d$/)),
  /** Where the facts come from (URL or document name). Required. */
  source: sourceRef,
  /** A second source (web page) for facts not in the plan. */
  sourceUrl: z.string().url().optional(),
  /** When the page was last checked. Required. */
  checkedOn: isoDate,
  /** True when the page itself contains unverified facts. */
  sample: z.boolean(),
});

/** Frontmatter of a welfare topic. */
export type TopicData = z.output<typeof topicSchema>;

/** Frontmatter of a news item: content/news/<locale>/<date>-<slug>.md. */
export const newsSchema = z.object({
  /** Headline. */
  title: z.string().trim().min(1),
  /** Date of the event or announcement. */
  date: isoDate,
  /** One or two sentences for the list, RSS and the meta description. */
  summary: z.string().trim().min(1),
  /** Where the news comes from (URL, or `/` for this site's own news). Required. */
  source: sourceRef,
  /** When it was last checked. Required. */
  checkedOn: isoDate,
  /** True when the item relies on unconfirmed sources. */
  sample: z.boolean(),
});

/** Frontmatter of a news item. */
export type NewsData = z.output<typeof newsSchema>;

/** One answer to a help-finder question. */
const helpOption = z.object({
  /** Used in the URL (`/help/<situation>/<answer>`). */
  id,
  /** The answer as shown on its button. */
  label: localized,
  /** Windows for this answer, most relevant first. */
  windows: z.array(id).min(1),
  /** Extra advice shown with the result, or null. */
  note: localized.nullable(),
});

/** A simple question (at most two per situation). */
const helpQuestion = z.object({
  /** Question id. */
  id,
  /** The question. */
  text: localized,
  /** Possible answers (2–4). */
  options: z.array(helpOption).min(2).max(4),
});

/** A life situation a resident starts from. */
const helpSituation = z.object({
  /** Used in the URL (`/help/<id>`). */
  id,
  /** Short label (the button). */
  label: localized,
  /** Examples under the label. */
  hint: localized,
  /** The topic page that explains it. */
  topic: z.enum(TOPIC_IDS),
  /** At most two questions. */
  questions: z.array(helpQuestion).min(1).max(2),
  /** Windows to show before any question is answered. */
  windows: z.array(id).min(1),
});

/** A national hotline or scheme named in the help finder, with its source. */
const referenceSource = z.object({
  /** What it is. */
  label: localized,
  /** Official page. */
  url: z.string().url(),
  /** When it was checked. */
  checkedOn: isoDate,
});

/** The help finder 「困ったときは」: content/helpfinder/situations.json. */
export const helpFinderSchema = z.object({
  /** When the routing was last reviewed. Required. */
  checkedOn: isoDate,
  /** Where the routing comes from (the plan's consultation network). Required. */
  source: sourceRef,
  /** Life situations. */
  situations: z.array(helpSituation).min(1),
  /** Where several problems at once go (the 断らない相談 window). */
  multiple: z.object({
    /** Windows, the comprehensive one first. */
    windows: z.array(id).min(1),
    /** Explanation. */
    text: localized,
  }),
  /** Emergency advice shown at the top. */
  emergency: localized,
  /** Emergency numbers with one-tap links. */
  emergencyLines: z
    .array(
      z.object({
        /** Number as dialled (`119`, `0120-279-338`). */
        number: z.string().regex(/^[0-9-]{3,13}$/),
        /** What it is for. */
        label: localized,
      }),
    )
    .min(1),
  /** Sources of the national hotlines and schemes named in the texts. */
  references: z.array(referenceSource),
});

/** The help finder content. */
export type HelpFinder = z.output<typeof helpFinderSchema>;
/** A life situation. */
export type HelpSituation = HelpFinder['situations'][number];

/** A link from the plan to a feature of this site. */
const siteFeature = z.object({
  /** Locale-free site path. */
  path: z.string().startsWith('/'),
  /** Link text. */
  label: localized,
});

/** A 推進施策 (measure) of the plan. */
const planMeasure = z.object({
  /** `goal-policy-measure`, e.g. `3-1-1`. */
  id: z.string().regex(/^\d-\d-\d$/),
  /** Name in the plan. */
  title: localized,
  /** ★: a new measure linked to the multi-layered support programme. */
  new: z.boolean(),
  /** What it means, in the site's own words. */
  explained: localized,
  /** What it means for a resident. */
  forResidents: localized,
  /** Projects of the multi-layered support programme it relates to. */
  jusouProjects: z.array(z.enum(['houkatsu-soudan', 'sanka', 'chiikizukuri', 'outreach', 'takikan'])).optional(),
  /** Consultation windows that serve it. */
  relatedWindows: z.array(id).optional(),
  /** A plan embedded in this measure (e.g. 再犯防止推進計画). */
  embeddedPlan: localized.optional(),
});

/** The plan's policy system (施策体系): content/plan/structure.json. */
export const planSchema = z.object({
  /** The plan's name. */
  name: localized,
  /** Plan period, or null when not confirmed. */
  period: localized.nullable(),
  /** Basic philosophy (基本理念). */
  philosophy: localized,
  /** The philosophy explained. */
  philosophyExplained: localized,
  /** The priority that spans all goals (重点的な取組). */
  priority: z.object({ title: localized, explained: localized }),
  /** What ★ means. */
  newMark: localized,
  /** How the site wrote the explanations. */
  editorialNote: localized,
  /** The three basic goals (基本目標). */
  goals: z
    .array(
      z.object({
        /** `1`–`3`. */
        id: z.string().regex(/^\d$/),
        /** Short name (人づくり…). */
        short: localized,
        /** Full title. */
        title: localized,
        /** Explanation. */
        explained: localized,
        /** How this site serves the goal. */
        siteFeatures: z.array(siteFeature),
        /** 基本施策 with their 推進施策. */
        policies: z
          .array(
            z.object({
              /** `goal-policy`. */
              id: z.string().regex(/^\d-\d$/),
              /** Name. */
              title: localized,
              /** 推進施策. */
              measures: z.array(planMeasure).min(1),
            }),
          )
          .min(1),
      }),
    )
    .length(3),
  /** Where it comes from. Required. */
  source: sourceRef,
  /** When it was checked. Required. */
  checkedOn: isoDate,
});

/** The plan's policy system. */
export type Plan = z.output<typeof planSchema>;

/** The multi-layered support programme (重層的支援体制整備事業): content/plan/jusou.json. */
export const jusouSchema = z.object({
  /** Programme name. */
  name: localized,
  /** What it is. */
  intro: localized,
  /** The three required kinds of support. */
  pillars: z.array(z.object({ id, name: localized, articles: z.array(z.number().int()) })).length(3),
  /** How the pillars relate to the projects. */
  pillarsNote: localized,
  /** The five projects (社会福祉法第106条の4第2項第1〜5号). */
  projects: z
    .array(
      z.object({
        /** Project id. */
        id: z.enum(['houkatsu-soudan', 'sanka', 'chiikizukuri', 'outreach', 'takikan']),
        /** Name. */
        name: localized,
        /** Legal basis. */
        article: z.string().min(1),
        /** What it is. */
        whatItIs: localized,
        /** What it means for a resident. */
        forResidents: localized,
      }),
    )
    .length(5),
  /** The plan's priority: community building and individual support. */
  focus: z.object({
    title: localized,
    chiikizukuri: z.object({ title: localized, intro: localized, items: z.array(localized).min(1) }),
    kobetsu: z.object({ title: localized, intro: localized, items: z.array(localized).min(1) }),
  }),
  /** Examples of complex cases and where they go. */
  complexExamples: z.object({ text: localized, windows: z.array(id).min(1) }),
  /** The consultation network by field. */
  network: z.array(z.object({ id, field: localized, windows: z.array(id).min(1), note: localized.optional() })).min(1),
  /** Explanation of the network. */
  networkNote: localized,
  /** Case meetings. */
  meetings: z.array(z.object({ id, name: localized, whatItIs: localized })).min(1),
  /** Members of the local platform. */
  platformMembers: localizedList,
  /** Where it comes from. Required. */
  source: sourceRef,
  /** When it was checked. Required. */
  checkedOn: isoDate,
});

/** The multi-layered support programme. */
export type Jusou = z.output<typeof jusouSchema>;

/** The reviewed reading dictionary: content/readings/dictionary.json. */
export const readingDictionarySchema = z.object({
  /** Format version. */
  version: z.literal(1),
  /** When a person last reviewed the readings. */
  reviewedOn: isoDate,
  /** How to use it. */
  note: z.string(),
  /** Readings that override the analyser's. */
  entries: z
    .array(
      z.object({
        /** Written form (may include digits, e.g. `12月`). */
        surface: z.string().min(1),
        /** Reading in hiragana. */
        reading: z.string().regex(/^[\p{Script=Hiragana}ー]+$/u, 'hiragana'),
        /** Why it is here. */
        note: z.string().optional(),
      }),
    )
    .min(1),
});
