/**
 * Content tests: every window, topic, news item, the help finder and the plan pass their
 * schemas; records without `source` or `checkedOn` are rejected; every cross-reference (window
 * ids, topics, plan measures) points at something that exists; sample phone numbers stay in the
 * fictional 0973-00 range.
 */
import { describe, expect, it } from 'vitest';
import { listContent, readContentJson, readMarkdown } from './content-files.ts';
import {
  helpFinderSchema,
  jusouSchema,
  newsSchema,
  planSchema,
  readingDictionarySchema,
  TOPIC_IDS,
  topicSchema,
  windowSchema,
} from './schema.ts';

const windowFiles = listContent('windows', '.json');
const windows = windowFiles.map((file) => ({ file, window: windowSchema.parse(readContentJson(file)) }));
const windowIds = new Set(windows.map(({ window }) => window.id));
const helpFinder = helpFinderSchema.parse(readContentJson('helpfinder/situations.json'));
const plan = planSchema.parse(readContentJson('plan/structure.json'));
const jusou = jusouSchema.parse(readContentJson('plan/jusou.json'));
const measureIds = new Set(plan.goals.flatMap((goal) => goal.policies.flatMap((p) => p.measures.map((m) => m.id))));

function validWindow(): Record<string, unknown> {
  return structuredClone(readContentJson('windows/hita-seikatsu.json')) as Record<string, unknown>;
}

describe('consultation windows', () => {
  it('all parse, and each id matches its file name', () => {
    expect(windows.length).toBeGreaterThanOrEqual(13);
    for (const { file, window } of windows) expect(`windows/${window.id}.json`).toBe(file);
  });

  it('rejects a window without source', () => {
    const { source: _source, ...withoutSource } = validWindow();
    const result = windowSchema.safeParse(withoutSource);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('source');
  });

  it('rejects a window without checkedOn', () => {
    const { checkedOn: _checkedOn, ...withoutDate } = validWindow();
    const result = windowSchema.safeParse(withoutDate);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('checkedOn');
  });

  it('rejects an empty source, a malformed date and a non-http source URL', () => {
    expect(windowSchema.safeParse({ ...validWindow(), source: '  ' }).success).toBe(false);
    expect(windowSchema.safeParse({ ...validWindow(), checkedOn: '28/11/2026' }).success).toBe(false);
    expect(windowSchema.safeParse({ ...validWindow(), checkedOn: '2026-02-31' }).success).toBe(false);
    expect(windowSchema.safeParse({ ...validWindow(), source: 'javascript:alert(1)' }).success).toBe(false);
  });

  it('keeps sample phone numbers in the fictional 0973-00 range and marks them', () => {
    expect(windowSchema.safeParse({ ...validWindow(), phone: '0973-22-1234', phoneStatus: 'sample' }).success).toBe(
      false,
    );
    expect(windowSchema.safeParse({ ...validWindow(), phone: '0973-00-1234', phoneStatus: 'verified' }).success).toBe(
      false,
    );
    expect(windowSchema.safeParse({ ...validWindow(), sample: false }).success).toBe(false);
    for (const { window } of windows) {
      if (window.phoneStatus === 'sample') expect(window.phone, window.id).toMatch(/^0973-00-\d{4}$/);
    }
  });

  it('names the windows the plan names for each field', () => {
    for (const required of ['chiiki-houkatsu', 'kikan-soudan', 'hita-seikatsu', 'kodomo-katei', 'kyouiku-center']) {
      expect(windowIds).toContain(required);
    }
    for (const entry of jusou.network) for (const id of entry.windows) expect(windowIds).toContain(id);
  });
});

describe('welfare topics', () => {
  const locales = ['ja', 'en', 'easy'] as const;
  const byLocale = Object.fromEntries(
    locales.map((locale) => [
      locale,
      listContent(`welfare/${locale}`, '.md').map((file) => ({
        file,
        data: topicSchema.parse(readMarkdown(file).data),
      })),
    ]),
  ) as Record<(typeof locales)[number], { file: string; data: ReturnType<typeof topicSchema.parse> }[]>;

  it('has every topic (and the about page) in all three locales', () => {
    const names = (locale: (typeof locales)[number]) => byLocale[locale].map(({ file }) => file.split('/').pop());
    expect(names('ja')).toEqual([...TOPIC_IDS, 'about'].map((id) => `${id}.md`).sort());
    expect(names('en')).toEqual(names('ja'));
    expect(names('easy')).toEqual(names('ja'));
  });

  it('rejects a topic without source or checkedOn', () => {
    const { data } = readMarkdown('welfare/ja/kaigo.md');
    const { source: _s, ...noSource } = data as Record<string, unknown>;
    const { checkedOn: _c, ...noDate } = data as Record<string, unknown>;
    expect(topicSchema.safeParse(noSource).success).toBe(false);
    expect(topicSchema.safeParse(noDate).success).toBe(false);
  });

  it('links only to existing windows and plan measures, the same in every locale', () => {
    for (const locale of locales) {
      for (const { file, data } of byLocale[locale]) {
        for (const id of data.windows) expect(windowIds, `${file} → ${id}`).toContain(id);
        for (const ref of data.planRefs) expect(measureIds, `${file} → ${ref}`).toContain(ref);
        const ja = byLocale.ja.find((entry) => entry.file.endsWith(`/${file.split('/').pop()}`));
        expect(data.windows, file).toEqual(ja?.data.windows);
        expect(data.checkedOn, file).toBe(ja?.data.checkedOn);
      }
    }
  });
});

describe('news', () => {
  it('parses every item, in Japanese and English with the same files', () => {
    const ja = listContent('news/ja', '.md');
    const en = listContent('news/en', '.md');
    expect(en.map((f) => f.split('/').pop())).toEqual(ja.map((f) => f.split('/').pop()));
    for (const file of [...ja, ...en]) {
      const data = newsSchema.parse(readMarkdown(file).data);
      expect(file.split('/').pop()?.startsWith(data.date), file).toBe(true);
    }
  });
});

describe('help finder', () => {
  it('asks at most two questions and routes only to existing windows and topics', () => {
    const ids = new Set<string>();
    for (const situation of helpFinder.situations) {
      expect(ids.has(situation.id), situation.id).toBe(false);
      ids.add(situation.id);
      expect(situation.questions.length).toBeLessThanOrEqual(2);
      for (const id of situation.windows) expect(windowIds, `${situation.id} → ${id}`).toContain(id);
      for (const question of situation.questions) {
        expect(new Set(question.options.map((o) => o.id)).size).toBe(question.options.length);
        for (const option of question.options) {
          for (const id of option.windows) expect(windowIds, `${situation.id}/${option.id} → ${id}`).toContain(id);
        }
      }
    }
    for (const id of helpFinder.multiple.windows) expect(windowIds).toContain(id);
  });

  it('sends several problems to the comprehensive (断らない相談) window first', () => {
    expect(helpFinder.multiple.windows[0]).toBe('shiyakusho-fukushi');
  });

  it('rejects the help finder without source or checkedOn', () => {
    const raw = readContentJson('helpfinder/situations.json') as Record<string, unknown>;
    const { source: _s, ...noSource } = raw;
    const { checkedOn: _c, ...noDate } = raw;
    expect(helpFinderSchema.safeParse(noSource).success).toBe(false);
    expect(helpFinderSchema.safeParse(noDate).success).toBe(false);
  });
});

describe('the plan', () => {
  it('has three goals, the full tree, ★ new measures and five projects', () => {
    expect(plan.goals.map((goal) => goal.id)).toEqual(['1', '2', '3']);
    expect(measureIds.size).toBe(24);
    expect(
      [...plan.goals.flatMap((g) => g.policies.flatMap((p) => p.measures.filter((m) => m.new)))].map((m) => m.id),
    ).toEqual(['1-1-3', '2-1-1', '2-4-2', '3-1-1']);
    expect(jusou.projects.map((p) => p.id)).toEqual([
      'houkatsu-soudan',
      'sanka',
      'chiikizukuri',
      'outreach',
      'takikan',
    ]);
    for (const goal of plan.goals) {
      for (const policy of goal.policies) {
        for (const measure of policy.measures) {
          expect(measure.id.startsWith(`${policy.id}-`)).toBe(true);
          for (const id of measure.relatedWindows ?? []) expect(windowIds, measure.id).toContain(id);
        }
      }
    }
  });
});

describe('reading dictionary', () => {
  it('is valid and has no duplicate written forms', () => {
    const dictionary = readingDictionarySchema.parse(readContentJson('readings/dictionary.json'));
    const surfaces = dictionary.entries.map((entry) => entry.surface);
    expect(new Set(surfaces).size).toBe(surfaces.length);
  });
});
