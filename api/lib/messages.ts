/**
 * Pure helpers shared by the site's and the API's UI strings: merging the per-area files of a
 * locale and filling `{name}` placeholders. No I/O, so browser code may import it too.
 */

/** Flat dotted keys → template. */
export type Dictionary = Record<string, string>;

/** Merge area files into one dictionary per locale; a key defined twice is an error. */
export function mergeDictionaries<L extends string>(
  files: Iterable<{ locale: L; name: string; strings: Dictionary }>,
  locales: readonly L[],
): Record<L, Dictionary> {
  const result: Partial<Record<string, Dictionary>> = Object.fromEntries(locales.map((locale) => [locale, {}]));
  for (const { locale, name, strings } of files) {
    const target = result[locale];
    if (!target) throw new Error(`Unknown locale folder in ${name}`);
    for (const [key, value] of Object.entries(strings)) {
      if (key in target) throw new Error(`The string ${key} is defined twice for ${locale} (${name})`);
      target[key] = value;
    }
  }
  return result as Record<L, Dictionary>;
}

/** Replace `{name}` placeholders; unknown placeholders stay visible so they get noticed. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
