/**
 * Furigana: the reviewed dictionary overrides the analyser (place names read right), okurigana
 * stay outside the ruby, numbers with counters follow the rules, spaces survive, HTML is escaped,
 * and `rubyHtml` only touches Japanese text nodes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createFurigana, type Furigana, loadFurigana, rubyHtml, rubyWord, type Token } from './furigana.ts';

/** Readings as a compact string: 日田(ひた)・天瀬(あまがせ). */
function readable(html: string): string {
  return html.replace(/<ruby>(.*?)<rt>(.*?)<\/rt><\/ruby>/g, '$1($2)');
}

describe('rubyWord (pure)', () => {
  it.each([
    ['話し', 'ハナシ', '話(はな)し'],
    ['取り組み', 'トリクミ', '取(と)り組(く)み'],
    ['子ども食堂', 'こどもしょくどう', '子(こ)ども食堂(しょくどう)'],
    ['介護', 'カイゴ', '介護(かいご)'],
    ['センター', 'センター', 'センター'],
    ['謎', undefined, '謎'],
  ])('%s + %s → %s', (surface, reading, expected) => {
    expect(readable(rubyWord(surface, reading))).toBe(expected);
  });

  it('gives the whole word the reading when it cannot be aligned', () => {
    expect(readable(rubyWord('大人しい', 'オトナシイ'))).toBe('大人(おとな)しい');
    expect(readable(rubyWord('何か所', 'ナンカショ'))).toBe('何(なん)か所(しょ)');
  });
});

describe('createFurigana with a stub analyser', () => {
  // The stub splits on a fixed vocabulary, like a tiny analyser, and misreads 夜明 and 一人.
  const vocabulary: Record<string, string> = { 夜明: 'ヨアケ', け: 'ケ', 一: 'イチ', 人: 'ニン' };
  const tokenize = (text: string): Token[] => {
    const tokens: Token[] = [];
    let rest = text;
    while (rest) {
      const word = Object.keys(vocabulary)
        .sort((a, b) => b.length - a.length)
        .find((candidate) => rest.startsWith(candidate));
      const surface = word ?? [...rest][0] ?? '';
      tokens.push({ surface, reading: word ? vocabulary[word] : undefined });
      rest = rest.slice(surface.length);
    }
    return tokens;
  };
  const furigana = createFurigana(tokenize, [
    { surface: '日田', reading: 'ひた' },
    { surface: '日田市', reading: 'ひたし' },
    { surface: '夜明け', reading: 'よあけ' },
    { surface: '一人', reading: 'ひとり' },
  ]);

  it('prefers the longest dictionary entry', () => {
    expect(readable(furigana('日田市の日田'))).toBe('日田市(ひたし)の日田(ひた)');
  });

  it('does not read 夜明け as よあけけ', () => {
    expect(readable(furigana('夜明け'))).toBe('夜明(よあ)け');
    expect(furigana('夜明け')).not.toContain('よあけけ');
  });

  it('overrides the analyser with the dictionary', () => {
    expect(readable(furigana('一人で'))).toBe('一人(ひとり)で');
  });

  it('keeps spaces and analyses words across them', () => {
    expect(readable(furigana('日田の 一人 です'))).toBe('日田(ひた)の 一人(ひとり) です');
  });

  it('does not join a dictionary word across a space', () => {
    expect(furigana('日 田')).toBe('日 田');
  });

  it('escapes HTML and leaves text without kanji alone', () => {
    expect(furigana('<b>&"</b>')).toBe('&lt;b&gt;&amp;&quot;&lt;/b&gt;');
    expect(furigana('にほんご <b>')).toBe('にほんご &lt;b&gt;');
  });
});

describe('furigana with kuromoji and the reviewed dictionary', () => {
  let furigana: Furigana;
  beforeAll(async () => {
    furigana = await loadFurigana();
  });

  it('reads the place names of Hita right', () => {
    expect(readable(furigana('日田・天瀬・前津江・中津江・上津江・大山'))).toBe(
      '日田(ひた)・天瀬(あまがせ)・前津江(まえつえ)・中津江(なかつえ)・上津江(かみつえ)・大山(おおやま)',
    );
    // Reviewed compounds are split into words when the analyser's readings add up to the reviewed one.
    expect(readable(furigana('日田市の天瀬町と大山町'))).toBe(
      '日田市(ひたし)の天瀬(あまがせ)町(まち)と大山(おおやま)町(まち)',
    );
    expect(readable(furigana('中津江村と前津江町と上津江町'))).toBe(
      '中津江(なかつえ)村(むら)と前津江(まえつえ)町(まち)と上津江(かみつえ)町(まち)',
    );
  });

  it('reads 夜明 and 夜明け without doubling the け', () => {
    expect(readable(furigana('夜明地区の夜明け'))).toBe('夜明(よあけ)地区(ちく)の夜明(よあ)け');
  });

  it('reads numbers with counters by rule', () => {
    expect(readable(furigana('8時30分から17時15分まで'))).toBe('8時(じ)30分(ぷん)から17時(じ)15分(ふん)まで');
    expect(readable(furigana('2025年12月1日'))).toBe('2025年(ねん)12月(じゅうにがつ)1日(ついたち)');
    expect(readable(furigana('1人か2人、3人'))).toBe('1人(ひとり)か2人(ふたり)、3人(にん)');
    expect(readable(furigana('65歳以上'))).toBe('65歳(さい)以上(いじょう)');
    expect(readable(furigana('108か所'))).toBe('108か所(しょ)');
  });

  it('splits reviewed compounds into words when the analyser agrees, and keeps okurigana outside', () => {
    expect(readable(furigana('地域包括支援センター'))).toBe('地域(ちいき)包括(ほうかつ)支援(しえん)センター');
    expect(readable(furigana('話して ください'))).toBe('話(はな)して ください');
    expect(readable(furigana('一人で にげる'))).toBe('一人(ひとり)で にげる');
  });

  it('puts ruby on the text of an HTML page only', () => {
    const page =
      '<html lang="ja"><head><title>日田</title></head><body>' +
      '<p title="日田 > 天瀬">日田&amp;天瀬 <a href="/en/" lang="en">Hita 日田</a></p>' +
      '<select><option>日田</option></select><span data-no-ruby>日田</span>' +
      '<script>const a = "日田<b>";</script><!-- 日田 --><ruby>日田<rt>ひた</rt></ruby><br>大山</body></html>';
    const result = rubyHtml(page, furigana);
    expect(result).toBe(
      '<html lang="ja"><head><title>日田</title></head><body>' +
        '<p title="日田 > 天瀬"><ruby>日田<rt>ひた</rt></ruby>&amp;<ruby>天瀬<rt>あまがせ</rt></ruby> <a href="/en/" lang="en">Hita 日田</a></p>' +
        '<select><option>日田</option></select><span data-no-ruby>日田</span>' +
        '<script>const a = "日田<b>";</script><!-- 日田 --><ruby>日田<rt>ひた</rt></ruby><br><ruby>大山<rt>おおやま</rt></ruby></body></html>',
    );
  });

  it('is idempotent on a page that already has ruby', () => {
    const once = rubyHtml('<p>日田の介護</p>', furigana);
    expect(rubyHtml(once, furigana)).toBe(once);
  });
});
