/** Sources are classified honestly and grouped with every page that uses them. */
import { describe, expect, it } from 'vitest';
import { groupSources, sourceKind } from './sources.ts';

describe('sourceKind', () => {
  it.each([
    ['第4期日田市地域福祉計画', 'plan'],
    ['https://www.city.hita.oita.jp/kenkou/6853.html', 'official'],
    ['http://hita-k.org/mihana/archives/date/2024/06/21', 'official'],
    ['https://www.gov-online.go.jp/cam/no_dvca/ca03/', 'national'],
    ['https://mainichi.jp/articles/20200901/ddl/k44/040/399000c', 'press'],
    ['https://blog.goo.ne.jp/nakano5147/d/20210829', 'unofficial'],
    ['https://evil-city.hita.oita.jp.example.com/', 'unofficial'],
    ['/', 'site'],
  ])('%s → %s', (source, kind) => {
    expect(sourceKind(source)).toBe(kind);
  });
});

describe('groupSources', () => {
  it('merges pages per source and keeps the latest check date', () => {
    const grouped = groupSources([
      { source: 'https://blog.example/x', checkedOn: '2026-01-01', page: { title: 'A', href: '/a' } },
      { source: '第4期日田市地域福祉計画', checkedOn: '2026-02-01', page: { title: 'B', href: '/b' } },
      { source: 'https://blog.example/x', checkedOn: '2026-03-01', page: { title: 'C', href: '/c' } },
      { source: 'https://blog.example/x', checkedOn: '2026-02-01', page: { title: 'A', href: '/a' } },
    ]);
    expect(grouped.map((entry) => entry.kind)).toEqual(['plan', 'unofficial']);
    expect(grouped[1]).toMatchObject({ checkedOn: '2026-03-01', pages: [{ href: '/a' }, { href: '/c' }] });
  });
});
