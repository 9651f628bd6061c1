/**
 * Open data builders (pure): GeoJSON, the 公共施設一覧 CSV, HSDS-style JSON, iCalendar, and the
 * offline map style. Used by the prerendered endpoints in src/pages/ (files under /places.*).
 */
import { stringify } from 'csv-stringify/sync';
import ical, { ICalCalendarMethod, ICalEventRepeatingFreq, ICalWeekday } from 'ical-generator';
import type { District } from '../content/districts.ts';
import type { Place, PlaceSchedule } from '../content/places.ts';
import type { PolygonGeometry } from './geo.ts';
import { describeSchedule } from './schedule-text.ts';
import { nextOccurrences, parseRule, skippedHolidays, WEEKDAYS } from './schedule.ts';

/** 全国地方公共団体コード of 日田市 (with check digit). */
export const HITA_CODE = '442046';

/** Credits for the data sources used in the open data. */
export const CREDITS = {
  positions: 'Geolonia 住所データ（CC BY 4.0）／国土交通省「位置参照情報」をもとに作成',
  boundary: '出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成',
  licence: 'CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)',
} as const;

const KIND_JA: Record<Place['kinds'][number], string> = {
  kominkan: '公民館',
  salon: 'サロン',
  kayoinoba: '通いの場',
  'kodomo-shokudo': '子ども食堂',
  ibasho: '居場所',
  'rojin-center': '老人福祉センター',
  'fukushi-center': '保健福祉センター',
  hinanjo: '避難所',
};
const JA_WEEKDAY = { MO: '月', TU: '火', WE: '水', TH: '木', FR: '金', SA: '土', SU: '日' } as const;

/** The page URL of a place. */
export const placeUrl = (origin: string, id: string) => new URL(`/places/${id}`, origin).href;

/** GeoJSON FeatureCollection of all places (RFC 7946), with credits as foreign members. */
export function placesGeoJson(places: Place[], origin: string) {
  return {
    type: 'FeatureCollection' as const,
    name: 'sasaeai-hita-places',
    attribution: CREDITS.positions,
    license: CREDITS.licence,
    features: places.map((p) => ({
      type: 'Feature' as const,
      id: p.id,
      geometry: { type: 'Point' as const, coordinates: [p.location[0], p.location[1]] },
      properties: {
        id: p.id,
        name: p.name.ja,
        nameEn: p.name.en,
        reading: p.reading,
        kinds: p.kinds,
        district: p.district,
        area: p.area,
        address: p.address?.ja ?? null,
        postalCode: p.postalCode,
        precision: p.precision,
        schedule: p.schedule.map((s) => describeSchedule(s, 'ja')),
        wheelchair: p.accessibility.wheelchair,
        parking: p.accessibility.parking,
        toilet: p.accessibility.toilet,
        phone: p.contact.phone,
        url: placeUrl(origin, p.id),
        sample: p.sample,
        sampleFields: p.sampleFields,
        source: p.source,
        checkedOn: p.checkedOn,
      },
    })),
  };
}

/**
 * The CSV header: the 推奨データセット「公共施設一覧」 columns (内閣官房, verified from two independent
 * copies). The 自治体標準オープンデータセット (デジタル庁) version of this sheet could not be verified;
 * see README and the open-data page.
 */
export const CSV_HEADER = [
  '都道府県コード又は市区町村コード',
  'NO',
  '都道府県名',
  '市区町村名',
  '名称',
  '名称_カナ',
  '名称_通称',
  'POIコード',
  '住所',
  '方書',
  '緯度',
  '経度',
  '電話番号',
  '内線番号',
  '法人番号',
  '団体名',
  '利用可能曜日',
  '開始時間',
  '終了時間',
  '利用可能日時特記事項',
  '説明',
  'バリアフリー情報',
  'URL',
  '備考',
] as const;

/** Hiragana → katakana (名称_カナ). */
export function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

function weekdaysOf(schedules: PlaceSchedule[]): string {
  const days = new Set(
    schedules.flatMap((s) => {
      const shape = parseRule(s.rrule);
      return shape.freq === 'weekly'
        ? shape.weekdays
        : shape.freq === 'monthly-nth'
          ? shape.days.map((d) => d.weekday)
          : [];
    }),
  );
  return WEEKDAYS.filter((day) => days.has(day))
    .map((day) => JA_WEEKDAY[day])
    .join(',');
}

function barrierFree(p: Place): string {
  const flag = (value: boolean | null, yes: string, no: string) => (value === null ? '' : value ? yes : no);
  return [
    flag(p.accessibility.wheelchair, '車いす可', '車いす不可'),
    flag(p.accessibility.parking, '駐車場あり', '駐車場なし'),
    flag(p.accessibility.toilet, 'トイレあり', 'トイレなし'),
    p.accessibility.busStop ? `バス：${p.accessibility.busStop.ja}` : '',
  ]
    .filter(Boolean)
    .join('、');
}

function remarks(p: Place, districts: Map<string, District>): string {
  const parts = [
    `種別：${p.kinds.map((k) => KIND_JA[k]).join('・')}`,
    `地区：${districts.get(p.district)?.name.ja ?? p.district}`,
    p.precision === 'town' ? `位置はおおよその位置（${p.locationTown ?? '町・大字'}の代表点）` : '',
    p.sample ? 'サンプル（架空・未確認のデータ）' : '',
    p.sampleFields.length > 0 ? `未確認の項目：${p.sampleFields.join(',')}` : '',
    p.source ? `出典：${p.source}` : '',
    `確認日：${p.checkedOn}`,
  ];
  return parts.filter(Boolean).join('／');
}

/** The 公共施設一覧 CSV: UTF-8 with a BOM, CRLF line ends, every field quoted when needed. */
export function placesCsv(places: Place[], districts: District[], origin: string): string {
  const byId = new Map(districts.map((d) => [d.id, d]));
  const rows = places.map((p, index) => {
    const first = p.schedule[0];
    return [
      HITA_CODE,
      String(index + 1),
      '大分県',
      '日田市',
      p.name.ja,
      toKatakana(p.reading),
      '',
      '',
      p.address?.ja ?? '',
      '',
      p.location[1].toFixed(6),
      p.location[0].toFixed(6),
      p.contact.phone ?? '',
      '',
      '',
      '',
      weekdaysOf(p.schedule),
      first?.start ?? '',
      first?.end ?? '',
      p.schedule.map((s) => `${s.activity.ja}：${describeSchedule(s, 'ja')}`).join('。'),
      p.description.ja,
      barrierFree(p),
      placeUrl(origin, p.id),
      remarks(p, byId),
    ];
  });
  return `\uFEFF${stringify([[...CSV_HEADER], ...rows], { record_delimiter: 'windows' })}`;
}

const hsdsDay = (shape: ReturnType<typeof parseRule>): string =>
  shape.freq === 'weekly'
    ? shape.weekdays.join(',')
    : shape.freq === 'monthly-nth'
      ? shape.days.map((d) => `${d.nth}${d.weekday}`).join(',')
      : '';

/**
 * HSDS 3.0-style JSON: one location per place with its schedules (RRULE parts split into HSDS
 * schedule fields: freq, interval, byday, bymonthday, opens_at, closes_at, dtstart, timezone).
 */
export function placesHsds(places: Place[], origin: string) {
  return {
    hsds_version: '3.0',
    name: 'ささえあい日田 集いの場',
    license: CREDITS.licence,
    attribution: CREDITS.positions,
    locations: places.map((p) => ({
      id: p.id,
      location_type: 'physical',
      url: placeUrl(origin, p.id),
      name: p.name.ja,
      alternate_name: p.name.en,
      description: p.description.ja,
      latitude: p.location[1],
      longitude: p.location[0],
      external_identifiers: [],
      languages: [{ name: 'Japanese', code: 'ja' }],
      addresses: p.address
        ? [
            {
              address_1: p.address.ja,
              city: '日田市',
              region: '大分県',
              state_province: '大分県',
              postal_code: p.postalCode ?? '',
              country: 'JP',
              address_type: 'physical',
            },
          ]
        : [],
      phones: p.contact.phone ? [{ number: p.contact.phone, type: 'voice' }] : [],
      accessibility: [
        {
          description: [
            p.accessibility.wheelchair === null
              ? ''
              : p.accessibility.wheelchair
                ? 'Wheelchair accessible'
                : 'Not wheelchair accessible',
            p.accessibility.parking ? 'Parking' : '',
            p.accessibility.toilet ? 'Toilet' : '',
          ]
            .filter(Boolean)
            .join('; '),
          details: p.accessibility.busStop?.en ?? null,
        },
      ],
      schedules: p.schedule.map((s, index) => {
        const shape = parseRule(s.rrule);
        return {
          id: `${p.id}-${index + 1}`,
          location_id: p.id,
          valid_from: s.startDate,
          valid_to: s.endDate ?? null,
          dtstart: s.startDate,
          timezone: 9,
          freq: shape.freq === 'weekly' ? 'WEEKLY' : 'MONTHLY',
          interval: shape.freq === 'weekly' ? shape.interval : 1,
          byday: hsdsDay(shape),
          bymonthday: shape.freq === 'monthly-day' ? shape.monthDays.join(',') : null,
          opens_at: s.start,
          closes_at: s.end,
          description: `${s.activity.ja}：${describeSchedule(s, 'ja')}`,
          notes: s.skipHolidays ? '祝日は休み（Not on Japanese public holidays）' : null,
          rrule: s.rrule,
        };
      }),
      sample: p.sample,
      sample_fields: p.sampleFields,
      source: p.source,
      last_checked: p.checkedOn,
    })),
  };
}

const VTIMEZONE_TOKYO = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Tokyo',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0900',
  'TZOFFSETTO:+0900',
  'TZNAME:JST',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const ICAL_DAY: Record<(typeof WEEKDAYS)[number], ICalWeekday> = {
  MO: ICalWeekday.MO,
  TU: ICalWeekday.TU,
  WE: ICalWeekday.WE,
  TH: ICalWeekday.TH,
  FR: ICalWeekday.FR,
  SA: ICalWeekday.SA,
  SU: ICalWeekday.SU,
};

/**
 * A Date whose LOCAL fields are the Japan wall-clock time: with a TZID, ical-generator writes a
 * native Date's local fields, so this works whatever the build machine's time zone is.
 */
function wall(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm);
}

/**
 * An iCalendar feed of the places' schedules: one recurring event per schedule (RRULE in
 * Asia/Tokyo), with public holidays of the next two years as EXDATEs when the schedule skips them.
 */
export function placesIcal(places: Place[], origin: string, now: Date, name = 'ささえあい日田 集いの場'): string {
  const calendar = ical({ name, prodId: { company: 'sasaeai-hita', product: 'places', language: 'JA' } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.timezone({ name: 'Asia/Tokyo', generator: () => VTIMEZONE_TOKYO });
  const horizon = new Date(now.getTime() + 2 * 366 * 24 * 3600 * 1000);
  for (const p of places) {
    p.schedule.forEach((s, index) => {
      const shape = parseRule(s.rrule);
      const holidays = skippedHolidays(s, new Date(`${s.startDate}T00:00:00+09:00`), horizon);
      const byDay =
        shape.freq === 'weekly'
          ? shape.weekdays.map((d) => ICAL_DAY[d])
          : shape.freq === 'monthly-nth'
            ? [...new Set(shape.days.map((d) => ICAL_DAY[d.weekday]))]
            : undefined;
      const bySetPos =
        shape.freq === 'monthly-nth' && new Set(shape.days.map((d) => d.weekday)).size === 1
          ? shape.days.map((d) => d.nth)
          : undefined;
      if (shape.freq === 'monthly-nth' && bySetPos === undefined) return; // mixed weekdays: not expressible here
      // DTSTART must be the first occurrence itself (clients count DTSTART as one).
      const [first] = nextOccurrences({ ...s, skipHolidays: false }, new Date(`${s.startDate}T00:00:00+09:00`), 1);
      if (!first) return;
      calendar.createEvent({
        id: `${p.id}-${index + 1}@sasaeai-hita`,
        summary: `${s.activity.ja}（${p.name.ja}）${p.sample ? '［サンプル］' : ''}`,
        description: `${describeSchedule(s, 'ja')}\n${placeUrl(origin, p.id)}`,
        location: p.address?.ja ?? p.name.ja,
        url: placeUrl(origin, p.id),
        start: wall(first.date, s.start),
        end: wall(first.date, s.end),
        timezone: 'Asia/Tokyo',
        repeating: {
          freq: shape.freq === 'weekly' ? ICalEventRepeatingFreq.WEEKLY : ICalEventRepeatingFreq.MONTHLY,
          ...(shape.freq === 'weekly' && shape.interval === 2 ? { interval: 2 } : {}),
          ...(byDay ? { byDay } : {}),
          ...(bySetPos ? { bySetPos } : {}),
          ...(shape.freq === 'monthly-day' ? { byMonthDay: shape.monthDays } : {}),
          ...(s.endDate ? { until: wall(s.endDate, '23:59') } : {}),
          ...(holidays.length > 0
            ? { exclude: holidays.map((o) => wall(o.date, s.start)), excludeTimezone: 'Asia/Tokyo' }
            : {}),
        },
      });
    });
  }
  return calendar.toString();
}

/** The offline map style: background, the city (filled + outline) and 地区 points. No glyphs, no sprite. */
export function offlineMapStyle(boundary: { features: { geometry: PolygonGeometry }[] }, districts: District[]) {
  return {
    version: 8 as const,
    name: 'ささえあい日田 offline',
    sources: {
      city: {
        type: 'geojson' as const,
        data: {
          type: 'FeatureCollection',
          features: boundary.features.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })),
        },
        attribution: '国土数値情報（行政区域データ）を加工',
      },
      districts: {
        type: 'geojson' as const,
        data: {
          type: 'FeatureCollection',
          features: districts.map((d) => ({
            type: 'Feature',
            properties: { id: d.id, name: d.name.ja },
            geometry: { type: 'Point', coordinates: d.point },
          })),
        },
        attribution: 'Geolonia 住所データ（CC BY 4.0）',
      },
    },
    layers: [
      { id: 'background', type: 'background' as const, paint: { 'background-color': '#dde7f2' } },
      { id: 'city-fill', type: 'fill' as const, source: 'city', paint: { 'fill-color': '#f7faf2' } },
      {
        id: 'city-outline',
        type: 'line' as const,
        source: 'city',
        paint: { 'line-color': '#41464f', 'line-width': 2 },
      },
      {
        id: 'district-points',
        type: 'circle' as const,
        source: 'districts',
        paint: { 'circle-color': '#767a85', 'circle-radius': 4 },
      },
    ],
  };
}
