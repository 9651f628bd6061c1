/** The RSS writer escapes every text and writes RFC 822 dates. */
import { describe, expect, it } from 'vitest';
import { escapeXml, rfc822, rssFeed } from './rss.ts';

describe('rssFeed', () => {
  it('escapes markup in titles, links and descriptions', () => {
    const xml = rssFeed({
      title: 'A & B <news>',
      description: '"quoted" \'text\'',
      link: 'https://example.jp/news?a=1&b=2',
      self: 'https://example.jp/news/rss.xml',
      language: 'ja',
      items: [
        {
          title: '<script>alert(1)</script>',
          link: 'https://example.jp/x?a&b',
          description: 'x & y',
          date: '2026-11-28',
        },
      ],
    });
    expect(xml).toContain('<title>A &amp; B &lt;news&gt;</title>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).toContain('<link>https://example.jp/x?a&amp;b</link>');
    expect(xml).not.toContain('<script>');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('writes dates at midnight in Japan', () => {
    expect(rfc822('2026-11-28')).toBe('Fri, 27 Nov 2026 15:00:00 GMT');
    expect(escapeXml(`'"`)).toBe('&apos;&quot;');
  });
});
