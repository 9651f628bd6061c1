import { describe, expect, it } from 'vitest';
import { dictionaries, LOCALES, localizePath, splitLocale, t } from './i18n.ts';

describe('UI strings', () => {
  it('has the same keys in every locale, none empty', () => {
    const reference = Object.keys(dictionaries.ja).sort();
    expect(reference.length).toBeGreaterThan(10);
    for (const locale of LOCALES) {
      expect(Object.keys(dictionaries[locale]).sort(), locale).toEqual(reference);
      for (const [key, value] of Object.entries(dictionaries[locale]))
        expect(value.trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('uses the same placeholders in every locale', () => {
    for (const key of Object.keys(dictionaries.ja)) {
      const names = (locale: (typeof LOCALES)[number]) => (dictionaries[locale][key]?.match(/\{\w+\}/g) ?? []).sort();
      expect(names('en'), key).toEqual(names('ja'));
      expect(names('easy'), key).toEqual(names('ja'));
    }
  });

  it('fills placeholders and fails loudly on unknown keys', () => {
    expect(t('en', 'a11y.checked', { date: '2026-11-28' })).toBe('Statement last reviewed: 2026-11-28');
    expect(() => t('ja', 'no.such.key')).toThrow(/Missing UI string/);
  });
});

describe('locale paths', () => {
  it.each([
    ['/', 'ja', '/'],
    ['/', 'en', '/en/'],
    ['/accessibility', 'easy', '/easy/accessibility'],
    ['places', 'ja', '/places'],
  ] as const)('localizePath(%s, %s) = %s', (path, locale, expected) => {
    expect(localizePath(path, locale)).toBe(expected);
  });

  it.each([
    ['/', 'ja', '/'],
    ['/en', 'en', '/'],
    ['/en/', 'en', '/'],
    ['/easy/accessibility/', 'easy', '/accessibility/'],
    ['/english', 'ja', '/english'],
  ] as const)('splitLocale(%s) = %s %s', (pathname, locale, path) => {
    expect(splitLocale(pathname)).toEqual({ locale, path });
  });
});
