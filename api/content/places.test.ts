/**
 * The places content: valid, inside the city, honest about samples, and mirrored into the DB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/client.ts';
import { type PolygonGeometry, pointInPolygon } from '../places/geo.ts';
import { loadDistricts, syncDistricts } from './districts.ts';
import { CORE_KINDS, loadPlaces, PLACE_KINDS, placeSchema, SAMPLE_PHONE, syncPlaces } from './places.ts';

const districts = loadDistricts();
const places = loadPlaces();
const boundaryFile = path.join('public', 'data', 'hita-boundary.geojson');
const boundary = JSON.parse(fs.readFileSync(boundaryFile, 'utf8')) as {
  features: { geometry: PolygonGeometry; properties: Record<string, unknown> }[];
};
const city = boundary.features[0]!.geometry;

describe('places content', () => {
  it('has at least 30 places covering all 20 地区, and every real 公民館 with an official address', () => {
    expect(places.length).toBeGreaterThanOrEqual(30);
    expect(new Set(places.map((p) => p.district))).toEqual(new Set(districts.map((d) => d.id)));
    const withAddress = places.filter((p) => p.kinds.includes('kominkan') && !p.sample && p.address);
    expect(withAddress.map((p) => p.name.ja).sort()).toEqual(
      ['三芳公民館', '三花公民館', '前津江公民館', '大山公民館', '大鶴公民館', '天瀬公民館'].sort(),
    );
    // The 16 district halls confirmed by a source, plus 中央公民館.
    expect(places.filter((p) => p.kinds.includes('kominkan') && !p.sample)).toHaveLength(17);
  });

  it('puts every place and every 地区 point inside the city boundary (point in polygon)', () => {
    expect(boundary.features[0]!.properties.N03_007).toBe('44204');
    const outside = [
      ...places.filter((p) => !pointInPolygon(p.location, city)).map((p) => p.id),
      ...districts.filter((d) => !pointInPolygon(d.point, city)).map((d) => d.id),
    ];
    expect(outside).toEqual([]);
    // The check itself works: Oita city hall and Fukuoka are outside.
    expect(pointInPolygon([131.6126, 33.2382], city)).toBe(false);
    expect(pointInPolygon([130.4017, 33.5902], city)).toBe(false);
  });

  it('uses the shared boundary file unchanged', () => {
    const shared = path.join('..', 'shared', 'data', 'hita-boundary.geojson');
    const fromWork = '/work/shared/data/hita-boundary.geojson';
    const original = [shared, fromWork].find((file) => fs.existsSync(file));
    if (!original) return; // shared/ is not beside this checkout
    expect(fs.readFileSync(boundaryFile, 'utf8')).toBe(fs.readFileSync(original, 'utf8'));
  });

  it('uses town points with precision "town" and names the town', () => {
    for (const place of places) {
      if (place.precision === 'town') expect(place.locationTown, place.id).not.toBeNull();
    }
  });

  it('marks samples honestly: fictional phone numbers only, no source needed, never a real number', () => {
    for (const place of places) {
      if (place.sample) {
        for (const number of [place.contact.phone, place.contact.fax]) {
          if (number) expect(number, place.id).toMatch(SAMPLE_PHONE);
        }
        expect(place.sampleFields).toEqual([]);
      } else {
        expect(place.source, place.id).toMatch(/^https?:\/\//);
      }
    }
  });

  it('has at least one 地区 without a 子ども食堂 (coverage gaps are real) and uses only known kinds', () => {
    const withCafeteria = new Set(places.filter((p) => p.kinds.includes('kodomo-shokudo')).map((p) => p.district));
    expect(withCafeteria.size).toBeLessThan(districts.length);
    expect(CORE_KINDS.every((kind) => PLACE_KINDS.includes(kind))).toBe(true);
  });

  it('rejects a sample place with a real-looking phone number and a real place without a source', () => {
    const base = places.find((p) => p.sample)!;
    expect(placeSchema.safeParse({ ...base, contact: { ...base.contact, phone: '0973-22-1491' } }).success).toBe(false);
    const real = places.find((p) => !p.sample)!;
    expect(placeSchema.safeParse({ ...real, source: null }).success).toBe(false);
    expect(placeSchema.safeParse({ ...real, id: 'map' }).success).toBe(false);
    expect(
      placeSchema.safeParse({ ...base, schedule: [{ ...base.schedule[0], rrule: 'FREQ=YEARLY;BYMONTH=1' }] }).success,
    ).toBe(false);
  });
});

describe('the DB mirror', () => {
  it('mirrors places and schedules, updates in place and removes places gone from content', () => {
    const db = openDatabase({ url: ':memory:', authToken: undefined, syncUrl: undefined });
    migrate(db);
    syncDistricts(db, districts);
    syncPlaces(db, places);
    const scheduleCount = places.reduce((n, p) => n + p.schedule.length, 0);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM places')?.n).toBe(places.length);
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM place_schedules')?.n).toBe(scheduleCount);
    const row = db.get<{ schedule_json: string; kinds: string; sample: number }>(
      'SELECT schedule_json, kinds, sample FROM places WHERE id = ?',
      ['sample-keirin-salon'],
    );
    expect(JSON.parse(row!.kinds)).toEqual(['salon']);
    expect((JSON.parse(row!.schedule_json) as { text: { ja: string } }[])[0]?.text.ja).toBe(
      '毎月第2火曜 10:00〜12:00（祝日は休み）',
    );
    // A second sync with one place fewer: rows are updated, the missing one is removed.
    syncPlaces(db, places.slice(1));
    expect(db.get<{ n: number }>('SELECT count(*) AS n FROM places')?.n).toBe(places.length - 1);
    expect(db.get('SELECT 1 FROM places WHERE id = ?', [places[0]!.id])).toBeUndefined();
    // The districts can be re-synced while places exist (no foreign key in the way).
    syncDistricts(db, districts);
    db.close();
  });
});
