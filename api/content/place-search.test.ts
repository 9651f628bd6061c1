import { describe, expect, it } from 'vitest';
import { localizePath } from '../../src/lib/i18n.ts';
import { loadDistricts } from './districts.ts';
import { loadPlaces } from './places.ts';
import { placePagePaths, placeSearchRecords } from './place-search.ts';

const districts = loadDistricts();
const places = loadPlaces(undefined, districts);
const records = placeSearchRecords(places, districts);

describe('place search records', () => {
  it('has one record per place and locale, each in its language and locale filter', () => {
    expect(records).toHaveLength(places.length * 3);
    const miyoshi = records.filter((record) => record.url.endsWith('/places/miyoshi-kominkan'));
    expect(miyoshi.map((record) => [record.url, record.language, record.filters.locale[0]])).toEqual([
      ['/places/miyoshi-kominkan', 'ja', 'ja'],
      ['/en/places/miyoshi-kominkan', 'en', 'en'],
      ['/easy/places/miyoshi-kominkan', 'ja', 'easy'],
    ]);
  });

  it('makes a place findable by its name, kind, 地区 and address in the page language', () => {
    const ja = records.find((record) => record.url === '/places/miyoshi-kominkan')!;
    expect(ja.meta.title).toBe('三芳公民館');
    for (const word of ['三芳公民館', '公民館', '三芳', '下井手町']) expect(ja.content).toContain(word);
    const en = records.find((record) => record.url === '/en/places/miyoshi-kominkan')!;
    expect(en.meta.title).toBe('Miyoshi Community Hall');
    expect(en.content).toContain('Shimoide-machi');
    expect(en.content).not.toMatch(/[\p{Script=Han}]/u);
  });

  it('marks sample places as samples in the result title', () => {
    const sample = places.find((place) => place.sample)!;
    const titles = records.filter((record) => record.url.endsWith(`/places/${sample.id}`)).map((r) => r.meta.title);
    expect(titles).toEqual([
      expect.stringContaining('サンプル'),
      expect.stringContaining('Sample'),
      expect.stringContaining('サンプル'),
    ]);
    const real = records.find((record) => record.url === '/places/miyoshi-kominkan')!;
    expect(real.meta.title).not.toContain('サンプル');
  });

  it("lists every place page in every locale for the sitemap, with the site's own paths", () => {
    const paths = placePagePaths(places.map((place) => place.id));
    for (const locale of ['ja', 'en', 'easy'] as const)
      expect(paths).toContain(localizePath('/places/miyoshi-kominkan', locale));
    expect(paths).toHaveLength(places.length * 3);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/places/miyoshi-kominkan',
        '/en/places/miyoshi-kominkan',
        '/easy/places/miyoshi-kominkan',
      ]),
    );
  });
});
