/**
 * Open data builders: the 公共施設一覧 CSV (BOM, header, CRLF, quoting), GeoJSON, HSDS schedules,
 * iCalendar (RRULE in Asia/Tokyo, first occurrence as DTSTART, holidays as EXDATE), offline style.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDistricts } from '../content/districts.ts';
import { loadPlaces } from '../content/places.ts';
import { isPublicOpenData } from '../middleware/security-headers.ts';
import type { PolygonGeometry } from './geo.ts';
import {
  CSV_HEADER,
  offlineMapStyle,
  placesCsv,
  placesGeoJson,
  placesHsds,
  placesIcal,
  toKatakana,
} from './open-data.ts';

const places = loadPlaces();
const districts = loadDistricts();
const ORIGIN = 'https://sasaeai.example.jp';

describe('CSV (公共施設一覧 layout)', () => {
  const csv = placesCsv(places, districts, ORIGIN);

  it('starts with a UTF-8 BOM and the documented header, one CRLF row per place', () => {
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[0]).toBe(
      '都道府県コード又は市区町村コード,NO,都道府県名,市区町村名,名称,名称_カナ,名称_通称,POIコード,住所,方書,緯度,経度,電話番号,内線番号,法人番号,団体名,利用可能曜日,開始時間,終了時間,利用可能日時特記事項,説明,バリアフリー情報,URL,備考',
    );
    expect(lines).toHaveLength(places.length + 1);
  });

  it('fills the columns from the place', () => {
    const row = csv.split('\r\n').find((line) => line.includes('三芳公民館'))!;
    expect(row).toContain('442046,');
    expect(row).toContain('大分県,日田市,三芳公民館,ミヨシコウミンカン');
    expect(row).toContain('大分県日田市下井手町989番地,,33.307337,130.945261,0973-22-1491');
    expect(row).toContain(`${ORIGIN}/places/miyoshi-kominkan`);
    const sample = csv.split('\r\n').find((line) => line.includes('いきいきサロン田島'))!;
    expect(sample).toContain(',火,10:00,12:00,');
    expect(sample).toContain('サンプル（架空・未確認のデータ）');
    expect(toKatakana('びっぐかあちゃんち')).toBe('ビッグカアチャンチ');
  });
});

describe('GeoJSON and HSDS', () => {
  it('has one point feature per place with [lng, lat] and the credit', () => {
    const geo = placesGeoJson(places, ORIGIN);
    expect(geo.features).toHaveLength(places.length);
    expect(geo.attribution).toContain('Geolonia');
    const miyoshi = geo.features.find((f) => f.id === 'miyoshi-kominkan')!;
    expect(miyoshi.geometry.coordinates).toEqual([130.945261, 33.307337]);
    expect(miyoshi.properties.sample).toBe(false);
  });

  it('splits each rule into HSDS schedule fields', () => {
    const hsds = placesHsds(places, ORIGIN);
    const keirin = hsds.locations.find((l) => l.id === 'sample-keirin-salon')!;
    expect(keirin.schedules[0]).toMatchObject({ freq: 'MONTHLY', byday: '2TU', opens_at: '10:00', closes_at: '12:00' });
    const weekly = hsds.locations.find((l) => l.id === 'sample-higashiarita-kayoinoba')!;
    expect(weekly.schedules[0]).toMatchObject({ freq: 'WEEKLY', interval: 1, byday: 'TU,FR' });
    const miyoshi = hsds.locations.find((l) => l.id === 'miyoshi-kominkan')!;
    expect(miyoshi.addresses[0]).toMatchObject({ postal_code: '877-0038', country: 'JP' });
  });
});

describe('iCalendar', () => {
  const now = new Date('2026-11-28T00:00:00+09:00');

  it('writes a recurring event in Asia/Tokyo starting on the first real occurrence, with holidays excluded', () => {
    const keirin = places.filter((p) => p.id === 'sample-keirin-salon');
    const ics = placesIcal(keirin, ORIGIN, now).replace(/\r\n /g, '');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo');
    // startDate 2026-04-01 is a Wednesday: the first 2nd Tuesday is 2026-04-14.
    expect(ics).toContain('DTSTART;TZID=Asia/Tokyo:20260414T100000');
    expect(ics).toContain('DTEND;TZID=Asia/Tokyo:20260414T120000');
    expect(ics).toContain('RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2');
    // 2026-08-11 (山の日) is the 2nd Tuesday of August 2026.
    expect(ics).toMatch(/EXDATE;TZID=Asia\/Tokyo:[^\r]*20260811T100000/);
    expect(ics).toContain(`URL;VALUE=URI:${ORIGIN}/places/sample-keirin-salon`);
  });

  it('covers every scheduled place in the all-places feed', () => {
    const ics = placesIcal(places, ORIGIN, now);
    const schedules = places.reduce((n, p) => n + p.schedule.length, 0);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(schedules);
  });
});

describe('offline map style and open-data paths', () => {
  it('has the city and 地区 but no glyphs, sprite or symbol layers', () => {
    const boundary = JSON.parse(fs.readFileSync('public/data/hita-boundary.geojson', 'utf8')) as {
      features: { geometry: PolygonGeometry }[];
    };
    const style = offlineMapStyle(boundary, districts);
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(style.layers.every((layer) => (layer.type as string) !== 'symbol')).toBe(true);
    expect(JSON.stringify(style.sources)).not.toMatch(/https?:\/\//);
  });

  it('marks only the open-data files as readable from any origin', () => {
    for (const path of [
      '/places.csv',
      '/places.geojson',
      '/places.hsds.json',
      '/places.ics',
      '/places/miyoshi-kominkan.ics',
    ]) {
      expect(isPublicOpenData(path), path).toBe(true);
    }
    for (const path of ['/places', '/places/miyoshi-kominkan', '/api/places', '/places.csv/x', '/other.csv']) {
      expect(isPublicOpenData(path), path).toBe(false);
    }
  });
});
