/**
 * A minimal RSS 2.0 writer: every text is XML-escaped, dates are RFC 822 (midnight JST).
 */

/** One feed item. */
export interface FeedItem {
  title: string;
  link: string;
  description: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** The feed. */
export interface Feed {
  title: string;
  description: string;
  link: string;
  /** The feed's own URL (atom:link rel=self). */
  self: string;
  language: string;
  items: FeedItem[];
}

/** Escape text for XML element content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`,
  );
}

/** `2026-11-28` → `Fri, 27 Nov 2026 15:00:00 GMT` (midnight in Japan). */
export function rfc822(date: string): string {
  return new Date(`${date}T00:00:00+09:00`).toUTCString();
}

/** The RSS document. */
export function rssFeed(feed: Feed): string {
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="true">${escapeXml(item.link)}</guid>
      <description>${escapeXml(item.description)}</description>
      <pubDate>${rfc822(item.date)}</pubDate>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <description>${escapeXml(feed.description)}</description>
    <language>${escapeXml(feed.language)}</language>
    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}
