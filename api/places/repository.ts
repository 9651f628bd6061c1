/**
 * SQL for places (read-only mirror of content). The list query builds the whole JSON response
 * inside SQLite (json_object / json_group_array), so the route sends the text as it comes: one
 * round trip, no per-row work in JavaScript. Only the filters that are set reach the WHERE
 * clause, always as bound parameters.
 */
import { PLACE_KINDS } from '../content/places.ts';
import type { Db, SqlValue } from '../db/client.ts';
import { bboxAround } from './geo.ts';
import type { PlaceFilters } from './schema.ts';
import { WEEKDAYS } from './schedule.ts';

/** Metres per degree of latitude (mean Earth radius 6,371,008.8 m). */
const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/**
 * Distance in metres from the bound point (?lat, ?lng, ?cos(lat)) to the row: the equirectangular
 * approximation, which needs no trigonometry per row and differs from the great-circle distance
 * by far less than a metre at the scale of one city (tests compare it with the haversine).
 */
const DISTANCE_SQL = `(${METRES_PER_DEGREE} * sqrt(power(lat - ?, 2) + power((lng - ?) * ?, 2)))`;

/** The parameters of DISTANCE_SQL for a centre point. */
const distanceParams = (near: { lat: number; lng: number }): SqlValue[] => [
  near.lat,
  near.lng,
  Math.cos((near.lat * Math.PI) / 180),
];

const bool = (column: string) => `CASE ${column} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END`;
const localized = (ja: string, en: string) =>
  `CASE WHEN ${ja} IS NULL THEN NULL ELSE json_object('ja', ${ja}, 'en', ${en}) END`;

/** One place as a JSON object (the API's Place schema); `distance` is an SQL expression or NULL. */
const placeJson = (distance: string) => `json_object(
  'id', id, 'name', json_object('ja', name_ja, 'en', name_en), 'reading', reading, 'kinds', json(kinds),
  'district', district_id, 'area', area, 'address', ${localized('address_ja', 'address_en')},
  'postalCode', postal_code, 'location', json_array(lng, lat), 'precision', precision,
  'accessibility', json_object('wheelchair', ${bool('wheelchair')}, 'parking', ${bool('parking')},
    'toilet', ${bool('toilet')}, 'busStop', ${localized('bus_stop_ja', 'bus_stop_en')}),
  'contact', json_object('phone', phone, 'fax', fax, 'url', url), 'schedule', json(schedule_json),
  'sample', ${bool('sample')}, 'sampleFields', json(sample_fields), 'source', source, 'checkedOn', checked_on,
  'page', '/places/' || id, 'distanceM', ${distance})`;

/** The WHERE clause and its parameters for a set of filters (without paging). */
export function whereClause(filters: PlaceFilters): { where: string; params: SqlValue[] } {
  const conditions: string[] = [];
  const params: SqlValue[] = [];
  if (filters.kind) {
    conditions.push('kind_mask & ? != 0');
    params.push(1 << PLACE_KINDS.indexOf(filters.kind));
  }
  if (filters.district) {
    conditions.push('district_id = ?');
    params.push(filters.district);
  }
  if (filters.area) {
    conditions.push('area = ?');
    params.push(filters.area);
  }
  if (filters.weekday) {
    conditions.push('weekday_mask & ? != 0');
    params.push(1 << WEEKDAYS.indexOf(filters.weekday));
  }
  for (const feature of filters.access) {
    conditions.push(`${feature} = 1`);
  }
  if (filters.sample !== 'include') conditions.push(filters.sample === 'only' ? 'sample = 1' : 'sample = 0');
  const boxes = [
    filters.bbox,
    filters.near ? bboxAround([filters.near.lng, filters.near.lat], filters.near.radius) : undefined,
  ];
  for (const box of boxes) {
    if (!box) continue;
    conditions.push('lat BETWEEN ? AND ? AND lng BETWEEN ? AND ?');
    params.push(box[1], box[3], box[0], box[2]);
  }
  if (filters.near) {
    conditions.push(`${DISTANCE_SQL} <= ?`);
    params.push(...distanceParams(filters.near), filters.near.radius);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * The list query (whole JSON body in one column `body`) and its parameters. The page of rows is
 * chosen from the covering indexes first (rowid, order key, distance), and only those rows are
 * read in full and turned into JSON; the count reads the indexes only.
 */
export function listPlacesQuery(filters: PlaceFilters): { sql: string; params: SqlValue[] } {
  const { where, params } = whereClause(filters);
  const near = filters.near;
  const pointParams: SqlValue[] = near ? distanceParams(near) : [];
  const sql = `SELECT json_object(
      'items', (SELECT json_group_array(json(item)) FROM (
        SELECT ${placeJson(near ? 'round(page.dist)' : 'NULL')} AS item
        FROM (SELECT rowid AS rid, sort_order AS so, ${near ? DISTANCE_SQL : 'NULL'} AS dist FROM places ${where}
              ORDER BY ${near ? 'dist, ' : ''}sort_order LIMIT ? OFFSET ?) AS page
        JOIN places ON places.rowid = page.rid
        ORDER BY ${near ? 'page.dist, ' : ''}page.so)),
      'total', (SELECT count(*) FROM places ${where}),
      'limit', ?, 'offset', ?) AS body`;
  return {
    sql,
    params: [...pointParams, ...params, filters.limit, filters.offset, ...params, filters.limit, filters.offset],
  };
}

/** The list response as JSON text. */
export function listPlacesJson(db: Db, filters: PlaceFilters): string {
  const { sql, params } = listPlacesQuery(filters);
  return db.get<{ body: string }>(sql, params)?.body ?? '{"items":[],"total":0}';
}

/** One place as JSON text, or undefined. */
export function getPlaceJson(db: Db, id: string): string | undefined {
  return db.get<{ body: string }>(`SELECT ${placeJson('NULL')} AS body FROM places WHERE id = ?`, [id])?.body;
}

/** Ids of the places matching the filters in list order, and the total (for the list page). */
export function findPlaceIds(db: Db, filters: PlaceFilters): { ids: string[]; total: number } {
  const { where, params } = whereClause(filters);
  const near = filters.near;
  const order = near ? `${DISTANCE_SQL}, sort_order` : 'sort_order';
  const orderParams: SqlValue[] = near ? distanceParams(near) : [];
  const ids = db
    .all<{ id: string }>(`SELECT id FROM places ${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [
      ...params,
      ...orderParams,
      filters.limit,
      filters.offset,
    ])
    .map((row) => row.id);
  const total = db.get<{ n: number }>(`SELECT count(*) AS n FROM places ${where}`, params)?.n ?? 0;
  return { ids, total };
}
