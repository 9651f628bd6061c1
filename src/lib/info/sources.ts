/**
 * The sources page: every source used by the information content, what kind of source it is
 * (the plan, official, national, press, unofficial), the pages that use it and the latest date
 * it was checked.
 */

/** Kinds of source, in the order the sources page lists them. */
export const SOURCE_KINDS = ['plan', 'official', 'national', 'press', 'unofficial', 'site'] as const;
/** A kind of source. */
export type SourceKind = (typeof SOURCE_KINDS)[number];

const OFFICIAL = /(^|\.)(city\.hita\.oita\.jp|hita-k\.org|hitashakyo\.jp|pref\.oita\.jp|oita-ed\.jp|mykoho\.jp)$/;
const NATIONAL = /(^|\.)(go\.jp|houterasu\.or\.jp|279338\.jp)$/;
const PRESS = /(^|\.)(mainichi\.jp|nishinippon\.co\.jp|news\.livedoor\.com)$/;

/** The kind of a source (a URL, `/` for this site, or a document name such as the plan). */
export function sourceKind(source: string): SourceKind {
  if (source === '/') return 'site';
  if (!/^https?:\/\//.test(source)) return 'plan';
  const host = new URL(source).hostname;
  if (OFFICIAL.test(host)) return 'official';
  if (NATIONAL.test(host)) return 'national';
  if (PRESS.test(host)) return 'press';
  return 'unofficial';
}

/** A use of a source on a page. */
export interface SourceUse {
  source: string;
  checkedOn: string;
  page: { title: string; href: string };
  /** A label for sources that are not pages of their own (e.g. a hotline's name). */
  label?: string;
}

/** A source with every page that uses it. */
export interface SourceEntry {
  source: string;
  kind: SourceKind;
  label?: string;
  /** Latest date it was checked. */
  checkedOn: string;
  pages: { title: string; href: string }[];
}

/** Group uses by source, sorted by kind, then by source. */
export function groupSources(uses: readonly SourceUse[]): SourceEntry[] {
  const bySource = new Map<string, SourceEntry>();
  for (const use of uses) {
    const entry = bySource.get(use.source) ?? {
      source: use.source,
      kind: sourceKind(use.source),
      ...(use.label ? { label: use.label } : {}),
      checkedOn: use.checkedOn,
      pages: [],
    };
    if (use.checkedOn > entry.checkedOn) entry.checkedOn = use.checkedOn;
    if (!entry.pages.some((page) => page.href === use.page.href)) entry.pages.push(use.page);
    bySource.set(use.source, entry);
  }
  return [...bySource.values()].sort(
    (a, b) => SOURCE_KINDS.indexOf(a.kind) - SOURCE_KINDS.indexOf(b.kind) || a.source.localeCompare(b.source),
  );
}
