/**
 * zod schemas of the places API: the list query (shared with the on-demand list page, so the
 * page and the API filter the same way) and the response shapes for the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';
import { AREAS } from '../content/districts.ts';
import { ACCESS_FEATURES, type AccessFeature, PLACE_KINDS, type PlaceKind } from '../content/places.ts';
import type { BBox } from './geo.ts';
import { WEEKDAYS, type Weekday } from './schedule.ts';

/** Weekday values in URLs (lower case RFC 5545 codes). */
export const WEEKDAY_PARAMS = WEEKDAYS.map((day) => day.toLowerCase()) as Lowercase<Weekday>[];
/** Which records to include with respect to samples. */
export const SAMPLE_MODES = ['include', 'exclude', 'only'] as const;

const number = String.raw`-?\d{1,3}(?:\.\d{1,10})?`;
const accessList = new RegExp(`^(?:${ACCESS_FEATURES.join('|')})(?:,(?:${ACCESS_FEATURES.join('|')})){0,3}$`);

/** Filters of the place list, after validation. */
export interface PlaceFilters {
  kind?: PlaceKind | undefined;
  district?: string | undefined;
  area?: (typeof AREAS)[number] | undefined;
  weekday?: Weekday | undefined;
  access: AccessFeature[];
  sample: (typeof SAMPLE_MODES)[number];
  bbox?: BBox | undefined;
  near?: { lng: number; lat: number; radius: number } | undefined;
  limit: number;
  offset: number;
}

/** The query of GET /api/places (all optional). */
export const PlaceListQuery = z.object({
  kind: z.enum(PLACE_KINDS).optional().openapi({ description: 'Only places of this kind' }),
  district: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,40}$/)
    .optional()
    .openapi({ description: '地区 id, e.g. `mihana` (see GET /api/districts)' }),
  area: z.enum(AREAS).optional().openapi({ description: 'Only places in this area' }),
  weekday: z
    .enum(WEEKDAY_PARAMS as [string, ...string[]])
    .optional()
    .openapi({ description: 'Only places with a gathering on this weekday (mo … su)' }),
  access: z
    .string()
    .regex(accessList)
    .optional()
    .openapi({ description: 'Comma-separated features all required: wheelchair, parking, toilet, bus' }),
  sample: z
    .enum(SAMPLE_MODES)
    .default('include')
    .openapi({ description: 'Sample (unconfirmed) records: include (default), exclude, or only' }),
  bbox: z
    .string()
    .regex(new RegExp(`^${number},${number},${number},${number}$`))
    .refine((value) => {
      const [minLng, minLat, maxLng, maxLat] = value.split(',').map(Number) as [number, number, number, number];
      return minLng <= maxLng && minLat <= maxLat && minLng >= -180 && maxLng <= 180 && minLat >= -90 && maxLat <= 90;
    }, 'minLng,minLat,maxLng,maxLat with min ≤ max')
    .optional()
    .openapi({ description: 'Bounding box `minLng,minLat,maxLng,maxLat` (WGS84)', example: '130.9,33.3,131.0,33.4' }),
  near: z
    .string()
    .regex(new RegExp(`^${number},${number}$`))
    .refine((value) => {
      const [lat, lng] = value.split(',').map(Number) as [number, number];
      return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
    }, 'lat,lng within range')
    .optional()
    .openapi({
      description: 'Sort by distance from `lat,lng` and keep places within `radius`',
      example: '33.32,130.94',
    }),
  radius: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(5000)
    .openapi({ description: 'Radius in metres for `near` (default 5000, max 100000)' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Page size (1–100)' }),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({ description: 'Rows to skip' }),
});

/** Turn the validated query into filters. */
export function toFilters(query: z.infer<typeof PlaceListQuery>): PlaceFilters {
  const bbox = query.bbox?.split(',').map(Number) as BBox | undefined;
  const near = query.near?.split(',').map(Number) as [number, number] | undefined;
  return {
    kind: query.kind,
    district: query.district,
    area: query.area,
    weekday: query.weekday ? (query.weekday.toUpperCase() as Weekday) : undefined,
    access: query.access ? ([...new Set(query.access.split(','))] as AccessFeature[]) : [],
    sample: query.sample,
    bbox,
    near: near ? { lat: near[0], lng: near[1], radius: query.radius } : undefined,
    limit: query.limit,
    offset: query.offset,
  };
}

const Localized = z.object({ ja: z.string(), en: z.string() });

/** A schedule as the API returns it. */
export const ScheduleSchema = z
  .object({
    activity: Localized,
    rrule: z.string().openapi({ example: 'FREQ=MONTHLY;BYDAY=+2TU' }),
    start: z.string().openapi({ example: '10:00' }),
    end: z.string().openapi({ example: '12:00' }),
    skipHolidays: z.boolean(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    text: Localized.openapi({
      example: { ja: '毎月第2火曜 10:00〜12:00', en: '2nd Tuesday of every month, 10:00–12:00' },
    }),
  })
  .openapi('PlaceSchedule');

/** A place as the API returns it. */
export const PlaceSchema = z
  .object({
    id: z.string(),
    name: Localized,
    reading: z.string(),
    kinds: z.array(z.enum(PLACE_KINDS)),
    district: z.string(),
    area: z.enum(AREAS),
    address: Localized.nullable(),
    postalCode: z.string().nullable(),
    location: z.tuple([z.number(), z.number()]).openapi({ description: '[lng, lat] (WGS84)' }),
    precision: z.enum(['exact', 'town']).openapi({ description: '`town` = approximate (a town point)' }),
    accessibility: z.object({
      wheelchair: z.boolean().nullable(),
      parking: z.boolean().nullable(),
      toilet: z.boolean().nullable(),
      busStop: Localized.nullable(),
    }),
    contact: z.object({ phone: z.string().nullable(), fax: z.string().nullable(), url: z.string().nullable() }),
    schedule: z.array(ScheduleSchema),
    sample: z.boolean().openapi({ description: 'true = the whole record is sample (unconfirmed)' }),
    sampleFields: z.array(z.string()).openapi({ description: 'fields of a real place that hold sample values' }),
    source: z.string().nullable(),
    checkedOn: z.string(),
    page: z.string().openapi({ description: 'Path of the place page on this site' }),
    distanceM: z.number().nullable().openapi({ description: 'Distance in metres from `near` (else null)' }),
  })
  .openapi('Place');

/** The list response. */
export const PlaceListSchema = z
  .object({ items: z.array(PlaceSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .openapi('PlaceList');

const SEARCH_KEYS = [
  'kind',
  'district',
  'area',
  'weekday',
  'sample',
  'bbox',
  'near',
  'radius',
  'limit',
  'offset',
] as const;

/**
 * Filters from a page's query string (the no-JS filter form). Unlike the API, invalid values are
 * dropped instead of rejected, so a hand-edited link still shows a list; `access` may repeat
 * (one checkbox each).
 */
export function filtersFromSearch(
  search: URLSearchParams,
  overrides: { limit?: number; offset?: number } = {},
): PlaceFilters {
  const shape = PlaceListQuery.shape;
  const raw: Record<string, string> = {};
  for (const key of SEARCH_KEYS) {
    const value = search.get(key);
    if (value && shape[key].safeParse(value).success) raw[key] = value;
  }
  const access = search
    .getAll('access')
    .flatMap((value) => value.split(','))
    .filter((value): value is AccessFeature => (ACCESS_FEATURES as readonly string[]).includes(value));
  if (access.length > 0) raw.access = [...new Set(access)].join(',');
  const filters = toFilters(PlaceListQuery.parse(raw));
  return { ...filters, ...overrides };
}
