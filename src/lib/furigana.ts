/**
 * Furigana for やさしい日本語: plain text → HTML with `<ruby>` over every word written in kanji.
 * Readings come from the reviewed dictionary in content/readings/dictionary.json first (longest
 * match wins, so 「日田市」 beats 「日田」 and 「夜明け」 beats 「夜明」), then from the kuromoji
 * morphological analyser (IPADIC). Numbers with counters are read by rule (8時30分 → じ・ぷん,
 * 1日 → ついたち, 2人 → ふたり), because the analyser reads them one character at a time.
 * Spaces between words (分かち書き) are kept in the output but removed for the analysis, which
 * misreads the word after a space. Everything that is not ruby markup is HTML-escaped.
 *
 * `createFurigana` is pure (it takes the tokenizer as an argument); `loadFurigana` wires it to
 * kuromoji and the content dictionary at build time; `rubyHtml` applies it to the text of a
 * whole HTML page (scripts, titles, form options, code and non-Japanese parts are left alone).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';

/** A word as the analyser returns it; `reading` in katakana or hiragana, missing when unknown. */
export interface Token {
  surface: string;
  reading?: string | undefined;
}

/** Splits text into words. */
export type Tokenize = (text: string) => Token[];

/** A reviewed reading: written form and its reading in hiragana. */
export interface ReadingEntry {
  surface: string;
  reading: string;
}

/** Turns plain text into HTML with furigana. */
export type Furigana = (text: string) => string;

const KANJI = /[\p{Script=Han}々〆ヶ]/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
const DIGITS = /^[0-9０-９]+$/;
const WHITESPACE = /\s/;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&quot;',
  );
}

/** Katakana → hiragana (the long-vowel mark ー is kept). */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
}

function hasKanji(text: string): boolean {
  return KANJI.test(text);
}

function ruby(base: string, reading: string): string {
  return `<ruby>${escapeHtml(base)}<rt>${escapeHtml(reading)}</rt></ruby>`;
}

/** Runs of kana and of everything else (kanji, digits…), in order. */
function runs(surface: string): { kana: boolean; text: string }[] {
  const result: { kana: boolean; text: string }[] = [];
  for (const char of surface) {
    const kana = KANA.test(char);
    const last = result[result.length - 1];
    if (last && last.kana === kana) last.text += char;
    else result.push({ kana, text: char });
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Ruby for one word: only the kanji parts get a reading, the kana (okurigana) stay as they are.
 * `話して` + `はなして` → 話(はな)して. When the reading cannot be aligned, the whole word gets it.
 */
export function rubyWord(surface: string, reading: string | undefined): string {
  if (!hasKanji(surface) || !reading || reading === '*') return escapeHtml(surface);
  const hiragana = toHiragana(reading);
  const parts = runs(surface);
  if (parts.length === 1) return ruby(surface, hiragana);
  const pattern = new RegExp(
    `^${parts.map((part) => (part.kana ? escapeRegExp(toHiragana(part.text)) : '(.+?)')).join('')}$`,
    'u',
  );
  const match = pattern.exec(hiragana);
  if (!match) return ruby(surface, hiragana);
  let group = 1;
  return parts
    .map((part) => {
      if (part.kana) return escapeHtml(part.text);
      const partReading = match[group++] ?? '';
      return hasKanji(part.text) ? ruby(part.text, partReading) : escapeHtml(part.text);
    })
    .join('');
}

/** Readings of a date's day (1日 → ついたち); other days are read 〜にち. */
const DAY_READINGS: Record<number, string> = {
  1: 'ついたち',
  2: 'ふつか',
  3: 'みっか',
  4: 'よっか',
  5: 'いつか',
  6: 'むいか',
  7: 'なのか',
  8: 'ようか',
  9: 'ここのか',
  10: 'とおか',
  14: 'じゅうよっか',
  20: 'はつか',
  24: 'にじゅうよっか',
};

/** Counters read the same after any number. */
const COUNTER_READINGS: Record<string, string> = {
  年: 'ねん',
  歳: 'さい',
  才: 'さい',
  時: 'じ',
  代: 'だい',
  回: 'かい',
  件: 'けん',
  番: 'ばん',
  号: 'ごう',
  週: 'しゅう',
  円: 'えん',
  万: 'まん',
  億: 'おく',
  色: 'しょく',
  条: 'じょう',
  項: 'こう',
  期: 'き',
  位: 'い',
  世帯: 'せたい',
  団体: 'だんたい',
  か所: 'かしょ',
  ヶ所: 'かしょ',
  カ所: 'かしょ',
  か月: 'かげつ',
  ヶ月: 'かげつ',
  カ月: 'かげつ',
  時間: 'じかん',
  年間: 'ねんかん',
  日間: 'にちかん',
  分間: 'ふんかん',
};

function numberValue(digits: string): number {
  return Number(digits.replace(/[０-９]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0)));
}

/** A word after a number, read by rule; null when the word is not a counter handled here. */
function counterPiece(number: string, counter: string): { surface: string; reading: string; merge: boolean } | null {
  const value = numberValue(number);
  const last = value % 10;
  if (counter === '日') {
    const special = DAY_READINGS[value];
    return special
      ? { surface: `${number}日`, reading: special, merge: true }
      : { surface: '日', reading: 'にち', merge: false };
  }
  if (counter === '人') {
    if (value === 1) return { surface: `${number}人`, reading: 'ひとり', merge: true };
    if (value === 2) return { surface: `${number}人`, reading: 'ふたり', merge: true };
    return { surface: '人', reading: 'にん', merge: false };
  }
  if (counter === '分') {
    return { surface: '分', reading: [1, 3, 4, 6, 8, 0].includes(last) ? 'ぷん' : 'ふん', merge: false };
  }
  if (counter === '階') return { surface: '階', reading: last === 3 && value < 10 ? 'がい' : 'かい', merge: false };
  if (counter === '月') return { surface: '月', reading: 'がつ', merge: false };
  const reading = COUNTER_READINGS[counter];
  return reading ? { surface: counter, reading, merge: false } : null;
}

interface Piece {
  surface: string;
  reading?: string | undefined;
  /** From the reviewed dictionary: split into words only when the analyser agrees with the reading. */
  fromDictionary?: boolean;
}

/**
 * Build a furigana function from a tokenizer and the reviewed reading dictionary.
 * @param tokenize the morphological analyser (kuromoji in production, a stub in tests)
 * @param dictionary readings that override the analyser, longest written form first
 */
export function createFurigana(tokenize: Tokenize, dictionary: readonly ReadingEntry[]): Furigana {
  const entries = new Map<string, string>();
  for (const entry of dictionary) entries.set(entry.surface, entry.reading);
  const lengths = [...new Set(dictionary.map((entry) => [...entry.surface].length))].sort((a, b) => b - a);

  /** Longest dictionary entry starting at `index` of `chars`, not crossing a space. */
  function dictionaryMatch(chars: string[], index: number): string | null {
    for (const length of lengths) {
      if (index + length > chars.length) continue;
      const candidate = chars.slice(index, index + length).join('');
      if (WHITESPACE.test(candidate)) continue;
      if (entries.has(candidate)) return candidate;
    }
    return null;
  }

  /** Words of a text without spaces, dictionary first. */
  function analyse(text: string): Piece[] {
    const chars = [...text];
    const pieces: Piece[] = [];
    let gap = '';
    const flushGap = () => {
      if (gap) for (const token of tokenize(gap)) pieces.push({ surface: token.surface, reading: token.reading });
      gap = '';
    };
    for (let index = 0; index < chars.length;) {
      const match = dictionaryMatch(chars, index);
      if (match) {
        flushGap();
        pieces.push({ surface: match, reading: entries.get(match), fromDictionary: true });
        index += [...match].length;
      } else {
        gap += chars[index];
        index++;
      }
    }
    flushGap();
    return applyCounters(pieces);
  }

  /** Numbers followed by counters: read the counter (or number + counter) by rule. */
  function applyCounters(pieces: Piece[]): Piece[] {
    const result: Piece[] = [];
    for (const piece of pieces) {
      const previous = result[result.length - 1];
      if (previous && DIGITS.test(previous.surface) && !piece.fromDictionary) {
        const counter = counterPiece(previous.surface, piece.surface);
        if (counter) {
          if (counter.merge) result.pop();
          result.push({ surface: counter.surface, reading: counter.reading, fromDictionary: true });
          continue;
        }
      }
      result.push(piece);
    }
    return result;
  }

  /** A dictionary entry split into words when the analyser's readings add up to the reviewed one. */
  function renderDictionaryPiece(piece: Piece): string {
    const tokens = tokenize(piece.surface);
    if (tokens.length > 1) {
      const combined = tokens
        .map((token) => (hasKanji(token.surface) ? (token.reading ?? '') : token.surface))
        .join('');
      if (toHiragana(combined) === toHiragana(piece.reading ?? '')) {
        return tokens.map((token) => rubyWord(token.surface, token.reading)).join('');
      }
    }
    return rubyWord(piece.surface, piece.reading);
  }

  function render(pieces: Piece[]): string {
    return pieces
      .map((piece) => (piece.fromDictionary ? renderDictionaryPiece(piece) : rubyWord(piece.surface, piece.reading)))
      .join('');
  }

  return (text: string): string => {
    if (!hasKanji(text)) return escapeHtml(text);
    // Analyse the text without its spaces, then put the spaces back between the words.
    const chars = [...text];
    const compact = chars.filter((char) => !WHITESPACE.test(char)).join('');
    const pieces = analyse(compact);
    let output = '';
    let cursor = 0;
    const emitSpaces = () => {
      while (cursor < chars.length && WHITESPACE.test(chars[cursor] ?? '')) output += chars[cursor++];
    };
    for (const piece of pieces) {
      emitSpaces();
      const length = [...piece.surface].length;
      const original = chars.slice(cursor, cursor + length).join('');
      if (original === piece.surface) {
        output += render([piece]);
        cursor += length;
        continue;
      }
      // The word straddles a space in the original: read each side on its own.
      let consumed = 0;
      let part = '';
      while (consumed < length) {
        const char = chars[cursor++] ?? '';
        if (WHITESPACE.test(char)) {
          if (part) output += render(analyse(part));
          part = '';
          output += char;
        } else {
          part += char;
          consumed++;
        }
      }
      if (part) output += render(analyse(part));
    }
    emitSpaces();
    return output;
  };
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is copied verbatim (raw text, or where ruby is not allowed or not wanted). */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);
const SKIP_ELEMENTS = new Set([
  'ruby',
  'rt',
  'rp',
  'option',
  'optgroup',
  'select',
  'code',
  'kbd',
  'samp',
  'pre',
  'svg',
  'math',
  'template',
  'head',
]);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decode the entities of a text node; null when it holds an entity this module does not know. */
function decodeEntities(text: string): string | null {
  let unknown = false;
  const decoded = text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = NAMED_ENTITIES[name.toLowerCase()];
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? null : decoded;
}

/** The end of the tag starting at `start` (index after `>`), respecting quoted attribute values. */
function tagEnd(html: string, start: number): number {
  let quote: string | null = null;
  for (let index = start + 1; index < html.length; index++) {
    const char = html[index];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index + 1;
  }
  return html.length;
}

function skipsRuby(name: string, tag: string): boolean {
  if (SKIP_ELEMENTS.has(name)) return true;
  if (/\sdata-no-ruby(?=[\s=>/])/i.test(tag) || /\stranslate\s*=\s*["']?no\b/i.test(tag)) return true;
  const lang = /\slang\s*=\s*["']?([a-z-]+)/i.exec(tag)?.[1];
  return lang !== undefined && !/^ja\b/i.test(lang);
}

/**
 * Add furigana to the Japanese text of an HTML document or fragment. Tags, attributes, comments,
 * raw-text elements and elements marked `data-no-ruby`, `translate="no"` or another `lang` are
 * copied unchanged.
 */
export function rubyHtml(html: string, furigana: Furigana): string {
  let output = '';
  const stack: { name: string; skip: boolean }[] = [];
  let index = 0;
  while (index < html.length) {
    if (html.startsWith('<!--', index)) {
      const end = html.indexOf('-->', index);
      const stop = end === -1 ? html.length : end + 3;
      output += html.slice(index, stop);
      index = stop;
      continue;
    }
    if (html[index] === '<' && /[a-z/!?]/i.test(html[index + 1] ?? '')) {
      const end = tagEnd(html, index);
      const tag = html.slice(index, end);
      output += tag;
      index = end;
      const closing = /^<\/([a-z0-9-]+)/i.exec(tag);
      if (closing) {
        const name = (closing[1] ?? '').toLowerCase();
        const at = stack.map((entry) => entry.name).lastIndexOf(name);
        if (at !== -1) stack.length = at;
        continue;
      }
      const opening = /^<([a-z0-9-]+)/i.exec(tag);
      if (!opening) continue;
      const name = (opening[1] ?? '').toLowerCase();
      if (RAW_TEXT_ELEMENTS.has(name)) {
        const close = html.toLowerCase().indexOf(`</${name}`, index);
        const stop = close === -1 ? html.length : close;
        output += html.slice(index, stop);
        index = stop;
        continue;
      }
      if (VOID_ELEMENTS.has(name) || tag.endsWith('/>')) continue;
      const parentSkip = stack[stack.length - 1]?.skip ?? false;
      stack.push({ name, skip: parentSkip || skipsRuby(name, tag) });
      continue;
    }
    const next = html.indexOf('<', index + 1);
    const stop = next === -1 ? html.length : next;
    const text = html.slice(index, stop);
    index = stop;
    const skip = stack[stack.length - 1]?.skip ?? false;
    const decoded = skip || !hasKanji(text) ? null : decodeEntities(text);
    output += decoded === null ? text : furigana(decoded);
  }
  return output;
}

/** The parts of the kuromoji module used here. */
interface KuromojiModule {
  builder(options: { dicPath: string }): {
    build(callback: (error: Error | null, tokenizer: Tokenizer<IpadicFeatures>) => void): void;
  };
}

let loaded: Promise<Furigana> | undefined;

/**
 * The furigana function used by the build: kuromoji's IPADIC plus the reviewed dictionary in
 * content/readings/dictionary.json. Loads once (about a second) and is cached.
 */
export function loadFurigana(root: string = process.cwd()): Promise<Furigana> {
  loaded ??= (async () => {
    const require = createRequire(path.join(root, 'package.json'));
    const kuromoji = require('kuromoji') as KuromojiModule;
    const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
    const tokenizer = await new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) =>
      kuromoji.builder({ dicPath }).build((error, built) => (error ? reject(error) : resolve(built))),
    );
    const file = path.join(root, 'content', 'readings', 'dictionary.json');
    const dictionary = (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: ReadingEntry[] }).entries;
    return createFurigana(
      (text) => tokenizer.tokenize(text).map((token) => ({ surface: token.surface_form, reading: token.reading })),
      dictionary,
    );
  })();
  return loaded;
}
