/**
 * Gathering places (集いの場) from content/places/*.json: the one zod schema, loading with
 * cross-checks against the 地区, and the DB mirror (`places` + `place_schedules`) that lets SQL
 * filter, join and page. Content stays the source of truth; the Astro collection reuses this
 * loader (src/collections/places.ts), so there is no second schema to drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import type { Db } from '../db/client.ts';
import { describeSchedule } from '../places/schedule-text.ts';
import { isSupportedRule, isTime, weekdayMask } from '../places/schedule.ts';
import { AREAS, type District, loadDistricts } from './districts.ts';

/** The kinds of place (a shared taxonomy; order = bit order in `kind_mask`). */
export const PLACE_KINDS = [
  'kominkan',
  'salon',
  'kayoinoba',
  'kodomo-shokudo',
  'ibasho',
  'rojin-center',
  'fukushi-center',
  'hinanjo',
] as const;
/** A kind of place. */
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Kinds every 地区 is expected to have; a 地区 without one shows it as a coverage gap. */
export const CORE_KINDS: readonly PlaceKind[] = ['kominkan', 'salon', 'kayoinoba', 'kodomo-shokudo', 'ibasho'];

/** Accessibility features a place can be filtered on. */
export const ACCESS_FEATURES = ['wheelchair', 'parking', 'toilet', 'bus'] as const;
/** An accessibility feature. */
export type AccessFeature = (typeof ACCESS_FEATURES)[number];

/** Fields of a real place that may hold unconfirmed (sample) values. */
export const SAMPLE_FIELD_NAMES = [
  'location',
  'district',
  'address',
  'contact',
  'schedule',
  'hours',
  'fee',
  'accessibility',
] as const;

/** Path segments under /places that are pages, so no place may use them as its id. */
export const RESERVED_PLACE_IDS = ['map', 'districts', 'print', 'open-data'] as const;

/** Sample phone numbers must stay in the fictional range 0973-00-0000…0973-00-9999. */
export const SAMPLE_PHONE = /^0973-00-\d{4}$/;

const localized = z.object({ ja: z.string().min(1), en: z.string().min(1) });
const phone = z.string().regex(/^0\d{1,4}-\d{1,4}-\d{4}$/, 'a phone number like 0973-22-1491');

/** One recurring activity. */
export const scheduleSchema = z
  .object({
    activity: localized,
    rrule: z.string().refine(isSupportedRule, 'a supported RRULE (weekly, monthly nth weekday, or day of month)'),
    start: z.string().refine(isTime, 'a time HH:MM'),
    end: z.string().refine(isTime, 'a time HH:MM'),
    skipHolidays: z.boolean(),
    startDate: z.iso.date(),
    endDate: z.iso.date().optional(),
  })
  .refine((s) => s.start < s.end, { message: 'end must be after start', path: ['end'] });

/** One place as stored in content/places/<id>.json. */
export const placeSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .refine((id) => !(RESERVED_PLACE_IDS as readonly string[]).includes(id), 'not a reserved page name'),
    name: localized,
    reading: z.string().regex(/^[\p{Script=Hiragana}ー]+$/u, 'hiragana'),
    kinds: z.array(z.enum(PLACE_KINDS)).min(1),
    district: z.string().min(1),
    area: z.enum(AREAS),
    address: localized.nullable(),
    postalCode: z
      .string()
      .regex(/^\d{3}-\d{4}$/)
      .nullable(),
    /** `[lng, lat]` (WGS84). */
    location: z.tuple([z.number().min(122).max(154), z.number().min(20).max(46)]),
    precision: z.enum(['exact', 'town']),
    locationTown: z.string().min(1).nullable(),
    schedule: z.array(scheduleSchema),
    hours: localized.nullable(),
    fee: localized.nullable(),
    accessibility: z.object({
      wheelchair: z.boolean().nullable(),
      parking: z.boolean().nullable(),
      toilet: z.boolean().nullable(),
      busStop: localized.nullable(),
    }),
    contact: z.object({ phone: phone.nullable(), fax: phone.nullable(), url: z.url().nullable() }),
    description: localized,
    notes: localized.nullable(),
    source: z.url().nullable(),
    checkedOn: z.iso.date(),
    sample: z.boolean(),
    sampleFields: z.array(z.enum(SAMPLE_FIELD_NAMES)),
  })
  .superRefine((place, ctx) => {
    if (place.sample && place.sampleFields.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['sampleFields'], message: 'must be [] when the whole record is sample' });
    }
    if (!place.sample && place.source === null) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'a real place needs a source' });
    }
    const sampleContact = place.sample || place.sampleFields.includes('contact');
    for (const field of ['phone', 'fax'] as const) {
      const value = place.contact[field];
      if (sampleContact && value !== null && !SAMPLE_PHONE.test(value)) {
        ctx.addIssue({
          code: 'custom',
          path: ['contact', field],
          message: 'sample numbers must be in the fictional range 0973-00-0000…0973-00-9999',
        });
      }
      if (!sampleContact && value !== null && SAMPLE_PHONE.test(value)) {
        ctx.addIssue({ code: 'custom', path: ['contact', field], message: 'a fictional number on a real place' });
      }
    }
  });

/** A place. */
export type Place = z.infer<typeof placeSchema>;
/** A schedule of a place. */
export type PlaceSchedule = Place['schedule'][number];

/** The folder of place files. */
export const placesDir = (root: string = projectRoot) => path.join(root, 'content', 'places');

/** A content error naming the file and the problem. */
export class PlaceContentError extends Error {
  override name = 'PlaceContentError';
}

/**
 * Read and validate every place file, cross-checked against the districts: the id equals the
 * file name, ids are unique, the district exists and the area is the district's area.
 * Places come back ordered by district order, then reading.
 */
export function loadPlaces(root: string = projectRoot, districts: District[] = loadDistricts(root)): Place[] {
  const dir = placesDir(root);
  const byId = new Map(districts.map((district) => [district.id, district]));
  const places = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = placeSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new PlaceContentError(`content/places/${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
      }
      const place = parsed.data;
      if (`${place.id}.json` !== file) throw new PlaceContentError(`content/places/${file}: id must be the file name`);
      const district = byId.get(place.district);
      if (!district) throw new PlaceContentError(`content/places/${file}: unknown district ${place.district}`);
      if (district.area !== place.area) {
        throw new PlaceContentError(`content/places/${file}: area must be ${district.area} (the district's area)`);
      }
      return place;
    });
  const order = new Map(districts.map((district) => [district.id, district.order]));
  return places.sort(
    (a, b) => (order.get(a.district) ?? 0) - (order.get(b.district) ?? 0) || a.reading.localeCompare(b.reading, 'ja'),
  );
}

/** Bit mask of kinds (bit i = PLACE_KINDS[i]). */
export function kindMask(kinds: readonly PlaceKind[]): number {
  return kinds.reduce((mask, kind) => mask | (1 << PLACE_KINDS.indexOf(kind)), 0);
}

const flag = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

/** The schedule as stored for the API (`schedule_json`): the rule plus its text in ja and en. */
function scheduleJson(place: Place): string {
  return JSON.stringify(
    place.schedule.map((s) => ({
      activity: s.activity,
      rrule: s.rrule,
      start: s.start,
      end: s.end,
      skipHolidays: s.skipHolidays,
      startDate: s.startDate,
      endDate: s.endDate ?? null,
      text: { ja: describeSchedule(s, 'ja'), en: describeSchedule(s, 'en') },
    })),
  );
}

const UPSERT_PLACE = `INSERT INTO places (id, sort_order, name_ja, name_en, reading, kinds, kind_mask, district_id, area,
    address_ja, address_en, postal_code, lng, lat, precision, wheelchair, parking, toilet, bus_stop_ja, bus_stop_en,
    bus, phone, fax, url, weekday_mask, schedule_json, sample, sample_fields, source, checked_on)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET sort_order = excluded.sort_order, name_ja = excluded.name_ja,
    name_en = excluded.name_en, reading = excluded.reading, kinds = excluded.kinds, kind_mask = excluded.kind_mask,
    district_id = excluded.district_id, area = excluded.area, address_ja = excluded.address_ja,
    address_en = excluded.address_en, postal_code = excluded.postal_code, lng = excluded.lng, lat = excluded.lat,
    precision = excluded.precision, wheelchair = excluded.wheelchair, parking = excluded.parking,
    toilet = excluded.toilet, bus_stop_ja = excluded.bus_stop_ja, bus_stop_en = excluded.bus_stop_en, bus = excluded.bus,
    phone = excluded.phone, fax = excluded.fax, url = excluded.url, weekday_mask = excluded.weekday_mask,
    schedule_json = excluded.schedule_json, sample = excluded.sample, sample_fields = excluded.sample_fields,
    source = excluded.source, checked_on = excluded.checked_on`;

/**
 * Make the `places` and `place_schedules` tables match the content (one transaction): upsert
 * every place, replace its schedules, and delete places no longer in content. Upserting keeps
 * rows that other tables may reference stable.
 */
export function syncPlaces(db: Db, places: Place[]): void {
  db.transaction(() => {
    places.forEach((p, index) => {
      const mask = p.schedule.reduce((m, s) => m | weekdayMask(s.rrule), 0);
      db.run(UPSERT_PLACE, [
        p.id,
        index + 1,
        p.name.ja,
        p.name.en,
        p.reading,
        JSON.stringify(p.kinds),
        kindMask(p.kinds),
        p.district,
        p.area,
        p.address?.ja ?? null,
        p.address?.en ?? null,
        p.postalCode,
        p.location[0],
        p.location[1],
        p.precision,
        flag(p.accessibility.wheelchair),
        flag(p.accessibility.parking),
        flag(p.accessibility.toilet),
        p.accessibility.busStop?.ja ?? null,
        p.accessibility.busStop?.en ?? null,
        p.accessibility.busStop ? 1 : 0,
        p.contact.phone,
        p.contact.fax,
        p.contact.url,
        mask,
        scheduleJson(p),
        p.sample ? 1 : 0,
        JSON.stringify(p.sampleFields),
        p.source,
        p.checkedOn,
      ]);
      db.run('DELETE FROM place_schedules WHERE place_id = ?', [p.id]);
      p.schedule.forEach((s, position) => {
        db.run(
          `INSERT INTO place_schedules (place_id, position, activity_ja, activity_en, rrule, start_time, end_time,
             skip_holidays, start_date, end_date, weekday_mask)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            p.id,
            position,
            s.activity.ja,
            s.activity.en,
            s.rrule,
            s.start,
            s.end,
            s.skipHolidays ? 1 : 0,
            s.startDate,
            s.endDate ?? null,
            weekdayMask(s.rrule),
          ],
        );
      });
    });
    const ids = JSON.stringify(places.map((p) => p.id));
    db.run('DELETE FROM places WHERE id NOT IN (SELECT value FROM json_each(?))', [ids]);
  });
}
